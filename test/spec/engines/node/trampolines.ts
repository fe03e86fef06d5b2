/**
 * Exact-bits calls into Node's WebAssembly. A float that crosses from wasm into JS as a number loses a
 * signalling NaN's payload bit (V8 quiets it), so values never cross as numbers. Instead, for each
 * function signature a small generated "call trampoline" module does the call inside wasm:
 *
 *   memory: [slot 0: arg 0][slot 1: arg 1]...[slot P: result 0]...  (16 bytes per slot)
 *   run(ref args...) -> (ref results...):
 *     load each numeric/v128 argument from its slot (reference arguments come in as run's parameters),
 *     call_indirect the target through table slot 0 (set from JS before the call),
 *     store each numeric/v128 result to its slot (reference results are returned by run).
 *
 * JS writes and reads the slots as raw bytes. Exported globals are read the same way by a module that
 * imports the global and stores it to memory. Trampolines are built once per signature and are not
 * re-entrant (a host function must not invoke through the harness during a call; spectest's do not).
 */
import type {RefType, ValType, Value} from '../../engine.js';
import {
	EXTERN,
	LOAD,
	OP,
	SECTION,
	STORE,
	type Bytes,
	VALTYPE,
	codeEntry,
	funcType,
	limits,
	memarg,
	moduleBytes,
	name,
	section,
	uleb,
} from './binary-writer.js';
import type {FuncType} from './export-types.js';
import type {HostRefs} from './host-refs.js';
import {type WasmApi, type WasmMemory, type WasmModule, type WasmTable, wasmApi} from './webassembly-api.js';

const SLOT_BYTES = 16;
const PAGE_BYTES = 65536;

function isRef(type: ValType): type is RefType {
	return type === 'funcref' || type === 'externref';
}

/** Writes a numeric or v128 value's bits to memory at `offset`. */
function writeSlot(memory: Uint8Array, offset: number, value: Value): void {
	const view = new DataView(memory.buffer, memory.byteOffset + offset, SLOT_BYTES);
	switch (value.type) {
		case 'i32':
		case 'f32':
			view.setUint32(0, value.bits, true);
			return;
		case 'i64':
		case 'f64':
			view.setBigUint64(0, value.bits, true);
			return;
		case 'v128':
			memory.set(value.bytes, offset);
			return;
		case 'funcref':
		case 'externref':
			throw new Error('references do not go through memory');
	}
}

/** Reads a numeric or v128 value of `type` from memory at `offset`. */
function readSlot(memory: Uint8Array, offset: number, type: Exclude<ValType, RefType>): Value {
	const view = new DataView(memory.buffer, memory.byteOffset + offset, SLOT_BYTES);
	switch (type) {
		case 'i32':
		case 'f32':
			return {type, bits: view.getUint32(0, true)};
		case 'i64':
		case 'f64':
			return {type, bits: view.getBigUint64(0, true)};
		case 'v128':
			return {type, bytes: memory.slice(offset, offset + SLOT_BYTES)};
	}
}

/** The call trampoline for functions of type `target` (see the header). */
function callTrampolineBytes(target: FuncType): Uint8Array {
	const refParams = target.params.filter(isRef);
	const refResults = target.results.filter(isRef);
	const resultLocal = (index: number) => refParams.length + index;
	const slot = (index: number) => memarg(index * SLOT_BYTES);
	const code: Bytes = [];
	let refParamIndex = 0;
	target.params.forEach((type, index) => {
		if (isRef(type)) code.push(OP.localGet, ...uleb(refParamIndex++));
		else code.push(OP.i32Const, 0, ...LOAD[type], ...slot(index));
	});
	code.push(OP.i32Const, 0, OP.callIndirect, 0, 0);
	// The results are on the stack, last on top: pop them into locals from the last one down.
	for (let index = target.results.length - 1; index >= 0; index--) code.push(OP.localSet, ...uleb(resultLocal(index)));
	target.results.forEach((type, index) => {
		if (!isRef(type)) code.push(OP.i32Const, 0, OP.localGet, ...uleb(resultLocal(index)), ...STORE[type], ...slot(target.params.length + index));
	});
	target.results.forEach((type, index) => {
		if (isRef(type)) code.push(OP.localGet, ...uleb(resultLocal(index)));
	});
	const pages = Math.max(1, Math.ceil(((target.params.length + target.results.length) * SLOT_BYTES) / PAGE_BYTES));
	return moduleBytes([
		section(SECTION.type, [funcType(target.params, target.results), funcType(refParams, refResults)]),
		section(SECTION.function, [uleb(1)]),
		section(SECTION.table, [[VALTYPE.funcref, ...limits(1, 1)]]),
		section(SECTION.memory, [limits(pages)]),
		section(SECTION.export, [
			[...name('run'), EXTERN.func, 0],
			[...name('table'), EXTERN.table, 0],
			[...name('memory'), EXTERN.memory, 0],
		]),
		section(SECTION.code, [codeEntry(target.results, code)]),
	]);
}

