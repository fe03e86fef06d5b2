/*
 * File descriptors on the terminal and /dev/null: write, read, fdstat, prestat, close. The
 * terminal is a character device without seek rights, so wasi-libc's isatty() is true for it and
 * stdout is line-buffered. There are no preopened directories yet (the VFS comes with its own
 * issue): fd_prestat_get answers EBADF, which ends libc's scan for them.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_write
 */

import type {FdInfo} from '../kernel/syscalls.js';
import {hex, preview, PREVIEW_BYTES, wasiCall} from './calls.js';
import {ERRNO, FILETYPE, FILETYPE_NAMES, RIGHTS, wasiErrno} from './errno.js';
import {u32, type GuestMemory} from './memory.js';

/** Reads a ciovec/iovec array and checks that every buffer lies inside memory. */
function buffers(mem: GuestMemory, ptr: number, count: number) {
	const list = mem.iovecs(ptr, count);
	for (const v of list) mem.check(v.buf, v.len);
	return list;
}

function iovText(list: ReadonlyArray<{buf: number; len: number}>): string {
	return `[${list.map(v => `${hex(v.buf)}:${v.len}`).join(', ')}]`;
}

/** A copy of the first `count` bytes the buffers hold, in order. */
function gather(mem: GuestMemory, list: ReadonlyArray<{buf: number; len: number}>, count: number): Uint8Array {
	const out = new Uint8Array(count);
	let at = 0;
	for (const v of list) {
		if (at >= count) break;
		const part = mem.view(v.buf, Math.min(v.len, count - at));
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/**
 * fd_write(fd: i32, iovs: i32, iovs_len: i32, nwritten_ptr: i32) → errno
 *   iovs ──► iovs_len × ciovec { u32 buf, u32 buf_len }        (8 bytes each)
 *            buf ──► buf_len bytes to write, gathered in order
 *   nwritten_ptr ──► u32 bytes written (all of them: terminal writes never come up short)
 * Errors: EBADF when fd is not open for writing; EFAULT when any area is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_write
 */
export const fdWrite = wasiCall('fd_write', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[3]), 4);
		const total = list.reduce((n, v) => n + v.len, 0);
		const n = ctx.write(u32(args[0]), gather(mem, list, total));
		if (typeof n !== 'number') return wasiErrno(n);
		mem.setU32(u32(args[3]), n);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const total = list.reduce((n, v) => n + v.len, 0);
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)} ${preview(gather(mem, list, Math.min(total, PREVIEW_BYTES)), total)}`;
		return errno === 0 ? `${head} → nwritten=${mem.u32(u32(args[3]))}` : head;
	},
});

/**
 * fd_read(fd: i32, iovs: i32, iovs_len: i32, nread_ptr: i32) → errno
 *   iovs ──► iovs_len × iovec { u32 buf, u32 buf_len }         (8 bytes each)
 *            buf ──► filled in order with what was read
 *   nread_ptr ──► u32 bytes read (0: end of file)
 * On the terminal a read blocks until a line (cooked mode) or a byte (raw) is there, and returns at
 * most one line; a background job that reads it is stopped (TTIN) until continued.
 * Errors: EBADF when fd is not open for reading; EFAULT when any area is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_read
 */
export const fdRead = wasiCall('fd_read', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[3]), 4);
		const room = list.reduce((n, v) => n + v.len, 0);
		if (room === 0) {
			if (ctx.fdInfo(u32(args[0]))?.readable !== true) return ERRNO.EBADF;
			mem.setU32(u32(args[3]), 0);
			return 0;
		}
		const got = ctx.read(u32(args[0]), room);
		if ('wait' in got) return ctx.block(got.wait);
		if ('errno' in got) return wasiErrno(got.errno);
		// Scatter what was read over the buffers in order.
		let at = 0;
		for (const v of list) {
			if (at >= got.data.length) break;
			const part = got.data.subarray(at, at + v.len);
			mem.write(v.buf, part);
			at += part.length;
		}
		mem.setU32(u32(args[3]), got.data.length);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)}`;
		if (errno !== 0) return head;
		const n = mem.u32(u32(args[3]));
		return `${head} → nread=${n} ${preview(gather(mem, list, Math.min(n, PREVIEW_BYTES)), n)}`;
	},
});

/** What fdstat reports for an fd: the terminal and /dev/null are character devices. */
function fdstat(info: FdInfo): {filetype: number; rights: bigint} {
	let rights = RIGHTS.FD_FDSTAT_SET_FLAGS | RIGHTS.FD_FILESTAT_GET | RIGHTS.POLL_FD_READWRITE;
	if (info.readable) rights |= RIGHTS.FD_READ;
	if (info.writable) rights |= RIGHTS.FD_WRITE;
	// /dev/null can seek (so isatty() is false for it); the terminal cannot.
	if (info.kind === 'null') rights |= RIGHTS.FD_SEEK | RIGHTS.FD_TELL;
	return {filetype: FILETYPE.CHARACTER_DEVICE, rights};
}

/**
 * fd_fdstat_get(fd: i32, buf: i32) → errno
 *   buf ──► fdstat (24 bytes):
 *           +0  u8  fs_filetype            (character_device for the terminal)
 *           +2  u16 fs_flags               (0)
 *           +8  u64 fs_rights_base         (read or write, no seek/tell on the terminal)
 *           +16 u64 fs_rights_inheriting   (0)
 * Errors: EBADF when fd is not open; EFAULT when buf is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_fdstat_get
 */
export const fdFdstatGet = wasiCall('fd_fdstat_get', {
	handler: (ctx, mem, args) => {
		const info = ctx.fdInfo(u32(args[0]));
		if (info === null) return ERRNO.EBADF;
		const buf = mem.check(u32(args[1]), 24);
		const {filetype, rights} = fdstat(info);
		mem.write(buf, new Uint8Array(24));
		mem.setU8(buf, filetype);
		mem.setU16(buf + 2, 0);
		mem.setU64(buf + 8, rights);
		mem.setU64(buf + 16, 0n);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `fd=${u32(args[0])}`;
		return errno === 0 ? `${head} → ${FILETYPE_NAMES[mem.u8(u32(args[1]))] ?? 'unknown'}` : head;
	},
});

/**
 * fd_prestat_get(fd: i32, buf: i32) → errno
 *   buf ──► prestat { u8 tag (0: dir), u32 name_len at +4 }  — never written: there are no preopens
 * Errors: EBADF for every fd (no preopened directories yet).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_prestat_get
 */
export const fdPrestatGet = wasiCall('fd_prestat_get', {
	handler: () => ERRNO.EBADF,
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, buf=${hex(u32(args[1]))}`,
});

/**
 * fd_close(fd: i32) → errno
 * Closes fd; the open file goes when its last fd does.
 * Errors: EBADF when fd is not open.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_close
 */
export const fdClose = wasiCall('fd_close', {
	handler: (ctx, _mem, args) => {
		const errno = ctx.close(u32(args[0]));
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}`,
});
