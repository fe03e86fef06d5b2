/*
 * The in-memory tree: an inode table of plain records (no closures, so a snapshot can copy it).
 * Inode numbers are never reused while the machine runs. A directory maps names to inode numbers
 * in insertion order (a Map), which is the order readdir lists them; it knows its parent for "..".
 * A file's bytes live in a Uint8Array with room to grow (doubling), `size` of them used.
 *
 * Link counts are POSIX's: a file has one per name; a directory has 2 (its name and its ".") plus
 * one per subdirectory (their ".."). An inode goes when it has no name left and no open file refers
 * to it, so an unlinked file stays readable through the fds that have it open.
 *
 * The tree has a capacity in bytes of file data; past it a write fails with ENOSPC.
 * Names arrive checked (path.ts): no "/", not "." or "..", at most NAME_MAX bytes.
 */

import {fail, type DeviceName, type DirEntry, type Stat} from './types.js';

interface Base {
	readonly ino: number;
	nlink: number;
	/** Open files that refer to it. */
	opens: number;
	atim: bigint;
	mtim: bigint;
	ctim: bigint;
}

export interface MemDir extends Base {
	readonly kind: 'dir';
	readonly entries: Map<string, number>;
	parent: number;
}

export interface MemFile extends Base {
	readonly kind: 'file';
	data: Uint8Array;
	size: number;
}

export interface MemSymlink extends Base {
	readonly kind: 'symlink';
	readonly target: string;
}

export interface MemFifo extends Base {
	readonly kind: 'fifo';
	/** The pipe (pipes.ts) its readers and writers share while it is open, else null. */
	pipe: number | null;
	/** Opens for reading and for writing so far: a blocked open of the other side waits for these to move. */
	readOpens: number;
	writeOpens: number;
}

export interface MemDevice extends Base {
	readonly kind: 'device';
	readonly device: DeviceName;
}

export type MemInode = MemDir | MemFile | MemSymlink | MemFifo | MemDevice;

/** What a new node is. */
export type MemSpec = {readonly kind: 'dir'} | {readonly kind: 'file'} | {readonly kind: 'symlink'; readonly target: string} | {readonly kind: 'fifo'} | {readonly kind: 'device'; readonly device: DeviceName};

export const MEM_DEV = 1;
export const ROOT_INO = 1;

const encoder = new TextEncoder();

export class MemFs {
	readonly inodes = new Map<number, MemInode>();
	nextIno = ROOT_INO;
	/** Bytes of file data held (the sum of file sizes). */
	used = 0;

	constructor(
		readonly capacity: number,
		now: bigint,
	) {
		const root = this.alloc({kind: 'dir'}, now) as MemDir;
		root.parent = root.ino;
		root.nlink = 2;
	}

	get(ino: number): MemInode {
		const node = this.inodes.get(ino);
		if (node === undefined) fail('ENOENT', `inode ${ino} is gone`);
		return node;
	}

	dir(ino: number): MemDir {
		const node = this.get(ino);
		if (node.kind !== 'dir') fail('ENOTDIR');
		return node;
	}

	file(ino: number): MemFile {
		const node = this.get(ino);
		if (node.kind === 'dir') fail('EISDIR');
		if (node.kind !== 'file') fail('EINVAL');
		return node;
	}

	stat(ino: number): Stat {
		const node = this.get(ino);
		const size = node.kind === 'file' ? node.size : node.kind === 'symlink' ? encoder.encode(node.target).length : node.kind === 'dir' ? node.entries.size : 0;
		return {
			dev: MEM_DEV,
			ino: BigInt(node.ino),
			kind: node.kind,
			device: node.kind === 'device' ? node.device : null,
			special: null,
			nlink: node.nlink,
			size,
			atim: node.atim,
			mtim: node.mtim,
			ctim: node.ctim,
		};
	}

	/** The inode named `name` in directory `dir`, or null. */
	lookup(dir: number, name: string): number | null {
		return this.dir(dir).entries.get(name) ?? null;
	}

	list(dir: number): DirEntry[] {
		const out: DirEntry[] = [];
		for (const [name, ino] of this.dir(dir).entries) out.push({name, ino: BigInt(ino), kind: this.get(ino).kind, special: null});
		return out;
	}

	/** Makes a new node named `name` in `dir` (EEXIST if the name is taken). */
	create(dir: number, name: string, spec: MemSpec, now: bigint): number {
		const parent = this.dir(dir);
		if (parent.nlink === 0) fail('ENOENT', 'the directory has been removed');
		if (parent.entries.has(name)) fail('EEXIST');
		const node = this.alloc(spec, now);
		parent.entries.set(name, node.ino);
		if (node.kind === 'dir') {
			node.parent = parent.ino;
			node.nlink = 2;
			parent.nlink++;
		} else {
			node.nlink = 1;
		}
		touch(parent, now);
		return node.ino;
	}

	/** A new name for an existing non-directory (a hard link). */
	link(ino: number, dir: number, name: string, now: bigint): void {
		const node = this.get(ino);
		if (node.kind === 'dir') fail('EPERM', 'a directory cannot have a second name');
		const parent = this.dir(dir);
		if (parent.nlink === 0) fail('ENOENT');
		if (parent.entries.has(name)) fail('EEXIST');
		parent.entries.set(name, ino);
		node.nlink++;
		node.ctim = now;
		touch(parent, now);
	}

	/** Removes the name of a non-directory. */
	unlink(dir: number, name: string, now: bigint): void {
		const parent = this.dir(dir);
		const ino = parent.entries.get(name);
		if (ino === undefined) fail('ENOENT');
		const node = this.get(ino);
		if (node.kind === 'dir') fail('EISDIR');
		parent.entries.delete(name);
		node.nlink--;
		node.ctim = now;
		touch(parent, now);
		this.collect(node);
	}

