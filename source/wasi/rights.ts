/*
 * WASI rights: which operations an fd allows. The kernel keeps each open file's rights as two
 * numbers without reading them; this is where they are given and checked.
 *
 *   - An fd the kernel opened (stdio, preopens) has the default rights of its kind (defaultRights).
 *   - path_open asks for rights: they must be among the directory's inheriting rights (else
 *     ENOTCAPABLE); the new fd gets them, less those that make no sense for what it opened
 *     (applicable): a terminal never has seek or tell, so wasi-libc's isatty() is true for it.
 *   - fd_fdstat_set_rights can only take rights away.
 *   - A call on an fd checks the rights it needs (need): EBADF when the fd is not open,
 *     ENOTCAPABLE when a right is missing. Reading a file not open for reading, or writing one not
 *     open for writing, is EBADF as in POSIX (checked by the kernel, before the rights).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#rights
 */

import type {FdInfo, Rights, SyscallContext} from '../kernel/syscalls.js';
import {ERRNO, RIGHTS as R} from './errno.js';
import {WasiErrno} from './calls.js';

/** What a regular file can do. */
export const FILE_RIGHTS =
	R.FD_DATASYNC | R.FD_READ | R.FD_SEEK | R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.FD_TELL | R.FD_WRITE | R.FD_ADVISE | R.FD_ALLOCATE |
	R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_SIZE | R.FD_FILESTAT_SET_TIMES | R.POLL_FD_READWRITE;

/** What a directory can do. */
export const DIR_RIGHTS =
	R.FD_FDSTAT_SET_FLAGS | R.FD_SYNC | R.PATH_CREATE_DIRECTORY | R.PATH_CREATE_FILE | R.PATH_LINK_SOURCE | R.PATH_LINK_TARGET |
	R.PATH_OPEN | R.FD_READDIR | R.PATH_READLINK | R.PATH_RENAME_SOURCE | R.PATH_RENAME_TARGET | R.PATH_FILESTAT_GET |
	R.PATH_FILESTAT_SET_SIZE | R.PATH_FILESTAT_SET_TIMES | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES | R.PATH_SYMLINK |
	R.PATH_REMOVE_DIRECTORY | R.PATH_UNLINK_FILE | R.POLL_FD_READWRITE;

/** What the terminal and pipes can do: no seek, tell, size or advice. */
const STREAM_RIGHTS = R.FD_READ | R.FD_WRITE | R.FD_FDSTAT_SET_FLAGS | R.FD_FILESTAT_GET | R.FD_FILESTAT_SET_TIMES | R.POLL_FD_READWRITE | R.FD_SYNC | R.FD_DATASYNC;

/** What /dev/null, /dev/zero and /dev/random can do (they seek, to offset 0). */
const DEVICE_RIGHTS = STREAM_RIGHTS | R.FD_SEEK | R.FD_TELL | R.FD_ADVISE;

/** The rights that make sense for an fd of this kind. */
export function applicable(info: FdInfo): Rights {
	switch (info.kind) {
		case 'file':
			return {base: FILE_RIGHTS, inheriting: 0};
		case 'directory':
			return {base: DIR_RIGHTS, inheriting: DIR_RIGHTS | FILE_RIGHTS};
		case 'device':
			return {base: DEVICE_RIGHTS, inheriting: 0};
		case 'tty':
		case 'pipe':
			return {base: STREAM_RIGHTS, inheriting: 0};
	}
}

/** Rights of an fd the kernel opened: what its kind allows, less reading or writing it was not opened for. */
export function defaultRights(info: FdInfo): Rights {
	const all = applicable(info);
	let base = all.base;
	if (!info.readable) base &= ~(R.FD_READ | R.FD_READDIR);
	if (!info.writable && info.kind !== 'directory') base &= ~(R.FD_WRITE | R.FD_DATASYNC | R.FD_ALLOCATE | R.FD_FILESTAT_SET_SIZE);
	return {base, inheriting: all.inheriting};
}

export function rightsOf(info: FdInfo): Rights {
	return info.rights ?? defaultRights(info);
}

/** The fd's info when it is open and has `rights` (EBADF, ENOTCAPABLE otherwise: thrown). */
export function need(ctx: SyscallContext, fd: number, rights: number): FdInfo {
	const info = ctx.files.info(fd);
	if (info === null) throw new WasiErrno(ERRNO.EBADF);
	if ((rightsOf(info).base & rights) !== rights) throw new WasiErrno(ERRNO.ENOTCAPABLE);
	return info;
}

/** A rights argument (u64) as a number; rights past the 30 the specification has are ENOTCAPABLE. */
export function rightsArg(value: bigint): number {
	if (value >> 30n !== 0n) throw new WasiErrno(ERRNO.ENOTCAPABLE);
	return Number(value);
}

/** The names of the rights set in `bits`, for the log. */
export function rightsText(bits: number): string {
	if (bits === 0) return '0';
	const names = Object.entries(R)
		.filter(([, bit]) => (bits & bit) !== 0)
		.map(([name]) => name.toLowerCase());
	return names.length > 6 ? `0x${bits.toString(16)}` : names.join('|');
}
