/*
 * File attributes: fd_filestat_get, fd_filestat_set_size, fd_filestat_set_times,
 * path_filestat_get, path_filestat_set_times.
 *
 * filestat (64 bytes):
 *   +0  u64 dev        file system: 1 in-memory, 2 /proc, 16 + n host mount n (0: the terminal, a pipe)
 *   +8  u64 ino        inode number (a host file's own)
 *   +16 u8  filetype   directory, regular_file, symbolic_link, character_device (devices, the
 *                      terminal), block_device / socket_stream (host specials), unknown (FIFOs, pipes)
 *   +24 u64 nlink      hard links
 *   +32 u64 size       bytes (a symlink: its target's; a directory: its entries')
 *   +40 u64 atim       last access, ns since the Unix epoch (virtual: the machine's clock)
 *   +48 u64 mtim       last modification
 *   +56 u64 ctim       last status change
 * fstflags (the set_times calls): atim 1 (set atim to the argument), atim_now 2 (to now), mtim 4,
 * mtim_now 8; asking for both forms of one time is EINVAL. "Now" is the virtual wall clock.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#filestat
 */

import type {SyscallContext} from '../kernel/syscalls.js';
import type {NodeKind, SpecialKind, Stat} from '../kernel/vfs/types.js';
import {pathArg, pathText, WasiErrno, wasiCall} from './calls.js';
import {ERRNO, FILETYPE, FILETYPE_NAMES, FSTFLAGS, LOOKUP_SYMLINK_FOLLOW, RIGHTS, wasiErrno} from './errno.js';
import {u32, u64, type GuestMemory} from './memory.js';
import {need} from './rights.js';

/** The filetype of a node of this kind. */
export function kindFiletype(kind: NodeKind, special: SpecialKind | null): number {
	switch (kind) {
		case 'dir':
			return FILETYPE.DIRECTORY;
		case 'file':
			return FILETYPE.REGULAR_FILE;
		case 'symlink':
			return FILETYPE.SYMBOLIC_LINK;
		case 'device':
			return FILETYPE.CHARACTER_DEVICE;
		case 'fifo':
			return FILETYPE.UNKNOWN;
		case 'special':
			return special === 'char' ? FILETYPE.CHARACTER_DEVICE : special === 'block' ? FILETYPE.BLOCK_DEVICE : special === 'socket' ? FILETYPE.SOCKET_STREAM : FILETYPE.UNKNOWN;
	}
}

function writeFilestat(mem: GuestMemory, buf: number, stat: Stat): void {
	mem.write(buf, new Uint8Array(64));
	mem.setU64(buf, BigInt(stat.dev));
	mem.setU64(buf + 8, stat.ino);
	mem.setU8(buf + 16, kindFiletype(stat.kind, stat.special));
	mem.setU64(buf + 24, BigInt(stat.nlink));
	mem.setU64(buf + 32, BigInt(stat.size));
	mem.setU64(buf + 40, stat.atim);
	mem.setU64(buf + 48, stat.mtim);
	mem.setU64(buf + 56, stat.ctim);
}

function filestatText(mem: GuestMemory, buf: number): string {
	return `${FILETYPE_NAMES[mem.u8(buf + 16)] ?? 'unknown'}, size=${mem.u64(buf + 32)}, ino=${mem.u64(buf + 8)}, nlink=${mem.u64(buf + 24)}`;
}

/** The times fstflags ask for: [atim, mtim], null for "keep". EINVAL for contradictory or unknown flags. */
function times(ctx: SyscallContext, atim: bigint, mtim: bigint, flags: number): [bigint | null, bigint | null] {
	if ((flags & ~0xf) !== 0) throw new WasiErrno(ERRNO.EINVAL);
	if ((flags & FSTFLAGS.ATIM) !== 0 && (flags & FSTFLAGS.ATIM_NOW) !== 0) throw new WasiErrno(ERRNO.EINVAL);
	if ((flags & FSTFLAGS.MTIM) !== 0 && (flags & FSTFLAGS.MTIM_NOW) !== 0) throw new WasiErrno(ERRNO.EINVAL);
	const now = ctx.realtime();
	const a = (flags & FSTFLAGS.ATIM) !== 0 ? atim : (flags & FSTFLAGS.ATIM_NOW) !== 0 ? now : null;
	const m = (flags & FSTFLAGS.MTIM) !== 0 ? mtim : (flags & FSTFLAGS.MTIM_NOW) !== 0 ? now : null;
	return [a, m];
}

function fstText(flags: number): string {
	const names = Object.entries(FSTFLAGS).filter(([, bit]) => (flags & bit) !== 0).map(([name]) => name.toLowerCase());
	return names.length === 0 ? '0' : names.join('|');
}

/**
 * fd_filestat_get(fd: i32, buf: i32) → errno
 *   buf ──► filestat of what fd refers to
 * Errors: EBADF; ENOTCAPABLE (no fd_filestat_get right); EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_filestat_get
 */
