/*
 * WASI preview 1 constants: errno values (the `errno` enum, in the specification's order), file
 * types, rights, flags, clock ids, event types and signals. A leaf module (it imports only a type).
 * The kernel speaks POSIX error names; they become WASI numbers once, here, at the boundary.
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

/** rights: one bit each, in the specification's order (30 bits: they fit a number). */
export const RIGHTS = {
	FD_DATASYNC: 1 << 0,
	FD_READ: 1 << 1,
	FD_SEEK: 1 << 2,
	FD_FDSTAT_SET_FLAGS: 1 << 3,
	FD_SYNC: 1 << 4,
	FD_TELL: 1 << 5,
	FD_WRITE: 1 << 6,
	FD_ADVISE: 1 << 7,
	FD_ALLOCATE: 1 << 8,
	PATH_CREATE_DIRECTORY: 1 << 9,
	PATH_CREATE_FILE: 1 << 10,
	PATH_LINK_SOURCE: 1 << 11,
	PATH_LINK_TARGET: 1 << 12,
	PATH_OPEN: 1 << 13,
	FD_READDIR: 1 << 14,
	PATH_READLINK: 1 << 15,
	PATH_RENAME_SOURCE: 1 << 16,
	PATH_RENAME_TARGET: 1 << 17,
	PATH_FILESTAT_GET: 1 << 18,
	PATH_FILESTAT_SET_SIZE: 1 << 19,
	PATH_FILESTAT_SET_TIMES: 1 << 20,
	FD_FILESTAT_GET: 1 << 21,
	FD_FILESTAT_SET_SIZE: 1 << 22,
	FD_FILESTAT_SET_TIMES: 1 << 23,
	PATH_SYMLINK: 1 << 24,
	PATH_REMOVE_DIRECTORY: 1 << 25,
	PATH_UNLINK_FILE: 1 << 26,
	POLL_FD_READWRITE: 1 << 27,
	SOCK_SHUTDOWN: 1 << 28,
	SOCK_ACCEPT: 1 << 29,
} as const;

/** Every right there is. */
export const ALL_RIGHTS = (1 << 30) - 1;

/** fdflags */
export const FDFLAGS = {APPEND: 1, DSYNC: 2, NONBLOCK: 4, RSYNC: 8, SYNC: 16} as const;

/** oflags (path_open) */
export const OFLAGS = {CREAT: 1, DIRECTORY: 2, EXCL: 4, TRUNC: 8} as const;

/** lookupflags */
export const LOOKUP_SYMLINK_FOLLOW = 1;

/** fstflags (the *_set_times calls) */
export const FSTFLAGS = {ATIM: 1, ATIM_NOW: 2, MTIM: 4, MTIM_NOW: 8} as const;

/** whence (fd_seek) */
export const WHENCE = ['set', 'cur', 'end'] as const;

/** advice (fd_advise): normal .. noreuse. */
export const ADVICE_NAMES = ['normal', 'sequential', 'random', 'willneed', 'dontneed', 'noreuse'] as const;

/** eventtype (poll_oneoff) */
export const EVENTTYPE = {CLOCK: 0, FD_READ: 1, FD_WRITE: 2} as const;

/** subclockflags: the timeout is an absolute time of its clock. */
export const SUBCLOCK_ABSTIME = 1;

/** eventrwflags: the other end has hung up. */
export const EVENT_FD_READWRITE_HANGUP = 1;

/** preopentype */
export const PREOPENTYPE_DIR = 0;

/** signal: WASI's numbering (not Linux's past 15), in the specification's order; 0 is "none". */
export const WASI_SIGNALS = [
	'NONE', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM',
	'TERM', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL',
	'PWR', 'SYS',
] as const;

/** clockid */
export const CLOCK = {REALTIME: 0, MONOTONIC: 1, PROCESS_CPUTIME_ID: 2, THREAD_CPUTIME_ID: 3} as const;

export const CLOCK_NAMES = ['realtime', 'monotonic', 'process_cputime_id', 'thread_cputime_id'] as const;
