/*
 * Restoring a machine from a snapshot (docs/snapshot-format.md): a fresh machine is booted with the
 * saved options, every part of it is replaced by the saved state, modules are recompiled from the
 * stored bytes (each checked against its SHA-256), and execution continues from the exact
 * instruction. Everything is checked on the way: a wrong format or version, a bad hash, a truncated
 * file, a missing module, a position or stack height out of range, a reference to a missing fd,
 * pipe, inode or process each give one SnapshotError naming the JSON path — and since the new
 * machine is only handed out at the end, nothing is ever half-restored (host files it had reopened
 * are closed again).
 *
 *   restoreSnapshot(file, {abis, tasks, idle?, sanitize?}) → {kernel, warnings, sections}
 *   restoreText(text, options)                              the same from a string (tests)
 *
 * Host mounts are re-attached by host path, but only those whose host directory the user grants again
 * (options.grants, the restore command's --dir): the others refuse every access (EACCES) with a
 * warning, since a snapshot must not open host directories by itself. A host directory that is gone
 * leaves its mount empty and a warning, and an open host file that is gone or not granted becomes an
 * open /dev/null (a warning too).
 */

import {existsSync, realpathSync, statSync} from 'node:fs';
import {PAGE_SIZE} from '../../wasm/exec/memory.js';
import {importInstance, importThread, type InstanceState, type ThreadState} from '../../wasm/exec/state.js';
import type {FuncRef} from '../../wasm/exec/store.js';
import {compiledFunc} from '../../wasm/exec/thread.js';
import type {Value} from '../../wasm/exec/values.js';
import {KernelError} from '../errors.js';
import {createExec} from '../exec.js';
import type {OpenFile, OpenTarget} from '../files.js';
import type {Kernel} from '../kernel.js';
import {Machine} from '../machine.js';
import {Process, type Binding, type Exec, type PendingCall} from '../process.js';
import {loadProgram, sha256Hex, type Program} from '../program.js';
import {createPolicy} from '../scheduler/index.js';
import type {Wait} from '../syscalls.js';
import type {TaskDef} from '../task.js';
import {newPipe} from '../vfs/pipes.js';
import type {MemInode} from '../vfs/memory.js';
import {refKey, type NodeRef} from '../vfs/types.js';
import {at, SnapshotError} from './errors.js';
import {FORMAT, VERSION, type Restored, type RestoreOptions} from './format.js';
import {parseJsonFile, parseJsonText, type JsonPath} from './json-in.js';
import {arr, bigint, bool, bytes, field, int, join, num, obj, oneOf, str, type Obj} from './read.js';
import {SPECIAL_FIELDS} from './save.js';

/** Memory pages are decoded as they are read: their text never piles up. */
function revive(path: JsonPath, text: string): unknown {
	const n = path.length;
	if (n >= 7 && path[n - 2] === 'data' && path[n - 4] === 'memories' && path[n - 5] === 'exec') {
		const page = Buffer.from(text, 'base64');
		return new Uint8Array(page.buffer, page.byteOffset, page.byteLength);
	}
	return text;
}

export function restoreSnapshot(file: string, options: RestoreOptions): Restored<Kernel> {
	return restoreDocument(parseJsonFile(file, {revive}), options);
}

export function restoreText(text: string, options: RestoreOptions): Restored<Kernel> {
	return restoreDocument(parseJsonText(text, {revive}), options);
}

export function restoreDocument(document: unknown, options: RestoreOptions): Restored<Kernel> {
	if (typeof document !== 'object' || document === null || Array.isArray(document)) throw new SnapshotError('format', 'not a wasmos snapshot: the document is not a JSON object');
	const doc = document as Obj;
	if (doc.format !== FORMAT) throw new SnapshotError('format', `not a wasmos snapshot: format must be "${FORMAT}", got ${JSON.stringify(doc.format ?? null)}`);
	if (doc.version !== VERSION) throw new SnapshotError('version', `version ${JSON.stringify(doc.version ?? null)} is not supported (this wasmos reads version ${VERSION})`);
	const restorer = new Restorer(doc, options);
	try {
		return restorer.run();
	} catch (error) {
		restorer.cleanUp();
		if (error instanceof SnapshotError) throw error;
		if (error instanceof KernelError) throw new SnapshotError('options', error.message);
		throw error;
	}
}

type Writable<T> = {-readonly [K in keyof T]: T[K]};

class Restorer {
	private m!: Machine;
	private readonly warnings: string[] = [];
	private readonly programs = new Map<string, Program>();
	/** Host fds opened while restoring: closed again if the restore fails. */
	private readonly hostFds: number[] = [];
	/** The host directories the user granted again (their realpaths; RestoreOptions.grants). */
	private readonly grants: ReadonlySet<string>;

	constructor(
		private readonly doc: Obj,
		private readonly options: RestoreOptions,
	) {
		this.grants = new Set(
			(options.grants ?? []).flatMap(dir => {
				try {
					return [realpathSync(dir)];
				} catch {
					return [];
				}
			}),
		);
	}

	cleanUp(): void {
		for (const fd of this.hostFds) {
			try {
				this.m.vfs.host.close(fd);
			} catch {
				// Already closed.
			}
		}
	}

	run(): Restored<Kernel> {
		this.boot();
		this.modules();
		this.vfs();
		this.pipes();
		this.files();
		this.processes();
		this.machine();
		this.scheduler();
		this.terminal();
		this.events();
		this.check();
		const sections = obj(field(this.doc, 'sections', ''), 'sections');
		return {kernel: this.m, warnings: this.warnings, sections};
	}

