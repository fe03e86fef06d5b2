/*
 * Environment variables ("KEY=VALUE"): only those given to the process (--env), nothing of the host's.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#environ_get
 */

import {hex, wasiCall} from './calls.js';
import {u32} from './memory.js';
import {listGet, listSizesGet, listText} from './string-list.js';

/**
 * environ_sizes_get(count_ptr: i32, buf_size_ptr: i32) → errno
 *   count_ptr    ──► u32 number of variables
 *   buf_size_ptr ──► u32 bytes environ_get will write ("KEY=VALUE\0" each)
 * Errors: EFAULT when a pointer is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#environ_sizes_get
 */
export const environSizesGet = wasiCall('environ_sizes_get', {
	handler: (ctx, mem, args) => listSizesGet(ctx.env, mem, args),
	describe: (_ctx, mem, args, errno) => (errno === 0 ? `→ count=${mem.u32(u32(args[0]))}, size=${mem.u32(u32(args[1]))}` : `${hex(u32(args[0]))}, ${hex(u32(args[1]))}`),
});

/**
 * environ_get(environ: i32, environ_buf: i32) → errno
 *   environ     ──► [u32 ptr to var 0][u32 ptr to var 1]...
 *   environ_buf ──► "KEY=VALUE\0KEY2=VALUE2\0..."
 * Errors: EFAULT when either area is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#environ_get
 */
export const environGet = wasiCall('environ_get', {
	handler: (ctx, mem, args) => listGet(ctx.env, mem, args),
	describe: (ctx, _mem, args) => `environ=${hex(u32(args[0]))}, environ_buf=${hex(u32(args[1]))} → ${listText(ctx.env)}`,
});
