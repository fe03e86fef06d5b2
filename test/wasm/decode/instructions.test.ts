/* Function bodies: every immediate kind lands in the Instr fields types.ts documents. */

import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {DecodeError} from '../../../source/wasm/errors.js';
import type {Instr} from '../../../source/wasm/types.js';
import {I32, SECTION, oneFunction, section, sleb, u32, vec} from './module-bytes.js';

const END = 0x0b;

function instrs(code: number[], ...extra: number[][]): Instr[] {
	return [...decodeModule(oneFunction([...code, END], [], ...extra)).funcs[0].body.instrs];
}

function first(code: number[]): Instr {
	return instrs(code)[0];
}

function decodeError(bytes: Uint8Array): DecodeError {
	try {
		decodeModule(bytes);
	} catch (e) {
		if (e instanceof DecodeError) return e;
		throw e;
	}
	throw new Error('expected a DecodeError');
}

describe('constants', () => {
	it('i32.const: a is the signed value', () => {
		expect(first([0x41, ...sleb(-2147483648)]).a).toBe(-2147483648);
		expect(first([0x41, ...sleb(2147483647)]).a).toBe(2147483647);
	});

	it('i64.const: a and b are the low and high halves', () => {
		const i = first([0x42, ...sleb(-2n)]);
		expect([i.a, i.b]).toEqual([-2, -1]);
		const j = first([0x42, ...sleb(0x123456789abcdef0n)]);
		expect([j.a >>> 0, j.b >>> 0]).toEqual([0x9abcdef0, 0x12345678]);
	});

	it('f32.const and f64.const keep raw bits, signalling NaNs included', () => {
		expect(first([0x43, 0x01, 0x00, 0x80, 0x7f]).a).toBe(0x7f800001);
		const d = first([0x44, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x7f]);
		expect([d.a, d.b]).toEqual([1, 0x7ff00000]);
	});
});

describe('control', () => {
	it('block types: empty, a value type, a type index', () => {
		const bytes = oneFunction(
			[0x02, 0x40, END, 0x03, 0x7f, 0x41, 0x00, END, 0x1a, 0x02, 0x00, END, END],
			[],
		);
		const code = decodeModule(bytes).funcs[0].body.instrs;
		expect(code.filter(i => i.op === 0x02 || i.op === 0x03).map(i => i.a)).toEqual([-64, -1, 0]);
	});

	it('br_table: targets in ext, default in a', () => {
		const i = instrs([0x02, 0x40, 0x41, 0x00, 0x0e, 0x02, 0x00, 0x01, 0x01, END])[2];
		expect([i.op, i.ext, i.a]).toEqual([0x0e, [0, 1], 1]);
	});

	it('call_indirect: type index and table index', () => {
		const tables = section(SECTION.table, vec([[0x70, 0x00, 0x01], [0x70, 0x00, 0x01]]));
		const i = instrs([0x41, 0x00, 0x11, 0x00, 0x01], tables)[1];
		expect([i.op, i.a, i.b]).toEqual([0x11, 0, 1]);
	});

	it('typed select: the types in ext', () => {
		expect(instrs([0x41, 0x01, 0x41, 0x02, 0x41, 0x00, 0x1c, 0x01, I32, 0x1a])[3].ext).toEqual([I32]);
	});

	it('records each instruction at its absolute offset', () => {
		const bytes = oneFunction([0x01, 0x01, END]);
		const code = decodeModule(bytes).funcs[0].body.instrs;
		expect(code.map(i => bytes[i.pos])).toEqual([0x01, 0x01, END]);
		expect(code[1].pos - code[0].pos).toBe(1);
	});

	it('decodes 10,000 nested blocks without recursion', () => {
		const depth = 10_000;
		const code = [...Array<number[]>(depth).fill([0x02, 0x40]).flat(), ...Array<number>(depth).fill(END), END];
		const m = decodeModule(oneFunction(code));
		expect(m.funcs[0].body.instrs).toHaveLength(2 * depth + 1);
	});
});