	private boot(): void {
		const o = obj(field(this.doc, 'options', ''), 'options');
		const s = obj(field(this.doc, 'scheduler', ''), 'scheduler');
		const params = obj(field(s, 'params', 'scheduler'), 'scheduler.params');
		const sanitize = obj(field(o, 'sanitize', 'options'), 'options.sanitize');
		const {quantum, ...policyOptions} = params as Record<string, never>;
		this.m = new Machine({
			policy: str(field(s, 'policy', 'scheduler'), 'scheduler.policy'),
			quantum,
			policyOptions,
			seed: int(field(o, 'seed', 'options'), 'options.seed'),
			limits: obj(field(o, 'limits', 'options'), 'options.limits'),
			maxProcesses: int(field(o, 'maxProcesses', 'options'), 'options.maxProcesses', 1),
			maxTicks: o.maxTicks === null ? null : int(field(o, 'maxTicks', 'options'), 'options.maxTicks'),
			idle: this.options.idle ?? oneOf<'jump' | 'wait'>(field(o, 'idle', 'options'), 'options.idle', ['jump', 'wait']),
			cpuWindow: int(field(o, 'cpuWindow', 'options'), 'options.cpuWindow', 1),
			realtimeBase: bigint(field(o, 'realtimeBase', 'options'), 'options.realtimeBase'),
			eventCapacity: int(field(o, 'eventCapacity', 'options'), 'options.eventCapacity', 1),
			fsCapacity: int(field(o, 'fsCapacity', 'options'), 'options.fsCapacity'),
			terminal: {sanitize: this.options.sanitize ?? {out: bool(sanitize.out, 'options.sanitize.out'), err: bool(sanitize.err, 'options.sanitize.err')}},
		});
		for (const abi of this.options.abis) this.m.registerAbi(abi);
		for (const task of this.options.tasks ?? []) this.m.registerTask(task as TaskDef<unknown>);
	}

	private modules(): void {
		const modules = obj(field(this.doc, 'modules', ''), 'modules');
		for (const [hash, entry] of Object.entries(modules)) {
			const path = `modules[${JSON.stringify(hash)}]`;
			const e = obj(entry, path);
			const data = bytes(field(e, 'bytes', path), `${path}.bytes`);
			if (sha256Hex(data) !== hash) throw new SnapshotError(`${path}.bytes`, `the bytes do not match their SHA-256 (${sha256Hex(data)}): the module was altered or the file is corrupt`);
			const name = str(field(e, 'name', path), `${path}.name`);
			this.programs.set(hash, at(`${path}.bytes`, () => loadProgram(data, name)));
		}
	}

	// ---- VFS ----------------------------------------------------------------------------------

	private nodeRef(value: unknown, path: string): NodeRef {
		const r = obj(value, path);
		const fs = oneOf(field(r, 'fs', path), `${path}.fs`, ['mem', 'host', 'proc']);
		if (fs === 'mem') return {fs, ino: int(field(r, 'ino', path), `${path}.ino`, 1)};
		if (fs === 'host') {
			const mount = int(field(r, 'mount', path), `${path}.mount`);
			if (mount >= this.m.vfs.host.mounts.length) throw new SnapshotError(`${path}.mount`, `no host mount ${mount}`);
			return {fs, mount, rel: str(field(r, 'rel', path), `${path}.rel`)};
		}
		return {fs, path: str(field(r, 'path', path), `${path}.path`)};
	}

	/** A node reference that must name an inode of the saved tree (checked once the tree is read). */
	private checkRef(ref: NodeRef, path: string): void {
		if (ref.fs === 'mem' && !this.m.vfs.mem.inodes.has(ref.ino)) throw new SnapshotError(path, `no inode ${ref.ino} in vfs.mem.inodes`);
	}

