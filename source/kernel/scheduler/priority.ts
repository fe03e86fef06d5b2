/*
 * Static priority with aging. Every process has a priority, its nice value: -20 runs first, 19
 * last, 0 by default (spawn's `priority`, kernel.setPriority — renice — at any time). The READY
 * process with the best priority runs, for one quantum; processes of equal priority take turns
 * (round robin among equals, the one waiting longest first). It is preemptive: when a process with
 * a better priority than the one on the CPU becomes READY (or is reniced), it takes the CPU at once,
 * and the one it displaced goes first among its equals when its turn comes back.
 *
 * Strict priority starves: while a better process is always READY, a worse one never runs. Aging
 * is the textbook cure: a READY process's effective priority improves by one level for every
 * `aging` ticks it has waited since it last ran (down to -20, where the longest waiter wins ties).
 * A process of priority p therefore waits at most about (p + 20) · aging ticks plus one quantum,
 * whatever runs beside it; once it has run it is back at its own priority. `aging` 0 switches
 * aging off, to watch starvation happen.
 */

import {stateEntries, stateNumber, stateRecord, type Policy, type PolicyContext, type PolicyFactory, type ReadyReason} from './policy.js';

/** A READY process: since when it waits (aging counts from there) and its place among equals. */
interface Waiting {
	readonly since: number;
	readonly order: number;
}

const BEST = -20;

class Priority implements Policy {
	readonly name = 'priority';
	readonly sliced = true;
	/** READY pids → when they started waiting and their turn among equals (a Map keeps arrival order). */
	readonly waiting = new Map<number, Waiting>();
	/** Turn numbers: later arrivals count up, preempted processes count down (they go first among equals). */
	private nextOrder = 0;
	private frontOrder = 0;

	constructor(
		readonly quantum: number,
		readonly aging: number,
		private readonly context: PolicyContext,
	) {}

	ready(pid: number, why: ReadyReason): void {
		const order = why === 'preempted' ? --this.frontOrder : ++this.nextOrder;
		this.waiting.set(pid, {since: this.context.now(), order});
	}

	remove(pid: number): void {
		this.waiting.delete(pid);
	}

	/** Its priority now: its nice value, improved by aging while it waits. */
	effective(pid: number, now = this.context.now()): number {
		const base = this.context.priority(pid);
		const waiting = this.waiting.get(pid);
		if (waiting === undefined || this.aging === 0) return base;
		return Math.max(BEST, base - Math.floor((now - waiting.since) / this.aging));
	}

	pick(): number | null {
		const pid = this.queue()[0];
		if (pid === undefined) return null;
		this.waiting.delete(pid);
		return pid;
	}

	quantumFor(): number {
		return this.quantum;
	}

	preempts(current: number): boolean {
		const mine = this.context.priority(current);
		const now = this.context.now();
		for (const pid of this.waiting.keys()) if (this.effective(pid, now) < mine) return true;
		return false;
	}

	queue(): readonly number[] {
		const now = this.context.now();
		const rank = new Map([...this.waiting.keys()].map(pid => [pid, this.effective(pid, now)]));
		return [...this.waiting.keys()].sort((a, b) => rank.get(a)! - rank.get(b)! || this.waiting.get(a)!.order - this.waiting.get(b)!.order);
	}

	state(pid: number): Readonly<Record<string, number>> {
		return {effectivePriority: this.effective(pid)};
	}

	exportState(): unknown {
		return {waiting: [...this.waiting].map(([pid, w]) => [pid, {since: w.since, order: w.order}]), nextOrder: this.nextOrder, frontOrder: this.frontOrder};
	}

	importState(state: unknown): void {
		const s = stateRecord(state, ['waiting', 'nextOrder', 'frontOrder']);
		const waiting = stateEntries(s.waiting, 'waiting', ['since', 'order']);
		this.nextOrder = stateNumber(s.nextOrder, 'nextOrder');
		this.frontOrder = stateNumber(s.frontOrder, 'frontOrder');
		this.waiting.clear();
		for (const [pid, w] of waiting) this.waiting.set(pid, {since: w.since, order: w.order});
	}
}

export const priority: PolicyFactory = (params, context) => new Priority(params.quantum, params.aging, context);
