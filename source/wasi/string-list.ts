/*
 * The layout args_* and environ_* share: a list of strings, each UTF-8 and NUL-terminated, packed
 * one after another in a buffer, with an array of pointers to each.
 *
 *   sizes_get:  count_ptr ──► u32 count          size_ptr ──► u32 bytes of the buffer
 *   get:        ptrs ──► [u32 p0][u32 p1]...     buf ──► "s0\0s1\0..."    (pK = buf + offset of sK)
 */

import {u32, type GuestMemory} from './memory.js';
import type {Value} from '../wasm/exec/values.js';
import {preview} from './calls.js';

const encoder = new TextEncoder();

function encoded(list: readonly string[]): Uint8Array[] {
	return list.map(s => encoder.encode(`${s}\0`));
}

export function listSizesGet(list: readonly string[], mem: GuestMemory, args: readonly Value[]): number {
	const total = encoded(list).reduce((n, b) => n + b.length, 0);
	mem.setU32(u32(args[0]), list.length);
	mem.setU32(u32(args[1]), total);
	return 0;
}

export function listGet(list: readonly string[], mem: GuestMemory, args: readonly Value[]): number {
	const ptrs = u32(args[0]);
	let at = u32(args[1]);
	encoded(list).forEach((bytes, k) => {
		mem.setU32(ptrs + 4 * k, at);
		mem.write(at, bytes);
		at += bytes.length;
	});
	return 0;
}

/** The list as the log shows it: ["a", "b"]. */
export function listText(list: readonly string[]): string {
	return `[${list.map(s => preview(encoder.encode(s))).join(', ')}]`;
}