	private vfs(): void {
		const v = obj(field(this.doc, 'vfs', ''), 'vfs');
		const vfs = this.m.vfs;
		arr(field(v, 'mounts', 'vfs'), 'vfs.mounts').forEach((entry, k) => {
			const path = `vfs.mounts[${k}]`;
			const e = obj(entry, path);
			if (int(field(e, 'id', path), `${path}.id`) !== k) throw new SnapshotError(`${path}.id`, `must be ${k}`);
			const host = str(field(e, 'host', path), `${path}.host`);
			const guest = str(field(e, 'guest', path), `${path}.guest`);
			const readOnly = bool(field(e, 'readOnly', path), `${path}.readOnly`);
			let present = false;
			try {
				present = existsSync(host) && statSync(host).isDirectory();
			} catch {
				present = false;
			}
			const granted = this.grants.has(host);
			if (!present) this.warnings.push(`host directory ${host} (mounted at ${guest}) is gone: the mount is empty`);
			else if (!granted) this.warnings.push(`host directory ${host} (mounted at ${guest}) is not granted: its files cannot be reached (EACCES); give --dir ${host}::${guest} to restore with it`);
			vfs.host.mounts.push({id: k, host, guest, readOnly, granted});
		});
		vfs.host.work = num(field(v, 'hostWork', 'vfs'), 'vfs.hostWork');
		const mem = obj(field(v, 'mem', 'vfs'), 'vfs.mem');
		vfs.mem.inodes.clear();
		arr(field(mem, 'inodes', 'vfs.mem'), 'vfs.mem.inodes').forEach((entry, k) => {
			const node = this.inode(entry, `vfs.mem.inodes[${k}]`);
			if (vfs.mem.inodes.has(node.ino)) throw new SnapshotError(`vfs.mem.inodes[${k}].ino`, `inode ${node.ino} appears twice`);
			vfs.mem.inodes.set(node.ino, node);
		});
		vfs.mem.nextIno = int(field(mem, 'nextIno', 'vfs.mem'), 'vfs.mem.nextIno', 1);
		vfs.mem.used = int(field(mem, 'used', 'vfs.mem'), 'vfs.mem.used');
		// Every directory entry and parent must name an inode of the tree.
		[...vfs.mem.inodes.values()].forEach((node, k) => {
			if (node.ino >= vfs.mem.nextIno) throw new SnapshotError(`vfs.mem.inodes[${k}].ino`, `is not below vfs.mem.nextIno (${vfs.mem.nextIno})`);
			if (node.kind !== 'dir') return;
			if (!vfs.mem.inodes.has(node.parent)) throw new SnapshotError(`vfs.mem.inodes[${k}].parent`, `no inode ${node.parent}`);
			for (const [name, ino] of node.entries) if (!vfs.mem.inodes.has(ino)) throw new SnapshotError(`vfs.mem.inodes[${k}].entries`, `"${name}" names inode ${ino}, which is not in the tree`);
		});
		vfs.root = this.nodeRef(field(v, 'root', 'vfs'), 'vfs.root');
		this.checkRef(vfs.root, 'vfs.root');
		vfs.covers.clear();
		vfs.mountedAt.clear();
		arr(field(v, 'covers', 'vfs'), 'vfs.covers').forEach((entry, k) => {
			const pair = arr(entry, `vfs.covers[${k}]`);
			vfs.covers.set(str(pair[0], `vfs.covers[${k}][0]`), this.nodeRef(pair[1], `vfs.covers[${k}][1]`));
		});
		arr(field(v, 'mountedAt', 'vfs'), 'vfs.mountedAt').forEach((entry, k) => {
			const path = `vfs.mountedAt[${k}]`;
			const pair = arr(entry, path);
			const e = obj(pair[1], `${path}[1]`);
			const parent = this.nodeRef(field(e, 'parent', `${path}[1]`), `${path}[1].parent`);
			this.checkRef(parent, `${path}[1].parent`);
			vfs.mountedAt.set(str(pair[0], `${path}[0]`), {parent, name: str(field(e, 'name', `${path}[1]`), `${path}[1].name`)});
		});
	}

	private inode(entry: unknown, path: string): MemInode {
		const e = obj(entry, path);
		const base = {
			ino: int(field(e, 'ino', path), `${path}.ino`, 1),
			nlink: int(field(e, 'nlink', path), `${path}.nlink`),
			opens: int(field(e, 'opens', path), `${path}.opens`),
			atim: bigint(field(e, 'atim', path), `${path}.atim`),
			mtim: bigint(field(e, 'mtim', path), `${path}.mtim`),
			ctim: bigint(field(e, 'ctim', path), `${path}.ctim`),
		};
		const kind = oneOf(field(e, 'kind', path), `${path}.kind`, ['dir', 'file', 'symlink', 'fifo', 'device']);
		switch (kind) {
			case 'dir': {
				const entries = new Map<string, number>();
				arr(field(e, 'entries', path), `${path}.entries`).forEach((pair, k) => {
					const p = arr(pair, `${path}.entries[${k}]`);
					entries.set(str(p[0], `${path}.entries[${k}][0]`), int(p[1], `${path}.entries[${k}][1]`, 1));
				});
				return {...base, kind, entries, parent: int(field(e, 'parent', path), `${path}.parent`, 1)};
			}
			case 'file': {
				const data = bytes(field(e, 'data', path), `${path}.data`);
				const size = int(field(e, 'size', path), `${path}.size`);
				if (size !== data.length) throw new SnapshotError(`${path}.size`, `is ${size} but the data has ${data.length} bytes`);
				return {...base, kind, data, size};
			}
			case 'symlink':
				return {...base, kind, target: str(field(e, 'target', path), `${path}.target`)};
			case 'fifo':
				return {
					...base,
					kind,
					pipe: e.pipe === null ? null : int(field(e, 'pipe', path), `${path}.pipe`, 1),
					readOpens: int(field(e, 'readOpens', path), `${path}.readOpens`),
					writeOpens: int(field(e, 'writeOpens', path), `${path}.writeOpens`),
				};
			case 'device':
				return {...base, kind, device: oneOf(field(e, 'device', path), `${path}.device`, ['null', 'zero', 'random', 'tty'])};
		}
	}

	private pipes(): void {
		arr(field(this.doc, 'pipes', ''), 'pipes').forEach((entry, k) => {
			const path = `pipes[${k}]`;
			const e = obj(entry, path);
			const id = int(field(e, 'id', path), `${path}.id`, 1);
			const fifo = e.fifo === null ? null : int(field(e, 'fifo', path), `${path}.fifo`, 1);
			const pipe = newPipe(id, fifo, int(field(e, 'capacity', path), `${path}.capacity`, 1));
			const data = bytes(field(e, 'data', path), `${path}.data`);
			if (data.length > pipe.buffer.length) throw new SnapshotError(`${path}.data`, `holds ${data.length} bytes, more than its capacity`);
			pipe.buffer.set(data);
			pipe.length = data.length;
			pipe.readers = int(field(e, 'readers', path), `${path}.readers`);
			pipe.writers = int(field(e, 'writers', path), `${path}.writers`);
			if (this.m.pipes.has(id)) throw new SnapshotError(`${path}.id`, `pipe ${id} appears twice`);
			if (fifo !== null && this.m.vfs.mem.inodes.get(fifo)?.kind !== 'fifo') throw new SnapshotError(`${path}.fifo`, `no FIFO inode ${fifo}`);
			this.m.pipes.set(id, pipe);
		});
		for (const [k, node] of [...this.m.vfs.mem.inodes.values()].entries()) {
			if (node.kind === 'fifo' && node.pipe !== null && !this.m.pipes.has(node.pipe)) throw new SnapshotError(`vfs.mem.inodes[${k}].pipe`, `no pipe ${node.pipe} in pipes`);
		}
	}

