/*
 * File descriptors themselves: fd_fdstat_get, fd_fdstat_set_flags, fd_fdstat_set_rights,
 * fd_close, fd_renumber, fd_sync, fd_datasync, fd_advise, fd_allocate.
 *
 * fdstat (24 bytes):
 *   +0  u8  fs_filetype            character_device (the terminal, /dev/*), regular_file,
 *                                  directory, or unknown (a pipe)
 *   +2  u16 fs_flags               fdflags: append 1, dsync 2, nonblock 4, rsync 8, sync 16
 *   +8  u64 fs_rights_base         what the fd allows (rights.ts)
 *   +16 u64 fs_rights_inheriting   what fds opened through it may be given
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fdstat
 */

import type {FdFlags, FdInfo} from '../kernel/syscalls.js';
import {wasiCall} from './calls.js';
import {ADVICE_NAMES, ERRNO, FDFLAGS, FILETYPE, FILETYPE_NAMES, RIGHTS, wasiErrno} from './errno.js';
import {u32, u64} from './memory.js';
import {need, rightsArg, rightsOf, rightsText} from './rights.js';

/** The filetype an fd reports. */
export function fdFiletype(info: FdInfo): number {
	switch (info.kind) {
		case 'tty':
		case 'device':
			return FILETYPE.CHARACTER_DEVICE;
		case 'file':
			return FILETYPE.REGULAR_FILE;
		case 'directory':
			return FILETYPE.DIRECTORY;
		case 'pipe':
			return FILETYPE.UNKNOWN;
	}
}

export function flagsBits(flags: FdFlags): number {
	return (flags.append ? FDFLAGS.APPEND : 0) | (flags.dsync ? FDFLAGS.DSYNC : 0) | (flags.nonblock ? FDFLAGS.NONBLOCK : 0) | (flags.rsync ? FDFLAGS.RSYNC : 0) | (flags.sync ? FDFLAGS.SYNC : 0);
}

/** fdflags bits as FdFlags; null when a bit is not a flag. */
export function flagsOf(bits: number): FdFlags | null {
	if ((bits & ~0x1f) !== 0) return null;
	return {append: (bits & FDFLAGS.APPEND) !== 0, dsync: (bits & FDFLAGS.DSYNC) !== 0, nonblock: (bits & FDFLAGS.NONBLOCK) !== 0, rsync: (bits & FDFLAGS.RSYNC) !== 0, sync: (bits & FDFLAGS.SYNC) !== 0};
}

export function flagsText(bits: number): string {
	const names = Object.entries(FDFLAGS).filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name.toLowerCase());
	return names.length === 0 ? '0' : names.join('|');
}

/**
 * fd_fdstat_get(fd: i32, buf: i32) → errno
 *   buf ──► fdstat, all 24 bytes written (padding zeroed)
 * Errors: EBADF; EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_fdstat_get
 */
export const fdFdstatGet = wasiCall('fd_fdstat_get', {
	handler: (ctx, mem, args) => {
		const buf = mem.check(u32(args[1]), 24);
		const info = ctx.files.info(u32(args[0]));
		if (info === null) return ERRNO.EBADF;
		const rights = rightsOf(info);
		mem.write(buf, new Uint8Array(24));
		mem.setU8(buf, fdFiletype(info));
		mem.setU16(buf + 2, flagsBits(info.flags));
		mem.setU64(buf + 8, BigInt(rights.base));
		mem.setU64(buf + 16, BigInt(rights.inheriting));
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `fd=${u32(args[0])}`;
		if (errno !== 0) return head;
		const buf = u32(args[1]);
		const flags = mem.u16(buf + 2);
		return `${head} → ${FILETYPE_NAMES[mem.u8(buf)] ?? 'unknown'}${flags === 0 ? '' : `, flags=${flagsText(flags)}`}, rights=${rightsText(Number(mem.u64(buf + 8)))}`;
	},
});

/**
 * fd_fdstat_set_flags(fd: i32, flags: u16) → errno
 * Sets the fd's status flags (append, nonblock, and the sync ones, which are accepted and kept).
 * Errors: EBADF; ENOTCAPABLE (no fd_fdstat_set_flags right); EINVAL for a bit that is no flag.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_fdstat_set_flags
 */
