/*
 * Programs spawned from a path in the VFS (SpawnSpec.path, the wasmos ABI's spawn): the file is
 * read, decoded, validated and compiled once per version of it, and every later spawn of that
 * version shares the loaded Program. Spawning /bin/cat 1,000 times decodes it once.
 *
 *   const cache = new ProgramCache(vfs);
 *   cache.load('/bin/cat', '/home')   → Program, or a SpawnError naming the path and why:
 *       ENOENT   no such file (a shell reports 127)
 *       EISDIR   a directory;  EACCES  not a regular file (a FIFO, a device, ...)
 *       ENOEXEC  not a valid WebAssembly module (the decoder's or validator's reason follows)
 *       ENOTDIR / ELOOP   a path through something that is not a directory / too many symlinks
 *
 * A version is the file's device, inode, size and modification time: writing the file (or
 * replacing it) makes a new version, and the next spawn loads that. The cache keeps the most
 * recently used CAPACITY versions; evicting one only costs a reload.
 */

import {DecodeError, ValidationError} from '../wasm/errors.js';
import {SpawnError} from './errors.js';
import {loadProgram, type Program} from './program.js';
import {FsError, type Stat} from './vfs/types.js';
import type {Vfs} from './vfs/vfs.js';

/** Program versions kept (distinct files, most recently spawned first out last). */
export const PROGRAM_CACHE_CAPACITY = 128;

export class ProgramCache {
	/**
	 * Loaded programs by file version key; a Map keeps insertion order, refreshed on use (LRU).
	 * Snapshots save and restore it (which programs are loaded changes a file's access time).
	 */
	readonly entries = new Map<string, Program>();
	/** How many times a file was actually decoded (the rest were cache hits); for tests and views. */
	loads = 0;

	constructor(private readonly vfs: Vfs) {}

	/** The program at `path` (absolute, or relative to the absolute directory `cwd`). */
	load(path: string, cwd: string): Program {
		const absolute = path.startsWith('/') ? path : `${cwd.replace(/\/+$/, '')}/${path}`;
		let stat: Stat;
		let found;
		try {
			found = this.vfs.existing(this.vfs.root, absolute, true, null);
			stat = found.stat;
		} catch (error) {
			if (!(error instanceof FsError)) throw error;
			throw notLoadable(path, error.errno);
		}
		if (stat.kind === 'dir') throw new SpawnError(path, 'is a directory', 'EISDIR');
		if (stat.kind !== 'file') throw new SpawnError(path, `cannot execute: not a regular file (a ${stat.kind === 'special' ? (stat.special ?? 'special file') : stat.kind})`, 'EACCES');
		const key = `${stat.dev}:${stat.ino}:${stat.size}:${stat.mtim}`;
		const cached = this.entries.get(key);
		if (cached !== undefined) {
			this.entries.delete(key);
			this.entries.set(key, cached);
			return cached;
		}
		let bytes: Uint8Array;
		try {
			bytes = this.vfs.readWholeFile(found);
		} catch (error) {
			if (!(error instanceof FsError)) throw error;
			throw notLoadable(path, error.errno);
		}
		const program = loadBytes(path, bytes);
		this.loads++;
		this.entries.set(key, program);
		if (this.entries.size > PROGRAM_CACHE_CAPACITY) this.entries.delete(this.entries.keys().next().value!);
		return program;
	}
}

/** The program's name in the process table: the file's name without ".wasm". */
export function programName(path: string): string {
	const base = path.replace(/\/+$/, '').split('/').pop() ?? path;
	return base.replace(/\.wasm$/, '') || path;
}

function loadBytes(path: string, bytes: Uint8Array): Program {
	try {
		return loadProgram(bytes, programName(path));
	} catch (error) {
		if (error instanceof DecodeError) throw new SpawnError(path, `cannot execute: not a valid WebAssembly module (${error.message})`, 'ENOEXEC');
		if (error instanceof ValidationError) throw new SpawnError(path, `cannot execute: invalid WebAssembly module (${error.message})`, 'ENOEXEC');
		throw error;
	}
}

function notLoadable(path: string, errno: string): SpawnError {
	switch (errno) {
		case 'ENOENT':
			return new SpawnError(path, 'no such file', 'ENOENT');
		case 'ENOTDIR':
			return new SpawnError(path, 'a component of the path is not a directory', 'ENOTDIR');
		case 'ELOOP':
			return new SpawnError(path, 'too many levels of symbolic links', 'ELOOP');
		case 'EISDIR':
			return new SpawnError(path, 'is a directory', 'EISDIR');
		default:
			return new SpawnError(path, `cannot read it (${errno})`, 'EACCES');
	}
}
