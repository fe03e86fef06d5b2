/**
 * A minimal WebAssembly binary writer for the small modules the Node adapter generates (call
 * trampolines and host modules): LEB128 numbers, names, vectors, sections, and the few opcodes used.
 * Byte sequences are plain number arrays, concatenated with spread; `moduleBytes` makes the final buffer.
 */
import type {RefType, ValType, Value} from '../../engine.js';

export type Bytes = number[];

export const VALTYPE: Readonly<Record<ValType, number>> = {
	i32: 0x7f,
	i64: 0x7e,
	f32: 0x7d,
	f64: 0x7c,
	v128: 0x7b,
	funcref: 0x70,
	externref: 0x6f,
};

export const SECTION = {type: 1, import: 2, function: 3, table: 4, memory: 5, global: 6, export: 7, code: 10} as const;

/** Import/export descriptor kinds. */
export const EXTERN = {func: 0x00, table: 0x01, memory: 0x02, global: 0x03} as const;

/** The opcodes the generated code uses, one per row. */
export const OP = {
	call: 0x10,
	callIndirect: 0x11,
	localGet: 0x20,
	localSet: 0x21,
	globalGet: 0x23,
	i32Const: 0x41,
	i64Const: 0x42,
	f32Const: 0x43,
	f64Const: 0x44,
	i32ReinterpretF32: 0xbc,
	i64ReinterpretF64: 0xbd,
	refNull: 0xd0,
	simdPrefix: 0xfd,
	end: 0x0b,
} as const;

/** Load and store opcodes per numeric type; v128 ones are SIMD-prefixed sub-opcodes. */
export const LOAD = {i32: [0x28], i64: [0x29], f32: [0x2a], f64: [0x2b], v128: [OP.simdPrefix, 0x00]} as const;
export const STORE = {i32: [0x36], i64: [0x37], f32: [0x38], f64: [0x39], v128: [OP.simdPrefix, 0x0b]} as const;
const V128_CONST = [OP.simdPrefix, 0x0c];

export function uleb(value: number): Bytes {
	const bytes: Bytes = [];
	// Seven bits per byte, low first; the top bit says another byte follows.
	do {
		let byte = value & 0x7f;
		value = Math.floor(value / 128);
		if (value !== 0) byte |= 0x80;
		bytes.push(byte);
	} while (value !== 0);
	return bytes;
}

export function sleb(value: bigint): Bytes {
	const bytes: Bytes = [];
	// Seven bits per byte, low first, until the rest is all sign bits and the last byte's bit 6 agrees.
	for (;;) {
		const byte = Number(value & 0x7fn);
		value >>= 7n;
		const done = (value === 0n && (byte & 0x40) === 0) || (value === -1n && (byte & 0x40) !== 0);
		bytes.push(done ? byte : byte | 0x80);
		if (done) return bytes;
	}
}

export function name(text: string): Bytes {
	const utf8 = new TextEncoder().encode(text);
	return [...uleb(utf8.length), ...utf8];
}

export function vec(items: readonly Bytes[]): Bytes {
	return [...uleb(items.length), ...items.flat()];
}

/** A section holding a vector of entries. */
export function section(id: number, entries: readonly Bytes[]): Bytes {
	const content = vec(entries);
	return [id, ...uleb(content.length), ...content];
}

export function funcType(params: readonly ValType[], results: readonly ValType[]): Bytes {
	return [0x60, ...vec(params.map((type) => [VALTYPE[type]])), ...vec(results.map((type) => [VALTYPE[type]]))];
}

export function limits(min: number, max?: number): Bytes {
	return max === undefined ? [0x00, ...uleb(min)] : [0x01, ...uleb(min), ...uleb(max)];
}

/** memarg for a load or store: alignment hint 1 byte (always valid), then the offset. */
export function memarg(offset: number): Bytes {
	return [0x00, ...uleb(offset)];
}

/** A code section entry: the body's size, one local declaration per local, the instructions, `end`. */
export function codeEntry(locals: readonly ValType[], instructions: Bytes): Bytes {
	const body = [...vec(locals.map((type) => [1, VALTYPE[type]])), ...instructions, OP.end];
	return [...uleb(body.length), ...body];
}

function littleEndian(bits: bigint, byteCount: number): Bytes {
	return Array.from({length: byteCount}, (_, index) => Number((bits >> BigInt(index * 8)) & 0xffn));
}

/** The constant instruction that pushes `value` with its exact bits; null only for references. */
export function constInstruction(value: Value): Bytes {
	switch (value.type) {
		case 'i32':
			return [OP.i32Const, ...sleb(BigInt.asIntN(32, BigInt(value.bits)))];
		case 'i64':
			return [OP.i64Const, ...sleb(BigInt.asIntN(64, value.bits))];
		case 'f32':
			return [OP.f32Const, ...littleEndian(BigInt(value.bits), 4)];
		case 'f64':
			return [OP.f64Const, ...littleEndian(value.bits, 8)];
		case 'v128':
			return [...V128_CONST, ...value.bytes];
		case 'funcref':
		case 'externref':
			if (value.ref !== null) throw new Error(`a constant ${value.type} can only be null`);
			return [OP.refNull, VALTYPE[value.type satisfies RefType]];
	}
}

export function moduleBytes(sections: readonly Bytes[]): Uint8Array {
	return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}