export const fdFdstatSetFlags = wasiCall('fd_fdstat_set_flags', {
	handler: (ctx, _mem, args) => {
		const fd = u32(args[0]);
		need(ctx, fd, RIGHTS.FD_FDSTAT_SET_FLAGS);
		const flags = flagsOf(u32(args[1]));
		if (flags === null) return ERRNO.EINVAL;
		const errno = ctx.files.setFlags(fd, flags);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, flags=${flagsText(u32(args[1]))}`,
});

/**
 * fd_fdstat_set_rights(fd: i32, fs_rights_base: u64, fs_rights_inheriting: u64) → errno
 * Narrows the fd's rights; they can never grow.
 * Errors: EBADF; ENOTCAPABLE when a right asked for is one the fd does not have.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_fdstat_set_rights
 */
export const fdFdstatSetRights = wasiCall('fd_fdstat_set_rights', {
	handler: (ctx, _mem, args) => {
		const fd = u32(args[0]);
		const info = need(ctx, fd, 0);
		const base = rightsArg(u64(args[1]));
		const inheriting = rightsArg(u64(args[2]));
		const old = rightsOf(info);
		if ((base & ~old.base) !== 0 || (inheriting & ~old.inheriting) !== 0) return ERRNO.ENOTCAPABLE;
		const errno = ctx.files.setRights(fd, {base, inheriting});
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, base=${rightsText(Number(BigInt.asUintN(30, u64(args[1]))))}, inheriting=${rightsText(Number(BigInt.asUintN(30, u64(args[2]))))}`,
});

/**
 * fd_close(fd: i32) → errno
 * Closes fd; the open file goes when its last fd does (a preopen can be closed too).
 * Errors: EBADF.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_close
 */
export const fdClose = wasiCall('fd_close', {
	handler: (ctx, _mem, args) => {
		const errno = ctx.files.close(u32(args[0]));
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}`,
});

/**
 * fd_renumber(fd: i32, to: i32) → errno
 * Moves fd to number `to`, closing what `to` was (like dup2, then close fd).
 * Errors: EBADF when either is not open.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_renumber
 */
export const fdRenumber = wasiCall('fd_renumber', {
	handler: (ctx, _mem, args) => {
		const errno = ctx.files.renumber(u32(args[0]), u32(args[1]));
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, to=${u32(args[1])}`,
});

/**
 * fd_sync(fd: i32) → errno, fd_datasync(fd: i32) → errno
 * Makes the file's data (and, for fd_sync, its metadata) durable: on a host mount, fsync /
 * fdatasync; in memory, nothing to do.
 * Errors: EBADF; ENOTCAPABLE (no fd_sync / fd_datasync right); EIO.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_sync
 */
export const fdSync = wasiCall('fd_sync', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_SYNC);
		const errno = ctx.files.sync(u32(args[0]), false);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}`,
});

export const fdDatasync = wasiCall('fd_datasync', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_DATASYNC);
		const errno = ctx.files.sync(u32(args[0]), true);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}`,
});

/**
 * fd_advise(fd: i32, offset: u64, len: u64, advice: u8) → errno
 * A hint about how the data will be used (normal, sequential, random, willneed, dontneed,
 * noreuse); accepted and ignored.
 * Errors: EBADF; ENOTCAPABLE (no fd_advise right: directories, the terminal, pipes); EINVAL for an
 * unknown advice.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_advise
 */
export const fdAdvise = wasiCall('fd_advise', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_ADVISE);
		return u32(args[3]) < ADVICE_NAMES.length ? 0 : ERRNO.EINVAL;
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, offset=${u64(args[1])}, len=${u64(args[2])}, advice=${ADVICE_NAMES[u32(args[3])] ?? u32(args[3])}`,
});

/**
 * fd_allocate(fd: i32, offset: u64, len: u64) → errno
 * Makes the file at least offset + len bytes long (posix_fallocate); what it gains reads as zeros.
 * Errors: EBADF (also: not open for writing); ENOTCAPABLE (no fd_allocate right); EINVAL for len 0;
 * EFBIG past 2^53; ENOSPC.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_allocate
 */
export const fdAllocate = wasiCall('fd_allocate', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_ALLOCATE);
		const errno = ctx.files.allocate(u32(args[0]), u64(args[1]), u64(args[2]));
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, offset=${u64(args[1])}, len=${u64(args[2])}`,
});
