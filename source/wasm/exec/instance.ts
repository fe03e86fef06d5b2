/*
 * Instantiation (the spec's "instantiate" and linking): resolve imports by module + name with their
 * types checked (LinkError), create the module's globals, memories and tables, initialise active
 * element and data segments in order (a segment out of bounds traps, keeping what earlier segments
 * wrote, as the 2.0 spec does), then run the start function.
 *
 *   const instance = instantiate(store, module, compiled, resolve, {startBudget});
 *   instance.exports.get('memory')
 */

import {LinkError, Trap} from '../errors.js';
import type {Expr, FuncType, Limits, Module} from '../types.js';
import {valTypeName} from '../types.js';
import type {CompiledModule} from '../compile/compiler.js';
import {Global} from './global.js';
import {Memory} from './memory.js';
import type {FuncRef, Store} from './store.js';
import {Table} from './table.js';

export type Extern =
	| {readonly kind: 'func'; readonly func: FuncRef}
	| {readonly kind: 'table'; readonly table: Table}
	| {readonly kind: 'memory'; readonly memory: Memory}
	| {readonly kind: 'global'; readonly global: Global};

/** Finds what an import refers to; undefined when nothing of that name exists. */
export type ImportResolver = (module: string, name: string) => Extern | undefined;

export class Instance {
	readonly id: number;
	readonly funcs: FuncRef[] = [];
	readonly memories: Memory[] = [];
	readonly tables: Table[] = [];
	readonly globals: Global[] = [];
	/** Store type id of each of the module's type indices. */
	readonly typeIds: number[];
	/** Element segments as function handles; null once dropped. */
	readonly elems: Array<Int32Array | null> = [];
	/** Data segments; null once dropped. */
	readonly datas: Array<Uint8Array | null> = [];
	readonly exports = new Map<string, Extern>();

	constructor(
		readonly store: Store,
		readonly module: Module,
		readonly compiled: CompiledModule,
	) {
		this.id = store.instances.length;
		store.instances.push(this);
		this.typeIds = module.types.map(t => store.typeId(t));
	}

}

function limitsText(l: Limits): string {
	return l.max === null ? `{min ${l.min}}` : `{min ${l.min}, max ${l.max}}`;
}

function typeText(t: FuncType): string {
	return `[${t.params.map(valTypeName).join(' ')}] -> [${t.results.map(valTypeName).join(' ')}]`;
}

/** Whether an actual size/max pair satisfies the limits an import declares. */
function limitsMatch(size: number, max: number | null, want: Limits): boolean {
	if (size < want.min) return false;
	if (want.max === null) return true;
	return max !== null && max <= want.max;
}

function link(instance: Instance, resolve: ImportResolver): void {
	const {module, store} = instance;
	for (const imp of module.imports) {
		const where = `import "${imp.module}"."${imp.name}"`;
		const ext = resolve(imp.module, imp.name);
		if (ext === undefined) throw new LinkError(`unknown import: ${where} is not provided`);
		const mismatch = (want: string, got: string) =>
			new LinkError(`incompatible import type: ${where} must be ${want}, got ${got}`);
		switch (imp.desc.kind) {
			case 'func': {
				const want = module.types[imp.desc.typeIndex];
				if (ext.kind !== 'func') throw mismatch(`a function ${typeText(want)}`, `a ${ext.kind}`);
				if (ext.func.typeId !== store.typeId(want)) throw mismatch(`a function ${typeText(want)}`, `a function ${typeText(ext.func.type)}`);
				instance.funcs.push(ext.func);
				break;
			}
			case 'table': {
				const want = imp.desc.type;
				if (ext.kind !== 'table') throw mismatch('a table', `a ${ext.kind}`);
				const t = ext.table;
				if (t.elemType !== want.elemType || !limitsMatch(t.size, t.max, want.limits)) {
					throw mismatch(`a ${valTypeName(want.elemType)} table ${limitsText(want.limits)}`, `a ${valTypeName(t.elemType)} table ${limitsText({min: t.size, max: t.max})}`);
				}
				instance.tables.push(t);
				break;
			}
			case 'memory': {
				const want = imp.desc.type.limits;
				if (ext.kind !== 'memory') throw mismatch('a memory', `a ${ext.kind}`);
				const m = ext.memory;
				if (!limitsMatch(m.pages, m.max, want)) throw mismatch(`a memory ${limitsText(want)}`, `a memory ${limitsText({min: m.pages, max: m.max})}`);
				instance.memories.push(m);
				break;
			}
			case 'global': {
				const want = imp.desc.type;
				if (ext.kind !== 'global') throw mismatch('a global', `a ${ext.kind}`);
				const g = ext.global.type;
				if (g.valType !== want.valType || g.mutable !== want.mutable) {
					const text = (t: typeof g) => `${t.mutable ? 'mutable' : 'immutable'} ${valTypeName(t.valType)} global`;
					throw mismatch(`an ${text(want)}`, `an ${text(g)}`);
				}
				instance.globals.push(ext.global);
				break;
			}
		}
	}
}

