/*
 * The shell's way to the file system: through its own fds (ctx.files), like any process. Every
 * path is made absolute against the shell's working directory (state.cwd, a plain string, so a
 * snapshot keeps it) and handed to the kernel with the shell's root preopen as the directory fd;
 * the kernel walks it one component at a time (so `..` follows the real tree). Failures come back
 * as errno values, shown with their usual Unix text ("No such file or directory").
 */

import {NO_FLAGS} from '../kernel/files.js';
import type {Errno, ListedEntry, OpenRequest} from '../kernel/syscalls.js';
import type {Stat} from '../kernel/vfs/types.js';
import type {Shell} from './builtin.js';

/** The usual text of each errno, as ls or rm prints it. */
const ERRNO_TEXT: Partial<Readonly<Record<Errno, string>>> = {
	EACCES: 'Permission denied',
	EBADF: 'Bad file descriptor',
	EBUSY: 'Device or resource busy',
	EEXIST: 'File exists',
	EINVAL: 'Invalid argument',
	EIO: 'Input/output error',
	EISDIR: 'Is a directory',
	ELOOP: 'Too many levels of symbolic links',
	EMFILE: 'Too many open files',
	EMLINK: 'Too many links',
	ENAMETOOLONG: 'File name too long',
	ENOENT: 'No such file or directory',
	ENOSPC: 'No space left on device',
	ENOTDIR: 'Not a directory',
	ENOTEMPTY: 'Directory not empty',
	ENOTSUP: 'Operation not supported',
	ENXIO: 'No such device or address',
	EPERM: 'Operation not permitted',
	EROFS: 'Read-only file system',
	EXDEV: 'Invalid cross-device link',
	EAGAIN: 'Resource temporarily unavailable',
};

export function errnoText(errno: Errno): string {
	return ERRNO_TEXT[errno] ?? errno;
}

/** A failure: the errno, for "NAME: PATH: text". */
export class FileError extends Error {
	constructor(readonly errno: Errno) {
		super(errnoText(errno));
	}
}

/** `path` against the working directory `cwd`, with "." and ".." taken lexically (as cd does). */
export function normalize(cwd: string, path: string): string {
	const parts: string[] = [];
	for (const c of (path.startsWith('/') ? path : `${cwd}/${path}`).split('/')) {
		if (c === '' || c === '.') continue;
		if (c === '..') parts.pop();
		else parts.push(c);
	}
	return `/${parts.join('/')}`;
}

/** The path as the kernel is given it: absolute, but not normalized (`..` is left to the kernel). */
function absolute(sh: Shell, path: string): string {
	if (path.startsWith('/')) return path;
	const cwd = sh.state.cwd;
	return cwd === '/' ? `/${path}` : `${cwd}/${path}`;
}

/** A directory fd that absolute paths can be resolved from: the shell's root preopen (fd 3), or the first one. */
function rootFd(sh: Shell): number {
	const files = sh.ctx.files;
	if (files.info(3)?.kind === 'directory') return 3;
	for (let fd = 0; fd < 64; fd++) if (files.info(fd)?.kind === 'directory') return fd;
	throw new FileError('EBADF');
}

function check(errno: Errno | null): void {
	if (errno !== null) throw new FileError(errno);
}

function request(options: Partial<OpenRequest>): OpenRequest {
	return {follow: true, create: false, exclusive: false, directory: false, truncate: false, read: false, write: false, flags: NO_FLAGS, ...options};
}

/** Opens a path and gives back the fd (a wait, as for a FIFO with no other side, is an error: a builtin never blocks). */
function open(sh: Shell, path: string, options: Partial<OpenRequest>): number {
	const r = sh.ctx.files.open(rootFd(sh), absolute(sh, path), request(options));
	if ('wait' in r) throw new FileError('EAGAIN');
	if ('errno' in r) throw new FileError(r.errno);
	return r.fd;
}

/** Opens a file for a redirection (<: read; >: create and truncate; >>: create and append) and gives its fd. */
export function openRedirect(sh: Shell, path: string, op: '<' | '>' | '>>'): number {
	if (op === '<') return open(sh, path, {read: true});
	if (op === '>') return open(sh, path, {create: true, truncate: true, write: true});
	return open(sh, path, {create: true, write: true, flags: {...NO_FLAGS, append: true}});
}

