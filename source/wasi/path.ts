/*
 * Paths: path_open, path_create_directory, path_remove_directory, path_unlink_file, path_rename,
 * path_readlink, path_symlink, path_link.
 *
 * A path is (ptr, len) bytes of UTF-8 (EILSEQ otherwise; NUL inside is EINVAL) relative to a
 * directory fd; the VFS resolves it (kernel/vfs/path.ts): "." and ".." (never above the root),
 * symlinks (at most 40: ELOOP; one in a host mount never leads out of it: EPERM), mounts (nothing
 * crosses between file systems: EXDEV), read-only mounts (EROFS). An absolute path starts at the
 * root (wasi-libc never sends one: it strips the "/" and picks the root's preopen). Errors are
 * POSIX's for the same call (ENOENT, EEXIST, ENOTDIR, EISDIR, ENOTEMPTY, ENAMETOOLONG, EBUSY for a
 * mount point), plus ENOTCAPABLE when the directory fd lacks the call's right.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_open
 */

import type {Errno, FileCalls, OpenRequest} from '../kernel/syscalls.js';
import {pathArg, pathText, preview, wasiCall} from './calls.js';
import {ERRNO, LOOKUP_SYMLINK_FOLLOW, OFLAGS, RIGHTS, wasiErrno} from './errno.js';
import {flagsOf, flagsText} from './fd.js';
import {u32, u64} from './memory.js';
import {applicable, need, rightsArg, rightsOf, rightsText} from './rights.js';

const READ_RIGHTS = RIGHTS.FD_READ | RIGHTS.FD_READDIR;
const WRITE_RIGHTS = RIGHTS.FD_WRITE | RIGHTS.FD_DATASYNC | RIGHTS.FD_ALLOCATE | RIGHTS.FD_FILESTAT_SET_SIZE;

function oflagsText(bits: number): string {
	const names = Object.entries(OFLAGS).filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name.toLowerCase());
	return names.length === 0 ? '0' : names.join('|');
}

/**
 * path_open(fd: i32, dirflags: u32, path: i32, path_len: i32, oflags: u16, fs_rights_base: u64,
 *           fs_rights_inheriting: u64, fdflags: u16, fd_ptr: i32) → errno
 *   dirflags: lookupflags, symlink_follow 1 (without it a symlink as the last component is ELOOP)
 *   oflags:   creat 1 (make it if missing), directory 2 (it must be one: ENOTDIR), excl 4 (with
 *             creat: EEXIST if it exists), trunc 8 (to size 0)
 *   fs_rights_base, fs_rights_inheriting: the rights asked for; they must be among the directory's
 *             inheriting rights (ENOTCAPABLE). The file is open for reading when they include
 *             fd_read or fd_readdir, for writing when they include fd_write, fd_datasync,
 *             fd_allocate or fd_filestat_set_size; the new fd keeps those that apply to what it is.
 *   fdflags:  append 1, dsync 2, nonblock 4, rsync 8, sync 16
 *   fd_ptr ──► u32 the new fd (the lowest free number)
 * Needs path_open on fd, and path_create_file with creat, path_filestat_set_size with trunc.
 * Errors: EBADF, ENOTCAPABLE, ENOTDIR, ENOENT, EEXIST, EISDIR (a directory opened for writing),
 * ELOOP, ENAMETOOLONG, EINVAL (unknown flags), EILSEQ, EMFILE, EACCES (a host FIFO or device), EROFS,
 * ENXIO (a FIFO opened nonblocking for writing without a reader), EPERM, EFAULT. Opening a FIFO
 * blocks until its other side opens (nonblock: it does not).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_open
 */