	// ---- Open files ---------------------------------------------------------------------------

	private files(): void {
		const f = obj(field(this.doc, 'files', ''), 'files');
		arr(field(f, 'open', 'files'), 'files.open').forEach((entry, k) => {
			const file = this.openFile(entry, `files.open[${k}]`);
			if (this.m.files.files.has(file.id)) throw new SnapshotError(`files.open[${k}].id`, `open file ${file.id} appears twice`);
			this.m.files.files.set(file.id, file);
		});
		this.m.files.nextId = int(field(f, 'nextId', 'files'), 'files.nextId', 1);
	}

	private openFile(entry: unknown, path: string): OpenFile {
		const e = obj(entry, path);
		const readable = bool(field(e, 'readable', path), `${path}.readable`);
		const writable = bool(field(e, 'writable', path), `${path}.writable`);
		const filePath = str(field(e, 'path', path), `${path}.path`);
		const listing = e.listing === null || e.listing === undefined ? null : arr(e.listing, `${path}.listing`).map((item, k) => {
			const l = obj(item, `${path}.listing[${k}]`);
			return {name: str(l.name, `${path}.listing[${k}].name`), ino: bigint(l.ino, `${path}.listing[${k}].ino`), kind: l.kind as never, special: (l.special ?? null) as never};
		});
		return {
			id: int(field(e, 'id', path), `${path}.id`, 1),
			target: this.target(field(e, 'target', path), `${path}.target`, readable, writable, filePath),
			path: filePath,
			readable,
			writable,
			flags: obj(field(e, 'flags', path), `${path}.flags`) as unknown as OpenFile['flags'],
			position: int(field(e, 'position', path), `${path}.position`),
			listing,
			preopen: e.preopen === null ? null : str(field(e, 'preopen', path), `${path}.preopen`),
			rights: (e.rights ?? null) as OpenFile['rights'],
			refs: int(field(e, 'refs', path), `${path}.refs`, 1),
		};
	}

	private target(value: unknown, path: string, readable: boolean, writable: boolean, filePath: string): OpenTarget {
		const t = obj(value, path);
		const type = oneOf(field(t, 'type', path), `${path}.type`, ['tty', 'device', 'file', 'dir', 'pipe']);
		const node = (key: string) => {
			if (t[key] === null) return null;
			const ref = this.nodeRef(field(t, key, path), `${path}.${key}`);
			this.checkRef(ref, `${path}.${key}`);
			return ref;
		};
		switch (type) {
			case 'tty':
				return {type, channel: oneOf(field(t, 'channel', path), `${path}.channel`, ['out', 'err'])};
			case 'device':
				return {type, device: oneOf(field(t, 'device', path), `${path}.device`, ['null', 'zero', 'random']), node: node('node')};
			case 'dir':
				return {type, node: node('node')!};
			case 'pipe': {
				const pipe = int(field(t, 'pipe', path), `${path}.pipe`, 1);
				if (!this.m.pipes.has(pipe)) throw new SnapshotError(`${path}.pipe`, `no pipe ${pipe} in pipes`);
				return {type, pipe, node: node('node')};
			}
			case 'file': {
				const ref = node('node');
				if (ref === null) throw new SnapshotError(`${path}.node`, 'a file needs its node');
				const proc = t.proc === null || t.proc === undefined ? null : bytes(t.proc, `${path}.proc`);
				if (ref.fs !== 'host' || !bool(field(t, 'host', path), `${path}.host`)) return {type, handle: {node: ref, hostFd: null, snapshot: proc}};
				try {
					const fd = this.m.vfs.host.open(ref.mount, ref.rel, {read: readable, write: writable, create: false, truncate: false});
					this.hostFds.push(fd);
					return {type, handle: {node: ref, hostFd: fd, snapshot: null}};
				} catch (error) {
					this.warnings.push(`host file ${this.m.vfs.host.describe(ref.mount, ref.rel)} (open as ${filePath}) cannot be reopened (${(error as Error).message}): it reads as /dev/null now`);
					return {type: 'device', device: 'null', node: null};
				}
			}
		}
	}

	// ---- Processes ----------------------------------------------------------------------------

	private processes(): void {
		arr(field(this.doc, 'processes', ''), 'processes').forEach((entry, k) => {
			const proc = this.process(entry, `processes[${k}]`);
			if (this.m.procs.has(proc.pid)) throw new SnapshotError(`processes[${k}].pid`, `process ${proc.pid} appears twice`);
			this.m.procs.set(proc.pid, proc);
		});
	}

