/**
 * Comparing a result with its expected pattern: integers and floats by exact bits, `nan:canonical` and
 * `nan:arithmetic` by NaN class, v128 lane by lane (each float lane may be a NaN class), references by
 * null-ness and host reference number.
 */
import type {Value} from './engine.js';
import {readLane} from './lanes.js';
import type {Expected, NanPattern, ScalarPattern} from './values.js';

/** The sign bit, the exponent field and the quiet (top significand) bit of f32 and f64. */
const FLOAT_FIELDS = {
	32: {sign: 0x8000_0000n, exponent: 0x7f80_0000n, quiet: 0x0040_0000n},
	64: {sign: 0x8000_0000_0000_0000n, exponent: 0x7ff0_0000_0000_0000n, quiet: 0x0008_0000_0000_0000n},
} as const;

/**
 * Whether float bits of `width` belong to a NaN class. Canonical: exponent all ones and only the quiet
 * bit of the significand set, either sign. Arithmetic: exponent all ones and the quiet bit set, any payload.
 */
export function isNanOfClass(bits: bigint, width: 32 | 64, pattern: NanPattern): boolean {
	const {sign, exponent, quiet} = FLOAT_FIELDS[width];
	const signless = bits & ~sign;
	if (pattern === 'nan:canonical') return signless === (exponent | quiet);
	return (signless & (exponent | quiet)) === (exponent | quiet);
}

/** Exact bits, or a NaN class (parseExpected allows classes only for f32/f64 values and lanes). */
function matchesScalar(pattern: ScalarPattern, bits: bigint, width: 32 | 64): boolean {
	return typeof pattern === 'bigint' ? pattern === bits : isNanOfClass(bits, width, pattern);
}

export function matchesExpected(expected: Expected, got: Value): boolean {
	switch (expected.type) {
		case 'i32':
		case 'i64':
		case 'f32':
		case 'f64':
			return got.type === expected.type && matchesScalar(expected.pattern, BigInt(got.bits), expected.type.endsWith('32') ? 32 : 64);
		case 'v128': {
			if (got.type !== 'v128') return false;
			const width = expected.laneType === 'f32' ? 32 : 64;
			return expected.lanes.every((lane, index) => matchesScalar(lane, readLane(got.bytes, expected.laneType, index), width));
		}
		case 'funcref':
		case 'externref':
			return got.type === expected.type && got.ref === expected.ref;
	}
}
