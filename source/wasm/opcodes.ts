/*
 * Every opcode of WebAssembly 2.0, one row each, in the order of the specification's opcode table
 * (binary format, "Instructions"). A row reads:
 *
 *   op(code, name, immediate, signature, align?, lanes?)
 *
 *   code       the opcode number as in types.ts: the byte, or (prefix << 16) | sub-opcode for the
 *              0xFC and 0xFD prefixes (written FC | 0x08, FD | 0x0c below).
 *   name       the instruction's name in the text format ("i32.add", "i8x16.extract_lane_s").
 *   immediate  what follows the opcode in the binary (see Imm below); the decoder reads it, and the
 *              Instr fields it fills are listed in types.ts.
 *   signature  for instructions whose typing is one fixed function type, that type in a compact form:
 *              parameter letters, ':', result letters, with i = i32, I = i64, f = f32, F = f64,
 *              v = v128 ('ii:i' is [i32 i32] -> [i32], 'iI:' is [i32 i64] -> [], ':' is [] -> []).
 *              null when the typing depends on immediates, the context or the stack (control flow,
 *              locals, globals, tables other than table.size, drop, select, ref.*). The row also
 *              carries the signature expanded into `params` and `results` as value type codes.
 *   align      for memory accesses, the natural alignment as an exponent of 2 (log2 of the access
 *              width in bytes); a memarg alignment above it is invalid. -1 otherwise.
 *   lanes      for lane immediates, the number of lanes; a lane index must be below it. 0 otherwise.
 */

import {ValType} from './types.js';

/** What follows an opcode in the binary. */
export type Imm =
	| 'none'
	| 'blocktype' // s33 block type
	| 'labelidx' // u32 label depth
	| 'br_table' // vec(labelidx) then the default labelidx
	| 'funcidx' // u32
	| 'call_indirect' // u32 type index, then u32 table index
	| 'localidx' // u32
	| 'globalidx' // u32
	| 'tableidx' // u32
	| 'memarg' // u32 alignment exponent, u32 offset
	| 'memidx' // one 0x00 byte (memory 0; multi-memory is not part of 2.0)
	| 'i32' // s32
	| 'i64' // s64
	| 'f32' // 4 bytes, little-endian bit pattern
	| 'f64' // 8 bytes, little-endian bit pattern
	| 'reftype' // one reference type byte
	| 'select_types' // vec(valtype)
	| 'data+mem' // u32 data index, then a 0x00 byte
	| 'data' // u32 data index
	| 'mem+mem' // two 0x00 bytes
	| 'elem+table' // u32 element index, then u32 table index
	| 'elem' // u32 element index
	| 'table+table' // u32 destination table, then u32 source table
	| 'v128const' // 16 bytes
	| 'shuffle' // 16 lane index bytes
	| 'lane' // one lane index byte
	| 'memarg+lane'; // memarg, then one lane index byte

export interface OpInfo {
	readonly code: number;
	readonly name: string;
	readonly imm: Imm;
	readonly sig: string | null;
	readonly params: readonly ValType[] | null;
	readonly results: readonly ValType[] | null;
	readonly align: number;
	readonly lanes: number;
}

const FC = 0xfc0000;
const FD = 0xfd0000;

const LETTER_TYPES: Readonly<Record<string, ValType>> = {
	i: ValType.i32,
	I: ValType.i64,
	f: ValType.f32,
	F: ValType.f64,
	v: ValType.v128,
};

function letters(s: string): ValType[] {
	return [...s].map((ch) => {
		const t = LETTER_TYPES[ch];
		if (t === undefined) throw new Error(`opcodes.ts: bad signature letter '${ch}'`);
		return t;
	});
}

function op(code: number, name: string, imm: Imm, sig: string | null, align = -1, lanes = 0): OpInfo {
	let params: ValType[] | null = null;
	let results: ValType[] | null = null;
	if (sig !== null) {
		const [p, r] = sig.split(':');
		params = letters(p);
		results = letters(r);
	}
	return {code, name, imm, sig, params, results, align, lanes};
}

