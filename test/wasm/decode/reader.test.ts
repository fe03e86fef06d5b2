/* The reader's primitives: LEB128 limits of the binary format, raw float bits, UTF-8 names. */

import {describe, expect, it} from 'vitest';
import {DecodeError} from '../../../source/wasm/errors.js';
import {Reader, firstInvalidUtf8} from '../../../source/wasm/decode/reader.js';
import {sleb} from './module-bytes.js';

function reader(...bytes: number[]): Reader {
	const r = new Reader(Uint8Array.from(bytes));
	r.section = 'test section';
	return r;
}

function failure(read: (r: Reader) => unknown, ...bytes: number[]): DecodeError {
	try {
		read(reader(...bytes));
	} catch (e) {
		if (e instanceof DecodeError) return e;
		throw e;
	}
	throw new Error('expected a DecodeError');
}

function s64(...bytes: number[]): bigint {
	const r = reader(...bytes);
	r.s64();
	return (BigInt(r.hi) << 32n) | BigInt(r.lo >>> 0);
}

describe('u32', () => {
	it('reads one-byte and multi-byte values', () => {
		expect(reader(0x00).u32()).toBe(0);
		expect(reader(0x7f).u32()).toBe(127);
		expect(reader(0x80, 0x01).u32()).toBe(128);
		expect(reader(0xe5, 0x8e, 0x26).u32()).toBe(624485);
	});

	it('reads the largest value, 2^32 - 1, in five bytes', () => {
		expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).u32()).toBe(0xffffffff);
	});

	it('accepts non-minimal encodings up to five bytes', () => {
		expect(reader(0x82, 0x80, 0x80, 0x80, 0x00).u32()).toBe(2);
		expect(reader(0x80, 0x00).u32()).toBe(0);
	});

	it('advances past exactly the bytes it read', () => {
		const r = reader(0x80, 0x01, 0x05);
		r.u32();
		expect(r.pos).toBe(2);
		expect(r.u32()).toBe(5);
	});

	it('refuses a sixth byte as too long', () => {
		const e = failure(r => r.u32(), 0x82, 0x80, 0x80, 0x80, 0x80, 0x00);
		expect(e.message).toContain('integer representation too long');
		expect(e.offset).toBe(0);
	});

	it('refuses unused bits set in the fifth byte as too large', () => {
		expect(failure(r => r.u32(), 0x82, 0x80, 0x80, 0x80, 0x70).message).toContain('integer too large');
		expect(failure(r => r.u32(), 0x82, 0x80, 0x80, 0x80, 0x10).message).toContain('integer too large');
		expect(failure(r => r.u32(), 0xff, 0xff, 0xff, 0xff, 0x1f).message).toContain('integer too large');
	});

	it('refuses a value cut off by the end', () => {
		expect(failure(r => r.u32(), 0x80, 0x80).message).toContain('unexpected end');
	});

	it('respects the end of the section it reads, not only of the bytes', () => {
		const r = new Reader(Uint8Array.from([0x80, 0x01, 0x00]), 0, 1);
		r.section = 'type section';
		expect(() => r.u32()).toThrow(/type section: unexpected end of section or function/);
	});
});

describe('s32', () => {
	it('reads positive and negative values', () => {
		expect(reader(0x00).s32()).toBe(0);
		expect(reader(0x3f).s32()).toBe(63);
		expect(reader(0x40).s32()).toBe(-64);
		expect(reader(0x7f).s32()).toBe(-1);
		expect(reader(0xc0, 0xbb, 0x78).s32()).toBe(-123456);
		expect(reader(0x80, 0x80, 0x80, 0x80, 0x78).s32()).toBe(-0x80000000);
		expect(reader(0xff, 0xff, 0xff, 0xff, 0x07).s32()).toBe(0x7fffffff);
	});

	it('accepts non-minimal encodings with correct sign extension', () => {
		expect(reader(0x80, 0x00).s32()).toBe(0);
		expect(reader(0xff, 0x7f).s32()).toBe(-1);
		expect(reader(0x80, 0x80, 0x80, 0x80, 0x00).s32()).toBe(0);
		expect(reader(0xff, 0xff, 0xff, 0xff, 0x7f).s32()).toBe(-1);
	});

	it('refuses a sixth byte', () => {
		expect(failure(r => r.s32(), 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).message).toContain('integer representation too long');
		expect(failure(r => r.s32(), 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f).message).toContain('integer representation too long');
	});

	it('refuses unused bits that do not repeat the sign', () => {
		for (const last of [0x70, 0x0f, 0x1f, 0x4f, 0x08]) {
			expect(failure(r => r.s32(), 0x80, 0x80, 0x80, 0x80, last).message).toContain('integer too large');
		}
	});
});