	/**
	 * A process's limits, as the kernel sets them. A process on the CPU with its fuel spent cannot
	 * have been saved (the kernel ends it at once; one blocked or woken then is ended at its dispatch).
	 */
	private limits(proc: Process, path: string): void {
		const limits = obj(proc.limits, path);
		const optional = (key: string, min: number) => {
			if (limits[key] !== null) int(limits[key], join(path, key), min);
		};
		int(limits.memory, join(path, 'memory'));
		optional('fuel', 1);
		optional('syscalls', 0);
		int(limits.fds, join(path, 'fds'), 3);
		int(limits.callDepth, join(path, 'callDepth'), 1);
		optional('procs', 1);
		if (limits.allow !== null) arr(limits.allow, join(path, 'allow')).forEach((x, i) => str(x, `${join(path, 'allow')}[${i}]`));
		const fuel = proc.limits.fuel;
		if (fuel !== null && proc.state === 'RUNNING' && proc.instructions >= fuel) {
			throw new SnapshotError(join(path, 'fuel'), `is ${fuel}, but the process has run ${proc.instructions} instructions and is on the CPU: the kernel ends a process when its fuel is spent`);
		}
	}

	private process(entry: unknown, path: string): Process {
		const e = obj(entry, path);
		const pid = int(field(e, 'pid', path), `${path}.pid`, 1);
		const proc = new Process({
			pid,
			ppid: 0,
			pgid: pid,
			name: '',
			argv: [],
			env: [],
			priority: 0,
			tickets: 1,
			limits: this.m.limits,
			exec: null,
			fds: [],
			now: 0,
			cpuWindow: this.m.cpuWindow,
		});
		const record = proc as unknown as Record<string, unknown>;
		for (const [key, value] of Object.entries(e)) {
			if (SPECIAL_FIELDS.has(key)) continue;
			if (!Object.hasOwn(record, key)) throw new SnapshotError(join(path, key), 'is not a field of a process');
			const was = record[key];
			// A field keeps its kind: a number stays a number, a list a list (null may stand for an object and back).
			if (was !== null && value !== null && (typeof was !== typeof value || Array.isArray(was) !== Array.isArray(value))) {
				throw new SnapshotError(join(path, key), `must be ${Array.isArray(was) ? 'a list' : `a ${typeof was}`}, got ${JSON.stringify(value)?.slice(0, 40)}`);
			}
			record[key] = value;
		}
		int(proc.ppid, `${path}.ppid`);
		int(proc.pgid, `${path}.pgid`, 1);
		oneOf(proc.state, `${path}.state`, ['NEW', 'READY', 'RUNNING', 'BLOCKED', 'STOPPED', 'ZOMBIE']);
		int(proc.instructions, `${path}.instructions`);
		this.limits(proc, `${path}.limits`);
		proc.fds.forEach((id, fd) => {
			if (id !== null && !this.m.files.files.has(int(id, `${path}.fds[${fd}]`, 1))) throw new SnapshotError(`${path}.fds[${fd}]`, `fd ${fd} refers to open file ${id}, which is not in files.open`);
		});
		const cpu = obj(field(e, 'cpu', path), `${path}.cpu`);
		for (const key of ['ran', 'epoch'] as const) {
			const list = arr(field(cpu, key, `${path}.cpu`), `${path}.cpu.${key}`);
			if (list.length !== proc.cpu[key].length) throw new SnapshotError(`${path}.cpu.${key}`, `must have ${proc.cpu[key].length} numbers`);
			list.forEach((x, i) => (proc.cpu[key][i] = num(x, `${path}.cpu.${key}[${i}]`)));
		}
		if (proc.task !== null) {
			const kind = str(obj(proc.task, `${path}.task`).kind, `${path}.task.kind`);
			if (!this.m.tasks.has(kind)) throw new SnapshotError(`${path}.task.kind`, `no host task of kind "${kind}" is registered to continue it`);
		}
		if (e.exec !== null && e.exec !== undefined) proc.exec = this.exec(proc, obj(e.exec, `${path}.exec`), `${path}.exec`);
		proc.pending = this.pending(proc, field(e, 'pending', path), `${path}.pending`);
		if (proc.state === 'BLOCKED' && proc.pending === null) throw new SnapshotError(`${path}.pending`, 'a BLOCKED process must say what it waits for');
		if (proc.exec !== null) this.m.attachGrowHook(proc);
		return proc;
	}

	private value(v: unknown, path: string): Value {
		const s = obj(v, path);
		const type = int(field(s, 'type', path), `${path}.type`);
		if (s.value === null) return null;
		const text = str(field(s, 'value', path), `${path}.value`);
		if (!/^-?\d+$/.test(text)) throw new SnapshotError(`${path}.value`, `must be a whole number as a decimal string, got ${JSON.stringify(text)}`);
		return type === 0x7e || type === 0x7c ? BigInt(text) : Number(text);
	}

