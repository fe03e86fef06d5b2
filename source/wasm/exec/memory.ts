/*
 * A linear memory: an ArrayBuffer of whole 64 KiB pages, replaced by a bigger copy when it grows
 * (the interpreter re-reads `view` after anything that can grow it). Growth asks the embedder's
 * hook first: beyond a process's cap `memory.grow` returns -1, as the spec allows.
 */

export const PAGE_SIZE = 65536;
/** 65536 pages is 4 GiB, the whole 32-bit address space. */
export const MAX_PAGES = 65536;

/** Page-access tracking: the map has one byte per 4 KiB page, with these bits. */
export const PAGE_SHIFT = 12;
export const READ = 1;
export const WRITTEN = 2;

/** Decides whether a memory may grow to `pages` pages; the default allows anything within its max. */
export type GrowHook = (memory: Memory, pages: number) => boolean;

export class Memory {
	buffer: ArrayBuffer;
	view: DataView;
	bytes: Uint8Array;
	growHook: GrowHook | null = null;
	/**
	 * When tracking is on, one byte per 4 KiB page saying whether it was read (READ) and/or written
	 * (WRITTEN) by wasm loads and stores; null when off. Bulk instructions are not tracked here.
	 */
	access: Uint8Array | null = null;

	constructor(
		pages: number,
		readonly max: number | null,
	) {
		this.buffer = new ArrayBuffer(pages * PAGE_SIZE);
		this.view = new DataView(this.buffer);
		this.bytes = new Uint8Array(this.buffer);
	}

	get pages(): number {
		return this.buffer.byteLength / PAGE_SIZE;
	}

	/** Grows by `delta` pages; returns the old size in pages, or -1 when refused or out of host memory. */
	grow(delta: number): number {
		const old = this.pages;
		const pages = old + delta;
		if (pages > (this.max ?? MAX_PAGES)) return -1;
		if (delta === 0) return old;
		if (this.growHook !== null && !this.growHook(this, pages)) return -1;
		let buffer: ArrayBuffer;
		try {
			buffer = new ArrayBuffer(pages * PAGE_SIZE);
		} catch {
			return -1;
		}
		new Uint8Array(buffer).set(this.bytes);
		this.replace(buffer);
		if (this.access !== null) {
			const access = new Uint8Array(buffer.byteLength >>> PAGE_SHIFT);
			access.set(this.access);
			this.access = access;
		}
		return old;
	}

	/** Turns page-access tracking on (a fresh, empty map) or off. */
	trackAccess(on: boolean): void {
		this.access = on ? new Uint8Array(this.buffer.byteLength >>> PAGE_SHIFT) : null;
	}

	/** Swaps in new contents (growth, or a restored snapshot). */
	replace(buffer: ArrayBuffer): void {
		this.buffer = buffer;
		this.view = new DataView(buffer);
		this.bytes = new Uint8Array(buffer);
	}
}