/** A module importing one global of `type` and exporting `get`, which stores it to memory or returns it. */
function globalReaderBytes(type: ValType, mutable: boolean): Uint8Array {
	const code = isRef(type) ? [OP.globalGet, 0] : [OP.i32Const, 0, OP.globalGet, 0, ...STORE[type], ...memarg(0)];
	return moduleBytes([
		section(SECTION.type, [funcType([], isRef(type) ? [type] : [])]),
		section(SECTION.import, [[...name('host'), ...name('global'), EXTERN.global, VALTYPE[type], mutable ? 1 : 0]]),
		section(SECTION.function, [uleb(0)]),
		section(SECTION.memory, [limits(1)]),
		section(SECTION.export, [
			[...name('get'), EXTERN.func, 0],
			[...name('memory'), EXTERN.memory, 0],
		]),
		section(SECTION.code, [codeEntry([], code)]),
	]);
}

interface CallTrampoline {
	readonly run: (...refs: unknown[]) => unknown;
	readonly table: WasmTable;
	readonly memory: Uint8Array;
}

function signatureKey(type: FuncType): string {
	return `${type.params.join(',')}->${type.results.join(',')}`;
}

export class Trampolines {
	/** Call trampoline instances by signature; one instance serves every function of that type. */
	private readonly calls = new Map<string, CallTrampoline>();
	/** Compiled global readers by `type mutability`; instantiated per read with the global to read. */
	private readonly globalReaders = new Map<string, WasmModule>();
	private readonly api: WasmApi = wasmApi();

	constructor(private readonly refs: HostRefs) {}

	private trampolineFor(type: FuncType): CallTrampoline {
		const key = signatureKey(type);
		let trampoline = this.calls.get(key);
		if (trampoline === undefined) {
			const {exports} = new this.api.Instance(new this.api.Module(callTrampolineBytes(type)));
			trampoline = {
				run: exports.run as CallTrampoline['run'],
				table: exports.table as WasmTable,
				memory: new Uint8Array((exports.memory as WasmMemory).buffer),
			};
			this.calls.set(key, trampoline);
		}
		return trampoline;
	}

	/** Calls `func` (a wasm function of `type`) with `args`; wasm errors (traps) propagate unchanged. */
	call(func: unknown, type: FuncType, args: readonly Value[]): Value[] {
		if (args.length !== type.params.length || args.some((arg, index) => arg.type !== type.params[index])) {
			throw new Error(`arguments (${args.map((arg) => arg.type).join(', ')}) do not fit (${type.params.join(', ')})`);
		}
		const trampoline = this.trampolineFor(type);
		trampoline.table.set(0, func);
		const refArgs: unknown[] = [];
		args.forEach((arg, index) => {
			if (arg.type === 'funcref' || arg.type === 'externref') refArgs.push(this.refs.toJs(arg));
			else writeSlot(trampoline.memory, index * SLOT_BYTES, arg);
		});
		const returned = trampoline.run(...refArgs);
		// JS sees no value for zero results, the value for one, an array for several.
		const refResultCount = type.results.filter(isRef).length;
		const refResults = refResultCount === 1 ? [returned] : refResultCount > 1 ? [...(returned as unknown[])] : [];
		return type.results.map((resultType, index) =>
			isRef(resultType) ? this.refs.fromJs(resultType, refResults.shift()) : readSlot(trampoline.memory, (type.params.length + index) * SLOT_BYTES, resultType),
		);
	}

	read(global: unknown, type: ValType, mutable: boolean): Value {
		const key = `${type} ${mutable}`;
		let module = this.globalReaders.get(key);
		if (module === undefined) {
			module = new this.api.Module(globalReaderBytes(type, mutable));
			this.globalReaders.set(key, module);
		}
		const {exports} = new this.api.Instance(module, {host: {global}});
		const returned = (exports.get as () => unknown)();
		if (isRef(type)) return this.refs.fromJs(type, returned);
		return readSlot(new Uint8Array((exports.memory as WasmMemory).buffer), 0, type);
	}
}
