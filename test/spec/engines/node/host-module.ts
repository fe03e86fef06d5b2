/**
 * Builds a host module (`HostModuleSpec`, e.g. spectest) for Node's WebAssembly as a generated wasm
 * module plus its JS imports, so every export is a real wasm export with an exact type: globals are
 * defined with constant initialisers holding their exact bits, tables and memories are defined in the
 * module, and each host function is a wasm wrapper of the declared type around a JS import. The
 * wrapper reinterprets f32/f64 arguments as i32/i64 before they reach JS, so floats arrive as bits.
 */
import type {HostModuleSpec, ValType, Value} from '../../engine.js';
import {
	type Bytes,
	EXTERN,
	OP,
	SECTION,
	VALTYPE,
	codeEntry,
	constInstruction,
	funcType,
	limits,
	moduleBytes,
	name,
	section,
	uleb,
} from './binary-writer.js';
import type {HostRefs} from './host-refs.js';
import type {WasmImports} from './webassembly-api.js';

/** How a host function parameter crosses into JS: the type JS receives it as, and the conversion on the way. */
const JS_PARAM: Readonly<Record<Exclude<ValType, 'v128'>, {readonly as: ValType; readonly convert: Bytes}>> = {
	i32: {as: 'i32', convert: []},
	i64: {as: 'i64', convert: []},
	f32: {as: 'i32', convert: [OP.i32ReinterpretF32]},
	f64: {as: 'i64', convert: [OP.i64ReinterpretF64]},
	funcref: {as: 'funcref', convert: []},
	externref: {as: 'externref', convert: []},
};

function jsParam(type: ValType): (typeof JS_PARAM)[keyof typeof JS_PARAM] {
	if (type === 'v128') throw new Error('host functions cannot take v128 parameters (they cannot reach JS)');
	return JS_PARAM[type];
}

/** The bits JS received for a parameter of `type`, as a Value. */
function paramValue(type: ValType, raw: unknown, refs: HostRefs): Value {
	switch (type) {
		case 'i32':
		case 'f32':
			return {type, bits: (raw as number) >>> 0};
		case 'i64':
		case 'f64':
			return {type, bits: BigInt.asUintN(64, raw as bigint)};
		case 'funcref':
		case 'externref':
			return refs.fromJs(type, raw);
		case 'v128':
			throw new Error('unreachable: v128 host parameters are refused when the module is built');
	}
}

export interface GeneratedHostModule {
	readonly bytes: Uint8Array;
	readonly imports: WasmImports;
}

export function buildHostModule(spec: HostModuleSpec, refs: HostRefs): GeneratedHostModule {
	const entries = Object.entries(spec);
	const funcs = entries.flatMap(([field, entry]) => (entry.kind === 'func' ? [{field, entry}] : []));
	const tables = entries.flatMap(([field, entry]) => (entry.kind === 'table' ? [{field, entry}] : []));
	const memories = entries.flatMap(([field, entry]) => (entry.kind === 'memory' ? [{field, entry}] : []));
	const globals = entries.flatMap(([field, entry]) => (entry.kind === 'global' ? [{field, entry}] : []));
	if (memories.length > 1) throw new Error('a WebAssembly 2.0 module has at most one memory');

	const jsImports: Record<string, (...raw: unknown[]) => void> = {};
	// Function k: JS import k has type 2k+1 (JS-facing), wrapper k (index funcs.length + k) has type 2k.
	const types: Bytes[] = [];
	const imports: Bytes[] = [];
	const code: Bytes[] = [];
	funcs.forEach(({entry}, k) => {
		types.push(funcType(entry.params, []), funcType(entry.params.map((type) => jsParam(type).as), []));
		imports.push([...name('host'), ...name(`f${k}`), EXTERN.func, ...uleb(2 * k + 1)]);
		const body = entry.params.flatMap((type, index) => [OP.localGet, ...uleb(index), ...jsParam(type).convert]);
		code.push(codeEntry([], [...body, OP.call, ...uleb(k)]));
		jsImports[`f${k}`] = (...raw) => entry.call(entry.params.map((type, index) => paramValue(type, raw[index], refs)));
	});

	const exported = (list: {field: string}[], kind: number, base = 0) =>
		list.map(({field}, index) => [...name(field), kind, ...uleb(base + index)]);
	const bytes = moduleBytes([
		section(SECTION.type, types),
		section(SECTION.import, imports),
		section(SECTION.function, funcs.map((_, k) => uleb(2 * k))),
		section(SECTION.table, tables.map(({entry}) => [VALTYPE[entry.element], ...limits(entry.min, entry.max)])),
		section(SECTION.memory, memories.map(({entry}) => limits(entry.min, entry.max))),
		section(
			SECTION.global,
			globals.map(({entry}) => [VALTYPE[entry.value.type], entry.mutable ? 1 : 0, ...constInstruction(entry.value), OP.end]),
		),
		section(SECTION.export, [
			...exported(funcs, EXTERN.func, funcs.length),
			...exported(tables, EXTERN.table),
			...exported(memories, EXTERN.memory),
			...exported(globals, EXTERN.global),
		]),
		section(SECTION.code, code),
	]);
	return {bytes, imports: {host: jsImports}};
}
