/* Each section on a small hand-made module: what the decoder produces from it. */

import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {
	EXTERNREF,
	F32,
	F64,
	FUNCREF,
	I32,
	I64,
	SECTION,
	V128,
	body,
	funcType,
	moduleBytes,
	name,
	section,
	u32,
	vec,
} from './module-bytes.js';

const END = 0x0b;
const I32_CONST = 0x41;

describe('preamble', () => {
	it('decodes the empty module', () => {
		const m = decodeModule(moduleBytes());
		expect(m.sections).toEqual([]);
		expect(m.types).toEqual([]);
		expect(m.start).toBeNull();
		expect(m.dataCount).toBeNull();
		expect(m.names).toEqual({module: null, functions: new Map(), locals: new Map()});
	});
});

describe('type section', () => {
	it('decodes function types with any value types, several results included', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([], []), funcType([I32, I64, F32, F64], [V128, FUNCREF, EXTERNREF])])),
			),
		);
		expect(m.types).toEqual([
			{params: [], results: []},
			{params: [I32, I64, F32, F64], results: [V128, FUNCREF, EXTERNREF]},
		]);
		expect(m.sections).toEqual([{id: 1, name: 'type', offset: 8, contentOffset: 10, size: 14}]);
	});
});

describe('import section', () => {
	it('decodes the four kinds and fills the index spaces, imports first', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([I32], [])])),
				section(
					SECTION.import,
					vec([
						[...name('env'), ...name('f'), 0x00, 0x00],
						[...name('env'), ...name('t'), 0x01, FUNCREF, 0x01, 0x02, 0x0a],
						[...name('env'), ...name('m'), 0x02, 0x00, 0x01],
						[...name('env'), ...name('g'), 0x03, I64, 0x01],
					]),
				),
				section(SECTION.function, vec([[0]])),
				section(SECTION.code, vec([body([], [END])])),
			),
		);
		expect(m.imports.map(i => [i.module, i.name, i.desc])).toEqual([
			['env', 'f', {kind: 'func', typeIndex: 0}],
			['env', 't', {kind: 'table', type: {elemType: FUNCREF, limits: {min: 2, max: 10}}}],
			['env', 'm', {kind: 'memory', type: {limits: {min: 1, max: null}}}],
			['env', 'g', {kind: 'global', type: {valType: I64, mutable: true}}],
		]);
		expect(m.imports[0].offset).toBe(8 + 2 + 5 + 2 + 1);
		expect(m.importedFuncCount).toBe(1);
		expect(m.funcTypeIndices).toEqual([0, 0]);
		expect(m.funcs).toHaveLength(1);
		expect([m.importedTableCount, m.importedMemoryCount, m.importedGlobalCount]).toEqual([1, 1, 1]);
		expect(m.globals).toEqual([{valType: I64, mutable: true}]);
		expect(m.globalInits).toEqual([]);
	});
});

describe('function, table, memory and global sections', () => {
	it('decodes definitions after the imported entries', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([], []), funcType([], [I32])])),
				section(SECTION.function, vec([[1], [0]])),
				section(SECTION.table, vec([[EXTERNREF, 0x00, 0x03]])),
				section(SECTION.memory, vec([[0x01, 0x01, 0x80, 0x02]])),
				section(SECTION.global, vec([[I32, 0x00, I32_CONST, 0x2a, END], [F32, 0x01, 0x43, 0x00, 0x00, 0xc0, 0x7f, END]])),
				section(SECTION.code, vec([body([], [I32_CONST, 0x00, END]), body([], [END])])),
			),
		);
		expect(m.funcTypeIndices).toEqual([1, 0]);
		expect(m.funcs.map(f => f.typeIndex)).toEqual([1, 0]);
		expect(m.tables).toEqual([{elemType: EXTERNREF, limits: {min: 3, max: null}}]);
		expect(m.memories).toEqual([{limits: {min: 1, max: 256}}]);
		expect(m.globals).toEqual([
			{valType: I32, mutable: false},
			{valType: F32, mutable: true},
		]);
		expect(m.globalInits[0].instrs.map(i => [i.op, i.a])).toEqual([
			[0x41, 42],
			[0x0b, 0],
		]);
		expect(m.globalInits[1].instrs[0].a).toBe(0x7fc00000);
	});
});

describe('export section', () => {
	it('decodes names, kinds and indices', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([], [])])),
				section(SECTION.function, vec([[0]])),
				section(SECTION.memory, vec([[0x00, 0x01]])),
				section(SECTION.export, vec([[...name('run'), 0x00, 0x00], [...name('mem'), 0x02, 0x00]])),
				section(SECTION.code, vec([body([], [END])])),
			),
		);
		expect(m.exports.map(e => [e.name, e.kind, e.index])).toEqual([
			['run', 'func', 0],
			['mem', 'memory', 0],
		]);
	});
});

