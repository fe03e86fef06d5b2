/*
 * Pipes: a bounded byte buffer between writers and readers, as plain data. The kernel (io.ts) does
 * the blocking: a read of an empty pipe waits while it has writers (none left: end of file), a write
 * to a full one waits while it has readers (none left: EPIPE and the PIPE signal). Named pipes
 * (FIFOs in the tree) and, later, the process ABI's pipe() share this buffer.
 *
 * The buffer is a ring: `length` bytes starting at `start`, wrapping at the end of `buffer`.
 * A write of at most PIPE_BUF bytes is atomic (all of it or, when it does not fit, none: wait);
 * a longer one writes what fits and returns the count, so writers may interleave only at that size.
 */

/** Bytes a pipe holds (Linux's default). */
export const PIPE_CAPACITY = 65536;
/** Writes up to this size are never split (POSIX's PIPE_BUF). */
export const PIPE_BUF = 4096;

export interface Pipe {
	readonly id: number;
	readonly buffer: Uint8Array;
	start: number;
	length: number;
	/** Open read ends and write ends. */
	readers: number;
	writers: number;
	/** The FIFO inode it belongs to, or null for an anonymous pipe. */
	readonly fifo: number | null;
}

export function newPipe(id: number, fifo: number | null, capacity = PIPE_CAPACITY): Pipe {
	return {id, buffer: new Uint8Array(capacity), start: 0, length: 0, readers: 0, writers: 0, fifo};
}

export function room(pipe: Pipe): number {
	return pipe.buffer.length - pipe.length;
}

/** Takes up to `max` bytes, oldest first. */
export function takeFromPipe(pipe: Pipe, max: number): Uint8Array {
	const n = Math.min(max, pipe.length);
	const out = new Uint8Array(n);
	const first = Math.min(n, pipe.buffer.length - pipe.start);
	out.set(pipe.buffer.subarray(pipe.start, pipe.start + first));
	out.set(pipe.buffer.subarray(0, n - first), first);
	pipe.start = (pipe.start + n) % pipe.buffer.length;
	pipe.length -= n;
	if (pipe.length === 0) pipe.start = 0;
	return out;
}

/** How many bytes of a write of `size` bytes can go in now (0: the writer must wait). */
export function acceptable(pipe: Pipe, size: number): number {
	const free = room(pipe);
	if (size <= PIPE_BUF) return free >= size ? size : 0;
	return Math.min(free, size);
}

/** Appends `data` (the caller checked that it fits). */
export function putIntoPipe(pipe: Pipe, data: Uint8Array): void {
	const cap = pipe.buffer.length;
	const end = (pipe.start + pipe.length) % cap;
	const first = Math.min(data.length, cap - end);
	pipe.buffer.set(data.subarray(0, first), end);
	pipe.buffer.set(data.subarray(first), 0);
	pipe.length += data.length;
}
