/*
 * Saving a machine (docs/snapshot-format.md): the whole state, between two instructions, as JSON
 * written piece by piece to a sink (json-out.ts), so memory never holds the document as one string.
 * Layout and key order are fixed by this code, one process, inode, memory page or event per line, so
 * two snapshots diff line by line and save → load → save gives the same bytes.
 *
 *   saveSnapshot(kernel, file, {sections})  → {bytes}   atomic: temp file, fsync, rename
 *   snapshotText(kernel, {sections})        → string    the same document in memory (tests)
 *
 * Call them between two calls of tick()/step() (any instant: mid-quantum, with processes blocked,
 * sleeping or stopped), or from a checkpoint (machine.ts) inside a tick. A process record holds
 * its plain fields as they are (any field a later change adds is saved too, and refused with the
 * field's name if it is not plain data); the engine objects, the CPU meter and a pending call's
 * binding are translated here. Not saved, by design: the terminal's output not yet taken by the
 * host (it is the host's already), the memory-access maps of the memory pane (a view), a driver's
 * checkpoint, and the transient slice state (host work limit, a process being stepped).
 */

import {PAGE_SIZE} from '../../wasm/exec/memory.js';
import {exportInstance, exportThread} from '../../wasm/exec/state.js';
import type {FuncRef} from '../../wasm/exec/store.js';
import type {Value} from '../../wasm/exec/values.js';
import type {ValType} from '../../wasm/types.js';
import type {OpenFile} from '../files.js';
import type {Kernel} from '../kernel.js';
import type {Machine} from '../machine.js';
import type {Process} from '../process.js';
import {programOf} from '../program.js';
import type {MemInode} from '../vfs/memory.js';
import {SnapshotError} from './errors.js';
import {FORMAT, VERSION, type SaveOptions} from './format.js';
import {FileSink, TextSink, type Sink} from './json-out.js';

const json = JSON.stringify;

function base64(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Throws a SnapshotError at `path` if `value` is not plain JSON data (what JSON.parse would give back equal). */
export function checkPlain(value: unknown, path: string): void {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return;
		case 'number':
			if (!Number.isFinite(value)) throw new SnapshotError(path, `the number ${value} cannot be saved as JSON`);
			return;
		case 'object': {
			if (value === null) return;
			if (Array.isArray(value)) {
				value.forEach((v, k) => {
					if (v === undefined) throw new SnapshotError(`${path}[${k}]`, 'undefined cannot be saved');
					checkPlain(v, `${path}[${k}]`);
				});
				return;
			}
			const proto = Object.getPrototypeOf(value);
			if (proto !== Object.prototype && proto !== null) throw new SnapshotError(path, `a ${proto?.constructor?.name ?? 'non-plain object'} is not plain data and cannot be saved`);
			for (const [k, v] of Object.entries(value)) if (v !== undefined) checkPlain(v, `${path}.${k}`);
			return;
		}
		default:
			throw new SnapshotError(path, `a ${typeof value} cannot be saved`);
	}
}

function plain(value: unknown, path: string): string {
	checkPlain(value, path);
	return json(value);
}

/** A value with its type: its bits as a decimal string (null for a null reference), as the engine's state export writes them. */
export function valueState(type: ValType, value: Value): {type: number; value: string | null} {
	return {type, value: value === null ? null : String(value)};
}

function funcRefState(ref: FuncRef): {instance: number; func: number} | {host: string} {
	return ref.kind === 'wasm' ? {instance: ref.instance.id, func: ref.index} : {host: ref.name};
}

/** The kernel behind the public interface (snapshots need its internals). */
export function machineOf(kernel: Kernel): Machine {
	const m = kernel as Machine;
	if (typeof m.procs !== 'object' || !(m.procs instanceof Map) || m.vfs === undefined) throw new SnapshotError('', 'this kernel cannot be saved (not a booted machine)');
	return m;
}

export function writeSnapshot(kernel: Kernel, sink: Sink, options: SaveOptions = {}): void {
	const m = machineOf(kernel);
	const w = (text: string) => sink.write(text);
	w(`{"format":${json(FORMAT)},"version":${VERSION},\n`);
	writeMachine(m, w);
	w(`"scheduler":${json({policy: m.policy.name, params: m.params, state: m.policy.exportState()})},\n`);
	writeTerminal(m, w);
	writeModules(m, w);
	writeVfs(m, w);
	w('"pipes":[');
	let first = true;
	for (const pipe of m.pipes.values()) {
		const data = new Uint8Array(pipe.length);
		const head = Math.min(pipe.length, pipe.buffer.length - pipe.start);
		data.set(pipe.buffer.subarray(pipe.start, pipe.start + head));
		data.set(pipe.buffer.subarray(0, pipe.length - head), head);
		w(`${first ? '\n' : ',\n'}${json({id: pipe.id, capacity: pipe.buffer.length, data: base64(data), readers: pipe.readers, writers: pipe.writers, fifo: pipe.fifo})}`);
		first = false;
	}
	w('],\n');
	w(`"files":{"nextId":${m.files.nextId},"open":[`);
	first = true;
	for (const file of m.files.files.values()) {
		w(`${first ? '\n' : ',\n'}${json(openFileState(file))}`);
		first = false;
	}
	w(']},\n');
	w('"processes":[');
	first = true;
	for (const proc of m.procs.values()) {
		w(first ? '\n' : ',\n');
		writeProcess(proc, w);
		first = false;
	}
	w('],\n');
	const sections = options.sections ?? {};
	w(`"sections":${plain(sections, 'sections')},\n`);
	const tail = m.log.since(0);
	w(`"events":{"total":${m.log.total},"tail":[`);
	tail.forEach((event, k) => w(`${k === 0 ? '\n' : ',\n'}${plain(event, `events.tail[${k}]`)}`));
	w(']}}\n');
}