describe('memory', () => {
	const memory = section(SECTION.memory, vec([[0x00, 0x01]]));

	it('memarg: alignment exponent in a, offset in b (a full u32)', () => {
		const i = instrs([0x41, 0x00, 0x28, 0x02, ...u32(0xfffffff0), 0x1a], memory)[1];
		expect([i.op, i.a, i.b]).toEqual([0x28, 2, 0xfffffff0]);
	});

	it('memory.size and memory.grow need the zero byte', () => {
		expect(instrs([0x3f, 0x00, 0x1a], memory)[0].op).toBe(0x3f);
		const e = decodeError(oneFunction([0x3f, 0x01, 0x1a, END], [], memory));
		expect(e.message).toContain('zero byte expected');
	});

	it('bulk memory: memory.init data index, memory.copy and memory.fill', () => {
		const bytes = [0x41, 0x00, 0x41, 0x00, 0x41, 0x00];
		const dataCount = section(SECTION.dataCount, u32(0));
		const i = instrs([...bytes, 0xfc, 0x08, 0x00, 0x00, ...bytes, 0xfc, 0x0a, 0x00, 0x00, ...bytes, 0xfc, 0x0b, 0x00], memory, dataCount);
		expect(i.filter(x => x.op > 0xff).map(x => [x.op, x.a])).toEqual([
			[0xfc0008, 0],
			[0xfc000a, 0],
			[0xfc000b, 0],
		]);
	});
});

describe('prefixed opcodes', () => {
	it('reads the sub-opcode as a u32 LEB128, even in a long form', () => {
		expect(instrs([0x43, 0, 0, 0, 0, 0xfc, 0x80, 0x80, 0x00, 0x1a])[1].op).toBe(0xfc0000);
	});

	it('table.init: element index in a, table index in b', () => {
		const i = instrs([0x41, 0, 0x41, 0, 0x41, 0, 0xfc, 0x0c, 0x03, 0x02])[3];
		expect([i.op, i.a, i.b]).toEqual([0xfc000c, 3, 2]);
	});

	it('refuses a sub-opcode 2.0 does not define, naming it', () => {
		const e = decodeError(oneFunction([0xfc, 0x12, END]));
		expect(e.message).toBe('code section: function 0: illegal opcode 0xfc 0x12, at offset 0x17');
	});
});

describe('SIMD', () => {
	it('v128.const and i8x16.shuffle keep their 16 bytes in ext', () => {
		const bytes16 = Array.from({length: 16}, (_, k) => k);
		const i = instrs([0xfd, 0x0c, ...bytes16, 0xfd, 0x0c, ...bytes16, 0xfd, 0x0d, ...bytes16, 0x1a]);
		expect([...(i[0].ext as Uint8Array)]).toEqual(bytes16);
		expect(i[2].op).toBe(0xfd000d);
		expect([...(i[2].ext as Uint8Array)]).toEqual(bytes16);
	});

	it('lane ops keep the lane in c; memory lane ops also alignment and offset', () => {
		const v = [0xfd, 0x0c, ...Array<number>(16).fill(0)];
		const memory = section(SECTION.memory, vec([[0x00, 0x01]]));
		const i = instrs([...v, 0xfd, 0x15, 0x0f, 0x1a, 0x41, 0x00, ...v, 0xfd, 0x54, 0x00, 0x08, 0x07, 0x1a], memory);
		expect([i[1].op, i[1].c]).toEqual([0xfd0015, 15]);
		expect([i[5].op, i[5].a, i[5].b, i[5].c]).toEqual([0xfd0054, 0, 8, 7]);
	});

	it('decodes a two-byte sub-opcode (f64x2.convert_low_i32x4_u is 0xfd 0xff 0x01)', () => {
		expect(instrs([0xfd, 0x0c, ...Array<number>(16).fill(0), 0xfd, 0xff, 0x01, 0x1a])[1].op).toBe(0xfd00ff);
	});
});

describe('structure', () => {
	it('refuses else outside an if', () => {
		const e = decodeError(oneFunction([0x02, 0x40, 0x05, END, END]));
		expect(e.message).toContain('else without an open if');
	});

	it('refuses a second else', () => {
		const e = decodeError(oneFunction([0x41, 0x00, 0x04, 0x40, 0x05, 0x05, END, END]));
		expect(e.message).toContain('else without an open if, or a second else');
	});

	it('refuses a body that ends with blocks still open', () => {
		const e = decodeError(oneFunction([0x02, 0x40, END]));
		expect(e.message).toContain('code section: function 0: the expression ends with 1 block(s) still open');
	});

	it('refuses bytes after the final end', () => {
		const e = decodeError(oneFunction([END, 0x01]));
		expect(e.message).toContain("1 bytes follow the body's final end");
	});

	it('refuses an undefined opcode with the spec phrase', () => {
		const e = decodeError(oneFunction([0x06, END]));
		expect(e.message).toBe('code section: function 0: illegal opcode 0x06, at offset 0x17');
	});

	it('refuses a negative block type that is no value type', () => {
		const e = decodeError(oneFunction([0x02, ...sleb(-3n - 0x40n), END, END]));
		expect(e.message).toContain('malformed block type');
	});
});