export const OPCODES: readonly OpInfo[] = [
	// Control instructions
	op(0x00, 'unreachable', 'none', null),
	op(0x01, 'nop', 'none', ':'),
	op(0x02, 'block', 'blocktype', null),
	op(0x03, 'loop', 'blocktype', null),
	op(0x04, 'if', 'blocktype', null),
	op(0x05, 'else', 'none', null),
	op(0x0b, 'end', 'none', null),
	op(0x0c, 'br', 'labelidx', null),
	op(0x0d, 'br_if', 'labelidx', null),
	op(0x0e, 'br_table', 'br_table', null),
	op(0x0f, 'return', 'none', null),
	op(0x10, 'call', 'funcidx', null),
	op(0x11, 'call_indirect', 'call_indirect', null),

	// Reference instructions
	op(0xd0, 'ref.null', 'reftype', null),
	op(0xd1, 'ref.is_null', 'none', null),
	op(0xd2, 'ref.func', 'funcidx', null),

	// Parametric instructions
	op(0x1a, 'drop', 'none', null),
	op(0x1b, 'select', 'none', null),
	op(0x1c, 'select', 'select_types', null),

	// Variable instructions
	op(0x20, 'local.get', 'localidx', null),
	op(0x21, 'local.set', 'localidx', null),
	op(0x22, 'local.tee', 'localidx', null),
	op(0x23, 'global.get', 'globalidx', null),
	op(0x24, 'global.set', 'globalidx', null),

	// Table instructions
	op(0x25, 'table.get', 'tableidx', null),
	op(0x26, 'table.set', 'tableidx', null),
	op(FC | 0x0c, 'table.init', 'elem+table', 'iii:'),
	op(FC | 0x0d, 'elem.drop', 'elem', ':'),
	op(FC | 0x0e, 'table.copy', 'table+table', 'iii:'),
	op(FC | 0x0f, 'table.grow', 'tableidx', null),
	op(FC | 0x10, 'table.size', 'tableidx', ':i'),
	op(FC | 0x11, 'table.fill', 'tableidx', null),

	// Memory instructions
	op(0x28, 'i32.load', 'memarg', 'i:i', 2),
	op(0x29, 'i64.load', 'memarg', 'i:I', 3),
	op(0x2a, 'f32.load', 'memarg', 'i:f', 2),
	op(0x2b, 'f64.load', 'memarg', 'i:F', 3),
	op(0x2c, 'i32.load8_s', 'memarg', 'i:i', 0),
	op(0x2d, 'i32.load8_u', 'memarg', 'i:i', 0),
	op(0x2e, 'i32.load16_s', 'memarg', 'i:i', 1),
	op(0x2f, 'i32.load16_u', 'memarg', 'i:i', 1),
	op(0x30, 'i64.load8_s', 'memarg', 'i:I', 0),
	op(0x31, 'i64.load8_u', 'memarg', 'i:I', 0),
	op(0x32, 'i64.load16_s', 'memarg', 'i:I', 1),
	op(0x33, 'i64.load16_u', 'memarg', 'i:I', 1),
	op(0x34, 'i64.load32_s', 'memarg', 'i:I', 2),
	op(0x35, 'i64.load32_u', 'memarg', 'i:I', 2),
	op(0x36, 'i32.store', 'memarg', 'ii:', 2),
	op(0x37, 'i64.store', 'memarg', 'iI:', 3),
	op(0x38, 'f32.store', 'memarg', 'if:', 2),
	op(0x39, 'f64.store', 'memarg', 'iF:', 3),
	op(0x3a, 'i32.store8', 'memarg', 'ii:', 0),
	op(0x3b, 'i32.store16', 'memarg', 'ii:', 1),
	op(0x3c, 'i64.store8', 'memarg', 'iI:', 0),
	op(0x3d, 'i64.store16', 'memarg', 'iI:', 1),
	op(0x3e, 'i64.store32', 'memarg', 'iI:', 2),
	op(0x3f, 'memory.size', 'memidx', ':i'),
	op(0x40, 'memory.grow', 'memidx', 'i:i'),
	op(FC | 0x08, 'memory.init', 'data+mem', 'iii:'),
	op(FC | 0x09, 'data.drop', 'data', ':'),
	op(FC | 0x0a, 'memory.copy', 'mem+mem', 'iii:'),
	op(FC | 0x0b, 'memory.fill', 'memidx', 'iii:'),

	// Numeric instructions: constants
	op(0x41, 'i32.const', 'i32', ':i'),
	op(0x42, 'i64.const', 'i64', ':I'),
	op(0x43, 'f32.const', 'f32', ':f'),
	op(0x44, 'f64.const', 'f64', ':F'),

	// i32 comparisons
	op(0x45, 'i32.eqz', 'none', 'i:i'),
	op(0x46, 'i32.eq', 'none', 'ii:i'),
	op(0x47, 'i32.ne', 'none', 'ii:i'),
	op(0x48, 'i32.lt_s', 'none', 'ii:i'),
	op(0x49, 'i32.lt_u', 'none', 'ii:i'),
	op(0x4a, 'i32.gt_s', 'none', 'ii:i'),
	op(0x4b, 'i32.gt_u', 'none', 'ii:i'),
	op(0x4c, 'i32.le_s', 'none', 'ii:i'),
	op(0x4d, 'i32.le_u', 'none', 'ii:i'),
	op(0x4e, 'i32.ge_s', 'none', 'ii:i'),
	op(0x4f, 'i32.ge_u', 'none', 'ii:i'),

	// i64 comparisons
	op(0x50, 'i64.eqz', 'none', 'I:i'),
	op(0x51, 'i64.eq', 'none', 'II:i'),
	op(0x52, 'i64.ne', 'none', 'II:i'),
	op(0x53, 'i64.lt_s', 'none', 'II:i'),
	op(0x54, 'i64.lt_u', 'none', 'II:i'),
	op(0x55, 'i64.gt_s', 'none', 'II:i'),
	op(0x56, 'i64.gt_u', 'none', 'II:i'),
	op(0x57, 'i64.le_s', 'none', 'II:i'),
	op(0x58, 'i64.le_u', 'none', 'II:i'),
	op(0x59, 'i64.ge_s', 'none', 'II:i'),
	op(0x5a, 'i64.ge_u', 'none', 'II:i'),

	// f32 comparisons
	op(0x5b, 'f32.eq', 'none', 'ff:i'),
	op(0x5c, 'f32.ne', 'none', 'ff:i'),
	op(0x5d, 'f32.lt', 'none', 'ff:i'),
	op(0x5e, 'f32.gt', 'none', 'ff:i'),
	op(0x5f, 'f32.le', 'none', 'ff:i'),
	op(0x60, 'f32.ge', 'none', 'ff:i'),

	// f64 comparisons
	op(0x61, 'f64.eq', 'none', 'FF:i'),
	op(0x62, 'f64.ne', 'none', 'FF:i'),
	op(0x63, 'f64.lt', 'none', 'FF:i'),
	op(0x64, 'f64.gt', 'none', 'FF:i'),
	op(0x65, 'f64.le', 'none', 'FF:i'),
	op(0x66, 'f64.ge', 'none', 'FF:i'),

	// i32 arithmetic
	op(0x67, 'i32.clz', 'none', 'i:i'),
	op(0x68, 'i32.ctz', 'none', 'i:i'),
	op(0x69, 'i32.popcnt', 'none', 'i:i'),
	op(0x6a, 'i32.add', 'none', 'ii:i'),
	op(0x6b, 'i32.sub', 'none', 'ii:i'),
	op(0x6c, 'i32.mul', 'none', 'ii:i'),
	op(0x6d, 'i32.div_s', 'none', 'ii:i'),
	op(0x6e, 'i32.div_u', 'none', 'ii:i'),
	op(0x6f, 'i32.rem_s', 'none', 'ii:i'),
	op(0x70, 'i32.rem_u', 'none', 'ii:i'),
	op(0x71, 'i32.and', 'none', 'ii:i'),
	op(0x72, 'i32.or', 'none', 'ii:i'),
	op(0x73, 'i32.xor', 'none', 'ii:i'),
	op(0x74, 'i32.shl', 'none', 'ii:i'),
	op(0x75, 'i32.shr_s', 'none', 'ii:i'),
	op(0x76, 'i32.shr_u', 'none', 'ii:i'),
	op(0x77, 'i32.rotl', 'none', 'ii:i'),
	op(0x78, 'i32.rotr', 'none', 'ii:i'),

	// i64 arithmetic
	op(0x79, 'i64.clz', 'none', 'I:I'),
	op(0x7a, 'i64.ctz', 'none', 'I:I'),
	op(0x7b, 'i64.popcnt', 'none', 'I:I'),
	op(0x7c, 'i64.add', 'none', 'II:I'),
	op(0x7d, 'i64.sub', 'none', 'II:I'),
	op(0x7e, 'i64.mul', 'none', 'II:I'),
	op(0x7f, 'i64.div_s', 'none', 'II:I'),
	op(0x80, 'i64.div_u', 'none', 'II:I'),
	op(0x81, 'i64.rem_s', 'none', 'II:I'),
	op(0x82, 'i64.rem_u', 'none', 'II:I'),
	op(0x83, 'i64.and', 'none', 'II:I'),
	op(0x84, 'i64.or', 'none', 'II:I'),
	op(0x85, 'i64.xor', 'none', 'II:I'),
	op(0x86, 'i64.shl', 'none', 'II:I'),
	op(0x87, 'i64.shr_s', 'none', 'II:I'),
	op(0x88, 'i64.shr_u', 'none', 'II:I'),
	op(0x89, 'i64.rotl', 'none', 'II:I'),
	op(0x8a, 'i64.rotr', 'none', 'II:I'),

	// f32 arithmetic
	op(0x8b, 'f32.abs', 'none', 'f:f'),
	op(0x8c, 'f32.neg', 'none', 'f:f'),
	op(0x8d, 'f32.ceil', 'none', 'f:f'),
	op(0x8e, 'f32.floor', 'none', 'f:f'),
	op(0x8f, 'f32.trunc', 'none', 'f:f'),
	op(0x90, 'f32.nearest', 'none', 'f:f'),
	op(0x91, 'f32.sqrt', 'none', 'f:f'),
	op(0x92, 'f32.add', 'none', 'ff:f'),
	op(0x93, 'f32.sub', 'none', 'ff:f'),
	op(0x94, 'f32.mul', 'none', 'ff:f'),
	op(0x95, 'f32.div', 'none', 'ff:f'),
	op(0x96, 'f32.min', 'none', 'ff:f'),
	op(0x97, 'f32.max', 'none', 'ff:f'),
	op(0x98, 'f32.copysign', 'none', 'ff:f'),

	// f64 arithmetic
	op(0x99, 'f64.abs', 'none', 'F:F'),
	op(0x9a, 'f64.neg', 'none', 'F:F'),
	op(0x9b, 'f64.ceil', 'none', 'F:F'),
	op(0x9c, 'f64.floor', 'none', 'F:F'),
	op(0x9d, 'f64.trunc', 'none', 'F:F'),
	op(0x9e, 'f64.nearest', 'none', 'F:F'),
	op(0x9f, 'f64.sqrt', 'none', 'F:F'),
	op(0xa0, 'f64.add', 'none', 'FF:F'),
	op(0xa1, 'f64.sub', 'none', 'FF:F'),
	op(0xa2, 'f64.mul', 'none', 'FF:F'),
	op(0xa3, 'f64.div', 'none', 'FF:F'),
	op(0xa4, 'f64.min', 'none', 'FF:F'),
	op(0xa5, 'f64.max', 'none', 'FF:F'),
	op(0xa6, 'f64.copysign', 'none', 'FF:F'),

	// Conversions
	op(0xa7, 'i32.wrap_i64', 'none', 'I:i'),
	op(0xa8, 'i32.trunc_f32_s', 'none', 'f:i'),
	op(0xa9, 'i32.trunc_f32_u', 'none', 'f:i'),
	op(0xaa, 'i32.trunc_f64_s', 'none', 'F:i'),
	op(0xab, 'i32.trunc_f64_u', 'none', 'F:i'),
	op(0xac, 'i64.extend_i32_s', 'none', 'i:I'),
	op(0xad, 'i64.extend_i32_u', 'none', 'i:I'),
	op(0xae, 'i64.trunc_f32_s', 'none', 'f:I'),
	op(0xaf, 'i64.trunc_f32_u', 'none', 'f:I'),
	op(0xb0, 'i64.trunc_f64_s', 'none', 'F:I'),
	op(0xb1, 'i64.trunc_f64_u', 'none', 'F:I'),
	op(0xb2, 'f32.convert_i32_s', 'none', 'i:f'),
	op(0xb3, 'f32.convert_i32_u', 'none', 'i:f'),
	op(0xb4, 'f32.convert_i64_s', 'none', 'I:f'),
	op(0xb5, 'f32.convert_i64_u', 'none', 'I:f'),
	op(0xb6, 'f32.demote_f64', 'none', 'F:f'),
	op(0xb7, 'f64.convert_i32_s', 'none', 'i:F'),
	op(0xb8, 'f64.convert_i32_u', 'none', 'i:F'),
	op(0xb9, 'f64.convert_i64_s', 'none', 'I:F'),
	op(0xba, 'f64.convert_i64_u', 'none', 'I:F'),
	op(0xbb, 'f64.promote_f32', 'none', 'f:F'),
	op(0xbc, 'i32.reinterpret_f32', 'none', 'f:i'),
	op(0xbd, 'i64.reinterpret_f64', 'none', 'F:I'),
	op(0xbe, 'f32.reinterpret_i32', 'none', 'i:f'),
	op(0xbf, 'f64.reinterpret_i64', 'none', 'I:F'),

	// Sign extension
	op(0xc0, 'i32.extend8_s', 'none', 'i:i'),
	op(0xc1, 'i32.extend16_s', 'none', 'i:i'),
	op(0xc2, 'i64.extend8_s', 'none', 'I:I'),
	op(0xc3, 'i64.extend16_s', 'none', 'I:I'),
	op(0xc4, 'i64.extend32_s', 'none', 'I:I'),

	// Non-trapping float-to-int conversions
	op(FC | 0x00, 'i32.trunc_sat_f32_s', 'none', 'f:i'),
	op(FC | 0x01, 'i32.trunc_sat_f32_u', 'none', 'f:i'),
	op(FC | 0x02, 'i32.trunc_sat_f64_s', 'none', 'F:i'),
	op(FC | 0x03, 'i32.trunc_sat_f64_u', 'none', 'F:i'),
	op(FC | 0x04, 'i64.trunc_sat_f32_s', 'none', 'f:I'),
	op(FC | 0x05, 'i64.trunc_sat_f32_u', 'none', 'f:I'),
	op(FC | 0x06, 'i64.trunc_sat_f64_s', 'none', 'F:I'),
	op(FC | 0x07, 'i64.trunc_sat_f64_u', 'none', 'F:I'),

	// Vector memory instructions
	op(FD | 0x00, 'v128.load', 'memarg', 'i:v', 4),
	op(FD | 0x01, 'v128.load8x8_s', 'memarg', 'i:v', 3),
	op(FD | 0x02, 'v128.load8x8_u', 'memarg', 'i:v', 3),
	op(FD | 0x03, 'v128.load16x4_s', 'memarg', 'i:v', 3),
	op(FD | 0x04, 'v128.load16x4_u', 'memarg', 'i:v', 3),
	op(FD | 0x05, 'v128.load32x2_s', 'memarg', 'i:v', 3),
	op(FD | 0x06, 'v128.load32x2_u', 'memarg', 'i:v', 3),
	op(FD | 0x07, 'v128.load8_splat', 'memarg', 'i:v', 0),
	op(FD | 0x08, 'v128.load16_splat', 'memarg', 'i:v', 1),
	op(FD | 0x09, 'v128.load32_splat', 'memarg', 'i:v', 2),
	op(FD | 0x0a, 'v128.load64_splat', 'memarg', 'i:v', 3),
	op(FD | 0x0b, 'v128.store', 'memarg', 'iv:', 4),
	op(FD | 0x5c, 'v128.load32_zero', 'memarg', 'i:v', 2),
	op(FD | 0x5d, 'v128.load64_zero', 'memarg', 'i:v', 3),
	op(FD | 0x54, 'v128.load8_lane', 'memarg+lane', 'iv:v', 0, 16),
	op(FD | 0x55, 'v128.load16_lane', 'memarg+lane', 'iv:v', 1, 8),
	op(FD | 0x56, 'v128.load32_lane', 'memarg+lane', 'iv:v', 2, 4),
	op(FD | 0x57, 'v128.load64_lane', 'memarg+lane', 'iv:v', 3, 2),
	op(FD | 0x58, 'v128.store8_lane', 'memarg+lane', 'iv:', 0, 16),
	op(FD | 0x59, 'v128.store16_lane', 'memarg+lane', 'iv:', 1, 8),
	op(FD | 0x5a, 'v128.store32_lane', 'memarg+lane', 'iv:', 2, 4),
	op(FD | 0x5b, 'v128.store64_lane', 'memarg+lane', 'iv:', 3, 2),

	// Vector constant, shuffle, swizzle, splat, lanes
	op(FD | 0x0c, 'v128.const', 'v128const', ':v'),
	op(FD | 0x0d, 'i8x16.shuffle', 'shuffle', 'vv:v'),
	op(FD | 0x0e, 'i8x16.swizzle', 'none', 'vv:v'),
	op(FD | 0x0f, 'i8x16.splat', 'none', 'i:v'),
	op(FD | 0x10, 'i16x8.splat', 'none', 'i:v'),
	op(FD | 0x11, 'i32x4.splat', 'none', 'i:v'),
	op(FD | 0x12, 'i64x2.splat', 'none', 'I:v'),
	op(FD | 0x13, 'f32x4.splat', 'none', 'f:v'),
	op(FD | 0x14, 'f64x2.splat', 'none', 'F:v'),
	op(FD | 0x15, 'i8x16.extract_lane_s', 'lane', 'v:i', -1, 16),
	op(FD | 0x16, 'i8x16.extract_lane_u', 'lane', 'v:i', -1, 16),
	op(FD | 0x17, 'i8x16.replace_lane', 'lane', 'vi:v', -1, 16),
	op(FD | 0x18, 'i16x8.extract_lane_s', 'lane', 'v:i', -1, 8),
	op(FD | 0x19, 'i16x8.extract_lane_u', 'lane', 'v:i', -1, 8),
	op(FD | 0x1a, 'i16x8.replace_lane', 'lane', 'vi:v', -1, 8),
	op(FD | 0x1b, 'i32x4.extract_lane', 'lane', 'v:i', -1, 4),
	op(FD | 0x1c, 'i32x4.replace_lane', 'lane', 'vi:v', -1, 4),
	op(FD | 0x1d, 'i64x2.extract_lane', 'lane', 'v:I', -1, 2),
	op(FD | 0x1e, 'i64x2.replace_lane', 'lane', 'vI:v', -1, 2),
	op(FD | 0x1f, 'f32x4.extract_lane', 'lane', 'v:f', -1, 4),
	op(FD | 0x20, 'f32x4.replace_lane', 'lane', 'vf:v', -1, 4),
	op(FD | 0x21, 'f64x2.extract_lane', 'lane', 'v:F', -1, 2),
	op(FD | 0x22, 'f64x2.replace_lane', 'lane', 'vF:v', -1, 2),

	// Vector comparisons
	op(FD | 0x23, 'i8x16.eq', 'none', 'vv:v'),
	op(FD | 0x24, 'i8x16.ne', 'none', 'vv:v'),
	op(FD | 0x25, 'i8x16.lt_s', 'none', 'vv:v'),
	op(FD | 0x26, 'i8x16.lt_u', 'none', 'vv:v'),
	op(FD | 0x27, 'i8x16.gt_s', 'none', 'vv:v'),
	op(FD | 0x28, 'i8x16.gt_u', 'none', 'vv:v'),
	op(FD | 0x29, 'i8x16.le_s', 'none', 'vv:v'),
	op(FD | 0x2a, 'i8x16.le_u', 'none', 'vv:v'),
	op(FD | 0x2b, 'i8x16.ge_s', 'none', 'vv:v'),
	op(FD | 0x2c, 'i8x16.ge_u', 'none', 'vv:v'),
	op(FD | 0x2d, 'i16x8.eq', 'none', 'vv:v'),
	op(FD | 0x2e, 'i16x8.ne', 'none', 'vv:v'),
	op(FD | 0x2f, 'i16x8.lt_s', 'none', 'vv:v'),
	op(FD | 0x30, 'i16x8.lt_u', 'none', 'vv:v'),
	op(FD | 0x31, 'i16x8.gt_s', 'none', 'vv:v'),
	op(FD | 0x32, 'i16x8.gt_u', 'none', 'vv:v'),
	op(FD | 0x33, 'i16x8.le_s', 'none', 'vv:v'),
	op(FD | 0x34, 'i16x8.le_u', 'none', 'vv:v'),
	op(FD | 0x35, 'i16x8.ge_s', 'none', 'vv:v'),
	op(FD | 0x36, 'i16x8.ge_u', 'none', 'vv:v'),
	op(FD | 0x37, 'i32x4.eq', 'none', 'vv:v'),
	op(FD | 0x38, 'i32x4.ne', 'none', 'vv:v'),
	op(FD | 0x39, 'i32x4.lt_s', 'none', 'vv:v'),
	op(FD | 0x3a, 'i32x4.lt_u', 'none', 'vv:v'),
	op(FD | 0x3b, 'i32x4.gt_s', 'none', 'vv:v'),
	op(FD | 0x3c, 'i32x4.gt_u', 'none', 'vv:v'),
	op(FD | 0x3d, 'i32x4.le_s', 'none', 'vv:v'),
	op(FD | 0x3e, 'i32x4.le_u', 'none', 'vv:v'),
	op(FD | 0x3f, 'i32x4.ge_s', 'none', 'vv:v'),
	op(FD | 0x40, 'i32x4.ge_u', 'none', 'vv:v'),
	op(FD | 0xd6, 'i64x2.eq', 'none', 'vv:v'),
	op(FD | 0xd7, 'i64x2.ne', 'none', 'vv:v'),
	op(FD | 0xd8, 'i64x2.lt_s', 'none', 'vv:v'),
	op(FD | 0xd9, 'i64x2.gt_s', 'none', 'vv:v'),
	op(FD | 0xda, 'i64x2.le_s', 'none', 'vv:v'),
	op(FD | 0xdb, 'i64x2.ge_s', 'none', 'vv:v'),
	op(FD | 0x41, 'f32x4.eq', 'none', 'vv:v'),
	op(FD | 0x42, 'f32x4.ne', 'none', 'vv:v'),
	op(FD | 0x43, 'f32x4.lt', 'none', 'vv:v'),
	op(FD | 0x44, 'f32x4.gt', 'none', 'vv:v'),
	op(FD | 0x45, 'f32x4.le', 'none', 'vv:v'),
	op(FD | 0x46, 'f32x4.ge', 'none', 'vv:v'),
	op(FD | 0x47, 'f64x2.eq', 'none', 'vv:v'),
	op(FD | 0x48, 'f64x2.ne', 'none', 'vv:v'),
	op(FD | 0x49, 'f64x2.lt', 'none', 'vv:v'),
	op(FD | 0x4a, 'f64x2.gt', 'none', 'vv:v'),
	op(FD | 0x4b, 'f64x2.le', 'none', 'vv:v'),
	op(FD | 0x4c, 'f64x2.ge', 'none', 'vv:v'),

	// Vector bitwise operations
	op(FD | 0x4d, 'v128.not', 'none', 'v:v'),
	op(FD | 0x4e, 'v128.and', 'none', 'vv:v'),
	op(FD | 0x4f, 'v128.andnot', 'none', 'vv:v'),
	op(FD | 0x50, 'v128.or', 'none', 'vv:v'),
	op(FD | 0x51, 'v128.xor', 'none', 'vv:v'),
	op(FD | 0x52, 'v128.bitselect', 'none', 'vvv:v'),
	op(FD | 0x53, 'v128.any_true', 'none', 'v:i'),

	// i8x16 arithmetic
	op(FD | 0x60, 'i8x16.abs', 'none', 'v:v'),
	op(FD | 0x61, 'i8x16.neg', 'none', 'v:v'),
	op(FD | 0x62, 'i8x16.popcnt', 'none', 'v:v'),
	op(FD | 0x63, 'i8x16.all_true', 'none', 'v:i'),
	op(FD | 0x64, 'i8x16.bitmask', 'none', 'v:i'),
	op(FD | 0x65, 'i8x16.narrow_i16x8_s', 'none', 'vv:v'),
	op(FD | 0x66, 'i8x16.narrow_i16x8_u', 'none', 'vv:v'),
	op(FD | 0x6b, 'i8x16.shl', 'none', 'vi:v'),
	op(FD | 0x6c, 'i8x16.shr_s', 'none', 'vi:v'),
	op(FD | 0x6d, 'i8x16.shr_u', 'none', 'vi:v'),
	op(FD | 0x6e, 'i8x16.add', 'none', 'vv:v'),
	op(FD | 0x6f, 'i8x16.add_sat_s', 'none', 'vv:v'),
	op(FD | 0x70, 'i8x16.add_sat_u', 'none', 'vv:v'),
	op(FD | 0x71, 'i8x16.sub', 'none', 'vv:v'),
	op(FD | 0x72, 'i8x16.sub_sat_s', 'none', 'vv:v'),
	op(FD | 0x73, 'i8x16.sub_sat_u', 'none', 'vv:v'),
	op(FD | 0x76, 'i8x16.min_s', 'none', 'vv:v'),
	op(FD | 0x77, 'i8x16.min_u', 'none', 'vv:v'),
	op(FD | 0x78, 'i8x16.max_s', 'none', 'vv:v'),
	op(FD | 0x79, 'i8x16.max_u', 'none', 'vv:v'),
	op(FD | 0x7b, 'i8x16.avgr_u', 'none', 'vv:v'),

	// i16x8 arithmetic
	op(FD | 0x7c, 'i16x8.extadd_pairwise_i8x16_s', 'none', 'v:v'),
	op(FD | 0x7d, 'i16x8.extadd_pairwise_i8x16_u', 'none', 'v:v'),
	op(FD | 0x80, 'i16x8.abs', 'none', 'v:v'),
	op(FD | 0x81, 'i16x8.neg', 'none', 'v:v'),
	op(FD | 0x82, 'i16x8.q15mulr_sat_s', 'none', 'vv:v'),
	op(FD | 0x83, 'i16x8.all_true', 'none', 'v:i'),
	op(FD | 0x84, 'i16x8.bitmask', 'none', 'v:i'),
	op(FD | 0x85, 'i16x8.narrow_i32x4_s', 'none', 'vv:v'),
	op(FD | 0x86, 'i16x8.narrow_i32x4_u', 'none', 'vv:v'),
	op(FD | 0x87, 'i16x8.extend_low_i8x16_s', 'none', 'v:v'),
	op(FD | 0x88, 'i16x8.extend_high_i8x16_s', 'none', 'v:v'),
	op(FD | 0x89, 'i16x8.extend_low_i8x16_u', 'none', 'v:v'),
	op(FD | 0x8a, 'i16x8.extend_high_i8x16_u', 'none', 'v:v'),
	op(FD | 0x8b, 'i16x8.shl', 'none', 'vi:v'),
	op(FD | 0x8c, 'i16x8.shr_s', 'none', 'vi:v'),
	op(FD | 0x8d, 'i16x8.shr_u', 'none', 'vi:v'),
	op(FD | 0x8e, 'i16x8.add', 'none', 'vv:v'),
	op(FD | 0x8f, 'i16x8.add_sat_s', 'none', 'vv:v'),
	op(FD | 0x90, 'i16x8.add_sat_u', 'none', 'vv:v'),
	op(FD | 0x91, 'i16x8.sub', 'none', 'vv:v'),
	op(FD | 0x92, 'i16x8.sub_sat_s', 'none', 'vv:v'),
	op(FD | 0x93, 'i16x8.sub_sat_u', 'none', 'vv:v'),
	op(FD | 0x95, 'i16x8.mul', 'none', 'vv:v'),
	op(FD | 0x96, 'i16x8.min_s', 'none', 'vv:v'),
	op(FD | 0x97, 'i16x8.min_u', 'none', 'vv:v'),
	op(FD | 0x98, 'i16x8.max_s', 'none', 'vv:v'),
	op(FD | 0x99, 'i16x8.max_u', 'none', 'vv:v'),
	op(FD | 0x9b, 'i16x8.avgr_u', 'none', 'vv:v'),
	op(FD | 0x9c, 'i16x8.extmul_low_i8x16_s', 'none', 'vv:v'),
	op(FD | 0x9d, 'i16x8.extmul_high_i8x16_s', 'none', 'vv:v'),
	op(FD | 0x9e, 'i16x8.extmul_low_i8x16_u', 'none', 'vv:v'),
	op(FD | 0x9f, 'i16x8.extmul_high_i8x16_u', 'none', 'vv:v'),

	// i32x4 arithmetic
	op(FD | 0x7e, 'i32x4.extadd_pairwise_i16x8_s', 'none', 'v:v'),
	op(FD | 0x7f, 'i32x4.extadd_pairwise_i16x8_u', 'none', 'v:v'),
	op(FD | 0xa0, 'i32x4.abs', 'none', 'v:v'),
	op(FD | 0xa1, 'i32x4.neg', 'none', 'v:v'),
	op(FD | 0xa3, 'i32x4.all_true', 'none', 'v:i'),
	op(FD | 0xa4, 'i32x4.bitmask', 'none', 'v:i'),
	op(FD | 0xa7, 'i32x4.extend_low_i16x8_s', 'none', 'v:v'),
	op(FD | 0xa8, 'i32x4.extend_high_i16x8_s', 'none', 'v:v'),
	op(FD | 0xa9, 'i32x4.extend_low_i16x8_u', 'none', 'v:v'),
	op(FD | 0xaa, 'i32x4.extend_high_i16x8_u', 'none', 'v:v'),
	op(FD | 0xab, 'i32x4.shl', 'none', 'vi:v'),
	op(FD | 0xac, 'i32x4.shr_s', 'none', 'vi:v'),
	op(FD | 0xad, 'i32x4.shr_u', 'none', 'vi:v'),
	op(FD | 0xae, 'i32x4.add', 'none', 'vv:v'),
	op(FD | 0xb1, 'i32x4.sub', 'none', 'vv:v'),
	op(FD | 0xb5, 'i32x4.mul', 'none', 'vv:v'),
	op(FD | 0xb6, 'i32x4.min_s', 'none', 'vv:v'),
	op(FD | 0xb7, 'i32x4.min_u', 'none', 'vv:v'),
	op(FD | 0xb8, 'i32x4.max_s', 'none', 'vv:v'),
	op(FD | 0xb9, 'i32x4.max_u', 'none', 'vv:v'),
	op(FD | 0xba, 'i32x4.dot_i16x8_s', 'none', 'vv:v'),
	op(FD | 0xbc, 'i32x4.extmul_low_i16x8_s', 'none', 'vv:v'),
	op(FD | 0xbd, 'i32x4.extmul_high_i16x8_s', 'none', 'vv:v'),
	op(FD | 0xbe, 'i32x4.extmul_low_i16x8_u', 'none', 'vv:v'),
	op(FD | 0xbf, 'i32x4.extmul_high_i16x8_u', 'none', 'vv:v'),

	// i64x2 arithmetic
	op(FD | 0xc0, 'i64x2.abs', 'none', 'v:v'),
	op(FD | 0xc1, 'i64x2.neg', 'none', 'v:v'),
	op(FD | 0xc3, 'i64x2.all_true', 'none', 'v:i'),
	op(FD | 0xc4, 'i64x2.bitmask', 'none', 'v:i'),
	op(FD | 0xc7, 'i64x2.extend_low_i32x4_s', 'none', 'v:v'),
	op(FD | 0xc8, 'i64x2.extend_high_i32x4_s', 'none', 'v:v'),
	op(FD | 0xc9, 'i64x2.extend_low_i32x4_u', 'none', 'v:v'),
	op(FD | 0xca, 'i64x2.extend_high_i32x4_u', 'none', 'v:v'),
	op(FD | 0xcb, 'i64x2.shl', 'none', 'vi:v'),
	op(FD | 0xcc, 'i64x2.shr_s', 'none', 'vi:v'),
	op(FD | 0xcd, 'i64x2.shr_u', 'none', 'vi:v'),
	op(FD | 0xce, 'i64x2.add', 'none', 'vv:v'),
	op(FD | 0xd1, 'i64x2.sub', 'none', 'vv:v'),
	op(FD | 0xd5, 'i64x2.mul', 'none', 'vv:v'),
	op(FD | 0xdc, 'i64x2.extmul_low_i32x4_s', 'none', 'vv:v'),
	op(FD | 0xdd, 'i64x2.extmul_high_i32x4_s', 'none', 'vv:v'),
	op(FD | 0xde, 'i64x2.extmul_low_i32x4_u', 'none', 'vv:v'),
	op(FD | 0xdf, 'i64x2.extmul_high_i32x4_u', 'none', 'vv:v'),

	// f32x4 arithmetic
	op(FD | 0x67, 'f32x4.ceil', 'none', 'v:v'),
	op(FD | 0x68, 'f32x4.floor', 'none', 'v:v'),
	op(FD | 0x69, 'f32x4.trunc', 'none', 'v:v'),
	op(FD | 0x6a, 'f32x4.nearest', 'none', 'v:v'),
	op(FD | 0xe0, 'f32x4.abs', 'none', 'v:v'),
	op(FD | 0xe1, 'f32x4.neg', 'none', 'v:v'),
	op(FD | 0xe3, 'f32x4.sqrt', 'none', 'v:v'),
	op(FD | 0xe4, 'f32x4.add', 'none', 'vv:v'),
	op(FD | 0xe5, 'f32x4.sub', 'none', 'vv:v'),
	op(FD | 0xe6, 'f32x4.mul', 'none', 'vv:v'),
	op(FD | 0xe7, 'f32x4.div', 'none', 'vv:v'),
	op(FD | 0xe8, 'f32x4.min', 'none', 'vv:v'),
	op(FD | 0xe9, 'f32x4.max', 'none', 'vv:v'),
	op(FD | 0xea, 'f32x4.pmin', 'none', 'vv:v'),
	op(FD | 0xeb, 'f32x4.pmax', 'none', 'vv:v'),

	// f64x2 arithmetic
	op(FD | 0x74, 'f64x2.ceil', 'none', 'v:v'),
	op(FD | 0x75, 'f64x2.floor', 'none', 'v:v'),
	op(FD | 0x7a, 'f64x2.trunc', 'none', 'v:v'),
	op(FD | 0x94, 'f64x2.nearest', 'none', 'v:v'),
	op(FD | 0xec, 'f64x2.abs', 'none', 'v:v'),
	op(FD | 0xed, 'f64x2.neg', 'none', 'v:v'),
	op(FD | 0xef, 'f64x2.sqrt', 'none', 'v:v'),
	op(FD | 0xf0, 'f64x2.add', 'none', 'vv:v'),
	op(FD | 0xf1, 'f64x2.sub', 'none', 'vv:v'),
	op(FD | 0xf2, 'f64x2.mul', 'none', 'vv:v'),
	op(FD | 0xf3, 'f64x2.div', 'none', 'vv:v'),
	op(FD | 0xf4, 'f64x2.min', 'none', 'vv:v'),
	op(FD | 0xf5, 'f64x2.max', 'none', 'vv:v'),
	op(FD | 0xf6, 'f64x2.pmin', 'none', 'vv:v'),
	op(FD | 0xf7, 'f64x2.pmax', 'none', 'vv:v'),

	// Vector conversions
	op(FD | 0xf8, 'i32x4.trunc_sat_f32x4_s', 'none', 'v:v'),
	op(FD | 0xf9, 'i32x4.trunc_sat_f32x4_u', 'none', 'v:v'),
	op(FD | 0xfa, 'f32x4.convert_i32x4_s', 'none', 'v:v'),
	op(FD | 0xfb, 'f32x4.convert_i32x4_u', 'none', 'v:v'),
	op(FD | 0xfc, 'i32x4.trunc_sat_f64x2_s_zero', 'none', 'v:v'),
	op(FD | 0xfd, 'i32x4.trunc_sat_f64x2_u_zero', 'none', 'v:v'),
	op(FD | 0xfe, 'f64x2.convert_low_i32x4_s', 'none', 'v:v'),
	op(FD | 0xff, 'f64x2.convert_low_i32x4_u', 'none', 'v:v'),
	op(FD | 0x5e, 'f32x4.demote_f64x2_zero', 'none', 'v:v'),
	op(FD | 0x5f, 'f64x2.promote_low_f32x4', 'none', 'v:v'),
];

