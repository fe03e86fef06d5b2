/*
 * Shortest job first (SJF) and shortest remaining time first (SRTF), on predicted CPU bursts.
 *
 * A CPU burst is the CPU time a process uses from the moment it becomes READY until it blocks,
 * yields or ends. Running the READY process with the shortest next burst minimises the average
 * waiting time — but the next burst is not known in advance, so it is predicted from the past by
 * exponential averaging:
 *
 *     τ(n+1) = α · t(n) + (1 − α) · τ(n)
 *
 * where t(n) is the length of the burst that just ended and τ(n) was its prediction. α (sjfAlpha)
 * weighs recent against older history: 1 trusts only the last burst, 0 never learns; with
 * 0 < α < 1 the prediction converges on a program whose bursts are steady. A process that has
 * finished no burst yet is predicted `sjfInitial` (by default the quantum).
 *
 * sjf is non-preemptive: the chosen process runs until its burst ends. srtf is preemptive: when a
 * process becomes READY whose predicted burst is shorter than what is predicted to remain of the
 * burst on the CPU, it takes the CPU. What remains is the prediction minus what the burst has run;
 * once a burst has outlived its prediction, the prediction was wrong, and this policy then expects
 * it to run as long again as it has so far (without that rule a CPU-bound job that overran its
 * first guess would look finished and could never be preempted). Ties go to the process that has
 * waited longest. Long CPU-bound bursts can starve while shorter ones keep coming.
 *
 * With no history every process is predicted the same first guess, so the first round goes in
 * arrival order: the policies learn, they do not know.
 */

import {sjfInitial, type PolicyParams} from './params.js';
import {stateEntries, statePids, stateRecord, UNTIL_BLOCKED, type Policy, type PolicyFactory} from './policy.js';
import type {SchedReason} from '../events.js';

/** What is kept about a process: its prediction for the current burst and what it has run of that burst. */
interface Burst {
	predicted: number;
	ran: number;
}

class ShortestJobFirst implements Policy {
	readonly sliced = false;
	readonly name: string;
	readonly alpha: number;
	readonly initial: number;
	/** READY pids in arrival order (ties go to the first). */
	readonly waiting: number[] = [];
	readonly bursts = new Map<number, Burst>();

	constructor(
		params: PolicyParams,
		readonly preemptive: boolean,
	) {
		this.name = preemptive ? 'srtf' : 'sjf';
		this.alpha = params.sjfAlpha;
		this.initial = sjfInitial(params);
	}

	private of(pid: number): Burst {
		let burst = this.bursts.get(pid);
		if (burst === undefined) {
			burst = {predicted: this.initial, ran: 0};
			this.bursts.set(pid, burst);
		}
		return burst;
	}

	/** What is predicted to remain of `pid`'s current burst; past its prediction, as long again as it has run. */
	private remaining(pid: number, running = 0): number {
		const {predicted, ran} = this.of(pid);
		const used = ran + running;
		return used < predicted ? predicted - used : used;
	}

	ready(pid: number): void {
		this.of(pid);
		this.waiting.push(pid);
	}

	remove(pid: number): void {
		const at = this.waiting.indexOf(pid);
		if (at >= 0) this.waiting.splice(at, 1);
	}

	pick(): number | null {
		const pid = this.queue()[0];
		if (pid === undefined) return null;
		this.remove(pid);
		return pid;
	}

	quantumFor(): number {
		return UNTIL_BLOCKED;
	}

	ran(pid: number, instructions: number, why: SchedReason): void {
		const burst = this.of(pid);
		burst.ran += instructions;
		if (why !== 'blocked' && why !== 'yield' && why !== 'exited') return;
		// The burst ended: learn from it.
		burst.predicted = this.alpha * burst.ran + (1 - this.alpha) * burst.predicted;
		burst.ran = 0;
	}

	preempts(current: number, running: number): boolean {
		if (!this.preemptive) return false;
		const left = this.remaining(current, running);
		return this.waiting.some(pid => this.remaining(pid) < left);
	}

	forget(pid: number): void {
		this.remove(pid);
		this.bursts.delete(pid);
	}

	queue(): readonly number[] {
		// A stable sort: among equal predictions, arrival order.
		return [...this.waiting].sort((a, b) => this.remaining(a) - this.remaining(b));
	}

	exportState(): unknown {
		return {waiting: [...this.waiting], bursts: [...this.bursts].map(([pid, b]) => [pid, {predicted: b.predicted, ran: b.ran}])};
	}

	importState(state: unknown): void {
		const s = stateRecord(state, ['waiting', 'bursts']);
		const waiting = statePids(s.waiting, 'waiting');
		const bursts = stateEntries(s.bursts, 'bursts', ['predicted', 'ran']);
		this.waiting.splice(0, this.waiting.length, ...waiting);
		this.bursts.clear();
		for (const [pid, b] of bursts) this.bursts.set(pid, {predicted: b.predicted, ran: b.ran});
	}

	state(pid: number): Readonly<Record<string, number>> {
		const burst = this.bursts.get(pid);
		return burst === undefined ? {} : {predictedBurst: Math.round(burst.predicted), burstSoFar: burst.ran};
	}
}

export const sjf: PolicyFactory = params => new ShortestJobFirst(params, false);
export const srtf: PolicyFactory = params => new ShortestJobFirst(params, true);
