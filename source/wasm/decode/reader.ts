/*
 * A cursor over the module's bytes with the binary format's primitive readers: bytes, LEB128
 * integers with the specification's length and range limits, raw float bits, and UTF-8 names.
 *
 * Every read is bounded by `end`, the end of whatever is being read (the file, a section, a
 * function body); reading past it is a DecodeError, never an out-of-range typed-array access.
 * Errors carry the context the section decoders set (section, entry, instruction) so a message
 * names where it happened; the context is kept as plain fields and only turned into text when an
 * error is thrown, so decoding pays nothing for it.
 */

import {DecodeError} from '../errors.js';
import {opName} from '../opcodes.js';

const utf8 = new TextDecoder('utf-8', {ignoreBOM: true});

export class Reader {
	pos: number;
	/** One past the last byte that may be read now. */
	end: number;

	/** Error context: "import section", then "import" 3, then the opcode being decoded (-1: none). */
	section = '';
	entryLabel = '';
	entryIndex = -1;
	opcode = -1;

	/**
	 * The first memory.init or data.drop of a module without a data count section (offset, or -1,
	 * and where it is), for the module decoder's check once all sections are known.
	 */
	firstDataInstr = -1;
	firstDataInstrWhere = '';

	/** The two halves of the last s64 read (each a signed 32-bit number). */
	lo = 0;
	hi = 0;

	constructor(
		readonly bytes: Uint8Array,
		pos = 0,
		end = bytes.length,
	) {
		this.pos = pos;
		this.end = end;
	}

	/** Bytes left before `end`. */
	get remaining(): number {
		return this.end - this.pos;
	}

	/** Sets the error context to an entry of the current section ("function", 7). */
	at(entryLabel: string, entryIndex: number): void {
		this.entryLabel = entryLabel;
		this.entryIndex = entryIndex;
		this.opcode = -1;
	}

	/** The current context as text: "code section: function 3: i32.load" (may be empty). */
	context(): string {
		let where = this.section;
		if (this.entryLabel !== '') where += `${where === '' ? '' : ': '}${this.entryLabel} ${this.entryIndex}`;
		if (this.opcode >= 0) where += `${where === '' ? '' : ': '}${opName(this.opcode)}`;
		return where;
	}

	/** Throws a DecodeError at `offset`, prefixed with the current context. */
	fail(reason: string, offset: number = this.pos): never {
		const where = this.context();
		throw new DecodeError(where === '' ? reason : `${where}: ${reason}`, offset);
	}

	/** The error for a read that would pass `end`: the end of the file, or of a section or body. */
	failEnd(): never {
		this.fail(this.section === '' ? 'unexpected end' : 'unexpected end of section or function');
	}

	u8(): number {
		if (this.pos >= this.end) this.failEnd();
		return this.bytes[this.pos++];
	}

	/** A byte vector of `length` bytes (a view into the module's bytes, not a copy). */
	bytesOf(length: number, what: string): Uint8Array {
		if (length > this.end - this.pos) {
			this.fail(`${what} of ${length} bytes exceeds the ${this.end - this.pos} bytes left (length out of bounds)`);
		}
		const view = this.bytes.subarray(this.pos, this.pos + length);
		this.pos += length;
		return view;
	}

	/** A vector length; fails early when even one byte per element would not fit in what is left. */
	count(what: string): number {
		const start = this.pos;
		const n = this.u32();
		if (n > this.end - this.pos) {
			this.fail(
				`declares ${n} ${what}, more than the ${this.end - this.pos} bytes left can hold (unexpected end of section or function)`,
				start,
			);
		}
		return n;
	}

	/** Unsigned LEB128 of at most 32 bits (at most 5 bytes). */
	u32(): number {
		if (this.pos < this.end) {
			const b = this.bytes[this.pos];
			if (b < 0x80) {
				this.pos++;
				return b;
			}
		}
		return this.u32Long();
	}

	private u32Long(): number {
		const start = this.pos;
		let result = 0;
		for (let shift = 0; ; shift += 7) {
			const b = this.u8();
			if (shift === 28) {
				if (b & 0x80) this.fail('integer representation too long (an unsigned 32-bit LEB128 has at most 5 bytes)', start);
				if (b & 0x70) this.fail('integer too large (the value does not fit in 32 bits)', start);
				return (result | (b << 28)) >>> 0;
			}
			result |= (b & 0x7f) << shift;
			if ((b & 0x80) === 0) return result >>> 0;
		}
	}

	/** Signed LEB128 of at most 32 bits, as a signed 32-bit number. */
	s32(): number {
		const start = this.pos;
		let result = 0;
		for (let shift = 0; ; shift += 7) {
			const b = this.u8();
			if (shift === 28) {
				if (b & 0x80) this.fail('integer representation too long (a signed 32-bit LEB128 has at most 5 bytes)', start);
				// Bits 4-6 of the last byte lie beyond bit 31 and must repeat the sign bit (bit 3).
				const ext = b & 0x78;
				if (ext !== 0 && ext !== 0x78) this.fail('integer too large (the value does not fit in 32 bits)', start);
				return result | (b << 28);
			}
			result |= (b & 0x7f) << shift;
			if ((b & 0x80) === 0) {
				if (b & 0x40) result |= -1 << (shift + 7);
				return result;
			}
		}
	}