function writeMachine(m: Machine, w: (text: string) => void): void {
	const t = m.terminal;
	const options = {
		seed: m.seed,
		limits: m.limits,
		maxProcesses: m.maxProcesses,
		maxTicks: m.maxTicks,
		idle: m.idleMode,
		cpuWindow: m.cpuWindow,
		realtimeBase: String(m.clock.realtimeBase),
		eventCapacity: m.log.capacity,
		fsCapacity: m.vfs.mem.capacity,
		sanitize: {out: t.sanitizeOut, err: t.sanitizeErr},
	};
	const state = {
		clock: m.clock.now,
		halted: m.halted,
		instructions: m.instructions,
		syscalls: m.syscalls,
		idleTicks: m.idleTicks,
		nextPid: m.nextPid,
		nextPipe: m.nextPipe,
		prng: [...m.prng.state],
		cpu: {current: m.current?.pid ?? null, quantumLeft: m.quantumLeft, stretchStart: m.stretchStart, stretchInstructions: m.stretchInstructions, dispatchRan: m.dispatchRan, stretches: m.stretches},
		// strace (which pids print their syscalls on the terminal, which names) and the views of recently reaped processes.
		trace: {pids: [...m.traced], names: m.traceNames},
		recentlyEnded: m.recentlyEnded,
		// Programs loaded from VFS files, by file version, least recently used first: a spawn of one does not read the file again.
		programCache: {loads: m.programs.loads, entries: [...m.programs.entries].map(([key, p]) => [key, p.sha256, p.name])},
	};
	w(`"options":${plain(options, 'options')},\n`);
	w(`"machine":${plain(state, 'machine')},\n`);
}

function writeTerminal(m: Machine, w: (text: string) => void): void {
	const t = m.terminal;
	const state = {
		mode: t.mode,
		foreground: t.foreground,
		line: base64(Uint8Array.from(t.line)),
		records: t.records.map(r => ('eof' in r ? {eof: true} : {data: base64(r.data)})),
		offset: t.offset,
		hungUp: t.hungUp,
		sanitizers: t.sanitizers,
	};
	w(`"terminal":${plain(state, 'terminal')},\n`);
}

function writeModules(m: Machine, w: (text: string) => void): void {
	const seen = new Set<string>();
	w('"modules":{');
	const programs = [...m.procs.values()].flatMap(proc => {
		if (proc.exec === null) return [];
		const program = programOf(proc.exec.instance.module);
		if (program === undefined) throw new SnapshotError(`processes[pid ${proc.pid}]`, 'its module was not loaded with loadProgram: its bytes are unknown');
		return [program];
	});
	for (const program of [...programs, ...m.programs.entries.values()]) {
		if (seen.has(program.sha256)) continue;
		w(`${seen.size === 0 ? '\n' : ',\n'}${json(program.sha256)}:${json({name: program.name, bytes: base64(program.bytes)})}`);
		seen.add(program.sha256);
	}
	w('},\n');
}

function inodeState(node: MemInode): Record<string, unknown> {
	const base = {ino: node.ino, kind: node.kind, nlink: node.nlink, opens: node.opens, atim: String(node.atim), mtim: String(node.mtim), ctim: String(node.ctim)};
	switch (node.kind) {
		case 'dir':
			return {...base, parent: node.parent, entries: [...node.entries]};
		case 'file':
			return {...base, size: node.size, data: base64(node.data.subarray(0, node.size))};
		case 'symlink':
			return {...base, target: node.target};
		case 'fifo':
			return {...base, pipe: node.pipe, readOpens: node.readOpens, writeOpens: node.writeOpens};
		case 'device':
			return {...base, device: node.device};
	}
}