	private exec(proc: Process, e: Obj, path: string): Exec {
		const hash = str(field(e, 'module', path), `${path}.module`);
		const program = this.programs.get(hash);
		if (program === undefined) throw new SnapshotError(`${path}.module`, `no module ${hash} in modules`);
		const exports = program.module.exports.filter(x => x.kind === 'func');
		const hasStart = exports.some(x => x.name === '_start');
		const any = exports[0];
		const invoke = hasStart || any === undefined ? undefined : {name: any.name, args: program.module.types[program.module.funcTypeIndices[any.index]].params.map(() => '0')};
		const made = at(path, () => createExec(program, invoke === undefined ? {} : {invoke}, proc.limits, this.m.abis));
		if ('trap' in made) throw new SnapshotError(path, 'the module traps while it is instantiated');
		const {store, instance} = made;
		// Instance state: memories apart (their pages were decoded as they were read).
		const inst = obj(field(e, 'instance', path), `${path}.instance`);
		const bare = Object.create(instance, {memories: {value: []}}) as typeof instance;
		at(`${path}.instance`, () => importInstance(bare, {...(inst as unknown as InstanceState), memories: []}));
		const memories = arr(field(e, 'memories', path), `${path}.memories`);
		if (memories.length !== instance.memories.length) throw new SnapshotError(`${path}.memories`, `${memories.length} memories saved, the module has ${instance.memories.length}`);
		memories.forEach((entry, k) => {
			const mp = `${path}.memories[${k}]`;
			const m = obj(entry, mp);
			const memory = instance.memories[k];
			const pages = int(field(m, 'pages', mp), `${mp}.pages`);
			if (pages > (memory.max ?? 65536)) throw new SnapshotError(`${mp}.pages`, `${pages} pages is more than the memory's maximum`);
			const buffer = new ArrayBuffer(pages * PAGE_SIZE);
			const view = new Uint8Array(buffer);
			const data = obj(field(m, 'data', mp), `${mp}.data`) as Record<string, unknown>;
			for (const [page, text] of Object.entries(data)) {
				const p = Number(page);
				const chunk = bytes(text, `${mp}.data["${page}"]`);
				if (!Number.isInteger(p) || p < 0 || p >= pages) throw new SnapshotError(`${mp}.data["${page}"]`, `no page ${page} in a memory of ${pages} pages`);
				if (chunk.length !== PAGE_SIZE) throw new SnapshotError(`${mp}.data["${page}"]`, `a page must be ${PAGE_SIZE} bytes, got ${chunk.length}`);
				view.set(chunk, p * PAGE_SIZE);
				// The page is in the memory now: the document lets go of it (a large machine is not held twice).
				delete data[page];
			}
			memory.replace(buffer);
		});
		const t = obj(field(e, 'thread', path), `${path}.thread`) as unknown as ThreadState;
		const thread = at(`${path}.thread`, () => importThread(store, t, {maxCallDepth: proc.limits.callDepth}));
		this.checkStack(thread, t, `${path}.thread`);
		const phases = arr(field(e, 'phases', path), `${path}.phases`).map((entry, k) => {
			const pp = `${path}.phases[${k}]`;
			const ph = obj(entry, pp);
			const f = obj(field(ph, 'func', pp), `${pp}.func`);
			let func: FuncRef | undefined;
			if (typeof f.host === 'string') func = store.funcs.find(x => x !== null && x.kind === 'host' && x.name === f.host) ?? undefined;
			else func = store.instances[int(f.instance, `${pp}.func.instance`)]?.funcs[int(f.func, `${pp}.func.func`)];
			if (func === undefined) throw new SnapshotError(`${pp}.func`, 'no such function in the module');
			const args = arr(field(ph, 'args', pp), `${pp}.args`).map((a, i) => this.value(a, `${pp}.args[${i}]`));
			if (args.length !== func.type.params.length) throw new SnapshotError(`${pp}.args`, `the function takes ${func.type.params.length} arguments`);
			return {func, args};
		});
		if (phases.length === 0) throw new SnapshotError(`${path}.phases`, 'must hold at least one entry call');
		const phase = int(field(e, 'phase', path), `${path}.phase`);
		if (phase >= phases.length) throw new SnapshotError(`${path}.phase`, `must be below ${phases.length}`);
		return {...made, thread, phases, phase};
	}

	/** The stack height must cover the current frame, and each caller's frame must lie below it. */
	private checkStack(thread: Exec['thread'], saved: ThreadState, path: string): void {
		const slots = Buffer.from(String(saved.stack), 'base64').length / 8;
		if (thread.depth > thread.maxCallDepth) throw new SnapshotError(`${path}.frames`, `${thread.depth} frames is deeper than the call depth limit ${thread.maxCallDepth}`);
		if (thread.inst === null || (thread.status !== 'ready' && thread.status !== 'blocked')) return;
		const top = thread.fp + compiledFunc(thread.inst, thread.func).frameSize;
		if (!Number.isSafeInteger(thread.fp) || thread.fp < 0 || top > slots) throw new SnapshotError(`${path}.fp`, `the frame at slot ${thread.fp} needs ${top} stack slots, the saved stack has ${slots}`);
		saved.frames.forEach((f, d) => {
			if (!Number.isSafeInteger(f.fp) || f.fp < 0 || f.fp > thread.fp) throw new SnapshotError(`${path}.frames[${d}].fp`, `must be a stack slot from 0 to ${thread.fp}`);
		});
		if (thread.status === 'blocked' && thread.blocked !== null) {
			const end = thread.blocked.resultSlot + thread.blocked.call.func.type.results.length;
			if (thread.blocked.resultSlot < 0 || end > slots) throw new SnapshotError(`${path}.blocked.resultSlot`, `is outside the saved stack (${slots} slots)`);
		}
	}

