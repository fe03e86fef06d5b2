import {describe, expect, it} from 'vitest';
import {EngineError} from './engine.js';
import {EXTERN, SECTION, codeEntry, funcType, moduleBytes, name, section, sleb, uleb} from './engines/node/binary-writer.js';
import {readExportTypes} from './engines/node/export-types.js';
import {createNodeEngine} from './engines/node.js';
import {spectestModule} from './spectest.js';

describe('binary writer', () => {
	it('encodes LEB128 numbers', () => {
		expect(uleb(0)).toEqual([0x00]);
		expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
		expect(uleb(0xffffffff)).toEqual([0xff, 0xff, 0xff, 0xff, 0x0f]);
		expect(sleb(-1n)).toEqual([0x7f]);
		expect(sleb(63n)).toEqual([0x3f]);
		expect(sleb(64n)).toEqual([0xc0, 0x00]);
		expect(sleb(-123456n)).toEqual([0xc0, 0xbb, 0x78]);
		expect(sleb(-(2n ** 63n))).toEqual([...Array(9).fill(0x80), 0x7f]);
	});
});

describe('readExportTypes', () => {
	it('reads function and global types of imported and defined exports', () => {
		const bytes = moduleBytes([
			section(SECTION.type, [funcType(['i32', 'f64'], ['v128', 'externref']), funcType([], [])]),
			section(SECTION.import, [
				[...name('m'), ...name('f'), EXTERN.func, 1],
				[...name('m'), ...name('g'), EXTERN.global, 0x7d, 1],
			]),
			section(SECTION.function, [[0]]),
			section(SECTION.global, [[0x7e, 0, 0x42, ...sleb(-5n), 0x0b]]),
			section(SECTION.export, [
				[...name('imported'), EXTERN.func, 0],
				[...name('defined'), EXTERN.func, 1],
				[...name('g-import'), EXTERN.global, 0],
				[...name('g-defined'), EXTERN.global, 1],
			]),
			section(SECTION.code, [codeEntry([], [0x00])]),
		]);
		expect(Object.fromEntries(readExportTypes(bytes))).toEqual({
			imported: {kind: 'func', type: {params: [], results: []}},
			defined: {kind: 'func', type: {params: ['i32', 'f64'], results: ['v128', 'externref']}},
			'g-import': {kind: 'global', type: 'f32', mutable: true},
			'g-defined': {kind: 'global', type: 'i64', mutable: false},
		});
	});
});

describe('node engine', () => {
	it('builds spectest with exact global bits and typed functions', () => {
		const engine = createNodeEngine({});
		const spectest = engine.hostModule(spectestModule());
		expect(engine.getGlobal(spectest, 'global_f32')).toEqual({type: 'f32', bits: 0x4426a666});
		expect(engine.getGlobal(spectest, 'global_f64')).toEqual({type: 'f64', bits: 0x4084d4cccccccccdn});
		expect(engine.getGlobal(spectest, 'global_i64')).toEqual({type: 'i64', bits: 666n});
		expect(engine.invoke(spectest, 'print_i32_f32', [{type: 'i32', bits: 1}, {type: 'f32', bits: 0x7fa00000}])).toEqual([]);
		expect(() => engine.invoke(spectest, 'print_i32', [{type: 'f32', bits: 0}])).toThrow(/do not fit/);
	});

	it('passes host function arguments as exact bits', () => {
		const engine = createNodeEngine({});
		const seen: unknown[] = [];
		const host = engine.hostModule({log: {kind: 'func', params: ['f32', 'i64', 'externref'], call: (args) => seen.push(...args)}});
		engine.invoke(host, 'log', [{type: 'f32', bits: 0xffa00001}, {type: 'i64', bits: 2n ** 64n - 1n}, {type: 'externref', ref: 9}]);
		expect(seen).toEqual([{type: 'f32', bits: 0xffa00001}, {type: 'i64', bits: 2n ** 64n - 1n}, {type: 'externref', ref: 9}]);
	});

	it('reports CompileError as rejected and a missing import as unlinkable', () => {
		const engine = createNodeEngine({});
		expect(() => engine.compile(new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]))).toThrow(expect.objectContaining({kind: 'rejected'}));
		const importer = engine.compile(moduleBytes([section(SECTION.type, [funcType([], [])]), section(SECTION.import, [[...name('nowhere'), ...name('f'), EXTERN.func, 0]])]));
		expect(() => engine.instantiate(importer, new Map())).toThrow(new EngineError('unlinkable', 'unknown import "nowhere" "f"'));
	});
});
