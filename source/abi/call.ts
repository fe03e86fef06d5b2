/*
 * The boundary of the wasmos and sensor ABIs, like WASI's calls.ts: abiCall() turns a function that
 * returns an i32 — ≥ 0 for success, a negative WASI errno for a failure (-8 is EBADF) — into the
 * kernel's SyscallDef, giving it bounds-checked guest memory (wasi/memory.ts) and turning a bad
 * guest pointer into -EFAULT. WASI's errno numbers are shared on purpose: C code uses one errno.h.
 *
 *   abiCall([I32, I32], {handler: (ctx, mem, args) => n | ctx.block(...), describe: ...})
 */

import type {Errno, SyscallDef} from '../kernel/syscalls.js';
import type {Value} from '../wasm/exec/values.js';
import type {ValType} from '../wasm/types.js';
import {ERRNO, ERRNO_NAMES, wasiErrno} from '../wasi/errno.js';
import {guestCall, type WasiFunction} from '../wasi/calls.js';
import {Fault} from '../wasi/memory.js';

export const I32: ValType = 0x7f;
export const I64: ValType = 0x7e;

/** Thrown inside a handler: the call answers -errno at once. */
export class AbiErrno extends Error {
	override readonly name = 'AbiErrno';
	constructor(readonly errno: Errno) {
		super(errno);
	}
}

/** Does the call: a result ≥ 0, -errno, or a block/yield from the context; describe() gets what it returned. */
export type AbiFunction = WasiFunction;

export function abiCall(params: readonly ValType[], fn: AbiFunction): SyscallDef {
	return guestCall(params, [I32], fn, error => (error instanceof Fault ? -ERRNO.EFAULT : error instanceof AbiErrno ? -wasiErrno(error.errno) : null));
}

/** -errno for a kernel error name. */
export function negErrno(errno: Errno): number {
	return -wasiErrno(errno);
}

/** The log's result for an i32 result: the number, or the errno's name when negative. */
export function outcome(results: readonly Value[]): {readonly result: string; readonly errno: string | null} {
	if (results.length === 0) return {result: 'done', errno: null};
	const n = Number(results[0]);
	if (n >= 0) return {result: String(n), errno: null};
	const name = ERRNO_NAMES[-n] ?? `errno ${-n}`;
	return {result: name, errno: name};
}
