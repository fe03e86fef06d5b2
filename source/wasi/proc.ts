/*
 * Ending the process.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#proc_exit
 */

import {wasiCall} from './calls.js';
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
