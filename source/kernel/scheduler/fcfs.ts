/*
 * First come, first served (FCFS, also FIFO). READY processes wait in one queue in the order they
 * became READY; the one at the head runs until it blocks, yields or ends — there is no time slice
 * and no preemption. It is the simplest policy and the fairest in one narrow sense (nobody is
 * overtaken), and it shows the convoy effect: one long CPU-bound job in front makes every short
 * or interactive job behind it wait its whole length, so average turnaround and response are poor
 * whenever job lengths differ. A process that yields or wakes up joins the back of the queue.
 */

import {stateRecord, statePids, UNTIL_BLOCKED, type Policy, type PolicyFactory} from './policy.js';

class FirstComeFirstServed implements Policy {
	readonly name = 'fcfs';
	readonly sliced = false;
	/** READY pids in arrival order, head first. */
	readonly fifo: number[] = [];

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
		return UNTIL_BLOCKED;
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

export const fcfs: PolicyFactory = () => new FirstComeFirstServed();