describe('s33 (block types)', () => {
	it('reads the one-byte forms as negative numbers', () => {
		expect(reader(0x40).s33()).toBe(-64);
		expect(reader(0x7f).s33()).toBe(-1);
	});

	it('reads type indices up to 2^32 - 1', () => {
		expect(reader(0x05).s33()).toBe(5);
		expect(reader(0xff, 0xff, 0xff, 0xff, 0x0f).s33()).toBe(0xffffffff);
	});

	it('reads -2^32 at the bottom of the range', () => {
		expect(reader(0x80, 0x80, 0x80, 0x80, 0x70).s33()).toBe(-0x100000000);
	});

	it('refuses bits beyond 33 that do not repeat the sign', () => {
		expect(failure(r => r.s33(), 0xff, 0xff, 0xff, 0xff, 0x2f).message).toContain('integer too large');
		expect(failure(r => r.s33(), 0x80, 0x80, 0x80, 0x80, 0x80, 0x00).message).toContain('integer representation too long');
	});
});

describe('s64', () => {
	it('reads values across the 32-bit boundary', () => {
		expect(s64(0x00)).toBe(0n);
		expect(s64(0x7f)).toBe(-1n);
		expect(s64(0x80, 0x80, 0x80, 0x80, 0x10)).toBe(1n << 32n);
		expect(s64(0x80, 0x80, 0x80, 0x80, 0x08)).toBe(1n << 31n);
		expect(s64(0x80, 0x80, 0x80, 0x80, 0x70)).toBe(-(1n << 32n));
		expect(s64(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00)).toBe((1n << 63n) - 1n);
		expect(s64(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x7f)).toBe(-(1n << 63n));
	});

	it('agrees with a reference encoder on many values', () => {
		const values = [0n, 1n, -1n, 63n, -64n, 64n, -65n, 1n << 35n, -(1n << 35n), 0x123456789abcdefn, -0x123456789abcdefn];
		for (let k = 0n; k < 64n; k++) values.push(1n << k, -(1n << k), (1n << k) - 1n);
		for (const v of values) {
			const wrapped = BigInt.asIntN(64, v);
			expect(s64(...sleb(wrapped))).toBe(wrapped);
		}
	});

	it('refuses an eleventh byte and unused bits that do not repeat the sign', () => {
		const long = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
		expect(failure(r => r.s64(), ...long).message).toContain('integer representation too long');
		for (const last of [0x7e, 0x01, 0x02, 0x41]) {
			const bytes = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, last];
			expect(failure(r => r.s64(), ...bytes).message).toContain('integer too large');
		}
	});
});

describe('u1 (limits flags)', () => {
	it('reads 0 and 1 only', () => {
		expect(reader(0x00).u1()).toBe(0);
		expect(reader(0x01).u1()).toBe(1);
		expect(failure(r => r.u1(), 0x02).message).toContain('integer too large');
		expect(failure(r => r.u1(), 0x81, 0x00).message).toContain('integer representation too long');
	});
});

describe('raw float bits', () => {
	it('keeps the bit pattern of a signalling NaN', () => {
		expect(reader(0x01, 0x00, 0xa0, 0x7f).bits32()).toBe(0x7fa00001);
		expect(reader(0x00, 0x00, 0x80, 0xff).bits32()).toBe(0xff800000 | 0);
	});

	it('refuses fewer than four bytes', () => {
		expect(failure(r => r.bits32(), 0x00, 0x00, 0x80).message).toContain('unexpected end');
	});
});

describe('names', () => {
	it('decodes UTF-8, including characters outside the BMP and a leading BOM', () => {
		const bytes = [...new TextEncoder().encode('\ufeffhé🎉')];
		expect(reader(bytes.length, ...bytes).name('name')).toBe('\ufeffhé🎉');
	});

	it('refuses a length beyond the bytes left', () => {
		const e = failure(r => r.name('import name'), 0x05, 0x61, 0x62);
		expect(e.message).toBe('test section: import name of 5 bytes exceeds the 2 bytes left (length out of bounds), at offset 0x1');
	});

	it('refuses invalid UTF-8 and points at the bad byte', () => {
		const e = failure(r => r.name('export name'), 0x03, 0x61, 0xc0, 0x80);
		expect(e.message).toContain('export name is not valid UTF-8 (malformed UTF-8 encoding)');
		expect(e.offset).toBe(2);
	});

	it.each([
		['overlong 2-byte', [0xc1, 0xbf]],
		['overlong 3-byte', [0xe0, 0x9f, 0xbf]],
		['overlong 4-byte', [0xf0, 0x8f, 0xbf, 0xbf]],
		['surrogate', [0xed, 0xa0, 0x80]],
		['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
		['lone continuation', [0x80]],
		['truncated', [0xe2, 0x82]],
		['bad continuation', [0xe2, 0x28, 0xa1]],
		['invalid lead 0xff', [0xff]],
		['5-byte form', [0xf8, 0x88, 0x80, 0x80, 0x80]],
	])('finds invalid UTF-8: %s', (_label, bytes) => {
		expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(0);
	});

	it('accepts the edges of each valid range', () => {
		for (const cp of [0x7f, 0x80, 0x7ff, 0x800, 0xd7ff, 0xe000, 0xfffd, 0xffff, 0x10000, 0x10ffff]) {
			expect(firstInvalidUtf8(new TextEncoder().encode(String.fromCodePoint(cp)))).toBe(-1);
		}
	});
});
