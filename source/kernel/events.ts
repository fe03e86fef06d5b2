/*
 * The event log: everything the kernel does that a person may want to watch or replay — every
 * syscall, every change in a process's life, every scheduling decision, every limit hit — as plain
 * JSON-able records in a bounded ring buffer (the oldest fall out), numbered in order (`seq`) and
 * stamped with the virtual tick. Listeners (kernel.subscribe) see each event as it happens, so a
 * trace file or a live pane never misses one that the ring has already dropped.
 *
 * Events depend only on what the machine computes, never on how the host sliced the run: the same
 * program, seed and options give the same log, event for event.
 */

import type {ExitReason, ProcessState} from './views.js';
import type {LimitName} from './limits.js';
import type {SignalName} from './signals.js';
import type {PolicyParams} from './scheduler/params.js';
import {SchedColumns} from './sched-columns.js';

interface Stamp {
	/** Position in the whole log since boot, from 0. */
	readonly seq: number;
	/** Virtual tick at which it happened. */
	readonly tick: number;
}

/** A syscall that completed (a blocked call is logged once, when it completes). */
export interface SyscallEvent extends Stamp {
	readonly type: 'syscall';
	readonly pid: number;
	/** The ABI's module and the function: "wasi_snapshot_preview1", "fd_write". */
	readonly abi: string;
	readonly name: string;
	/** Decoded arguments, strace-style: `fd=1, iovs=[0x1040:13] "hello, world\n"`. */
	readonly args: string;
	/** Decoded result: "0", "13", "EBADF", "ENOSYS (not implemented)". */
	readonly result: string;
	/** Error name when the call failed, else null. */
	readonly errno: string | null;
	/** Ticks the call spent blocked before it completed (0 if it never blocked). */
	readonly blockedFor: number;
}

export interface SpawnEvent extends Stamp {
	readonly type: 'spawn';
	readonly pid: number;
	readonly ppid: number;
	readonly pgid: number;
	readonly name: string;
	readonly argv: readonly string[];
}

/** A process changed state (other than running, which `sched` events describe). */
export interface StateEvent extends Stamp {
	readonly type: 'state';
	readonly pid: number;
	readonly from: ProcessState;
	readonly to: ProcessState;
	/** "read /dev/tty", "signal TSTP", "woken", "continued". */
	readonly why: string;
}

export interface ExitEvent extends Stamp {
	readonly type: 'exit';
	readonly pid: number;
	readonly status: number;
	readonly reason: ExitReason;
}

export interface ReapEvent extends Stamp {
	readonly type: 'reap';
	readonly pid: number;
	/** Who collected the exit status (0: the user). */
	readonly by: number;
}

export interface SignalEvent extends Stamp {
	readonly type: 'signal';
	readonly pid: number;
	readonly signal: SignalName;
	/** Sender pid, 0 for the user, "tty" for the terminal's Ctrl-C / Ctrl-Z / background read. */
	readonly from: number | 'tty';
	/** What it did: "terminated", "stopped", "continued", "ignored", "handled" (by a host task, task.ts). */
	readonly action: string;
}

/** Why a process left the CPU. */
export type SchedReason =
	| 'quantum' // its time slice was spent
	| 'preempted' // the policy gave the CPU to another process before the slice ended (a better one became READY, MLFQ's boost)
	| 'blocked' // it blocked in a syscall
	| 'yield' // it gave up the CPU (sched_yield)
	| 'exited' // it exited, trapped or hit a limit
	| 'signal' // a signal stopped or ended it
	| 'policy' // the scheduling policy was switched: the new one decides who runs
	| 'halted' // the machine halted (--max-ticks) while it ran
	| 'interrupted'; // a step of another process cut in (kernel.step), it resumes after

/** One stretch of one process on the CPU: who ran from tick `from` to tick `to`, and why it stopped. */
export interface SchedEvent extends Stamp {
	readonly type: 'sched';
	readonly pid: number;
	readonly from: number;
	readonly to: number;
	readonly instructions: number;
	readonly reason: SchedReason;
	/** The policy that chose it. */
	readonly policy: string;
}

/** An instruction step of one process outside the schedule (kernel.step with a pid). */
export interface StepEvent extends Stamp {
	readonly type: 'step';
	readonly pid: number;
	readonly instructions: number;
}

/** The CPU had nothing to run from `from` to `to` (headless: the clock jumped to the next wake-up). */
export interface IdleEvent extends Stamp {
	readonly type: 'idle';
	readonly from: number;
	readonly to: number;
}

