/*
 * A table of references. Elements are handles (ir.ts: 0 is null): for funcref tables a function
 * handle of the store, for externref tables the embedder's reference number plus one.
 */

import type {RefType} from '../types.js';

/** Tables may not grow past 10 million elements (V8's limit): a bound on host memory per table. */
export const MAX_TABLE_SIZE = 10_000_000;

export class Table {
	elements: Int32Array;
	size: number;

	constructor(
		readonly elemType: RefType,
		initial: number,
		readonly max: number | null,
		init = 0,
	) {
		this.elements = new Int32Array(Math.max(initial, 4));
		this.size = initial;
		if (init !== 0) this.elements.fill(init, 0, initial);
	}

	/** Grows by `delta` elements set to `init`; returns the old size or -1. */
	grow(delta: number, init: number): number {
		const old = this.size;
		const size = old + delta;
		if (size > (this.max ?? 0xffffffff) || size > MAX_TABLE_SIZE) return -1;
		if (size > this.elements.length) {
			const elements = new Int32Array(Math.max(size, this.elements.length * 2));
			elements.set(this.elements.subarray(0, old));
			this.elements = elements;
		}
		this.elements.fill(init, old, size);
		this.size = size;
		return old;
	}
}
