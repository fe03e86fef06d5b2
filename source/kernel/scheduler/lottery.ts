/*
 * Lottery scheduling (Waldspurger and Weihl, 1994). Every process holds tickets (spawn's
 * `tickets`, kernel.setTickets; 100 by default). At each decision the scheduler draws one ticket
 * at random among those of the READY processes, and the holder runs for one quantum. Nothing is
 * remembered between draws, so the policy is simple and cannot starve anyone who holds a ticket;
 * over many quanta each process's share of the CPU approaches its share of the tickets (with
 * tickets 300 : 100, three quarters and one quarter), while over a few quanta luck decides.
 *
 * The draws come from the machine's seeded PRNG (the one random_get reads), so a run with the
 * same seed makes the same draws: a lottery run is as replayable as any other.
 */

import {stateRecord, statePids, type Policy, type PolicyContext, type PolicyFactory} from './policy.js';

class Lottery implements Policy {
	readonly name = 'lottery';
	readonly sliced = true;
	/** READY pids in the order they arrived (the draw, not the order, decides). */
	readonly pool: number[] = [];

	constructor(
		readonly quantum: number,
		private readonly context: PolicyContext,
	) {}

	ready(pid: number): void {
		this.pool.push(pid);
	}

	remove(pid: number): void {
		const at = this.pool.indexOf(pid);
		if (at >= 0) this.pool.splice(at, 1);
	}

	pick(): number | null {
		if (this.pool.length === 0) return null;
		let total = 0;
		for (const pid of this.pool) total += this.context.tickets(pid);
		// The winning ticket, then the holder: walk the pool counting tickets until it is passed.
		let ticket = this.context.prng.below(total);
		for (let at = 0; at < this.pool.length; at++) {
			ticket -= this.context.tickets(this.pool[at]);
			if (ticket < 0) return this.pool.splice(at, 1)[0];
		}
		return this.pool.shift()!;
	}

	quantumFor(): number {
		return this.quantum;
	}

	queue(): readonly number[] {
		return this.pool;
	}

	state(pid: number): Readonly<Record<string, number>> {
		return {tickets: this.context.tickets(pid)};
	}

	exportState(): unknown {
		return {pool: [...this.pool]};
	}

	importState(state: unknown): void {
		const s = stateRecord(state, ['pool']);
		this.pool.splice(0, this.pool.length, ...statePids(s.pool, 'pool'));
	}
}

export const lottery: PolicyFactory = (params, context) => new Lottery(params.quantum, context);
