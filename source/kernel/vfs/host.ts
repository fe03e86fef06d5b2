/*
 * Host mounts (--dir HOST::GUEST[:ro]): a directory of the host seen inside the VFS. A mount is a
 * reference to a host path (its realpath, taken once at boot), so a snapshot records it as text.
 *
 * Confinement. The VFS resolves every path itself (path.ts), one component at a time, with lstat:
 * the host never follows a symlink for us, and a name never contains "/" or is "." or "..", so the
 * host path of a node is always the mount's root joined with checked names, and a symlink's target
 * is resolved by the VFS under the mount's rules (never out of the mount). Files are opened with
 * O_NOFOLLOW | O_NONBLOCK and checked with fstat, so neither a symlink nor a FIFO swapped in by
 * the host between our lstat and our open is followed or blocks. FIFOs, sockets and devices are
 * 'special': listed and stat-able, never opened (EACCES). A read-only mount refuses every change
 * with EROFS (the VFS checks before calling here).
 *
 * Blocking. These calls are synchronous: a syscall runs inside the kernel's tick and cannot wait
 * for a Promise without making the machine's timing depend on the host's. They are kept short two
 * ways: each data transfer moves at most HOST_IO_MAX bytes (a longer read or write comes back
 * short, which POSIX allows and every libc loops over), and the kernel ends a slice (tick) once it
 * has done 2 MiB of host work (`work`: bytes moved plus 4 KiB per call), so Node's event loop turns
 * every few milliseconds however tight a guest's loop of host calls is (measured: a 50 MB file read
 * in 64 KiB reads takes 25 slices of at most ~10 ms). Slicing changes nothing the machine computes.
 * The honest limit: a host file system that stalls (a hung network mount) stalls the one call it is
 * in, and with it the event loop, for as long as the host does. Metadata calls (stat, readdir,
 * mkdir, rename...) are one host call each; readdir reads a whole directory at once.
 *
 * Timestamps set through utimes keep microseconds (Node passes seconds as a double).
 */

import {
	closeSync,
	constants,
	fdatasyncSync,
	fstatSync,
	fsyncSync,
	ftruncateSync,
	linkSync,
	lstatSync,
	lutimesSync,
	mkdirSync,
	openSync,
	readdirSync,
	readlinkSync,
	readSync,
	realpathSync,
	renameSync,
	rmdirSync,
	statSync,
	symlinkSync,
	unlinkSync,
	writeSync,
	type BigIntStats,
} from 'node:fs';
import {join} from 'node:path';
import type {Errno} from '../syscalls.js';
import {fail, FsError, type DirEntry, type NodeKind, type SpecialKind, type Stat} from './types.js';

export interface HostMount {
	readonly id: number;
	/** The host directory (its realpath). */
	readonly host: string;
	/** Where it is mounted in the VFS. */
	readonly guest: string;
	readonly readOnly: boolean;
	/**
	 * Whether the host granted it (always at boot, from --dir). A restored snapshot's mount is granted
	 * only when the user names its host directory again (RestoreOptions.grants): a snapshot is a file
	 * anyone can write, and must not open host directories by itself. Not granted: every access fails
	 * with EACCES. The host's decision, never saved.
	 */
	readonly granted: boolean;
}

/** Bytes one host read or write moves at most. */
export const HOST_IO_MAX = 64 * 1024;

/** Device numbers of host mounts: 16 + the mount's id. */
export const HOST_DEV_BASE = 16;

const HOST_ERRNOS: ReadonlySet<string> = new Set<Errno>([
	'EACCES', 'EBUSY', 'EEXIST', 'EFBIG', 'EINVAL', 'EISDIR', 'ELOOP', 'EMLINK', 'ENAMETOOLONG', 'ENOENT', 'ENOSPC',
	'ENOTDIR', 'ENOTEMPTY', 'EPERM', 'EROFS', 'EXDEV', 'EIO', 'ENXIO', 'EAGAIN', 'EILSEQ',
]);

