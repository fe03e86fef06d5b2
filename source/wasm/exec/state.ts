/*
 * State export and import: an instance's and a thread's whole state as plain JSON-able data and
 * back, for snapshots. Positions are function index + wasm byte offset (never IR positions), so a
 * saved state survives a change of the compiler. Binary data is base64; all-zero memory pages are
 * left out.
 *
 *   exportInstance(instance) → InstanceState      importInstance(instance, state)  (on a fresh
 *                                                   instance made with instantiate(..., {initialize: false}))
 *   exportThread(thread)     → ThreadState        importThread(store, state) → Thread
 *
 * A corrupt or mismatched state gives a StateError naming the field, never a half-restored object
 * that fails later.
 */

import {StateError, Trap, type TrapKind} from '../errors.js';
import type {FuncType, Module, ValType} from '../types.js';
import {operandTypes} from '../validate/index.js';
import {fromBase64, toBase64} from './base64.js';
import type {Instance} from './instance.js';
import {PAGE_SIZE} from './memory.js';
import type {FuncRef, HostFunc, Store} from './store.js';
import {Thread, compiledFunc, instrOffset, type ThreadStatus} from './thread.js';
import type {Value} from './values.js';

/** A function reference in saved form: a wasm function of an instance, or a host function by name. */
export type FuncRefState = {readonly instance: number; readonly func: number} | {readonly host: string};

/** A value in saved form: its type code and its bits as a decimal string (null reference: null). */
export interface ValueState {
	readonly type: number;
	readonly value: string | null;
}

export interface MemoryState {
	readonly pages: number;
	/** Non-zero 64 KiB pages by page number. */
	readonly data: Readonly<Record<string, string>>;
}

export interface TableState {
	readonly size: number;
	/** Elements as function references (funcref) or externref numbers; null for null. */
	readonly elements: ReadonlyArray<FuncRefState | number | null>;
}

export interface InstanceState {
	readonly id: number;
	readonly memories: readonly MemoryState[];
	readonly tables: readonly TableState[];
	/** Each global's bits as two 32-bit words. */
	readonly globals: ReadonlyArray<readonly [number, number]>;
	readonly droppedElems: readonly number[];
	readonly droppedDatas: readonly number[];
}

export interface PositionState {
	readonly instance: number;
	readonly func: number;
	/** Byte offset of the next instruction to execute. */
	readonly offset: number;
	/** Inside a bulk instruction that has done part of its work (its operands hold what is left). */
	readonly mid: boolean;
}

export interface FrameState {
	/** Where the caller resumes, and the caller's frame pointer. */
	readonly return: PositionState;
	readonly fp: number;
}

export interface ThreadState {
	readonly status: ThreadStatus;
	readonly instructions: number;
	readonly entry: {readonly params: readonly number[]; readonly results: readonly number[]} | null;
	readonly position: PositionState | null;
	readonly fp: number;
	readonly frames: readonly FrameState[];
	/** The value stack's words up to the top of the current frame, base64. */
	readonly stack: string;
	readonly blocked: {readonly func: string; readonly args: readonly ValueState[]; readonly wait: unknown; readonly resultSlot: number} | null;
	readonly trap: {readonly kind: TrapKind; readonly message: string} | null;
	readonly results: readonly ValueState[] | null;
}

function funcRefState(ref: FuncRef): FuncRefState {
	return ref.kind === 'wasm' ? {instance: ref.instance.id, func: ref.index} : {host: ref.name};
}

function resolveFuncRef(store: Store, state: FuncRefState, where: string): FuncRef {
	if ('host' in state) {
		const found = store.funcs.find(f => f !== null && f.kind === 'host' && f.name === state.host);
		if (found === undefined || found === null) throw new StateError(`${where}: no host function "${state.host}" in this store`);
		return found;
	}
	const instance = store.instances[state.instance];
	const func = instance?.funcs[state.func];
	if (func === undefined) throw new StateError(`${where}: no function ${state.func} in instance ${state.instance}`);
	return func;
}

function valueState(type: ValType, value: Value): ValueState {
	return {type, value: value === null ? null : String(value)};
}

