/*
 * Round robin (RR). READY processes wait in one FIFO queue; the one at the head runs for a fixed
 * quantum of instructions, then goes to the back. Whatever the reason a process became READY (new,
 * woken, slice spent, yielded, continued), it joins the back, so with n processes READY none waits
 * more than (n - 1) quanta: RR trades turnaround (every job finishes late) for response time (every
 * job starts soon), and a short quantum makes that trade stronger at the cost of more context
 * switches. It never preempts a process before its quantum ends.
 */

import {stateRecord, statePids, type Policy, type PolicyFactory} from './policy.js';

class RoundRobin implements Policy {
	readonly name = 'rr';
	readonly sliced = true;
	/** READY pids, head first. */
	readonly fifo: number[] = [];

	constructor(readonly quantum: number) {}

	ready(pid: number): void {
		this.fifo.push(pid);
	}

	remove(pid: number): void {
		const at = this.fifo.indexOf(pid);
		if (at >= 0) this.fifo.splice(at, 1);
	}

	pick(): number | null {
		return this.fifo.shift() ?? null;
	}

	quantumFor(): number {
		return this.quantum;
	}

	queue(): readonly number[] {
		return this.fifo;
	}

	exportState(): unknown {
		return {fifo: [...this.fifo]};
	}

	importState(state: unknown): void {
		const s = stateRecord(state, ['fifo']);
		this.fifo.splice(0, this.fifo.length, ...statePids(s.fifo, 'fifo'));
	}
}

export const roundRobin: PolicyFactory = params => new RoundRobin(params.quantum);