/** Evaluates a constant expression into two words (validated: one value-producing instruction). */
function evalConst(instance: Instance, expr: Expr): Int32Array {
	const out = new Int32Array(2);
	const ins = expr.instrs[0];
	switch (ins.op) {
		case 0x41:
		case 0x43:
			out[0] = ins.a;
			break;
		case 0x42:
		case 0x44:
			out[0] = ins.a;
			out[1] = ins.b;
			break;
		case 0xd0:
			break;
		case 0xd2:
			out[0] = instance.funcs[ins.a].handle;
			break;
		case 0x23:
			out.set(instance.globals[ins.a].cell);
			break;
		default:
			throw new Error(`constant expression with opcode 0x${ins.op.toString(16)} (validator let it through)`);
	}
	return out;
}

export interface InstantiateOptions {
	/** Runs the start function to completion; given the instance and its start function. */
	readonly runStart?: (instance: Instance, func: FuncRef) => void;
	/**
	 * False to skip segment initialisation and the start function: the instance's state is about to
	 * be replaced by a saved one (state.ts).
	 */
	readonly initialize?: boolean;
}

export function instantiate(
	store: Store,
	module: Module,
	compiled: CompiledModule,
	resolve: ImportResolver,
	options: InstantiateOptions = {},
): Instance {
	const instance = new Instance(store, module, compiled);
	link(instance, resolve);
	for (let i = module.importedFuncCount; i < module.funcTypeIndices.length; i++) {
		instance.funcs.push(store.wasmFunc(instance, i, module.types[module.funcTypeIndices[i]]));
	}
	for (let i = module.importedGlobalCount; i < module.globals.length; i++) {
		const g = new Global(module.globals[i]);
		g.cell.set(evalConst(instance, module.globalInits[i - module.importedGlobalCount]));
		instance.globals.push(g);
	}
	for (let i = module.importedMemoryCount; i < module.memories.length; i++) {
		const {min, max} = module.memories[i].limits;
		instance.memories.push(new Memory(min, max));
	}
	for (let i = module.importedTableCount; i < module.tables.length; i++) {
		const t = module.tables[i];
		instance.tables.push(new Table(t.elemType, t.limits.min, t.limits.max));
	}
	for (const exp of module.exports) {
		const ext: Extern =
			exp.kind === 'func' ? {kind: 'func', func: instance.funcs[exp.index]}
			: exp.kind === 'table' ? {kind: 'table', table: instance.tables[exp.index]}
			: exp.kind === 'memory' ? {kind: 'memory', memory: instance.memories[exp.index]}
			: {kind: 'global', global: instance.globals[exp.index]};
		instance.exports.set(exp.name, ext);
	}
	for (const seg of module.elems) {
		instance.elems.push(Int32Array.from(seg.init, e => evalConst(instance, e)[0]));
	}
	for (const seg of module.datas) instance.datas.push(seg.bytes);
	if (options.initialize === false) return instance;

	module.elems.forEach((seg, k) => {
		if (seg.mode === 'active') {
			const table = instance.tables[seg.table];
			const at = evalConst(instance, seg.offsetExpr!)[0] >>> 0;
			const items = instance.elems[k]!;
			if (at + items.length > table.size) throw new Trap('out of bounds table access', `elem segment ${k} does not fit its table: ${at} + ${items.length} > ${table.size}`);
			table.elements.set(items, at);
		}
		if (seg.mode !== 'passive') instance.elems[k] = null;
	});
	module.datas.forEach((seg, k) => {
		if (seg.mode !== 'active') return;
		const memory = instance.memories[seg.memory];
		const at = evalConst(instance, seg.offsetExpr!)[0] >>> 0;
		if (at + seg.bytes.length > memory.buffer.byteLength) {
			throw new Trap('out of bounds memory access', `data segment ${k} does not fit memory: ${at} + ${seg.bytes.length} > ${memory.buffer.byteLength}`);
		}
		memory.bytes.set(seg.bytes, at);
		instance.datas[k] = null;
	});
	if (module.start !== null) {
		if (options.runStart === undefined) throw new Error('instantiate: the module has a start function but no runStart was given');
		options.runStart(instance, instance.funcs[module.start]);
	}
	return instance;
}
