/*
 * Open files and fd tables. An open file (a "file description") is shared by the fds that refer to
 * it, in one process or several, and closed when the last fd goes; an fd table maps a process's fd
 * numbers to open-file ids. Both are plain data (a host file's fd is a number the host owns).
 *
 * An open file is one of:
 *   tty      the terminal: reading, or writing to its 'out' or 'err' channel
 *   device   /dev/null, /dev/zero, /dev/random
 *   file     a regular file of the VFS (its data through a FileHandle)
 *   dir      a directory of the VFS (read with readdir; the listing a readdir walks is kept here)
 *   pipe     one end of a pipe (an anonymous one, or a FIFO's)
 * The description holds what POSIX puts there — the offset, the access mode, the status flags —
 * plus the name a process was given it under at start (a preopened directory) and the capability
 * bits an ABI attaches (WASI's rights), which the kernel keeps but does not interpret.
 */

import type {FdFlags, FdInfo, Rights} from './syscalls.js';
import type {DirEntry, NodeRef} from './vfs/types.js';
import type {FileHandle} from './vfs/vfs.js';
import type {FdView} from './views.js';

export type OpenTarget =
	| {readonly type: 'tty'; readonly channel: 'out' | 'err'}
	| {readonly type: 'device'; readonly device: 'null' | 'zero' | 'random'; readonly node: NodeRef | null}
	| {readonly type: 'file'; readonly handle: FileHandle}
	| {readonly type: 'dir'; readonly node: NodeRef}
	/** A pipe end: its reader when readable, its writer when writable (a FIFO opened read-write: both). */
	| {readonly type: 'pipe'; readonly pipe: number; readonly node: NodeRef | null};

export interface OpenFile {
	readonly id: number;
	readonly target: OpenTarget;
	/** What a person calls it: "/dev/tty", "/tmp/notes.txt", "pipe:[3]". */
	readonly path: string;
	readonly readable: boolean;
	readonly writable: boolean;
	flags: FdFlags;
	/** The offset of the next read or write (regular files). */
	position: number;
	/** A directory's listing as of the last readdir from its start (cookies index it), or null. */
	listing: DirEntry[] | null;
	/** The name a process was given this directory under at start (WASI's preopen), or null. */
	readonly preopen: string | null;
	rights: Rights | null;
	/** Fds referring to it. */
	refs: number;
}

export const NO_FLAGS: FdFlags = {append: false, nonblock: false, dsync: false, rsync: false, sync: false};

export interface OpenFileInit {
	readonly target: OpenTarget;
	readonly path: string;
	readonly readable: boolean;
	readonly writable: boolean;
	readonly flags?: FdFlags;
	readonly preopen?: string | null;
	readonly rights?: Rights | null;
}

export class FileTable {
	readonly files = new Map<number, OpenFile>();
	nextId = 1;

	open(init: OpenFileInit): number {
		const id = this.nextId++;
		this.files.set(id, {
			id,
			target: init.target,
			path: init.path,
			readable: init.readable,
			writable: init.writable,
			flags: init.flags ?? NO_FLAGS,
			position: 0,
			listing: null,
			preopen: init.preopen ?? null,
			rights: init.rights ?? null,
			refs: 0,
		});
		return id;
	}

	get(id: number): OpenFile | undefined {
		return this.files.get(id);
	}

	retain(id: number): void {
		this.files.get(id)!.refs++;
	}

	/** One fd fewer refers to it; returns it when that was the last (the caller closes what it holds). */
	release(id: number): OpenFile | null {
		const file = this.files.get(id)!;
		if (--file.refs > 0) return null;
		this.files.delete(id);
		return file;
	}
}

export function fdInfo(file: OpenFile): FdInfo {
	const t = file.target;
	return {
		kind: t.type === 'dir' ? 'directory' : t.type,
		device: t.type === 'device' ? t.device : t.type === 'tty' ? 'tty' : null,
		readable: file.readable,
		writable: file.writable,
		flags: file.flags,
		preopen: file.preopen,
		rights: file.rights,
		path: file.path,
	};
}

export function fdViews(fds: readonly (number | null)[], files: FileTable): FdView[] {
	const out: FdView[] = [];
	fds.forEach((id, fd) => {
		if (id === null) return;
		const file = files.get(id)!;
		out.push({fd, target: file.path, readable: file.readable, writable: file.writable});
	});
	return out;
}