	private pending(proc: Process, value: unknown, path: string): PendingCall | null {
		if (value === null) return null;
		const p = obj(value, path);
		const wait = obj(field(p, 'wait', path), `${path}.wait`) as unknown as Wait;
		oneOf(wait.on, `${path}.wait.on`, ['tty-read', 'sleep', 'child', 'pipe-read', 'pipe-write', 'fifo-open', 'poll']);
		if ((wait.on === 'pipe-read' || wait.on === 'pipe-write') && !this.m.pipes.has(wait.pipe)) throw new SnapshotError(`${path}.wait.pipe`, `no pipe ${wait.pipe} in pipes`);
		const since = int(field(p, 'since', path), `${path}.since`);
		const b = field(p, 'binding', path);
		if (b === null) {
			if (proc.task === null) throw new SnapshotError(`${path}.binding`, 'only a host task waits without a syscall');
			return {binding: null, args: [], wait, since};
		}
		const bo = obj(b, `${path}.binding`);
		const abi = str(field(bo, 'abi', `${path}.binding`), `${path}.binding.abi`);
		const name = str(field(bo, 'name', `${path}.binding`), `${path}.binding.name`);
		let binding: Binding | undefined;
		for (const x of proc.exec?.bindings.values() ?? []) if (x.abi.module === abi && x.name === name) binding = x;
		if (binding === undefined) throw new SnapshotError(`${path}.binding`, `the process has no import ${abi}.${name}`);
		const thread = proc.exec!.thread;
		if (thread.status !== 'blocked') throw new SnapshotError(`${path}.binding`, `the process waits in ${name}, but its thread is ${thread.status}, not blocked in a call`);
		const args = arr(field(p, 'args', path), `${path}.args`).map((a, i) => this.value(a, `${path}.args[${i}]`));
		if (args.length !== binding.def.params.length) throw new SnapshotError(`${path}.args`, `${name} takes ${binding.def.params.length} arguments`);
		return {binding, args, wait, since};
	}

	// ---- Machine, scheduler, terminal, events -------------------------------------------------

	private machine(): void {
		const s = obj(field(this.doc, 'machine', ''), 'machine');
		const m = this.m as Writable<Machine>;
		m.clock.now = int(field(s, 'clock', 'machine'), 'machine.clock');
		m.halted = s.halted === null ? null : str(field(s, 'halted', 'machine'), 'machine.halted');
		m.instructions = int(field(s, 'instructions', 'machine'), 'machine.instructions');
		m.syscalls = int(field(s, 'syscalls', 'machine'), 'machine.syscalls');
		m.idleTicks = int(field(s, 'idleTicks', 'machine'), 'machine.idleTicks');
		m.nextPid = int(field(s, 'nextPid', 'machine'), 'machine.nextPid', 1);
		m.nextPipe = int(field(s, 'nextPipe', 'machine'), 'machine.nextPipe', 1);
		const prng = arr(field(s, 'prng', 'machine'), 'machine.prng');
		if (prng.length !== 4) throw new SnapshotError('machine.prng', 'must be four 32-bit words');
		m.prng.state = prng.map((x, k) => {
			const w = int(x, `machine.prng[${k}]`);
			if (w > 0xffff_ffff) throw new SnapshotError(`machine.prng[${k}]`, 'must be a 32-bit word');
			return w;
		}) as [number, number, number, number];
		if (m.prng.state.every(w => w === 0)) throw new SnapshotError('machine.prng', 'cannot be all zero');
		const cpu = obj(field(s, 'cpu', 'machine'), 'machine.cpu');
		const current = cpu.current === null ? null : int(field(cpu, 'current', 'machine.cpu'), 'machine.cpu.current', 1);
		if (current !== null) {
			const proc = m.procs.get(current);
			if (proc === undefined) throw new SnapshotError('machine.cpu.current', `no process ${current}`);
			if (proc.state !== 'RUNNING') throw new SnapshotError('machine.cpu.current', `process ${current} is ${proc.state}, not RUNNING`);
			m.current = proc;
		}
		m.quantumLeft = int(field(cpu, 'quantumLeft', 'machine.cpu'), 'machine.cpu.quantumLeft');
		m.stretchStart = int(field(cpu, 'stretchStart', 'machine.cpu'), 'machine.cpu.stretchStart');
		m.stretchInstructions = int(field(cpu, 'stretchInstructions', 'machine.cpu'), 'machine.cpu.stretchInstructions');
		m.dispatchRan = int(field(cpu, 'dispatchRan', 'machine.cpu'), 'machine.cpu.dispatchRan');
		m.stretches = int(field(cpu, 'stretches', 'machine.cpu'), 'machine.cpu.stretches');
		const trace = obj(field(s, 'trace', 'machine'), 'machine.trace');
		m.traced.clear();
		arr(field(trace, 'pids', 'machine.trace'), 'machine.trace.pids').forEach((pid, k) => m.traced.add(int(pid, `machine.trace.pids[${k}]`, 1)));
		m.traceNames = trace.names === null ? null : arr(field(trace, 'names', 'machine.trace'), 'machine.trace.names').map((x, k) => str(x, `machine.trace.names[${k}]`));
		const cache = obj(field(s, 'programCache', 'machine'), 'machine.programCache');
		m.programs.loads = int(field(cache, 'loads', 'machine.programCache'), 'machine.programCache.loads');
		const entries = this.m.programs.entries;
		entries.clear();
		arr(field(cache, 'entries', 'machine.programCache'), 'machine.programCache.entries').forEach((entry, k) => {
			const path = `machine.programCache.entries[${k}]`;
			const [key, hash, name] = arr(entry, path);
			const program = this.programs.get(str(hash, `${path}[1]`));
			if (program === undefined) throw new SnapshotError(`${path}[1]`, `no module ${String(hash)} in modules`);
			const named = str(name, `${path}[2]`);
			entries.set(str(key, `${path}[0]`), program.name === named ? program : {...program, name: named});
		});
		const recent = m.recentlyEnded as unknown[];
		recent.splice(0, recent.length, ...arr(field(s, 'recentlyEnded', 'machine'), 'machine.recentlyEnded').map((v, k) => obj(v, `machine.recentlyEnded[${k}]`)));
	}