export interface LimitEvent extends Stamp {
	readonly type: 'limit';
	readonly pid: number;
	readonly limit: LimitName;
	/** "memory.grow to 4097 pages refused (cap 4096)", "fuel 1000000 spent". */
	readonly detail: string;
	/** Whether the process was killed for it (memory growth is refused instead). */
	readonly fatal: boolean;
}

/** The scheduling policy was switched (kernel.setPolicy): its name and all its parameters. */
export interface PolicyEvent extends Stamp {
	readonly type: 'policy';
	readonly policy: string;
	readonly quantum: number;
	readonly params: PolicyParams;
}

export interface HaltEvent extends Stamp {
	readonly type: 'halt';
	readonly reason: string;
}

export type KernelEvent =
	| SyscallEvent
	| SpawnEvent
	| StateEvent
	| ExitEvent
	| ReapEvent
	| SignalEvent
	| SchedEvent
	| StepEvent
	| IdleEvent
	| LimitEvent
	| PolicyEvent
	| HaltEvent;

/** An event as a caller hands it in: the log stamps seq. */
export type EventInput = KernelEvent extends infer E ? (E extends KernelEvent ? Omit<E, 'seq'> : never) : never;

export type EventListener = (event: KernelEvent) => void;

export const DEFAULT_EVENT_CAPACITY = 65_536;

/**
 * The ring buffer: the last `capacity` events, the event of seq s at slot s % capacity. `slots` holds
 * each event object, or null where the event is a `sched` one kept in `sched` (sched-columns.ts).
 */
export class EventLog {
	private readonly slots: Array<KernelEvent | null> = [];
	private readonly sched: SchedColumns;
	private readonly listeners = new Set<EventListener>();
	/** Events recorded since boot (the next seq). */
	total = 0;

	constructor(readonly capacity: number = DEFAULT_EVENT_CAPACITY) {
		if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`event log capacity must be a positive integer, got ${capacity}`);
		this.sched = new SchedColumns(capacity);
	}

	/**
	 * Logs `input` (a fresh object the caller does not keep), numbered: the event is the input itself
	 * with its `seq` set. (Copying it with a spread cost ~200 ns per event, and the scheduler logs one
	 * per time slice.) A `sched` event (its fields as its type has them) is kept as numbers.
	 */
	record(input: EventInput): KernelEvent {
		const event = input as {seq?: number} & EventInput;
		const slot = this.total % this.capacity;
		event.seq = this.total;
		if (event.type === 'sched') {
			this.sched.put(slot, event);
			this.slots[slot] = null;
		} else {
			this.slots[slot] = event as KernelEvent;
		}
		this.total++;
		for (const listener of this.listeners) listener(event as KernelEvent);
		return event as KernelEvent;
	}

	get dropped(): number {
		return Math.max(0, this.total - this.capacity);
	}

	/** Events still in the ring with seq >= since, oldest first. */
	since(since = 0): KernelEvent[] {
		const first = Math.max(since, this.dropped);
		const out: KernelEvent[] = [];
		for (let s = first; s < this.total; s++) {
			const slot = s % this.capacity;
			out.push(this.slots[slot] ?? this.sched.get(slot, s));
		}
		return out;
	}

	/**
	 * Replaces the log with a saved one (snapshots): `total` recorded since boot, `tail` the last of
	 * them, oldest first. A `sched` event goes to the columns only when it has exactly a sched
	 * event's fields and its own seq (a snapshot's may hold anything); since() then gives back an
	 * equal object.
	 */
	load(total: number, tail: readonly KernelEvent[]): void {
		this.slots.length = 0;
		this.total = total;
		tail.forEach((event, k) => {
			const seq = total - tail.length + k;
			const slot = seq % this.capacity;
			if (this.sched.fits(event) && event.seq === seq) {
				this.sched.put(slot, event as SchedEvent);
				this.slots[slot] = null;
			} else {
				this.slots[slot] = event;
			}
		});
	}

	subscribe(listener: EventListener): () => void {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	}
}

/** One strace line: "[pid 1] fd_write(fd=1, ...) = 0", with how long the call blocked (--strace, the shell's strace). */
export function syscallLine(event: Pick<SyscallEvent, 'pid' | 'name' | 'args' | 'result' | 'blockedFor'>): string {
	const blocked = event.blockedFor > 0 ? ` <blocked ${event.blockedFor} ticks>` : '';
	return `[pid ${event.pid}] ${event.name}(${event.args}) = ${event.result}${blocked}\n`;
}

/** One line of a JSON-lines trace (--trace-file): the event as JSON, newline-terminated. */
export function eventJson(event: KernelEvent): string {
	// seq first, where a reader looks for it (record() sets it last).
	const {seq, ...rest} = event;
	return `${JSON.stringify({seq, ...rest})}\n`;
}
