/*
 * Command-line arguments (argv, argv[0] included).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#args_get
 */

import {hex, wasiCall} from './calls.js';
import {u32} from './memory.js';
import {listGet, listSizesGet, listText} from './string-list.js';

/**
 * args_sizes_get(argc_ptr: i32, argv_buf_size_ptr: i32) → errno
 *   argc_ptr          ──► u32 number of arguments
 *   argv_buf_size_ptr ──► u32 bytes args_get will write to argv_buf (each argument NUL-terminated)
 * Errors: EFAULT when a pointer is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#args_sizes_get
 */
export const argsSizesGet = wasiCall('args_sizes_get', {
	handler: (ctx, mem, args) => listSizesGet(ctx.argv, mem, args),
	describe: (_ctx, mem, args, errno) => (errno === 0 ? `→ argc=${mem.u32(u32(args[0]))}, size=${mem.u32(u32(args[1]))}` : `${hex(u32(args[0]))}, ${hex(u32(args[1]))}`),
});

/**
 * args_get(argv: i32, argv_buf: i32) → errno
 *   argv     ──► [u32 ptr to arg 0][u32 ptr to arg 1]...        (argc entries)
 *   argv_buf ──► "arg0\0arg1\0..."                               (argv_buf_size bytes)
 * Errors: EFAULT when either area is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#args_get
 */
export const argsGet = wasiCall('args_get', {
	handler: (ctx, mem, args) => listGet(ctx.argv, mem, args),
	describe: (ctx, _mem, args) => `argv=${hex(u32(args[0]))}, argv_buf=${hex(u32(args[1]))} → ${listText(ctx.argv)}`,
});