	/** Signed LEB128 of at most 33 bits (block types): a number in [-2^32, 2^32 - 1]. */
	s33(): number {
		const start = this.pos;
		let result = 0;
		for (let shift = 0; ; shift += 7) {
			const b = this.u8();
			if (shift === 28) {
				if (b & 0x80) this.fail('integer representation too long (a signed 33-bit LEB128 has at most 5 bytes)', start);
				// Bits 5-6 of the last byte lie beyond bit 32 and must repeat the sign bit (bit 4).
				const ext = b & 0x70;
				if (ext !== 0 && ext !== 0x70) this.fail('integer too large (the value does not fit in 33 bits)', start);
				const top = b & 0x10 ? (b & 0x1f) - 32 : b & 0x1f;
				return (result >>> 0) + top * 0x10000000;
			}
			result |= (b & 0x7f) << shift;
			if ((b & 0x80) === 0) {
				if (b & 0x40) result |= -1 << (shift + 7);
				return result;
			}
		}
	}

	/** Signed LEB128 of at most 64 bits; the value is left in `lo` and `hi`. */
	s64(): void {
		const start = this.pos;
		let lo = 0;
		let hi = 0;
		for (let shift = 0; ; shift += 7) {
			const b = this.u8();
			if (shift === 63) {
				if (b & 0x80) this.fail('integer representation too long (a signed 64-bit LEB128 has at most 10 bytes)', start);
				// Only bit 0 of the tenth byte is inside the 64 bits; bits 1-6 must repeat it.
				const ext = b & 0x7f;
				if (ext !== 0 && ext !== 0x7f) this.fail('integer too large (the value does not fit in 64 bits)', start);
				hi |= b << 31;
				break;
			}
			const v = b & 0x7f;
			if (shift < 28) {
				lo |= v << shift;
			} else if (shift === 28) {
				lo |= v << 28;
				hi |= v >>> 4;
			} else {
				hi |= v << (shift - 32);
			}
			if ((b & 0x80) === 0) {
				if (b & 0x40) {
					const bits = shift + 7;
					if (bits < 32) {
						lo |= -1 << bits;
						hi = -1;
					} else {
						hi |= -1 << (bits - 32);
					}
				}
				break;
			}
		}
		this.lo = lo;
		this.hi = hi;
	}

	/** A flag encoded as an unsigned LEB128 that may only be 0 or 1 (limits). */
	u1(): number {
		const start = this.pos;
		const b = this.u8();
		if (b & 0x80) this.fail(`integer representation too long (flag byte 0x${b.toString(16)} must be 0x00 or 0x01)`, start);
		if (b > 1) this.fail(`integer too large (flag 0x${b.toString(16)} must be 0x00 or 0x01)`, start);
		return b;
	}

	/** Four bytes, little-endian, as a signed 32-bit number (the bit pattern of an f32). */
	bits32(): number {
		if (this.end - this.pos < 4) this.failEnd();
		const p = this.pos;
		const bytes = this.bytes;
		this.pos = p + 4;
		return bytes[p] | (bytes[p + 1] << 8) | (bytes[p + 2] << 16) | (bytes[p + 3] << 24);
	}

	/** A name: a byte vector that must be valid UTF-8. */
	name(what: string): string {
		const length = this.u32();
		const start = this.pos;
		const bytes = this.bytesOf(length, what);
		const bad = firstInvalidUtf8(bytes);
		if (bad >= 0) this.fail(`${what} is not valid UTF-8 (malformed UTF-8 encoding)`, start + bad);
		if (isAscii(bytes)) {
			let s = '';
			for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
			return s;
		}
		return utf8.decode(bytes);
	}
}

function isAscii(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i] >= 0x80) return false;
	return true;
}

/**
 * Index of the first byte of an invalid UTF-8 sequence, or -1. Valid means the Unicode standard's
 * table of well-formed sequences: no overlong forms, no surrogates (U+D800-DFFF), nothing above
 * U+10FFFF.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
	let i = 0;
	const n = bytes.length;
	while (i < n) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		// Continuation bytes this lead byte needs, and the allowed range of the first of them.
		let need: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b === 0xe0) (need = 2), (lo = 0xa0);
		else if (b === 0xed) (need = 2), (hi = 0x9f);
		else if (b >= 0xe1 && b <= 0xef) need = 2;
		else if (b === 0xf0) (need = 3), (lo = 0x90);
		else if (b === 0xf4) (need = 3), (hi = 0x8f);
		else if (b >= 0xf1 && b <= 0xf3) need = 3;
		else return i;
		if (i + need >= n) return i;
		const first = bytes[i + 1];
		if (first < lo || first > hi) return i;
		for (let k = 2; k <= need; k++) {
			const c = bytes[i + k];
			if (c < 0x80 || c > 0xbf) return i;
		}
		i += need + 1;
	}
	return -1;
}
