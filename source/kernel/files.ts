/*
 * Open files and fd tables. An open file (a "file description") is shared by the fds that refer to
 * it, in one process or several, and closed when the last fd goes; an fd table maps a process's fd
 * numbers to open-file ids. Both are plain data. For now an open file is the terminal (reading, or
 * writing to its 'out' or 'err' channel) or /dev/null; files and pipes come with the VFS.
 */

import type {FdInfo} from './syscalls.js';
import type {FdView} from './views.js';

export interface OpenFile {
	readonly id: number;
	readonly kind: 'tty' | 'null';
	readonly readable: boolean;
	readonly writable: boolean;
	/** For a writable terminal: which output channel it feeds. */
	readonly channel: 'out' | 'err';
	/** Fds referring to it. */
	refs: number;
}

export class FileTable {
	readonly files = new Map<number, OpenFile>();
	nextId = 1;

	open(kind: OpenFile['kind'], access: {readable: boolean; writable: boolean; channel?: 'out' | 'err'}): number {
		const id = this.nextId++;
		this.files.set(id, {id, kind, readable: access.readable, writable: access.writable, channel: access.channel ?? 'out', refs: 0});
		return id;
	}

	get(id: number): OpenFile | undefined {
		return this.files.get(id);
	}

	retain(id: number): void {
		this.files.get(id)!.refs++;
	}

	release(id: number): void {
		const file = this.files.get(id)!;
		if (--file.refs === 0) this.files.delete(id);
	}
}

/** What a person calls the thing an open file refers to. */
export function fileTarget(file: OpenFile): string {
	return file.kind === 'tty' ? '/dev/tty' : '/dev/null';
}

export function fdInfo(file: OpenFile): FdInfo {
	return {kind: file.kind, readable: file.readable, writable: file.writable};
}

export function fdViews(fds: readonly (number | null)[], files: FileTable): FdView[] {
	const out: FdView[] = [];
	fds.forEach((id, fd) => {
		if (id === null) return;
		const file = files.get(id)!;
		out.push({fd, target: fileTarget(file), readable: file.readable, writable: file.writable});
	});
	return out;
}
