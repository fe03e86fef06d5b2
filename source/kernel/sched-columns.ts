/*
 * The event log's store for `sched` events (events.ts), the one kind the kernel records at every time
 * slice: their fields as numbers in one growing Float64Array, by ring slot, instead of one object
 * each. The log keeps its last 65,536 events, so a slice's object outlived the young generation and
 * was copied and promoted by the garbage collector: about 200 ns per slice (matmul in a machine,
 * 58,500 slices per call: 218 ms with a ring of 65,536 objects, 208 with one of 64).
 *
 *   columns.fits(event)            whether a restored event (which may be anything) can be kept
 *                                  here: a `sched` event with exactly a sched event's fields
 *   columns.put(slot, event)       keeps it at ring slot `slot`
 *   columns.get(slot, seq)         the event again, a new object equal to the one put (same keys,
 *                                  in the same order, so JSON of it is the same)
 *
 * Strings (reason, policy) are kept as indices into a table of the distinct ones seen; each field
 * remembers its last string, which is nearly always the next one too (a Map lookup per field cost
 * ~12 ns of a slice).
 */

import type {SchedEvent, SchedReason} from './events.js';

/** Numbers per event: tick, pid, from, to, instructions, reason (string index), policy (string index). */
const STRIDE = 7;
const FIRST_SLOTS = 256;
/** The keys of a sched event, in the order the kernel makes them (record() sets `seq` last). */
const KEYS = ['type', 'tick', 'pid', 'from', 'to', 'instructions', 'reason', 'policy', 'seq'];

export class SchedColumns {
	private data = new Float64Array(0);
	private readonly strings: string[] = [];
	private readonly stringIndex = new Map<string, number>();
	/** Per field (0 reason, 1 policy): the last string interned, and its index. */
	private readonly lastString: [string, string] = ['', ''];
	private readonly lastIndex = [-1, -1];

	constructor(private readonly capacity: number) {}

	/** Whether `event` is a sched event with exactly the fields of one, in their order. */
	fits(event: object): boolean {
		const e = event as Record<string, unknown>;
		if (e.type !== 'sched') return false;
		const keys = Object.keys(e);
		if (keys.length !== KEYS.length || keys.some((key, k) => key !== KEYS[k])) return false;
		return (
			typeof e.tick === 'number' &&
			typeof e.pid === 'number' &&
			typeof e.from === 'number' &&
			typeof e.to === 'number' &&
			typeof e.instructions === 'number' &&
			typeof e.reason === 'string' &&
			typeof e.policy === 'string'
		);
	}

	put(slot: number, event: Omit<SchedEvent, 'seq'>): void {
		const at = slot * STRIDE;
		if (at + STRIDE > this.data.length) this.grow(slot + 1);
		const d = this.data;
		d[at] = event.tick;
		d[at + 1] = event.pid;
		d[at + 2] = event.from;
		d[at + 3] = event.to;
		d[at + 4] = event.instructions;
		d[at + 5] = this.intern(event.reason, 0);
		d[at + 6] = this.intern(event.policy, 1);
	}

	get(slot: number, seq: number): SchedEvent {
		const d = this.data;
		const at = slot * STRIDE;
		return {
			type: 'sched',
			tick: d[at],
			pid: d[at + 1],
			from: d[at + 2],
			to: d[at + 3],
			instructions: d[at + 4],
			reason: this.strings[d[at + 5]] as SchedReason,
			policy: this.strings[d[at + 6]],
			seq,
		};
	}

	/** Room for `slots` slots at least: doubling, up to the ring's capacity. */
	private grow(slots: number): void {
		let size = Math.max(FIRST_SLOTS, this.data.length / STRIDE);
		while (size < slots) size *= 2;
		const next = new Float64Array(Math.min(Math.max(size, slots), this.capacity) * STRIDE);
		next.set(this.data);
		this.data = next;
	}

	private intern(s: string, field: 0 | 1): number {
		if (s === this.lastString[field] && this.lastIndex[field] >= 0) return this.lastIndex[field];
		let k = this.stringIndex.get(s);
		if (k === undefined) {
			k = this.strings.length;
			this.strings.push(s);
			this.stringIndex.set(s, k);
		}
		this.lastString[field] = s;
		this.lastIndex[field] = k;
		return k;
	}
}