function stateValue(v: ValueState, where: string): Value {
	if (v.value === null) return null;
	if (typeof v.value !== 'string' || !/^-?\d+$/.test(v.value)) throw new StateError(`${where}: bad value ${JSON.stringify(v.value)}`);
	return v.type === 0x7e || v.type === 0x7c ? BigInt(v.value) : Number(v.value);
}

export function exportInstance(instance: Instance): InstanceState {
	const store = instance.store;
	return {
		id: instance.id,
		memories: instance.memories.map(m => {
			const data: Record<string, string> = {};
			for (let p = 0; p < m.pages; p++) {
				const page = m.bytes.subarray(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
				if (page.some(b => b !== 0)) data[p] = toBase64(page);
			}
			return {pages: m.pages, data};
		}),
		tables: instance.tables.map(t => ({
			size: t.size,
			elements: Array.from(t.elements.subarray(0, t.size), h => {
				if (h === 0) return null;
				return t.elemType === 0x70 ? funcRefState(store.funcs[h]!) : h - 1;
			}),
		})),
		globals: instance.globals.map(g => [g.cell[0], g.cell[1]] as const),
		droppedElems: instance.elems.flatMap((e, k) => (e === null ? [k] : [])),
		droppedDatas: instance.datas.flatMap((d, k) => (d === null ? [k] : [])),
	};
}

/** Replaces a fresh instance's memories, tables, globals and dropped segments with saved ones. */
export function importInstance(instance: Instance, state: InstanceState): void {
	const where = `instance ${instance.id}`;
	if (state.memories.length !== instance.memories.length) throw new StateError(`${where}: ${state.memories.length} memories saved, the module has ${instance.memories.length}`);
	if (state.tables.length !== instance.tables.length) throw new StateError(`${where}: ${state.tables.length} tables saved, the module has ${instance.tables.length}`);
	if (state.globals.length !== instance.globals.length) throw new StateError(`${where}: ${state.globals.length} globals saved, the module has ${instance.globals.length}`);
	state.memories.forEach((m, k) => {
		const memory = instance.memories[k];
		if (!Number.isInteger(m.pages) || m.pages < 0 || m.pages > (memory.max ?? 65536)) throw new StateError(`${where} memory ${k}: bad size ${m.pages} pages`);
		const buffer = new ArrayBuffer(m.pages * PAGE_SIZE);
		const bytes = new Uint8Array(buffer);
		for (const [page, data] of Object.entries(m.data)) {
			const p = Number(page);
			const chunk = fromBase64(data);
			if (!Number.isInteger(p) || p < 0 || p >= m.pages || chunk.length !== PAGE_SIZE) throw new StateError(`${where} memory ${k}: bad page ${page}`);
			bytes.set(chunk, p * PAGE_SIZE);
		}
		memory.replace(buffer);
	});
	state.tables.forEach((t, k) => {
		const table = instance.tables[k];
		if (t.elements.length !== t.size) throw new StateError(`${where} table ${k}: size ${t.size} but ${t.elements.length} elements`);
		if (t.size > table.size) table.grow(t.size - table.size, 0);
		table.size = t.size;
		t.elements.forEach((e, i) => {
			table.elements[i] = e === null ? 0 : typeof e === 'number' ? e + 1 : resolveFuncRef(instance.store, e, `${where} table ${k}[${i}]`).handle;
		});
	});
	state.globals.forEach((g, k) => {
		instance.globals[k].cell[0] = g[0];
		instance.globals[k].cell[1] = g[1];
	});
	for (const k of state.droppedElems) instance.elems[k] = null;
	for (const k of state.droppedDatas) instance.datas[k] = null;
}

/** The wasm position of a stopped pc (a FUEL/FUEL_P op, or a bulk op stopped part-way). */
function positionOf(instance: Instance, func: number, pc: number, mid: boolean): PositionState {
	return {instance: instance.id, func, offset: instrOffset(instance, func, instance.compiled.opInstr[pc]), mid};
}

/** The pc in precise code where a saved position resumes. */
function pcOf(store: Store, p: PositionState, where: string): {instance: Instance; pc: number} {
	const instance = store.instances[p.instance];
	if (instance === undefined) throw new StateError(`${where}: no instance ${p.instance}`);
	const module = instance.module;
	if (!Number.isInteger(p.func) || p.func < module.importedFuncCount || p.func >= module.funcTypeIndices.length) {
		throw new StateError(`${where}: function ${p.func} is not a wasm function of instance ${p.instance}`);
	}
	const cf = compiledFunc(instance, p.func);
	const instrs = module.funcs[p.func - module.importedFuncCount].body.instrs;
	// Binary search for the instruction at this byte offset.
	let lo = 0;
	let hi = instrs.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (instrs[mid].pos < p.offset) lo = mid + 1;
		else hi = mid;
	}
	if (instrs[lo]?.pos !== p.offset || cf.preciseAt[lo] < 0) throw new StateError(`${where}: no instruction boundary at offset 0x${p.offset.toString(16)} in function ${p.func}`);
	return {instance, pc: cf.preciseAt[lo] + (p.mid ? 2 : 0)};
}