/*
 * Three dense arrays indexed by the byte or sub-opcode: the single-byte opcodes, the 0xFC ones and
 * the 0xFD ones. Every sub-opcode of 2.0 is below 0x100, so a lookup is a shift, a compare and an
 * array read.
 */
const SINGLE: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(256).fill(undefined);
const PREFIX_FC: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(256).fill(undefined);
const PREFIX_FD: (OpInfo | undefined)[] = new Array<OpInfo | undefined>(256).fill(undefined);

for (const row of OPCODES) {
	const prefix = row.code >>> 16;
	const table = prefix === 0 ? SINGLE : prefix === 0xfc ? PREFIX_FC : PREFIX_FD;
	if (table[row.code & 0xffff] !== undefined) throw new Error(`opcodes.ts: duplicate row for ${row.name}`);
	table[row.code & 0xffff] = row;
}

/** The row of an opcode (numbered as in types.ts), or undefined when 2.0 has no such opcode. */
export function opInfo(code: number): OpInfo | undefined {
	const prefix = code >>> 16;
	const sub = code & 0xffff;
	if (sub > 0xff) return undefined;
	if (prefix === 0) return SINGLE[sub];
	if (prefix === 0xfc) return PREFIX_FC[sub];
	if (prefix === 0xfd) return PREFIX_FD[sub];
	return undefined;
}

/** Printable opcode: "i32.add", or "0xfc 0x12" / "0x06" for an opcode 2.0 does not define. */
export function opName(code: number): string {
	const row = opInfo(code);
	if (row !== undefined) return row.name;
	const prefix = code >>> 16;
	const sub = code & 0xffff;
	return prefix === 0 ? `0x${hex2(sub)}` : `0x${hex2(prefix)} 0x${sub.toString(16)}`;
}

/** The opcode as bytes for messages: "0x6a", "0xfc 0x08". */
export function opCodeText(code: number): string {
	const prefix = code >>> 16;
	return prefix === 0 ? `0x${hex2(code)}` : `0x${hex2(prefix)} 0x${hex2(code & 0xffff)}`;
}

/** Whether the opcode is one of the 0xFD (128-bit SIMD) instructions. */
export function isSimd(code: number): boolean {
	return code >>> 16 === 0xfd;
}

function hex2(n: number): string {
	return n.toString(16).padStart(2, '0');
}
