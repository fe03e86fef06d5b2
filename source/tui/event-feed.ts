/*
 * What the TUI keeps from the kernel's event stream (kernel.subscribe), for the syscall log and the
 * scheduler timeline: bounded rings, fed as events happen, so a pane never misses an event that the
 * kernel's own ring has already dropped, and the names of the processes spawned, which outlive them.
 * Drawing code reads `log`, `slices` and `names`, never the kernel.
 */

import type {Kernel, KernelEvent} from '../kernel/kernel.js';
import {exitMessageFor} from './exit-text.js';

/** How a log line is coloured. */
export type LogKind = 'ok' | 'error' | 'blocked' | 'life';

export interface LogLine {
	readonly seq: number;
	readonly tick: number;
	readonly pid: number;
	readonly name: string;
	readonly args: string;
	readonly result: string;
	readonly kind: LogKind;
}

/** One stretch on the CPU: who, for how many instructions. */
export interface Slice {
	readonly pid: number;
	readonly instructions: number;
}

/** A bounded FIFO: push at the end, the oldest fall out. */
class Ring<T> {
	private items: T[] = [];
	/** Items pushed since creation (tells a view that something new arrived). */
	total = 0;

	constructor(private readonly capacity: number) {}

	push(item: T): void {
		this.items.push(item);
		this.total++;
		// Trim in batches: shifting one at a time would make every push O(capacity).
		if (this.items.length > this.capacity * 2) this.items = this.items.slice(-this.capacity);
	}

	last(count: number, back = 0): T[] {
		const kept = this.items.slice(-this.capacity);
		const end = Math.max(0, kept.length - back);
		return kept.slice(Math.max(0, end - count), end);
	}

	get length(): number {
		return Math.min(this.items.length, this.capacity);
	}
}

/** Process names by pid, as the panes look them up (a Map will do). */
export interface ProcessNames {
	get(pid: number): string | undefined;
}

/** Names kept of processes spawned since the feed began: as many as the log and the timeline can show. */
const NAMES_KEPT = 2_000;

export class EventFeed {
	readonly log = new Ring<LogLine>(2_000);
	readonly slices = new Ring<Slice>(1_000);
	/**
	 * The name of each process spawned since the feed began (the newest NAMES_KEPT), by pid: for
	 * slices and log lines of a process that has since gone from the machine's process list.
	 */
	readonly names = new Map<number, string>();
	private readonly unsubscribe: () => void;

	constructor(kernel: Kernel) {
		this.unsubscribe = kernel.subscribe(event => this.add(event));
	}

	dispose(): void {
		this.unsubscribe();
	}

	private add(event: KernelEvent): void {
		switch (event.type) {
			case 'syscall':
				this.log.push({
					seq: event.seq,
					tick: event.tick,
					pid: event.pid,
					name: event.name,
					args: event.args,
					result: event.blockedFor > 0 ? `${event.result} <blocked ${event.blockedFor}>` : event.result,
					kind: event.errno !== null ? 'error' : event.blockedFor > 0 ? 'blocked' : 'ok',
				});
				break;
			case 'sched':
				this.slices.push({pid: event.pid, instructions: event.instructions});
				break;
			case 'step':
				this.slices.push({pid: event.pid, instructions: event.instructions});
				break;
			case 'spawn':
				this.names.set(event.pid, event.name);
				if (this.names.size > NAMES_KEPT) this.names.delete(this.names.keys().next().value!);
				this.life(event, event.pid, 'spawn', event.argv.join(' '), `pid ${event.pid}`);
				break;
			case 'exit':
				this.life(event, event.pid, 'exit', '', exitMessageFor(event.status, event.reason));
				break;
			case 'signal':
				this.life(event, event.pid, 'signal', `${event.signal} from ${event.from === 0 ? 'user' : event.from}`, event.action);
				break;
			case 'limit':
				this.life(event, event.pid, 'limit', event.limit, event.detail);
				break;
			default:
				break;
		}
	}

	private life(event: KernelEvent, pid: number, name: string, args: string, result: string): void {
		this.log.push({seq: event.seq, tick: event.tick, pid, name, args, result, kind: 'life'});
	}
}
