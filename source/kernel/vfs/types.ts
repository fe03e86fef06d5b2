/*
 * The VFS's vocabulary: what a node is, how one is referred to, what stat() says about it, and the
 * error the VFS throws.
 *
 * A node lives in one of three file systems, and a NodeRef names it as plain data:
 *   mem    the in-memory tree (memory.ts), by inode number
 *   host   a directory of the host mounted with --dir (host.ts), by mount and path inside it
 *   proc   the read-only view of the process table under /proc (procfs.ts), by path inside it
 *
 * Inside the VFS an operation that fails throws an FsError carrying the errno; the kernel's file
 * calls (io.ts) catch it at their boundary and hand the errno to the ABI. Nothing else is thrown
 * for a guest's mistake.
 */

import type {Errno} from '../syscalls.js';

/**
 * What a node is. 'special' is a host FIFO, socket or device: visible (stat, readdir) but never
 * opened, so a guest cannot block the host on a FIFO or reach a host device.
 */
export type NodeKind = 'dir' | 'file' | 'symlink' | 'fifo' | 'device' | 'special';

/** The character devices under /dev. */
export type DeviceName = 'null' | 'zero' | 'random' | 'tty';

/** What a host special file is, as the host says. */
export type SpecialKind = 'fifo' | 'socket' | 'char' | 'block';

export type NodeRef =
	| {readonly fs: 'mem'; readonly ino: number}
	/** `rel` is the path inside the mount, '' for its root, components joined by '/'. */
	| {readonly fs: 'host'; readonly mount: number; readonly rel: string}
	/** `path` is the path inside /proc: '' for /proc itself, '7', '7/status', 'self'. */
	| {readonly fs: 'proc'; readonly path: string};

export interface Stat {
	/** The file system's device number: 1 for the in-memory tree, 2 for /proc, 16 + n for host mount n. */
	readonly dev: number;
	readonly ino: bigint;
	readonly kind: NodeKind;
	/** For a 'device': which one. */
	readonly device: DeviceName | null;
	/** For a 'special': what the host says it is. */
	readonly special: SpecialKind | null;
	readonly nlink: number;
	/** Bytes (a symlink: its target's length; a directory: its entry count). */
	readonly size: number;
	/** Access, modification and status-change times in nanoseconds since the Unix epoch. */
	readonly atim: bigint;
	readonly mtim: bigint;
	readonly ctim: bigint;
}

/** One entry of a directory listing ("." and ".." are added by the caller that wants them). */
export interface DirEntry {
	readonly name: string;
	readonly ino: bigint;
	readonly kind: NodeKind;
	readonly special: SpecialKind | null;
}

export class FsError extends Error {
	override readonly name = 'FsError';
	constructor(
		readonly errno: Errno,
		detail?: string,
	) {
		super(detail === undefined ? errno : `${errno}: ${detail}`);
	}
}

export function fail(errno: Errno, detail?: string): never {
	throw new FsError(errno, detail);
}

/** Longest name of one path component, in UTF-8 bytes (NAME_MAX). */
export const NAME_MAX = 255;
/** Longest path a call accepts, in UTF-8 bytes (PATH_MAX). */
export const PATH_MAX = 4096;
/** Symlinks followed while resolving one path before ELOOP (Linux's MAXSYMLINKS). */
export const MAX_SYMLINKS = 40;

/** A key that identifies a node: equal keys, same node. */
export function refKey(ref: NodeRef): string {
	switch (ref.fs) {
		case 'mem':
			return `m${ref.ino}`;
		case 'host':
			return `h${ref.mount}:${ref.rel}`;
		case 'proc':
			return `p${ref.path}`;
	}
}

/** Whether two nodes are in the same file system (rename and link cannot cross: EXDEV). */
export function sameFs(a: NodeRef, b: NodeRef): boolean {
	if (a.fs !== b.fs) return false;
	return a.fs !== 'host' || a.mount === (b as {mount: number}).mount;
}