function withFd<T>(sh: Shell, fd: number, use: (fd: number) => T): T {
	try {
		return use(fd);
	} finally {
		sh.ctx.files.close(fd);
	}
}

export function statPath(sh: Shell, path: string, follow = true): Stat {
	const r = sh.ctx.files.statAt(rootFd(sh), absolute(sh, path), follow);
	if ('errno' in r) throw new FileError(r.errno);
	return r.stat;
}

/** Whether something (even a dangling symlink) is at the path. */
export function exists(sh: Shell, path: string): boolean {
	return !('errno' in sh.ctx.files.statAt(rootFd(sh), absolute(sh, path), false));
}

/** A directory's entries, without "." and "..", sorted by name. */
export function listDir(sh: Shell, path: string): ListedEntry[] {
	return withFd(sh, open(sh, path, {directory: true, read: true}), fd => {
		const r = sh.ctx.files.readdir(fd, true);
		if ('errno' in r) throw new FileError(r.errno);
		return r.entries.filter(e => e.name !== '.' && e.name !== '..').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	});
}

/** The most a builtin reads of one file (a device such as /dev/zero never ends). */
export const READ_CAP = 1 << 20;

/** A file's bytes, at most READ_CAP; `truncated` when there was more. */
export function readFile(sh: Shell, path: string): {data: Uint8Array; truncated: boolean} {
	return withFd(sh, open(sh, path, {read: true}), fd => {
		const chunks: Uint8Array[] = [];
		let total = 0;
		while (total < READ_CAP) {
			const r = sh.ctx.files.read(fd, Math.min(65536, READ_CAP - total));
			if ('wait' in r) throw new FileError('EAGAIN');
			if ('errno' in r) throw new FileError(r.errno);
			if (r.data.length === 0) return {data: concat(chunks, total), truncated: false};
			chunks.push(r.data);
			total += r.data.length;
		}
		return {data: concat(chunks, total), truncated: true};
	});
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}

/** Writes a whole file, creating or truncating it. */
export function writeFile(sh: Shell, path: string, data: Uint8Array): void {
	withFd(sh, open(sh, path, {create: true, truncate: true, write: true}), fd => {
		let at = 0;
		while (at < data.length) {
			const r = sh.ctx.files.write(fd, data.subarray(at));
			if ('wait' in r) throw new FileError('EAGAIN');
			if ('errno' in r) throw new FileError(r.errno);
			at += r.count;
		}
	});
}

/** Creates an empty file when nothing is there; sets the times of what is there to now. */
export function touch(sh: Shell, path: string): void {
	if (!exists(sh, path)) {
		withFd(sh, open(sh, path, {create: true, write: true}), () => undefined);
		return;
	}
	const now = sh.ctx.realtime();
	check(sh.ctx.files.setTimesAt(rootFd(sh), absolute(sh, path), true, now, now));
}

export function mkdir(sh: Shell, path: string): void {
	check(sh.ctx.files.mkdirAt(rootFd(sh), absolute(sh, path)));
}

export function unlink(sh: Shell, path: string): void {
	check(sh.ctx.files.unlinkAt(rootFd(sh), absolute(sh, path)));
}

export function rmdir(sh: Shell, path: string): void {
	check(sh.ctx.files.rmdirAt(rootFd(sh), absolute(sh, path)));
}

export function rename(sh: Shell, from: string, to: string): void {
	const root = rootFd(sh);
	check(sh.ctx.files.renameAt(root, absolute(sh, from), root, absolute(sh, to)));
}

export function readlink(sh: Shell, path: string): string {
	const r = sh.ctx.files.readlinkAt(rootFd(sh), absolute(sh, path));
	if ('errno' in r) throw new FileError(r.errno);
	return r.target;
}

/** Runs `body`; a FileError becomes "NAME: PATH: text" on stderr and false. */
export function attempt(err: (text: string) => void, name: string, path: string, body: () => void): boolean {
	try {
		body();
		return true;
	} catch (error) {
		if (!(error instanceof FileError)) throw error;
		err(`${name}: ${path}: ${error.message}\n`);
		return false;
	}
}