export const fdFilestatGet = wasiCall('fd_filestat_get', {
	handler: (ctx, mem, args) => {
		const buf = mem.check(u32(args[1]), 64);
		need(ctx, u32(args[0]), RIGHTS.FD_FILESTAT_GET);
		const out = ctx.files.stat(u32(args[0]));
		if ('errno' in out) return wasiErrno(out.errno);
		writeFilestat(mem, buf, out.stat);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => `fd=${u32(args[0])}${errno === 0 ? ` → ${filestatText(mem, u32(args[1]))}` : ''}`,
});

/**
 * fd_filestat_set_size(fd: i32, size: u64) → errno
 * Truncates or extends the file to `size` bytes (what it gains reads as zeros).
 * Errors: EBADF; ENOTCAPABLE (no fd_filestat_set_size right); EINVAL (not a regular file open for
 * writing); EFBIG past 2^53; ENOSPC; EROFS.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_filestat_set_size
 */
export const fdFilestatSetSize = wasiCall('fd_filestat_set_size', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_FILESTAT_SET_SIZE);
		const errno = ctx.files.truncate(u32(args[0]), u64(args[1]));
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, size=${u64(args[1])}`,
});

/**
 * fd_filestat_set_times(fd: i32, atim: u64, mtim: u64, fst_flags: u16) → errno
 * Sets the access and/or modification time of what fd refers to.
 * Errors: EBADF; ENOTCAPABLE (no fd_filestat_set_times right); EINVAL (flags); EROFS.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_filestat_set_times
 */
export const fdFilestatSetTimes = wasiCall('fd_filestat_set_times', {
	handler: (ctx, _mem, args) => {
		need(ctx, u32(args[0]), RIGHTS.FD_FILESTAT_SET_TIMES);
		const [atim, mtim] = times(ctx, u64(args[1]), u64(args[2]), u32(args[3]));
		const errno = ctx.files.setTimes(u32(args[0]), atim, mtim);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, _mem, args) => `fd=${u32(args[0])}, atim=${u64(args[1])}, mtim=${u64(args[2])}, flags=${fstText(u32(args[3]))}`,
});

/**
 * path_filestat_get(fd: i32, flags: u32, path: i32, path_len: i32, buf: i32) → errno
 *   flags: lookupflags, symlink_follow 1 (else a symlink itself is described)
 *   path ──► path_len bytes of UTF-8, relative to directory fd (absolute: from the root)
 *   buf ──► filestat
 * Errors: EBADF; ENOTDIR (fd is no directory, or a path component is none); ENOTCAPABLE (no
 * path_filestat_get right); ENOENT; ELOOP; ENAMETOOLONG; EILSEQ (not UTF-8); EPERM (a symlink
 * leading out of a host mount); EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_filestat_get
 */
export const pathFilestatGet = wasiCall('path_filestat_get', {
	handler: (ctx, mem, args) => {
		const buf = mem.check(u32(args[4]), 64);
		const path = pathArg(mem, u32(args[2]), u32(args[3]));
		need(ctx, u32(args[0]), RIGHTS.PATH_FILESTAT_GET);
		const out = ctx.files.statAt(u32(args[0]), path, (u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0);
		if ('errno' in out) return wasiErrno(out.errno);
		writeFilestat(mem, buf, out.stat);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `fd=${u32(args[0])}, ${pathText(mem, u32(args[2]), u32(args[3]))}${(u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0 ? '' : ', nofollow'}`;
		return errno === 0 ? `${head} → ${filestatText(mem, u32(args[4]))}` : head;
	},
});

/**
 * path_filestat_set_times(fd: i32, flags: u32, path: i32, path_len: i32, atim: u64, mtim: u64, fst_flags: u16) → errno
 * Sets the times of the file at path (flags and path as path_filestat_get; fst_flags as above).
 * Errors: as path_filestat_get (ENOTCAPABLE: no path_filestat_set_times right); EINVAL (flags); EROFS.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_filestat_set_times
 */
export const pathFilestatSetTimes = wasiCall('path_filestat_set_times', {
	handler: (ctx, mem, args) => {
		const path = pathArg(mem, u32(args[2]), u32(args[3]));
		need(ctx, u32(args[0]), RIGHTS.PATH_FILESTAT_SET_TIMES);
		const [atim, mtim] = times(ctx, u64(args[4]), u64(args[5]), u32(args[6]));
		const errno = ctx.files.setTimesAt(u32(args[0]), path, (u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0, atim, mtim);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, mem, args) => `fd=${u32(args[0])}, ${pathText(mem, u32(args[2]), u32(args[3]))}, atim=${u64(args[4])}, mtim=${u64(args[5])}, flags=${fstText(u32(args[6]))}`,
});
