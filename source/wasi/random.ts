/*
 * Random bytes from the machine's seeded PRNG (--seed): the same seed gives the same bytes, so a
 * run that uses randomness can be replayed.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#random_get
 */

import {hex, wasiCall} from './calls.js';
import {u32} from './memory.js';

/**
 * random_get(buf: i32, buf_len: i32) → errno
 *   buf ──► buf_len random bytes
 * Errors: EFAULT when the buffer is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#random_get
 */
export const randomGet = wasiCall('random_get', {
	handler: (ctx, mem, args) => {
		mem.check(u32(args[0]), u32(args[1]));
		const bytes = new Uint8Array(u32(args[1]));
		ctx.random(bytes);
		mem.write(u32(args[0]), bytes);
		return 0;
	},
	describe: (_ctx, _mem, args) => `buf=${hex(u32(args[0]))}, len=${u32(args[1])}`,
});
