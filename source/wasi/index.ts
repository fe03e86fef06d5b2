/*
 * WASI preview 1 as a kernel ABI: the table of implemented functions, one row each, and ENOSYS
 * stubs for the rest of the specification's functions (so that a program importing them still
 * links; each stub call is logged, "not implemented"). An import that is not a preview-1 function
 * at all is refused at link time. Registered by the composition root:
 *
 *   kernel.registerAbi(wasiPreview1());
 */

import type {Abi, SyscallDef} from '../kernel/syscalls.js';
import {argsGet, argsSizesGet} from './args.js';
import {wasiCall} from './calls.js';
import {clockResGet, clockTimeGet} from './clock.js';
import {environGet, environSizesGet} from './environ.js';
import {ERRNO, ERRNO_NAMES} from './errno.js';
import {fdClose, fdFdstatGet, fdPrestatGet, fdRead, fdWrite} from './fd.js';
import {procExit} from './proc.js';
import {randomGet} from './random.js';
import {schedYield} from './sched.js';
import {SIGNATURES} from './signatures.js';

export const WASI_MODULE = 'wasi_snapshot_preview1';

const CALLS: Readonly<Record<string, SyscallDef>> = {
	args_get: argsGet,
	args_sizes_get: argsSizesGet,
	environ_get: environGet,
	environ_sizes_get: environSizesGet,
	clock_res_get: clockResGet,
	clock_time_get: clockTimeGet,
	fd_close: fdClose,
	fd_fdstat_get: fdFdstatGet,
	fd_prestat_get: fdPrestatGet,
	fd_read: fdRead,
	fd_write: fdWrite,
	proc_exit: procExit,
	random_get: randomGet,
	sched_yield: schedYield,
};

/** A preview-1 function not implemented yet: returns ENOSYS, and the log says so. */
function stub(name: string): SyscallDef {
	return wasiCall(name, {
		handler: () => ERRNO.ENOSYS,
		describe: (_ctx, _mem, args) => `${args.map(String).join(', ')} (not implemented)`,
	});
}

export function wasiPreview1(): Abi {
	return {
		module: WASI_MODULE,
		calls: CALLS,
		missing: name => (Object.hasOwn(SIGNATURES, name) ? stub(name) : undefined),
		outcome: results => {
			if (results.length === 0) return {result: 'does not return', errno: null};
			const n = Number(results[0]);
			if (n === 0) return {result: '0', errno: null};
			const name = ERRNO_NAMES[n] ?? `errno ${n}`;
			return {result: name, errno: name};
		},
	};
}