export const pathOpen = wasiCall('path_open', {
	handler: (ctx, mem, args) => {
		const fdPtr = mem.check(u32(args[8]), 4);
		const path = pathArg(mem, u32(args[2]), u32(args[3]));
		const dirfd = u32(args[0]);
		const oflags = u32(args[4]);
		let needed = RIGHTS.PATH_OPEN;
		if ((oflags & OFLAGS.CREAT) !== 0) needed |= RIGHTS.PATH_CREATE_FILE;
		if ((oflags & OFLAGS.TRUNC) !== 0) needed |= RIGHTS.PATH_FILESTAT_SET_SIZE;
		const dir = need(ctx, dirfd, needed);
		if ((oflags & ~0xf) !== 0) return ERRNO.EINVAL;
		const base = rightsArg(u64(args[5]));
		const inheriting = rightsArg(u64(args[6]));
		const allowed = rightsOf(dir).inheriting;
		if ((base & ~allowed) !== 0 || (inheriting & ~allowed) !== 0) return ERRNO.ENOTCAPABLE;
		const flags = flagsOf(u32(args[7]));
		if (flags === null) return ERRNO.EINVAL;
		const request: OpenRequest = {
			follow: (u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0,
			create: (oflags & OFLAGS.CREAT) !== 0,
			exclusive: (oflags & OFLAGS.EXCL) !== 0,
			directory: (oflags & OFLAGS.DIRECTORY) !== 0,
			truncate: (oflags & OFLAGS.TRUNC) !== 0,
			read: (base & READ_RIGHTS) !== 0,
			write: (base & WRITE_RIGHTS) !== 0,
			flags,
		};
		const out = ctx.files.open(dirfd, path, request);
		if ('wait' in out) return ctx.block(out.wait);
		if ('errno' in out) return wasiErrno(out.errno);
		const info = ctx.files.info(out.fd)!;
		const fits = applicable(info);
		ctx.files.setRights(out.fd, {base: base & fits.base, inheriting: inheriting & fits.inheriting});
		mem.setU32(fdPtr, out.fd);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const follow = (u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0 ? '' : ', nofollow';
		const fdflags = u32(args[7]) === 0 ? '' : `, fdflags=${flagsText(u32(args[7]))}`;
		const head = `fd=${u32(args[0])}, ${pathText(mem, u32(args[2]), u32(args[3]))}${follow}, oflags=${oflagsText(u32(args[4]))}, rights=${rightsText(Number(BigInt.asUintN(30, u64(args[5]))))}${fdflags}`;
		return errno === 0 ? `${head} → fd=${mem.u32(u32(args[8]))}` : head;
	},
});

/** A path call on one directory fd: needs `right` on it, then does `call` with the path. */
function simplePathCall(name: string, right: number, call: (files: FileCalls, fd: number, path: string) => Errno | null) {
	return wasiCall(name, {
		handler: (ctx, mem, args) => {
			const path = pathArg(mem, u32(args[1]), u32(args[2]));
			need(ctx, u32(args[0]), right);
			const errno = call(ctx.files, u32(args[0]), path);
			return errno === null ? 0 : wasiErrno(errno);
		},
		describe: (_ctx, mem, args) => `fd=${u32(args[0])}, ${pathText(mem, u32(args[1]), u32(args[2]))}`,
	});
}

/**
 * path_create_directory(fd: i32, path: i32, path_len: i32) → errno
 * Makes a directory. Errors: EEXIST (anything there already, a dangling symlink too), ENOENT,
 * ENOTDIR, ENOTCAPABLE (no path_create_directory right), EROFS, ENOSPC, and those of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_create_directory
 */
export const pathCreateDirectory = simplePathCall('path_create_directory', RIGHTS.PATH_CREATE_DIRECTORY, (files, fd, path) => files.mkdirAt(fd, path));

/**
 * path_remove_directory(fd: i32, path: i32, path_len: i32) → errno
 * Removes an empty directory. Errors: ENOTEMPTY, ENOTDIR (not a directory; a symlink is not
 * followed), ENOENT, EBUSY (a mount point or the root), EINVAL (a path ending in "."), ENOTCAPABLE,
 * EROFS, and those of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_remove_directory
 */
export const pathRemoveDirectory = simplePathCall('path_remove_directory', RIGHTS.PATH_REMOVE_DIRECTORY, (files, fd, path) => files.rmdirAt(fd, path));

/**
 * path_unlink_file(fd: i32, path: i32, path_len: i32) → errno
 * Removes a name of a file, symlink (itself, not its target) or FIFO; the file goes with its last
 * name once no fd has it open. Errors: EISDIR (a directory), ENOTDIR (a path ending in "/"),
 * ENOENT, ENOTCAPABLE, EROFS, and those of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_unlink_file
 */
export const pathUnlinkFile = simplePathCall('path_unlink_file', RIGHTS.PATH_UNLINK_FILE, (files, fd, path) => files.unlinkAt(fd, path));

/**
 * path_rename(fd: i32, old_path: i32, old_path_len: i32, new_fd: i32, new_path: i32, new_path_len: i32) → errno
 * rename(2): replaces what is at the new path when POSIX allows. Needs path_rename_source on fd,
 * path_rename_target on new_fd. Errors: ENOENT, EXDEV (between file systems), EISDIR (a file over
 * a directory), ENOTDIR (a directory over a file), ENOTEMPTY (over a directory that is not empty),
 * EINVAL (a directory into itself), EBUSY (a mount point), ENOTCAPABLE, EROFS, and those of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_rename
 */
export const pathRename = wasiCall('path_rename', {
	handler: (ctx, mem, args) => {
		const from = pathArg(mem, u32(args[1]), u32(args[2]));
		const to = pathArg(mem, u32(args[4]), u32(args[5]));
		need(ctx, u32(args[0]), RIGHTS.PATH_RENAME_SOURCE);
		need(ctx, u32(args[3]), RIGHTS.PATH_RENAME_TARGET);
		const errno = ctx.files.renameAt(u32(args[0]), from, u32(args[3]), to);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, mem, args) => `fd=${u32(args[0])}, ${pathText(mem, u32(args[1]), u32(args[2]))} → fd=${u32(args[3])}, ${pathText(mem, u32(args[4]), u32(args[5]))}`,
});

/**
 * path_readlink(fd: i32, path: i32, path_len: i32, buf: i32, buf_len: i32, bufused_ptr: i32) → errno
 *   buf ──► the symlink's target, not NUL-terminated, cut at buf_len bytes (as readlink(2))
 *   bufused_ptr ──► u32 bytes written
 * Errors: EINVAL (not a symlink), ENOENT, ENOTCAPABLE (no path_readlink right), EFAULT, and those of
 * any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_readlink
 */
export const pathReadlink = wasiCall('path_readlink', {
	handler: (ctx, mem, args) => {
		const path = pathArg(mem, u32(args[1]), u32(args[2]));
		const buf = mem.check(u32(args[3]), u32(args[4]));
		mem.check(u32(args[5]), 4);
		need(ctx, u32(args[0]), RIGHTS.PATH_READLINK);
		const out = ctx.files.readlinkAt(u32(args[0]), path);
		if ('errno' in out) return wasiErrno(out.errno);
		const bytes = new TextEncoder().encode(out.target).subarray(0, u32(args[4]));
		mem.write(buf, bytes);
		mem.setU32(u32(args[5]), bytes.length);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `fd=${u32(args[0])}, ${pathText(mem, u32(args[1]), u32(args[2]))}`;
		return errno === 0 ? `${head} → ${preview(mem.view(u32(args[3]), mem.u32(u32(args[5]))))}` : head;
	},
});

/**
 * path_symlink(old_path: i32, old_path_len: i32, fd: i32, new_path: i32, new_path_len: i32) → errno
 * Makes a symlink at new_path whose target is the text old_path (not resolved now; one made in a
 * host mount may hold any text, but an absolute or escaping one will never be followed).
 * Errors: EEXIST, ENOENT (an empty target), ENOTCAPABLE (no path_symlink right), EROFS, and those
 * of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_symlink
 */
export const pathSymlink = wasiCall('path_symlink', {
	handler: (ctx, mem, args) => {
		const target = pathArg(mem, u32(args[0]), u32(args[1]));
		const path = pathArg(mem, u32(args[3]), u32(args[4]));
		need(ctx, u32(args[2]), RIGHTS.PATH_SYMLINK);
		const errno = ctx.files.symlinkAt(target, u32(args[2]), path);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, mem, args) => `${pathText(mem, u32(args[0]), u32(args[1]))} ← fd=${u32(args[2])}, ${pathText(mem, u32(args[3]), u32(args[4]))}`,
});

/**
 * path_link(old_fd: i32, old_flags: u32, old_path: i32, old_path_len: i32, new_fd: i32, new_path: i32, new_path_len: i32) → errno
 * A new name (hard link) for an existing file; old_flags symlink_follow 1 links the symlink's target
 * instead of the symlink. Needs path_link_source on old_fd, path_link_target on new_fd.
 * Errors: EEXIST, ENOENT, EPERM (a directory), EXDEV (between file systems), ENOTCAPABLE, EROFS,
 * and those of any path.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#path_link
 */
export const pathLink = wasiCall('path_link', {
	handler: (ctx, mem, args) => {
		const from = pathArg(mem, u32(args[2]), u32(args[3]));
		const to = pathArg(mem, u32(args[5]), u32(args[6]));
		need(ctx, u32(args[0]), RIGHTS.PATH_LINK_SOURCE);
		need(ctx, u32(args[4]), RIGHTS.PATH_LINK_TARGET);
		const errno = ctx.files.linkAt(u32(args[0]), from, (u32(args[1]) & LOOKUP_SYMLINK_FOLLOW) !== 0, u32(args[4]), to);
		return errno === null ? 0 : wasiErrno(errno);
	},
	describe: (_ctx, mem, args) => `fd=${u32(args[0])}, ${pathText(mem, u32(args[2]), u32(args[3]))} → fd=${u32(args[4])}, ${pathText(mem, u32(args[5]), u32(args[6]))}`,
});