/** Runs a host call; a host error becomes an FsError with its errno (EIO when it has none we know). */
function hostCall<T>(call: () => T): T {
	try {
		return call();
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string') {
			if (code === 'ENOTSUP' || code === 'EOPNOTSUPP') throw new FsError('ENOTSUP');
			throw new FsError(HOST_ERRNOS.has(code) ? (code as Errno) : 'EIO', (error as Error).message);
		}
		throw error;
	}
}

function kindOf(stats: {isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean}): NodeKind {
	if (stats.isFile()) return 'file';
	if (stats.isDirectory()) return 'dir';
	if (stats.isSymbolicLink()) return 'symlink';
	return 'special';
}

function specialOf(stats: {isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean}): SpecialKind {
	return stats.isFIFO() ? 'fifo' : stats.isSocket() ? 'socket' : stats.isCharacterDevice() ? 'char' : 'block';
}

/** What one host call counts for in `work`, besides the bytes it moves. */
const CALL_COST = 4096;

export class HostFs {
	readonly mounts: HostMount[] = [];
	/**
	 * Host work done so far, in bytes: what read and write moved, plus CALL_COST per host call. The
	 * kernel ends a slice once a slice has done HOST_WORK_PER_SLICE of it (machine.ts), so a guest in
	 * a tight loop of host calls still lets Node's event loop turn every few milliseconds.
	 */
	work = 0;

	/** A host call, counted in `work`. */
	private host<T>(call: () => T): T {
		this.work += CALL_COST;
		return hostCall(call);
	}

	/** Adds a mount of host directory `hostDir` (checked: it must be a directory). */
	add(hostDir: string, guest: string, readOnly: boolean): HostMount {
		let real: string;
		try {
			real = realpathSync(hostDir);
		} catch (error) {
			throw new FsError('ENOENT', `${hostDir}: ${(error as NodeJS.ErrnoException).code ?? 'cannot resolve'}`);
		}
		if (!statSync(real).isDirectory()) throw new FsError('ENOTDIR', `${hostDir} is not a directory`);
		const mount = {id: this.mounts.length, host: real, guest, readOnly, granted: true};
		this.mounts.push(mount);
		return mount;
	}

	mount(id: number): HostMount {
		return this.mounts[id];
	}

	/** The host path of `rel` in mount `id`, for a host call: EACCES when the mount is not granted. */
	path(id: number, rel: string): string {
		if (!this.mounts[id].granted) throw new FsError('EACCES', `host directory ${this.mounts[id].host} is not granted to this machine`);
		return this.describe(id, rel);
	}

	/** The host path of `rel` in mount `id`, for a message. */
	describe(id: number, rel: string): string {
		return rel === '' ? this.mounts[id].host : join(this.mounts[id].host, rel);
	}

	stat(id: number, rel: string): Stat {
		return toStat(id, this.host(() => lstatSync(this.path(id, rel), {bigint: true})));
	}

	/** stat of the child `name` of directory `rel`, or null when there is none. */
	lookup(id: number, rel: string, name: string): Stat | null {
		const dir = this.stat(id, rel);
		if (dir.kind !== 'dir') fail('ENOTDIR');
		const stats = this.host(() => lstatSync(this.path(id, child(rel, name)), {bigint: true, throwIfNoEntry: false}));
		return stats === undefined ? null : toStat(id, stats);
	}

	list(id: number, rel: string): DirEntry[] {
		const dir = this.path(id, rel);
		const names = this.host(() => readdirSync(dir));
		const out: DirEntry[] = [];
		for (const name of names) {
			// An entry removed between readdir and lstat is left out.
			const stats = this.host(() => lstatSync(join(dir, name), {bigint: true, throwIfNoEntry: false}));
			if (stats === undefined) continue;
			out.push({name, ino: stats.ino, kind: kindOf(stats), special: kindOf(stats) === 'special' ? specialOf(stats) : null});
		}
		return out;
	}

