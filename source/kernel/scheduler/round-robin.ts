/*
 * Round robin: READY processes wait in one FIFO queue; the one at the head runs for a fixed quantum
 * of instructions, then goes to the back. Whatever the reason a process became READY (new, woken,
 * preempted, yielded, continued), it joins the back, so no process waits more than (n - 1) quanta.
 */

import type {Policy, PolicyFactory} from './policy.js';

class RoundRobin implements Policy {
	readonly name = 'rr';
	/** READY pids, head first. */
	readonly fifo: number[] = [];

	constructor(public quantum: number) {}

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
}

export const roundRobin: PolicyFactory = quantum => new RoundRobin(quantum);
