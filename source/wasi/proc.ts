/*
 * The process: proc_exit, proc_raise.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_exit
 */

import {SIGNALS, type SignalName} from '../kernel/signals.js';
import {wasiCall} from './calls.js';
import {ERRNO, WASI_SIGNALS} from './errno.js';
import {u32} from './memory.js';

/**
 * proc_exit(rval: i32) — does not return
 * Ends the process with exit code rval (a shell sees rval & 0xff, as on Unix).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_exit
 */
export const procExit = wasiCall('proc_exit', {
	handler: (ctx, _mem, args) => ctx.exit(u32(args[0])),
	describe: (_ctx, _mem, args) => `code=${u32(args[0])}`,
});

/**
 * proc_raise(sig: u8) → errno
 * Sends signal `sig` (WASI's numbering: 1 hup, 2 int, ... 15 term, 16 chld, 17 cont, 18 stop, ...)
 * to the process itself, with its default action, since a WASI program has no handlers: most end
 * the process (status 128 + the signal's Linux number), STOP/TSTP/TTIN/TTOU stop it, CHLD/URG/WINCH
 * and CONT do nothing to a running process. 0 ("none") is accepted and does nothing.
 * Errors: EINVAL for a number that is no signal.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_raise
 */
export const procRaise = wasiCall('proc_raise', {
	handler: (ctx, _mem, args) => {
		const name = WASI_SIGNALS[u32(args[0])];
		if (name === undefined) return ERRNO.EINVAL;
		if (name !== 'NONE' && Object.hasOwn(SIGNALS, name)) ctx.raise(name as SignalName);
		return 0;
	},
	describe: (_ctx, _mem, args) => `sig=${WASI_SIGNALS[u32(args[0])] ?? u32(args[0])}`,
});
