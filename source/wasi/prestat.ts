/*
 * Preopened directories: fd_prestat_get, fd_prestat_dir_name. A process starts with the root as
 * fd 3, named "/" (and, started elsewhere than "/", more: machine.ts's preopens); they are numbered
 * 3, 4, ... without a gap, because wasi-libc asks fd_prestat_get for fd 3, 4, ... until it answers
 * EBADF, and exits with status 71 on any other error. Every fd that is not a preopen answers EBADF.
 *
 * prestat (8 bytes):
 *   +0 u8  tag           0: a directory (the only kind)
 *   +4 u32 pr_name_len   bytes of its name, for fd_prestat_dir_name
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#prestat
 */

import {hex, preview, wasiCall} from './calls.js';
import {ERRNO, PREOPENTYPE_DIR} from './errno.js';
import {u32} from './memory.js';

const encoder = new TextEncoder();

/**
 * fd_prestat_get(fd: i32, buf: i32) → errno
 *   buf ──► prestat
 * Errors: EBADF when fd is not a preopened directory; EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_prestat_get
 */
export const fdPrestatGet = wasiCall('fd_prestat_get', {
	handler: (ctx, mem, args) => {
		const name = ctx.files.info(u32(args[0]))?.preopen ?? null;
		if (name === null) return ERRNO.EBADF;
		const buf = mem.check(u32(args[1]), 8);
		mem.write(buf, new Uint8Array(8));
		mem.setU8(buf, PREOPENTYPE_DIR);
		mem.setU32(buf + 4, encoder.encode(name).length);
		return 0;
	},
	describe: (ctx, _mem, args, errno) => `fd=${u32(args[0])}, buf=${hex(u32(args[1]))}${errno === 0 ? ` → dir ${JSON.stringify(ctx.files.info(u32(args[0]))?.preopen)}` : ''}`,
});

/**
 * fd_prestat_dir_name(fd: i32, path: i32, path_len: i32) → errno
 *   path ──► the preopen's name, pr_name_len bytes, not NUL-terminated
 * Errors: EBADF when fd is not a preopened directory; ENAMETOOLONG when path_len is less than the
 * name's length; EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_prestat_dir_name
 */
export const fdPrestatDirName = wasiCall('fd_prestat_dir_name', {
	handler: (ctx, mem, args) => {
		const name = ctx.files.info(u32(args[0]))?.preopen ?? null;
		if (name === null) return ERRNO.EBADF;
		const bytes = encoder.encode(name);
		const buf = mem.check(u32(args[1]), u32(args[2]));
		if (u32(args[2]) < bytes.length) return ERRNO.ENAMETOOLONG;
		mem.write(buf, bytes);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => `fd=${u32(args[0])}, path=${hex(u32(args[1]))}:${u32(args[2])}${errno === 0 ? ` → ${preview(mem.view(u32(args[1]), Math.min(u32(args[2]), 64)))}` : ''}`,
});
