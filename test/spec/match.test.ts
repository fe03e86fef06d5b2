import {describe, expect, it} from 'vitest';
import {bytesFromLanes} from './lanes.js';
import {isNanOfClass, matchesExpected} from './match.js';

describe('NaN classes', () => {
	it('canonical: quiet bit only, either sign', () => {
		expect(isNanOfClass(0x7fc0_0000n, 32, 'nan:canonical')).toBe(true);
		expect(isNanOfClass(0xffc0_0000n, 32, 'nan:canonical')).toBe(true);
		expect(isNanOfClass(0x7fc0_0001n, 32, 'nan:canonical')).toBe(false);
		expect(isNanOfClass(0x7fa0_0000n, 32, 'nan:canonical')).toBe(false);
		expect(isNanOfClass(0x7ff8_0000_0000_0000n, 64, 'nan:canonical')).toBe(true);
		expect(isNanOfClass(0xfff8_0000_0000_0000n, 64, 'nan:canonical')).toBe(true);
		expect(isNanOfClass(0x7ff8_0000_0000_0001n, 64, 'nan:canonical')).toBe(false);
	});

	it('arithmetic: quiet bit set, any payload, either sign; signalling NaNs and infinities are not', () => {
		expect(isNanOfClass(0x7fc0_0001n, 32, 'nan:arithmetic')).toBe(true);
		expect(isNanOfClass(0xffff_ffffn, 32, 'nan:arithmetic')).toBe(true);
		expect(isNanOfClass(0x7fa0_0000n, 32, 'nan:arithmetic')).toBe(false);
		expect(isNanOfClass(0x7f80_0000n, 32, 'nan:arithmetic')).toBe(false);
		expect(isNanOfClass(0x3fc0_0000n, 32, 'nan:arithmetic')).toBe(false);
		expect(isNanOfClass(0x7ffc_0000_0000_0000n, 64, 'nan:arithmetic')).toBe(true);
		expect(isNanOfClass(0x7ff4_0000_0000_0000n, 64, 'nan:arithmetic')).toBe(false);
		expect(isNanOfClass(0x7ff0_0000_0000_0000n, 64, 'nan:arithmetic')).toBe(false);
		// An f32 quiet-NaN pattern inside an f64 is an ordinary number.
		expect(isNanOfClass(0x7fc0_0000n, 64, 'nan:arithmetic')).toBe(false);
	});
});

describe('matchesExpected', () => {
	it('compares floats by exact bits: a quieted signalling NaN does not match', () => {
		expect(matchesExpected({type: 'f32', pattern: 0x7fa0_0000n}, {type: 'f32', bits: 0x7fa0_0000})).toBe(true);
		expect(matchesExpected({type: 'f32', pattern: 0x7fa0_0000n}, {type: 'f32', bits: 0x7fe0_0000})).toBe(false);
		expect(matchesExpected({type: 'f64', pattern: 0n}, {type: 'f64', bits: 0x8000_0000_0000_0000n})).toBe(false);
	});

	it('compares i64 beyond 2^53 exactly', () => {
		expect(matchesExpected({type: 'i64', pattern: 0xffff_ffff_ffff_ffffn}, {type: 'i64', bits: 0xffff_ffff_ffff_fffen})).toBe(false);
		expect(matchesExpected({type: 'i64', pattern: 0xffff_ffff_ffff_ffffn}, {type: 'i64', bits: 0xffff_ffff_ffff_ffffn})).toBe(true);
	});

	it('requires the same type', () => {
		expect(matchesExpected({type: 'i32', pattern: 0n}, {type: 'f32', bits: 0})).toBe(false);
		expect(matchesExpected({type: 'f32', pattern: 'nan:canonical'}, {type: 'f64', bits: 0x7ff8_0000_0000_0000n})).toBe(false);
	});

	it('matches v128 lane by lane, NaN classes per float lane', () => {
		const got = {type: 'v128', bytes: bytesFromLanes('f32', [0xffc0_0000n, 0x3f80_0000n, 0x7fc0_0001n, 0n])} as const;
		expect(matchesExpected({type: 'v128', laneType: 'f32', lanes: ['nan:canonical', 0x3f80_0000n, 'nan:arithmetic', 0n]}, got)).toBe(true);
		expect(matchesExpected({type: 'v128', laneType: 'f32', lanes: ['nan:canonical', 0x3f80_0000n, 'nan:canonical', 0n]}, got)).toBe(false);
		expect(matchesExpected({type: 'v128', laneType: 'i32', lanes: [0xffc0_0000n, 0x3f80_0000n, 0x7fc0_0001n, 1n]}, got)).toBe(false);
	});

	it('matches references by null-ness and number', () => {
		expect(matchesExpected({type: 'externref', ref: 3}, {type: 'externref', ref: 3})).toBe(true);
		expect(matchesExpected({type: 'externref', ref: 3}, {type: 'externref', ref: 4})).toBe(false);
		expect(matchesExpected({type: 'externref', ref: null}, {type: 'externref', ref: 0})).toBe(false);
		expect(matchesExpected({type: 'funcref', ref: null}, {type: 'externref', ref: null})).toBe(false);
	});
});