export function exportThread(thread: Thread): ThreadState {
	// A deferred stop's instructions run first: the state saved is the one the slice ended in.
	thread.settle();
	const inst = thread.inst;
	const live = inst !== null && (thread.status === 'ready' || thread.status === 'blocked');
	const frames: FrameState[] = [];
	let top = 0;
	if (live) {
		for (let d = 0; d < thread.depth; d++) {
			const at = d * 4;
			const owner = thread.store.instances[thread.frames[at + 3]];
			// The frame above holds the caller's function index; the return pc is in the caller's code.
			frames.push({return: positionOf(owner, thread.frames[at + 2], thread.frames[at], false), fp: thread.frames[at + 1]});
		}
		top = thread.fp + compiledFunc(inst, thread.func).frameSize;
	} else if (thread.entryType !== null) {
		top = Math.max(thread.entryType.params.length, thread.entryType.results.length);
	}
	const blocked = thread.blocked;
	const entry = thread.entryType;
	return {
		status: thread.status,
		instructions: thread.instructions,
		entry: entry === null ? null : {params: [...entry.params], results: [...entry.results]},
		position: live ? positionOf(inst, thread.func, thread.pc, thread.midInstr) : null,
		fp: thread.fp,
		frames,
		stack: toBase64(savedStack(thread, live, top)),
		blocked:
			blocked === null
				? null
				: {
						func: blocked.call.func.name,
						args: blocked.call.func.type.params.map((t, k) => valueState(t, blocked.call.args[k])),
						wait: blocked.call.wait,
						resultSlot: blocked.resultSlot,
					},
		trap: thread.trap === null ? null : {kind: thread.trap.kind, message: thread.trap.message},
		results: thread.results === null || entry === null ? null : entry.results.map((t, k) => valueState(t, thread.results![k])),
	};
}

/** Value types that fill only a slot's low word. */
const NARROW = new Set<number>([0x7f, 0x7d, 0x70, 0x6f]);

/**
 * The thread's stack slots below `top` as saved: the values of every frame's locals and operand
 * stack, each as its type fills a slot; the rest (the high word of a 32-bit value or a reference,
 * slots above the top frame's operand stack) as zeros. That rest is never read, and what it holds
 * depends on whether fast or precise code ran there last (compile/compiler.ts), which the engine
 * chooses differently for the same program (tiers, deferred stops: thread.ts).
 */