	/** Removes an empty directory. */
	rmdir(dir: number, name: string, now: bigint): void {
		const parent = this.dir(dir);
		const ino = parent.entries.get(name);
		if (ino === undefined) fail('ENOENT');
		const node = this.get(ino);
		if (node.kind !== 'dir') fail('ENOTDIR');
		if (node.entries.size > 0) fail('ENOTEMPTY');
		parent.entries.delete(name);
		parent.nlink--;
		node.nlink = 0;
		node.ctim = now;
		touch(parent, now);
		this.collect(node);
	}

	/**
	 * rename(2): moves the name `name` of `dir` to `name2` of `dir2`, replacing what is there when
	 * POSIX allows (a non-directory by a non-directory, an empty directory by a directory).
	 */
	rename(dir: number, name: string, dir2: number, name2: string, now: bigint): void {
		const from = this.dir(dir);
		const to = this.dir(dir2);
		const ino = from.entries.get(name);
		if (ino === undefined) fail('ENOENT');
		if (to.nlink === 0) fail('ENOENT');
		const node = this.get(ino);
		const existing = to.entries.get(name2);
		if (existing === ino) return;
		if (node.kind === 'dir') {
			// A directory cannot move into itself or below itself.
			for (let d = to; ; d = this.dir(d.parent)) {
				if (d.ino === ino) fail('EINVAL', 'a directory cannot move inside itself');
				if (d.parent === d.ino) break;
			}
		}
		if (existing !== undefined) {
			const old = this.get(existing);
			if (node.kind === 'dir' && old.kind !== 'dir') fail('ENOTDIR');
			if (node.kind !== 'dir' && old.kind === 'dir') fail('EISDIR');
			if (old.kind === 'dir') this.rmdir(dir2, name2, now);
			else this.unlink(dir2, name2, now);
		}
		from.entries.delete(name);
		to.entries.set(name2, ino);
		if (node.kind === 'dir' && from !== to) {
			node.parent = to.ino;
			from.nlink--;
			to.nlink++;
		}
		node.ctim = now;
		touch(from, now);
		touch(to, now);
	}

	read(ino: number, offset: number, max: number, now: bigint): Uint8Array {
		const file = this.file(ino);
		file.atim = now;
		if (offset >= file.size) return new Uint8Array(0);
		return file.data.slice(offset, Math.min(file.size, offset + max));
	}

	/** Writes `data` at `offset` (past the end: the gap reads as zeros); returns the count. */
	write(ino: number, offset: number, data: Uint8Array, now: bigint): number {
		const file = this.file(ino);
		if (data.length === 0) return 0;
		this.resize(file, Math.max(file.size, offset + data.length));
		file.data.set(data, offset);
		file.mtim = file.ctim = now;
		return data.length;
	}

	truncate(ino: number, size: number, now: bigint): void {
		const file = this.file(ino);
		this.resize(file, size);
		file.mtim = file.ctim = now;
	}

	/** Sets the times given (null: leave it). */
	setTimes(ino: number, atim: bigint | null, mtim: bigint | null, now: bigint): void {
		const node = this.get(ino);
		if (atim !== null) node.atim = atim;
		if (mtim !== null) node.mtim = mtim;
		node.ctim = now;
	}

	readlink(ino: number): string {
		const node = this.get(ino);
		if (node.kind !== 'symlink') fail('EINVAL', 'not a symbolic link');
		return node.target;
	}

	/** An open file now refers to the inode. */
	retain(ino: number): void {
		this.get(ino).opens++;
	}

	/** An open file no longer refers to it: it goes if it has no name left either. */
	release(ino: number): void {
		const node = this.inodes.get(ino);
		if (node === undefined) return;
		node.opens--;
		this.collect(node);
	}

	private collect(node: MemInode): void {
		if (node.nlink > 0 || node.opens > 0) return;
		if (node.kind === 'file') this.used -= node.size;
		this.inodes.delete(node.ino);
	}

	/** Sets a file's size, zero-filling what it gains; ENOSPC past the capacity. */
	private resize(file: MemFile, size: number): void {
		if (size > file.size && this.used + (size - file.size) > this.capacity) fail('ENOSPC', `the in-memory file system holds at most ${this.capacity} bytes`);
		if (size > file.data.length) {
			const grown = new Uint8Array(Math.max(size, Math.min(file.data.length * 2, this.capacity), 64));
			grown.set(file.data.subarray(0, file.size));
			file.data = grown;
		} else if (size < file.size) {
			file.data.fill(0, size, file.size);
		}
		this.used += size - file.size;
		file.size = size;
	}

	private alloc(spec: MemSpec, now: bigint): MemInode {
		const ino = this.nextIno++;
		const base = {ino, nlink: 0, opens: 0, atim: now, mtim: now, ctim: now};
		let node: MemInode;
		switch (spec.kind) {
			case 'dir':
				node = {...base, kind: 'dir', entries: new Map(), parent: ino};
				break;
			case 'file':
				node = {...base, kind: 'file', data: new Uint8Array(0), size: 0};
				break;
			case 'symlink':
				node = {...base, kind: 'symlink', target: spec.target};
				break;
			case 'fifo':
				node = {...base, kind: 'fifo', pipe: null, readOpens: 0, writeOpens: 0};
				break;
			case 'device':
				node = {...base, kind: 'device', device: spec.device};
				break;
		}
		this.inodes.set(ino, node);
		return node;
	}
}

/** A directory's entries changed. */
function touch(dir: MemDir, now: bigint): void {
	dir.mtim = dir.ctim = now;
}
