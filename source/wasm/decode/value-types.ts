/*
 * Readers for the type forms shared by several sections: value types, reference types, limits,
 * and table, memory and global types.
 */

import type {GlobalType, Limits, MemoryType, RefType, TableType, ValType} from '../types.js';
import type {Reader} from './reader.js';

/** Whether a byte is the code of a value type (numbers, v128, references). */
export function isValTypeCode(b: number): b is ValType {
	return (b >= 0x7b && b <= 0x7f) || b === 0x70 || b === 0x6f;
}

export function readValType(r: Reader): ValType {
	const start = r.pos;
	const b = r.u8();
	if (!isValTypeCode(b)) r.fail(`malformed value type 0x${b.toString(16)}`, start);
	return b;
}

export function readRefType(r: Reader): RefType {
	const start = r.pos;
	const b = r.u8();
	if (b !== 0x70 && b !== 0x6f) {
		r.fail(`malformed reference type 0x${b.toString(16)} (expected 0x70 funcref or 0x6f externref)`, start);
	}
	return b;
}

export function readLimits(r: Reader): Limits {
	const flag = r.u1();
	const min = r.u32();
	const max = flag === 1 ? r.u32() : null;
	return {min, max};
}

export function readTableType(r: Reader): TableType {
	const elemType = readRefType(r);
	return {elemType, limits: readLimits(r)};
}

export function readMemoryType(r: Reader): MemoryType {
	return {limits: readLimits(r)};
}

export function readGlobalType(r: Reader): GlobalType {
	const valType = readValType(r);
	const start = r.pos;
	const m = r.u8();
	if (m > 1) r.fail(`malformed mutability 0x${m.toString(16)} (expected 0x00 const or 0x01 var)`, start);
	return {valType, mutable: m === 1};
}
