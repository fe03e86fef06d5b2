/*
 * Numeric helpers the interpreter calls for the rarer or longer operations: i64 arithmetic on two
 * 32-bit halves, float rounding and conversions with the spec's exact rules. Results of i64 helpers
 * are written to OUT (OUT[0] low word, OUT[1] high word). Traps are thrown as Trap.
 */

import {Trap} from '../errors.js';

export const OUT = new Int32Array(2);

const TWO32 = 4294967296;

/** High 32 bits of the unsigned 64-bit product of two u32. */
function mulHighU32(a: number, b: number): number {
	const a0 = a & 0xffff;
	const a1 = a >>> 16;
	const b0 = b & 0xffff;
	const b1 = b >>> 16;
	const lowMid = a1 * b0 + ((a0 * b0) >>> 16);
	const mid = a0 * b1 + (lowMid & 0xffff);
	return (a1 * b1 + (lowMid >>> 16) + (mid >>> 16)) | 0;
}

export function mul64(al: number, ah: number, bl: number, bh: number): void {
	OUT[0] = Math.imul(al, bl);
	OUT[1] = (mulHighU32(al >>> 0, bl >>> 0) + Math.imul(al, bh) + Math.imul(ah, bl)) | 0;
}

function toBig(lo: number, hi: number): bigint {
	return (BigInt(hi) << 32n) | BigInt(lo >>> 0);
}

