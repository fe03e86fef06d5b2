/*
 * Values as the embedder sees them, exact to the bit:
 *   i32        number (a signed 32-bit integer; an unsigned one is accepted on input)
 *   i64        bigint (signed on output; unsigned accepted on input)
 *   f32        number: the 32-bit IEEE-754 bit pattern as an unsigned integer, never the float
 *   f64        bigint: the 64-bit bit pattern, unsigned
 *   funcref    number: a function handle of the store, or null
 *   externref  number: the embedder's own reference number (>= 0), or null
 * Floats travel as bit patterns because a JS number would quiet a signalling NaN.
 * In a slot (two Int32 words) references are handles with 0 for null; externref N is stored as N + 1.
 */

import type {ValType} from '../types.js';

export type Value = number | bigint | null;

/** Writes `value` of type `type` into words[at], words[at + 1]. */
export function writeValue(words: Int32Array, at: number, type: ValType, value: Value): void {
	switch (type) {
		case 0x7f:
		case 0x7d:
			words[at] = Number(value) | 0;
			words[at + 1] = 0;
			return;
		case 0x7e:
		case 0x7c: {
			const v = BigInt.asUintN(64, value as bigint);
			words[at] = Number(v & 0xffffffffn) | 0;
			words[at + 1] = Number(v >> 32n) | 0;
			return;
		}
		case 0x70:
			words[at] = value === null ? 0 : Number(value);
			words[at + 1] = 0;
			return;
		case 0x6f:
			words[at] = value === null ? 0 : Number(value) + 1;
			words[at + 1] = 0;
			return;
		default:
			throw new TypeError(`values of type 0x${type.toString(16)} cannot cross the engine boundary`);
	}
}

export function readValue(words: Int32Array, at: number, type: ValType): Value {
	switch (type) {
		case 0x7f:
			return words[at];
		case 0x7d:
			return words[at] >>> 0;
		case 0x7e:
			return (BigInt(words[at + 1]) << 32n) | BigInt(words[at] >>> 0);
		case 0x7c:
			return (BigInt(words[at + 1] >>> 0) << 32n) | BigInt(words[at] >>> 0);
		case 0x70:
			return words[at] === 0 ? null : words[at];
		case 0x6f:
			return words[at] === 0 ? null : words[at] - 1;
		default:
			throw new TypeError(`values of type 0x${type.toString(16)} cannot cross the engine boundary`);
	}
}
