/*
 * /proc: a read-only view of the process table, made on demand from the kernel's own records (it
 * holds no state, so there is nothing to snapshot). Like Linux's, its files report size 0 and are
 * produced when opened: a read sees the process as it was at open.
 *
 *   /proc/self            symlink to the calling process's directory
 *   /proc/<pid>/status    name, state, pids, memory, instructions, syscalls, as "Key:\tvalue" lines
 *   /proc/<pid>/cmdline   argv, each argument NUL-terminated
 *   /proc/<pid>/maps      its linear memory as an address range, one line per region
 *
 * Any change is refused with EACCES.
 */

import {formatTicks} from '../clock.js';
import type {ProcessView} from '../views.js';
import {fail, FsError, type DirEntry, type Stat} from './types.js';

export const PROC_DEV = 2;

export const PROC_FILES = ['cmdline', 'maps', 'status'] as const;
export type ProcFile = (typeof PROC_FILES)[number];

/** What /proc shows, supplied by the kernel. */
export interface ProcSource {
	/** Pids in the process table, zombies included. */
	pids(): number[];
	/** The text of a file of a process, or null when there is no such process. */
	file(pid: number, name: ProcFile): string | null;
}

type ProcNode = {readonly kind: 'root'} | {readonly kind: 'self'} | {readonly kind: 'pid'; readonly pid: number} | {readonly kind: 'file'; readonly pid: number; readonly name: ProcFile};

const encoder = new TextEncoder();

export class ProcFs {
	constructor(private readonly source: ProcSource) {}

	stat(path: string, now: bigint): Stat {
		const node = this.parse(path);
		const base = {dev: PROC_DEV, device: null, special: null, atim: now, mtim: now, ctim: now};
		switch (node.kind) {
			case 'root':
				return {...base, ino: 1n, kind: 'dir', nlink: 2 + this.source.pids().length, size: 0};
			case 'self':
				return {...base, ino: 2n, kind: 'symlink', nlink: 1, size: 0};
			case 'pid':
				return {...base, ino: BigInt(1000 + node.pid * 8), kind: 'dir', nlink: 2, size: 0};
			case 'file':
				return {...base, ino: BigInt(1000 + node.pid * 8 + 1 + PROC_FILES.indexOf(node.name)), kind: 'file', nlink: 1, size: 0};
		}
	}

	/** The path of the child `name` of directory `path`, or null when there is none. */
	lookup(path: string, name: string): string | null {
		const node = this.parse(path);
		if (node.kind === 'file' || node.kind === 'self') fail('ENOTDIR');
		const childPath = path === '' ? name : `${path}/${name}`;
		try {
			this.parse(childPath);
			return childPath;
		} catch (error) {
			if (error instanceof FsError) return null;
			throw error;
		}
	}

	list(path: string): DirEntry[] {
		const node = this.parse(path);
		if (node.kind === 'root') {
			const pids = this.source.pids().map(pid => ({name: String(pid), ino: BigInt(1000 + pid * 8), kind: 'dir' as const, special: null}));
			return [{name: 'self', ino: 2n, kind: 'symlink', special: null}, ...pids];
		}
		if (node.kind === 'pid') return PROC_FILES.map((name, k) => ({name, ino: BigInt(1000 + node.pid * 8 + 1 + k), kind: 'file' as const, special: null}));
		return fail('ENOTDIR');
	}

	/** /proc/self's target for the process `self`. */
	readlink(path: string, self: number | null): string {
		if (this.parse(path).kind !== 'self') fail('EINVAL', 'not a symbolic link');
		if (self === null) fail('ENOENT', '/proc/self outside a process');
		return String(self);
	}

	/** A file's bytes, as of now. */
	content(path: string): Uint8Array {
		const node = this.parse(path);
		if (node.kind !== 'file') fail('EISDIR');
		const text = this.source.file(node.pid, node.name);
		if (text === null) fail('ENOENT', `process ${node.pid} is gone`);
		return encoder.encode(text);
	}

	private parse(path: string): ProcNode {
		if (path === '') return {kind: 'root'};
		if (path === 'self') return {kind: 'self'};
		const [pidText, name, ...more] = path.split('/');
		const pid = /^[1-9]\d{0,8}$/.test(pidText) ? Number(pidText) : NaN;
		if (!this.source.pids().includes(pid) || more.length > 0) fail('ENOENT');
		if (name === undefined) return {kind: 'pid', pid};
		if (!(PROC_FILES as readonly string[]).includes(name)) fail('ENOENT');
		return {kind: 'file', pid, name: name as ProcFile};
	}
}

/** /proc/<pid>/status: one "Key:\tvalue" line per fact, like Linux's. */
export function procStatus(view: ProcessView): string {
	const lines: Array<[string, string | number]> = [
		['Name', view.name],
		['State', view.state + (view.blockedOn === null ? '' : ` (${view.blockedOn})`)],
		['Pid', view.pid],
		['PPid', view.ppid],
		['Pgid', view.pgid],
		['Cwd', view.cwd],
		['Priority', view.priority],
		['Instructions', view.instructions],
		['CpuTime', formatTicks(view.ticks.running)],
		['MemPages', `${view.memory.pages} (peak ${view.memory.peakPages}, cap ${view.memory.capPages})`],
		['Syscalls', view.syscalls.total],
		['FDSize', view.fds.length],
		['VoluntaryCtxtSwitches', view.contextSwitches.voluntary],
		['NonvoluntaryCtxtSwitches', view.contextSwitches.involuntary],
	];
	if (view.exit !== null) lines.push(['ExitStatus', view.exit.status]);
	return lines.map(([key, value]) => `${key}:\t${value}\n`).join('');
}

/** /proc/<pid>/maps: its linear memory (wasm has one address space per memory, from 0). */
export function procMaps(view: ProcessView): string {
	if (view.memory.pages === 0) return '';
	const end = (view.memory.pages * 65536).toString(16).padStart(8, '0');
	return `00000000-${end} rw-p 00000000 00:00 0 [linear memory: ${view.memory.pages} pages of 64 KiB, cap ${view.memory.capPages}]\n`;
}