describe('start section', () => {
	it('decodes the start function index', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([], [])])),
				section(SECTION.function, vec([[0]])),
				section(SECTION.start, u32(0)),
				section(SECTION.code, vec([body([], [END])])),
			),
		);
		expect(m.start).toBe(0);
	});
});

describe('element section', () => {
	const offset0 = [I32_CONST, 0x00, END];
	const refFunc = (i: number) => [0xd2, i, END];
	function elems(...segments: number[][]) {
		return decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([], [])])),
				section(SECTION.function, vec([[0]])),
				section(SECTION.table, vec([[FUNCREF, 0x00, 0x01]])),
				section(SECTION.element, vec(segments)),
				section(SECTION.code, vec([body([], [END])])),
			),
		).elems;
	}

	it('decodes all eight forms', () => {
		const e = elems(
			[0x00, ...offset0, ...vec([[0]])],
			[0x01, 0x00, ...vec([[0]])],
			[0x02, 0x00, ...offset0, 0x00, ...vec([[0]])],
			[0x03, 0x00, ...vec([[0]])],
			[0x04, ...offset0, ...vec([refFunc(0)])],
			[0x05, FUNCREF, ...vec([[0xd0, FUNCREF, END]])],
			[0x06, 0x00, ...offset0, FUNCREF, ...vec([refFunc(0)])],
			[0x07, EXTERNREF, ...vec([[0xd0, EXTERNREF, END]])],
		);
		expect(e.map(s => [s.mode, s.table, s.type, s.offsetExpr === null, s.init.length])).toEqual([
			['active', 0, FUNCREF, false, 1],
			['passive', 0, FUNCREF, true, 1],
			['active', 0, FUNCREF, false, 1],
			['declarative', 0, FUNCREF, true, 1],
			['active', 0, FUNCREF, false, 1],
			['passive', 0, FUNCREF, true, 1],
			['active', 0, FUNCREF, false, 1],
			['declarative', 0, EXTERNREF, true, 1],
		]);
	});

	it('turns function indices into ref.func expressions', () => {
		const [seg] = elems([0x00, ...offset0, ...vec([[0], [0]])]);
		expect(seg.init[1].instrs.map(i => [i.op, i.a])).toEqual([
			[0xd2, 0],
			[0x0b, 0],
		]);
	});

	it('reads an explicit table index', () => {
		const [seg] = elems([0x02, 0x05, ...offset0, 0x00, ...vec([])]);
		expect(seg.table).toBe(5);
	});
});

describe('code section', () => {
	it('decodes local groups and expands them', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.type, vec([funcType([I32], [])])),
				section(SECTION.function, vec([[0]])),
				section(SECTION.code, vec([body([[2, I64], [0, F32], [1, F64]], [END])])),
			),
		);
		const f = m.funcs[0];
		expect(f.localGroups).toEqual([
			{count: 2, type: I64},
			{count: 0, type: F32},
			{count: 1, type: F64},
		]);
		expect(f.locals).toEqual([I64, I64, F64]);
		expect(f.offset).toBe(m.sections[2].contentOffset + 1);
		expect(f.size).toBe(8);
		expect(f.body.start).toBe(f.offset + 1 + 7);
		expect(f.body.end).toBe(f.offset + 1 + 8);
	});
});

describe('data and data count sections', () => {
	it('decodes the three forms and their bytes', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.memory, vec([[0x00, 0x01]])),
				section(SECTION.dataCount, u32(3)),
				section(
					SECTION.data,
					vec([
						[0x00, I32_CONST, 0x08, END, ...vec([[0x61], [0x62]])],
						[0x01, ...vec([[0x63]])],
						[0x02, 0x00, I32_CONST, 0x10, END, ...vec([])],
					]),
				),
			),
		);
		expect(m.dataCount).toBe(3);
		expect(m.datas.map(d => [d.mode, d.memory, d.offsetExpr?.instrs[0].a ?? null, [...d.bytes]])).toEqual([
			['active', 0, 8, [0x61, 0x62]],
			['passive', 0, null, [0x63]],
			['active', 0, 16, []],
		]);
	});
});

describe('custom sections', () => {
	it('keeps name, bytes and offset, anywhere in the module', () => {
		const m = decodeModule(
			moduleBytes(
				section(SECTION.custom, [...name('first'), 1, 2, 3]),
				section(SECTION.type, vec([])),
				section(SECTION.custom, [...name('second')]),
			),
		);
		expect(m.customs.map(c => [c.name, [...c.bytes], c.offset])).toEqual([
			['first', [1, 2, 3], 8],
			['second', [], 8 + 11 + 3],
		]);
		expect(m.sections.map(s => s.name)).toEqual(['custom', 'type', 'custom']);
	});
});