function savedStack(thread: Thread, live: boolean, top: number): Uint8Array {
	const from = new Int32Array(thread.stack, 0, top * 2);
	const to = new Int32Array(top * 2);
	const keep = (slot: number, type: number): void => {
		if (slot >= top) return;
		to[2 * slot] = from[2 * slot];
		if (!NARROW.has(type)) to[2 * slot + 1] = from[2 * slot + 1];
	};
	const entry = thread.entryType;
	if (!live) {
		// A finished thread's results, else its entry function's params, from slot 0.
		if (entry !== null) (thread.status === 'finished' ? entry.results : entry.params).forEach((t, k) => keep(k, t));
		return new Uint8Array(to.buffer);
	}
	// Frame d < depth is the caller of frame d + 1, stopped at its call; frame `depth` is where the thread is.
	for (let d = 0; d <= thread.depth; d++) {
		const at = d * 4;
		const owner = d < thread.depth ? thread.store.instances[thread.frames[at + 3]] : thread.inst!;
		const func = d < thread.depth ? thread.frames[at + 2] : thread.func;
		const fp = d < thread.depth ? thread.frames[at + 1] : thread.fp;
		// A caller's operand stack ends where its callee's frame starts (at the callee's params).
		const end = d + 1 < thread.depth ? thread.frames[at + 5] : d < thread.depth ? thread.fp : top;
		const instr = d < thread.depth ? owner.compiled.opInstr[thread.frames[at]] - 1 : owner.compiled.opInstr[thread.pc];
		const module = owner.module;
		const defined = module.funcs[func - module.importedFuncCount];
		const locals = [...module.types[defined.typeIndex].params, ...defined.locals];
		locals.forEach((t, k) => keep(fp + k, t));
		operandTypesAt(module, func, instr).forEach((t, h) => {
			if (fp + locals.length + h < end) keep(fp + locals.length + h, t);
		});
	}
	return new Uint8Array(to.buffer);
}

/** Operand stack types before an instruction (validate/, replayed), kept per module. */
const operandTypeCache = new WeakMap<Module, {readonly read: (func: number, instr: number) => Uint8Array; readonly seen: Map<string, Uint8Array>}>();

function operandTypesAt(module: Module, func: number, instr: number): Uint8Array {
	let cache = operandTypeCache.get(module);
	if (cache === undefined) {
		cache = {read: operandTypes(module), seen: new Map()};
		operandTypeCache.set(module, cache);
	}
	const key = `${func}:${instr}`;
	let types = cache.seen.get(key);
	if (types === undefined) {
		types = cache.read(func, instr);
		cache.seen.set(key, types);
	}
	return types;
}

export function importThread(store: Store, state: ThreadState, options: ConstructorParameters<typeof Thread>[1] = {}): Thread {
	const thread = new Thread(store, options);
	const stack = fromBase64(state.stack);
	if (stack.length % 8 !== 0) throw new StateError('thread stack: not a whole number of 8-byte slots');
	if (!thread.ensureSlots(stack.length / 8 + 1)) throw new StateError('thread stack: larger than the stack limit');
	new Uint8Array(thread.stack).set(stack);
	thread.status = state.status;
	thread.instructions = state.instructions;
	thread.entryType = state.entry === null ? null : ({params: state.entry.params, results: state.entry.results} as FuncType);
	thread.fp = state.fp;
	if (state.position !== null) {
		const {instance, pc} = pcOf(store, state.position, 'thread position');
		thread.inst = instance;
		thread.func = state.position.func;
		thread.pc = pc;
		thread.midInstr = state.position.mid;
	}
	state.frames.forEach((f, d) => {
		const {instance, pc} = pcOf(store, f.return, `frame ${d}`);
		if (thread.frames.length < (d + 1) * 4) {
			const bigger = new Int32Array(thread.frames.length * 2);
			bigger.set(thread.frames);
			thread.frames = bigger;
		}
		thread.frames.set([pc, f.fp, f.return.func, instance.id], d * 4);
	});
	thread.depth = state.frames.length;
	if (state.blocked !== null) {
		const func = resolveFuncRef(store, {host: state.blocked.func}, 'blocked call') as HostFunc;
		const args = state.blocked.args.map((a, k) => stateValue(a, `blocked call argument ${k}`));
		thread.blocked = {call: {func, args, wait: state.blocked.wait}, resultSlot: state.blocked.resultSlot};
	}
	if (state.trap !== null) thread.trap = new Trap(state.trap.kind, state.trap.message);
	if (state.results !== null) thread.results = state.results.map((v, k) => stateValue(v, `result ${k}`));
	return thread;
}