function toBigU(lo: number, hi: number): bigint {
	return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

function fromBig(v: bigint): void {
	OUT[0] = Number(BigInt.asIntN(32, v));
	OUT[1] = Number(BigInt.asIntN(32, v >> 32n));
}

export function divS64(al: number, ah: number, bl: number, bh: number): void {
	if (bl === 0 && bh === 0) throw new Trap('integer divide by zero');
	if (al === 0 && ah === -0x80000000 && bl === -1 && bh === -1) throw new Trap('integer overflow');
	fromBig(toBig(al, ah) / toBig(bl, bh));
}

export function divU64(al: number, ah: number, bl: number, bh: number): void {
	if (bl === 0 && bh === 0) throw new Trap('integer divide by zero');
	fromBig(toBigU(al, ah) / toBigU(bl, bh));
}

export function remS64(al: number, ah: number, bl: number, bh: number): void {
	if (bl === 0 && bh === 0) throw new Trap('integer divide by zero');
	if (bl === -1 && bh === -1) {
		OUT[0] = 0;
		OUT[1] = 0;
		return;
	}
	fromBig(toBig(al, ah) % toBig(bl, bh));
}

export function remU64(al: number, ah: number, bl: number, bh: number): void {
	if (bl === 0 && bh === 0) throw new Trap('integer divide by zero');
	fromBig(toBigU(al, ah) % toBigU(bl, bh));
}

export function clz64(lo: number, hi: number): number {
	return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

export function ctz32(x: number): number {
	return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

export function ctz64(lo: number, hi: number): number {
	return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

export function popcnt32(x: number): number {
	x = x - ((x >>> 1) & 0x55555555);
	x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
	x = (x + (x >>> 4)) & 0x0f0f0f0f;
	return Math.imul(x, 0x01010101) >>> 24;
}

export function shl64(lo: number, hi: number, n: number): void {
	n &= 63;
	if (n === 0) {
		OUT[0] = lo;
		OUT[1] = hi;
	} else if (n < 32) {
		OUT[1] = (hi << n) | (lo >>> (32 - n));
		OUT[0] = lo << n;
	} else {
		OUT[1] = lo << (n - 32);
		OUT[0] = 0;
	}
}

export function shrS64(lo: number, hi: number, n: number): void {
	n &= 63;
	if (n === 0) {
		OUT[0] = lo;
		OUT[1] = hi;
	} else if (n < 32) {
		OUT[0] = (lo >>> n) | (hi << (32 - n));
		OUT[1] = hi >> n;
	} else {
		OUT[0] = hi >> (n - 32);
		OUT[1] = hi >> 31;
	}
}

export function shrU64(lo: number, hi: number, n: number): void {
	n &= 63;
	if (n === 0) {
		OUT[0] = lo;
		OUT[1] = hi;
	} else if (n < 32) {
		OUT[0] = (lo >>> n) | (hi << (32 - n));
		OUT[1] = hi >>> n;
	} else {
		OUT[0] = hi >>> (n - 32);
		OUT[1] = 0;
	}
}

export function rotl64(lo: number, hi: number, n: number): void {
	n &= 63;
	shl64(lo, hi, n);
	const l = OUT[0];
	const h = OUT[1];
	shrU64(lo, hi, 64 - n);
	OUT[0] |= l;
	OUT[1] |= h;
}

export function rotr64(lo: number, hi: number, n: number): void {
	rotl64(lo, hi, 64 - (n & 63));
}

/** Round to nearest, ties to even (f32.nearest / f64.nearest); keeps the sign of zero. */
export function nearest(x: number): number {
	if (!Number.isFinite(x) || x === 0) return x;
	let r = Math.round(x);
	if (r - x === 0.5 && r % 2 !== 0) r -= 1;
	// Math.round(-0.4) is -0, but Math.round(-0.5) + the fix above can give +0: keep the sign.
	return r === 0 ? (x < 0 ? -0 : 0) : r;
}

/** Checks a float before truncation to an integer range (lo < v < hi, exclusive), trapping like the spec. */
export function checkTrunc(v: number, lo: number, hi: number): number {
	if (Number.isNaN(v)) throw new Trap('invalid conversion to integer');
	if (!(v > lo && v < hi)) throw new Trap('integer overflow');
	return Math.trunc(v);
}

/** Writes an integral double in the i64 (or u64) range to OUT as two's complement halves. */
export function writeI64FromDouble(t: number): void {
	const hi = Math.floor(t / TWO32);
	OUT[0] = (t - hi * TWO32) | 0;
	OUT[1] = hi | 0;
}

/** Saturating truncation to i64 (signed) or u64. */
export function truncSat64(v: number, signed: boolean): void {
	if (Number.isNaN(v)) {
		OUT[0] = 0;
		OUT[1] = 0;
	} else if (signed) {
		if (v >= 9223372036854775808) {
			OUT[0] = -1;
			OUT[1] = 0x7fffffff;
		} else if (v < -9223372036854775808) {
			OUT[0] = 0;
			OUT[1] = -0x80000000;
		} else writeI64FromDouble(Math.trunc(v));
	} else if (v >= 18446744073709551616) {
		OUT[0] = -1;
		OUT[1] = -1;
	} else if (v <= -1) {
		OUT[0] = 0;
		OUT[1] = 0;
	} else writeI64FromDouble(Math.trunc(v));
}

export function truncSat32(v: number, signed: boolean): number {
	if (Number.isNaN(v)) return 0;
	if (signed) {
		if (v >= 2147483648) return 0x7fffffff;
		if (v < -2147483648) return -0x80000000;
		return Math.trunc(v) | 0;
	}
	if (v >= 4294967296) return -1;
	if (v <= -1) return 0;
	return Math.trunc(v) | 0;
}

export function i64ToF64(lo: number, hi: number, signed: boolean): number {
	return (signed ? hi : hi >>> 0) * TWO32 + (lo >>> 0);
}

/**
 * i64 → f32 with one rounding. Going through f64 would round twice, so a value wider than 53 bits is
 * first cut to 53 bits with the cut-off bits ORed into the lowest kept bit (round to odd), which
 * makes the second rounding exact.
 */
export function i64ToF32(lo: number, hi: number, signed: boolean): number {
	const negative = signed && hi < 0;
	let m = toBigU(lo, hi);
	if (negative) m = (1n << 64n) - m;
	const bits = m.toString(2).length;
	if (bits > 53) {
		const shift = BigInt(bits - 53);
		let t = m >> shift;
		if ((m & ((1n << shift) - 1n)) !== 0n) t |= 1n;
		m = t << shift;
	}
	const v = Math.fround(Number(m));
	return negative ? -v : v;
}