	private scheduler(): void {
		const s = obj(field(this.doc, 'scheduler', ''), 'scheduler');
		const m = this.m;
		m.policy = at('scheduler', () => createPolicy(m.policy.name, m.params, {priority: pid => m.procs.get(pid)?.priority ?? 0, tickets: pid => m.procs.get(pid)?.tickets ?? 100, now: () => m.clock.now, prng: m.prng}));
		at('scheduler.state', () => m.policy.importState(field(s, 'state', 'scheduler')));
		const queued = new Set<number>();
		m.policy.queue().forEach((pid, k) => {
			const proc = m.procs.get(pid);
			if (proc === undefined || proc.state !== 'READY') throw new SnapshotError('scheduler.state', `queue entry ${k}: process ${pid} is ${proc?.state ?? 'missing'}, not READY`);
			if (queued.has(pid)) throw new SnapshotError('scheduler.state', `process ${pid} is queued twice`);
			queued.add(pid);
		});
		for (const proc of m.procs.values()) {
			if (proc.state === 'READY' && !queued.has(proc.pid)) throw new SnapshotError('scheduler.state', `process ${proc.pid} is READY but in no queue`);
			if (proc.state === 'RUNNING' && m.current !== proc) throw new SnapshotError('machine.cpu.current', `process ${proc.pid} is RUNNING but not on the CPU`);
		}
	}

	private terminal(): void {
		const s = obj(field(this.doc, 'terminal', ''), 'terminal');
		const t = this.m.terminal;
		const mode = obj(field(s, 'mode', 'terminal'), 'terminal.mode');
		t.mode = {canonical: bool(mode.canonical, 'terminal.mode.canonical'), echo: bool(mode.echo, 'terminal.mode.echo'), signals: bool(mode.signals, 'terminal.mode.signals')};
		t.foreground = s.foreground === null ? null : int(field(s, 'foreground', 'terminal'), 'terminal.foreground', 1);
		t.line = [...bytes(field(s, 'line', 'terminal'), 'terminal.line')];
		t.records = arr(field(s, 'records', 'terminal'), 'terminal.records').map((r, k) => {
			const o = obj(r, `terminal.records[${k}]`);
			return o.eof === true ? {eof: true as const} : {data: bytes(field(o, 'data', `terminal.records[${k}]`), `terminal.records[${k}].data`)};
		});
		t.offset = int(field(s, 'offset', 'terminal'), 'terminal.offset');
		t.hungUp = bool(field(s, 'hungUp', 'terminal'), 'terminal.hungUp');
		const sanitizers = obj(field(s, 'sanitizers', 'terminal'), 'terminal.sanitizers');
		for (const key of ['out', 'err', 'echo'] as const) {
			const st = obj(field(sanitizers, key, 'terminal.sanitizers'), `terminal.sanitizers.${key}`);
			t.sanitizers[key] = {mode: str(st.mode, `terminal.sanitizers.${key}.mode`) as never, utf8: arr(st.utf8, `terminal.sanitizers.${key}.utf8`).map(b => int(b, `terminal.sanitizers.${key}.utf8`)), stringLength: int(st.stringLength, `terminal.sanitizers.${key}.stringLength`)};
		}
	}

	private events(): void {
		const s = obj(field(this.doc, 'events', ''), 'events');
		const total = int(field(s, 'total', 'events'), 'events.total');
		const tail = arr(field(s, 'tail', 'events'), 'events.tail');
		const expected = Math.min(total, this.m.log.capacity);
		if (tail.length !== expected) throw new SnapshotError('events.tail', `must hold the last ${expected} events, got ${tail.length}`);
		tail.forEach((event, k) => obj(event, `events.tail[${k}]`));
		this.m.log.load(total, tail as never);
	}

	/** References between the parts: every open file is held by as many fds as it counts, parents exist, counters are ahead. */
	private check(): void {
		const m = this.m;
		const held = new Map<number, number>();
		let maxPid = 0;
		for (const [k, proc] of [...m.procs.values()].entries()) {
			maxPid = Math.max(maxPid, proc.pid);
			if (proc.ppid !== 0 && !m.procs.has(proc.ppid)) throw new SnapshotError(`processes[${k}].ppid`, `no process ${proc.ppid}`);
			for (const id of proc.fds) if (id !== null) held.set(id, (held.get(id) ?? 0) + 1);
		}
		if (m.nextPid <= maxPid) throw new SnapshotError('machine.nextPid', `must be above every pid (${maxPid})`);
		for (const [k, file] of [...m.files.files.values()].entries()) {
			const n = held.get(file.id) ?? 0;
			if (n !== file.refs) throw new SnapshotError(`files.open[${k}].refs`, `open file ${file.id} counts ${file.refs} fds, ${n} refer to it`);
			if (file.id >= m.files.nextId) throw new SnapshotError(`files.open[${k}].id`, `must be below files.nextId (${m.files.nextId})`);
		}
		for (const [k, pipe] of [...m.pipes.values()].entries()) if (pipe.id >= m.nextPipe) throw new SnapshotError(`pipes[${k}].id`, `must be below machine.nextPipe (${m.nextPipe})`);
		for (const [k, key] of [...m.vfs.mountedAt.keys()].entries()) {
			if (![...m.vfs.covers.values()].some(ref => refKey(ref) === key)) throw new SnapshotError(`vfs.mountedAt[${k}]`, `${key} covers nothing`);
		}
	}
}
