/*
 * WASI preview 1 constants: errno values (the `errno` enum, in the specification's order), file
 * types, rights and clock ids. A leaf module: it imports nothing. The kernel speaks POSIX error
 * names; they become WASI numbers once, here, at the boundary.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#errno
 */

import type {Errno} from '../kernel/syscalls.js';

/** errno names in order: ERRNO_NAMES[n] is the name of errno n. */
export const ERRNO_NAMES = [
	'SUCCESS', 'E2BIG', 'EACCES', 'EADDRINUSE', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EAGAIN', 'EALREADY',
	'EBADF', 'EBADMSG', 'EBUSY', 'ECANCELED', 'ECHILD', 'ECONNABORTED', 'ECONNREFUSED', 'ECONNRESET',
	'EDEADLK', 'EDESTADDRREQ', 'EDOM', 'EDQUOT', 'EEXIST', 'EFAULT', 'EFBIG', 'EHOSTUNREACH', 'EIDRM',
	'EILSEQ', 'EINPROGRESS', 'EINTR', 'EINVAL', 'EIO', 'EISCONN', 'EISDIR', 'ELOOP', 'EMFILE', 'EMLINK',
	'EMSGSIZE', 'EMULTIHOP', 'ENAMETOOLONG', 'ENETDOWN', 'ENETRESET', 'ENETUNREACH', 'ENFILE', 'ENOBUFS',
	'ENODEV', 'ENOENT', 'ENOEXEC', 'ENOLCK', 'ENOLINK', 'ENOMEM', 'ENOMSG', 'ENOPROTOOPT', 'ENOSPC',
	'ENOSYS', 'ENOTCONN', 'ENOTDIR', 'ENOTEMPTY', 'ENOTRECOVERABLE', 'ENOTSOCK', 'ENOTSUP', 'ENOTTY',
	'ENXIO', 'EOVERFLOW', 'EOWNERDEAD', 'EPERM', 'EPIPE', 'EPROTO', 'EPROTONOSUPPORT', 'EPROTOTYPE',
	'ERANGE', 'EROFS', 'ESPIPE', 'ESRCH', 'ESTALE', 'ETIMEDOUT', 'ETXTBSY', 'EXDEV', 'ENOTCAPABLE',
] as const;

export type ErrnoName = (typeof ERRNO_NAMES)[number];

/** errno numbers by name: ERRNO.EBADF === 8. */
export const ERRNO = Object.fromEntries(ERRNO_NAMES.map((name, n) => [name, n])) as Readonly<Record<ErrnoName, number>>;

/** The WASI number of a kernel error. */
export function wasiErrno(errno: Errno): number {
	return ERRNO[errno];
}

/** filetype: what an fd refers to. */
export const FILETYPE = {
	UNKNOWN: 0,
	BLOCK_DEVICE: 1,
	CHARACTER_DEVICE: 2,
	DIRECTORY: 3,
	REGULAR_FILE: 4,
	SOCKET_DGRAM: 5,
	SOCKET_STREAM: 6,
	SYMBOLIC_LINK: 7,
} as const;

export const FILETYPE_NAMES = ['unknown', 'block_device', 'character_device', 'directory', 'regular_file', 'socket_dgram', 'socket_stream', 'symbolic_link'] as const;

/** rights: one bit each, in the specification's order. */
export const RIGHTS = {
	FD_DATASYNC: 1n << 0n,
	FD_READ: 1n << 1n,
	FD_SEEK: 1n << 2n,
	FD_FDSTAT_SET_FLAGS: 1n << 3n,
	FD_SYNC: 1n << 4n,
	FD_TELL: 1n << 5n,
	FD_WRITE: 1n << 6n,
	FD_ADVISE: 1n << 7n,
	FD_ALLOCATE: 1n << 8n,
	FD_FILESTAT_GET: 1n << 21n,
	POLL_FD_READWRITE: 1n << 27n,
} as const;

/** clockid */
export const CLOCK = {REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3} as const;

export const CLOCK_NAMES = ['realtime', 'monotonic', 'process_cputime_id', 'thread_cputime_id'] as const;
