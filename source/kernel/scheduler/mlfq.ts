/*
 * Multi-level feedback queue (MLFQ), the rules of Arpaci-Dusseau's "Operating Systems: Three Easy
 * Pieces" (chapter 8) and the knobs of its mlfq.py homework:
 *
 *   Rule 1  If A is on a higher level than B, A runs (B does not).
 *   Rule 2  Processes on the same level take turns (round robin), each for its level's time slice.
 *   Rule 3  A new process starts on the top level.
 *   Rule 4  Once a process has used up its allotment at a level — `mlfqAllotment` time slices of
 *           that level, counted across all its turns however often it blocked or yielded in
 *           between — it moves down one level. (The older rule, "stay if you give the CPU up before
 *           the slice ends", let a program game the scheduler by yielding just before; counting
 *           every instruction closes that hole.)
 *   Rule 5  Every `mlfqBoost` ticks, every process goes back to the top level with a fresh
 *           allotment, so CPU-bound processes on the bottom level cannot starve, and a process
 *           that turned interactive is treated as one again.
 *
 * Levels are numbered from 0 (top); `mlfqQuanta` gives each level's slice (by default the quantum
 * doubling at each level down: short slices for the interactive processes at the top, long ones
 * for the CPU-bound ones at the bottom). Rule 1 is preemptive: a process that becomes READY on a
 * higher level than the one on the CPU takes the CPU at once, and the one it displaced goes back
 * to the head of its level with the rest of its slice. At a boost the process on the CPU leaves it
 * too, and joins the back of the top level behind the ones that were waiting.
 *
 * The effect to watch: a process that blocks often (interactive) stays near the top and gets the
 * CPU quickly whenever it wakes, while CPU-bound processes sink and share what is left.
 */

import {mlfqQuanta, type PolicyParams} from './params.js';
import {PolicyStateError, stateEntries, stateNumber, statePids, stateRecord, type Policy, type PolicyContext, type PolicyFactory, type ReadyReason} from './policy.js';

/** What MLFQ keeps about a process: its level, what is left of its current slice and of its allotment there. */
interface Standing {
	level: number;
	sliceLeft: number;
	allotmentLeft: number;
}

class Mlfq implements Policy {
	readonly name = 'mlfq';
	readonly sliced = true;
	readonly quanta: readonly number[];
	readonly allotment: number;
	readonly boost: number;
	/** One FIFO of READY pids per level, top first. */
	readonly levels: number[][];
	/** Every process it has met, READY or not (a blocked process keeps its level). */
	readonly standing = new Map<number, Standing>();
	/** Tick of the next boost (null: no boosts). */
	private nextBoost: number | null;
	/** The process that was on the CPU at the last boost: it starts over at the back of the top level. */
	private boosted: number | null = null;

	constructor(params: PolicyParams, context: PolicyContext) {
		this.quanta = mlfqQuanta(params);
		this.allotment = params.mlfqAllotment;
		this.boost = params.mlfqBoost;
		this.levels = this.quanta.map(() => []);
		this.nextBoost = this.boost === 0 ? null : this.nextMultiple(context.now());
	}

	private nextMultiple(now: number): number {
		return (Math.floor(now / this.boost) + 1) * this.boost;
	}

	private fresh(level: number): Standing {
		return {level, sliceLeft: this.quanta[level], allotmentLeft: this.allotment};
	}

	private of(pid: number): Standing {
		let standing = this.standing.get(pid);
		if (standing === undefined) {
			standing = this.fresh(0);
			this.standing.set(pid, standing);
		}
		return standing;
	}

	ready(pid: number, why: ReadyReason): void {
		const {level} = this.of(pid);
		if (why === 'preempted' && this.boosted !== pid) this.levels[level].unshift(pid);
		else this.levels[level].push(pid);
		if (this.boosted === pid) this.boosted = null;
	}

	remove(pid: number): void {
		const standing = this.standing.get(pid);
		if (standing === undefined) return;
		const queue = this.levels[standing.level];
		const at = queue.indexOf(pid);
		if (at >= 0) queue.splice(at, 1);
	}

	pick(): number | null {
		for (const queue of this.levels) if (queue.length > 0) return queue.shift()!;
		return null;
	}

	quantumFor(pid: number): number {
		return this.of(pid).sliceLeft;
	}

	ran(pid: number, instructions: number): void {
		// A boost during this turn started the process over: what it ran before belongs to no level.
		if (this.boosted === pid) return;
		const standing = this.of(pid);
		standing.sliceLeft -= instructions;
		if (standing.sliceLeft > 0) return;
		standing.allotmentLeft--;
		if (standing.allotmentLeft > 0) {
			standing.sliceLeft = this.quanta[standing.level];
			return;
		}
		Object.assign(standing, this.fresh(Math.min(standing.level + 1, this.quanta.length - 1)));
	}

	preempts(current: number): boolean {
		const level = this.of(current).level;
		for (let above = 0; above < level; above++) if (this.levels[above].length > 0) return true;
		return false;
	}

	alarm(): number | null {
		return this.nextBoost;
	}

	ring(now: number, current: number | null): boolean {
		// The boost: every process to the top with a fresh allotment, the waiting ones in level order.
		const waiting = this.levels.flat();
		for (const queue of this.levels) queue.length = 0;
		this.levels[0].push(...waiting);
		for (const pid of this.standing.keys()) this.standing.set(pid, this.fresh(0));
		this.nextBoost = this.nextMultiple(now);
		this.boosted = current;
		return current !== null;
	}

	forget(pid: number): void {
		this.remove(pid);
		this.standing.delete(pid);
		if (this.boosted === pid) this.boosted = null;
	}

	queue(): readonly number[] {
		return this.levels.flat();
	}

	exportState(): unknown {
		return {
			levels: this.levels.map(queue => [...queue]),
			standing: [...this.standing].map(([pid, s]) => [pid, {level: s.level, sliceLeft: s.sliceLeft, allotmentLeft: s.allotmentLeft}]),
			nextBoost: this.nextBoost,
			boosted: this.boosted,
		};
	}

	importState(state: unknown): void {
		const s = stateRecord(state, ['levels', 'standing', 'nextBoost', 'boosted']);
		if (!Array.isArray(s.levels) || s.levels.length !== this.levels.length) throw new PolicyStateError('levels', `must be ${this.levels.length} queues (mlfqLevels)`);
		const levels = s.levels.map((queue, k) => statePids(queue, `levels[${k}]`));
		const standing = stateEntries(s.standing, 'standing', ['level', 'sliceLeft', 'allotmentLeft']);
		standing.forEach(([, st], k) => {
			if (!Number.isInteger(st.level) || st.level < 0 || st.level >= this.levels.length) throw new PolicyStateError(`standing[${k}].level`, `must be a level from 0 to ${this.levels.length - 1}`);
		});
		this.nextBoost = stateNumber(s.nextBoost, 'nextBoost', true);
		this.boosted = s.boosted === null ? null : statePids([s.boosted], 'boosted')[0];
		levels.forEach((queue, k) => this.levels[k].splice(0, this.levels[k].length, ...queue));
		this.standing.clear();
		for (const [pid, st] of standing) this.standing.set(pid, {level: st.level, sliceLeft: st.sliceLeft, allotmentLeft: st.allotmentLeft});
	}

	state(pid: number): Readonly<Record<string, number>> {
		const standing = this.standing.get(pid);
		if (standing === undefined) return {};
		const {level, sliceLeft, allotmentLeft} = standing;
		return {level, sliceLeft, allotmentLeft};
	}
}

export const mlfq: PolicyFactory = (params, context) => new Mlfq(params, context);
