/* The opcode table: complete for WebAssembly 2.0, consistent, and quick to look up. */

import {describe, expect, it} from 'vitest';
import {OPCODES, isSimd, opCodeText, opInfo, opName} from '../../source/wasm/opcodes.js';
import {ValType} from '../../source/wasm/types.js';

describe('opcode table', () => {
	it('has every instruction of 2.0: 183 single-byte, 18 0xFC and 236 SIMD (0xFD)', () => {
		const byPrefix = (p: number) => OPCODES.filter(r => r.code >>> 16 === p).length;
		expect(byPrefix(0)).toBe(183);
		expect(byPrefix(0xfc)).toBe(18);
		expect(byPrefix(0xfd)).toBe(236);
	});

	it('has one row per code and one name per row (select aside, which has two encodings)', () => {
		expect(new Set(OPCODES.map(r => r.code)).size).toBe(OPCODES.length);
		const names = OPCODES.map(r => r.name);
		expect(names.length - new Set(names).size).toBe(1);
	});

	it('looks up by code, numbered as in types.ts', () => {
		expect(opInfo(0x6a)?.name).toBe('i32.add');
		expect(opInfo(0xfc0008)?.name).toBe('memory.init');
		expect(opInfo(0xfd000c)?.name).toBe('v128.const');
		expect(opInfo(0xfd00ff)?.name).toBe('f64x2.convert_low_i32x4_u');
		expect(opInfo(0x06)).toBeUndefined();
		expect(opInfo(0xfc0012)).toBeUndefined();
		expect(opInfo(0xfd009a)).toBeUndefined();
		expect(opInfo(0xfe0000)).toBeUndefined();
		expect(opInfo(0xfd0100)).toBeUndefined();
	});

	it('expands fixed signatures into value types', () => {
		expect(opInfo(0x6a)).toMatchObject({sig: 'ii:i', params: [ValType.i32, ValType.i32], results: [ValType.i32]});
		expect(opInfo(0x37)).toMatchObject({imm: 'memarg', sig: 'iI:', results: [], align: 3});
		expect(opInfo(0xfd0052)).toMatchObject({sig: 'vvv:v', params: [ValType.v128, ValType.v128, ValType.v128]});
		expect(opInfo(0x20)).toMatchObject({sig: null, params: null, results: null});
	});

	it('gives every memory access its natural alignment and every lane op its lane count', () => {
		for (const row of OPCODES) {
			expect(row.align >= 0, row.name).toBe(row.imm === 'memarg' || row.imm === 'memarg+lane');
			expect(row.lanes > 0, row.name).toBe(row.imm === 'lane' || row.imm === 'memarg+lane');
		}
		expect(opInfo(0xfd0055)).toMatchObject({name: 'v128.load16_lane', align: 1, lanes: 8});
		expect(opInfo(0xfd0021)).toMatchObject({name: 'f64x2.extract_lane', lanes: 2});
	});

	it('prints names and codes for messages', () => {
		expect(opName(0x28)).toBe('i32.load');
		expect(opName(0x06)).toBe('0x06');
		expect(opName(0xfc0020)).toBe('0xfc 0x20');
		expect(opCodeText(0xfc0008)).toBe('0xfc 0x08');
		expect(isSimd(0xfd0000)).toBe(true);
		expect(isSimd(0xfc0000)).toBe(false);
	});
});