	readlink(id: number, rel: string): string {
		return this.host(() => readlinkSync(this.path(id, rel), 'utf8'));
	}

	mkdir(id: number, rel: string): void {
		this.host(() => mkdirSync(this.path(id, rel)));
	}

	symlink(id: number, rel: string, target: string): void {
		this.host(() => symlinkSync(target, this.path(id, rel)));
	}

	link(id: number, from: string, to: string): void {
		this.host(() => linkSync(this.path(id, from), this.path(id, to)));
	}

	unlink(id: number, rel: string): void {
		this.host(() => unlinkSync(this.path(id, rel)));
	}

	rmdir(id: number, rel: string): void {
		this.host(() => rmdirSync(this.path(id, rel)));
	}

	rename(id: number, from: string, to: string): void {
		this.host(() => renameSync(this.path(id, from), this.path(id, to)));
	}

	/** Sets the times given (null: keep), on the node itself (a symlink is not followed). */
	setTimes(id: number, rel: string, atim: bigint | null, mtim: bigint | null): void {
		const path = this.path(id, rel);
		const now = this.host(() => lstatSync(path, {bigint: true}));
		this.host(() => lutimesSync(path, seconds(atim ?? now.atimeNs), seconds(mtim ?? now.mtimeNs)));
	}

	/**
	 * Opens a regular file (create: it must not exist yet) without following a symlink or blocking;
	 * returns the host fd. Anything but a regular file is refused (EACCES) and closed again.
	 */
	open(id: number, rel: string, access: {readonly read: boolean; readonly write: boolean; readonly create: boolean; readonly truncate: boolean}): number {
		let flags = constants.O_NOFOLLOW | constants.O_NONBLOCK;
		flags |= access.write ? (access.read ? constants.O_RDWR : constants.O_WRONLY) : constants.O_RDONLY;
		if (access.create) flags |= constants.O_CREAT | constants.O_EXCL;
		const fd = this.host(() => openSync(this.path(id, rel), flags, 0o666));
		try {
			const stats = this.host(() => fstatSync(fd));
			if (!stats.isFile()) fail('EACCES', 'only regular files of a host mount can be opened');
			if (access.truncate) this.host(() => ftruncateSync(fd, 0));
		} catch (error) {
			closeSync(fd);
			throw error;
		}
		return fd;
	}

	fstat(id: number, fd: number): Stat {
		return toStat(id, this.host(() => fstatSync(fd, {bigint: true})));
	}

	read(fd: number, position: number, max: number): Uint8Array {
		const buffer = new Uint8Array(Math.min(max, HOST_IO_MAX));
		const n = this.host(() => readSync(fd, buffer, 0, buffer.length, position));
		this.work += n;
		return buffer.subarray(0, n);
	}

	write(fd: number, position: number, data: Uint8Array): number {
		const n = this.host(() => writeSync(fd, data, 0, Math.min(data.length, HOST_IO_MAX), position));
		this.work += n;
		return n;
	}

	truncate(fd: number, size: number): void {
		this.host(() => ftruncateSync(fd, size));
	}

	sync(fd: number, dataOnly: boolean): void {
		this.host(() => (dataOnly ? fdatasyncSync(fd) : fsyncSync(fd)));
	}

	close(fd: number): void {
		this.host(() => closeSync(fd));
	}
}

export function child(rel: string, name: string): string {
	return rel === '' ? name : `${rel}/${name}`;
}

function toStat(id: number, stats: BigIntStats): Stat {
	const kind = kindOf(stats);
	return {
		dev: HOST_DEV_BASE + id,
		ino: stats.ino,
		kind,
		device: null,
		special: kind === 'special' ? specialOf(stats) : null,
		nlink: Number(stats.nlink),
		size: Number(stats.size),
		atim: stats.atimeNs,
		mtim: stats.mtimeNs,
		ctim: stats.ctimeNs,
	};
}

/** Nanoseconds as the seconds Node's utimes takes. */
function seconds(ns: bigint): number {
	return Number(ns / 1000n) / 1e6;
}