function writeVfs(m: Machine, w: (text: string) => void): void {
	const vfs = m.vfs;
	const head = {
		root: vfs.root,
		mounts: vfs.host.mounts.map(x => ({id: x.id, host: x.host, guest: x.guest, readOnly: x.readOnly})),
		covers: [...vfs.covers],
		mountedAt: [...vfs.mountedAt],
		hostWork: vfs.host.work,
	};
	const text = plain(head, 'vfs');
	w(`"vfs":${text.slice(0, -1)},"mem":{"nextIno":${vfs.mem.nextIno},"used":${vfs.mem.used},"inodes":[`);
	let first = true;
	for (const node of vfs.mem.inodes.values()) {
		w(`${first ? '\n' : ',\n'}${json(inodeState(node))}`);
		first = false;
	}
	w(']}},\n');
}

function openFileState(file: OpenFile): Record<string, unknown> {
	const t = file.target;
	const target =
		t.type === 'file'
			? {type: 'file', node: t.handle.node, host: t.handle.hostFd !== null, proc: t.handle.snapshot === null ? null : base64(t.handle.snapshot)}
			: t;
	return {
		id: file.id,
		path: file.path,
		target,
		readable: file.readable,
		writable: file.writable,
		flags: file.flags,
		position: file.position,
		listing: file.listing === null ? null : file.listing.map(e => ({name: e.name, ino: String(e.ino), kind: e.kind, special: e.special})),
		preopen: file.preopen,
		rights: file.rights,
		refs: file.refs,
	};
}

/** Fields of a process translated here; every other field is saved as the plain data it is. */
export const SPECIAL_FIELDS: ReadonlySet<string> = new Set(['exec', 'cpu', 'pending']);

function writeProcess(proc: Process, w: (text: string) => void): void {
	const where = `processes[pid ${proc.pid}]`;
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(proc)) {
		if (SPECIAL_FIELDS.has(key) || value === undefined) continue;
		checkPlain(value, `${where}.${key}`);
		fields[key] = value;
	}
	fields.cpu = {ran: [...proc.cpu.ran], epoch: [...proc.cpu.epoch]};
	const p = proc.pending;
	fields.pending =
		p === null
			? null
			: {
					binding: p.binding === null ? null : {abi: p.binding.abi.module, name: p.binding.name},
					args: p.binding === null ? [] : p.binding.def.params.map((t, k) => valueState(t, p.args[k])),
					wait: p.wait,
					since: p.since,
				};
	checkPlain(fields.pending, `${where}.pending`);
	const exec = proc.exec;
	if (exec === null) {
		w(`${json({...fields, exec: null})}`);
		return;
	}
	const program = programOf(exec.instance.module)!;
	// The instance without its memories (written below, a page per line), through a view that hides them.
	const bare = Object.create(exec.instance, {memories: {value: []}}) as typeof exec.instance;
	const execHead = {
		module: program.sha256,
		phase: exec.phase,
		phases: exec.phases.map(ph => ({func: funcRefState(ph.func), args: ph.func.type.params.map((t, k) => valueState(t, ph.args[k]))})),
		instance: exportInstance(bare),
		thread: exportThread(exec.thread),
	};
	const head = json({...fields, exec: execHead});
	// Splice the memories into the exec record: `..."thread":{...}}}` → `..."thread":{...},"memories":[...]}}`.
	w(head.slice(0, -2));
	w(',"memories":[');
	exec.instance.memories.forEach((memory, k) => {
		w(`${k === 0 ? '' : ','}{"pages":${memory.pages},"data":{`);
		const words = new Uint32Array(memory.buffer);
		let firstPage = true;
		for (let page = 0; page < memory.pages; page++) {
			const from = (page * PAGE_SIZE) / 4;
			const to = from + PAGE_SIZE / 4;
			let used = false;
			for (let i = from; i < to; i++) {
				if (words[i] !== 0) {
					used = true;
					break;
				}
			}
			if (!used) continue;
			w(`${firstPage ? '\n' : ',\n'}"${page}":"${Buffer.from(memory.buffer, page * PAGE_SIZE, PAGE_SIZE).toString('base64')}"`);
			firstPage = false;
		}
		w('}}');
	});
	w(']}}');
}

/** Saves the machine to `file` atomically: a crash mid-write leaves the old file (if any) as it was. */
export function saveSnapshot(kernel: Kernel, file: string, options: SaveOptions = {}): {bytes: number} {
	let sink: FileSink;
	try {
		sink = FileSink.create(file);
	} catch (error) {
		throw new SnapshotError('', `cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
	}
	try {
		writeSnapshot(kernel, sink, options);
		sink.commit();
	} catch (error) {
		sink.abort();
		if (error instanceof SnapshotError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (typeof code === 'string') throw new SnapshotError('', `cannot write ${file}: ${code}`);
		throw error;
	}
	return {bytes: sink.bytes};
}

export function snapshotText(kernel: Kernel, options: SaveOptions = {}): string {
	const sink = new TextSink();
	writeSnapshot(kernel, sink, options);
	return sink.text();
}
