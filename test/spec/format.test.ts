import {describe, expect, it} from 'vitest';
import {formatExpected, formatValue} from './format.js';
import {bytesFromLanes} from './lanes.js';

describe('failure text', () => {
	it('shows integers in hex and decimal, signed too when negative', () => {
		expect(formatValue({type: 'i32', bits: 42})).toBe('i32 0x2a (42)');
		expect(formatValue({type: 'i32', bits: 0xffffffff})).toBe('i32 0xffffffff (4294967295, -1)');
		expect(formatValue({type: 'i64', bits: 0x8000_0000_0000_0000n})).toBe('i64 0x8000000000000000 (9223372036854775808, -9223372036854775808)');
	});

	it('shows floats as value and bits, NaNs with sign and payload', () => {
		expect(formatValue({type: 'f32', bits: 0x3fc0_0000})).toBe('f32 1.5 (0x3fc00000)');
		expect(formatValue({type: 'f32', bits: 0x8000_0000})).toBe('f32 -0 (0x80000000)');
		expect(formatValue({type: 'f32', bits: 0xff80_0000})).toBe('f32 -inf (0xff800000)');
		expect(formatValue({type: 'f32', bits: 0x7fa0_0000})).toBe('f32 nan:0x200000 (0x7fa00000)');
		expect(formatValue({type: 'f64', bits: 0xfff8_0000_0000_0001n})).toBe('f64 -nan:0x8000000000001 (0xfff8000000000001)');
		expect(formatExpected({type: 'f64', pattern: 'nan:arithmetic'})).toBe('f64 nan:arithmetic');
	});

	it('shows v128 in the expected lane shape', () => {
		const bytes = bytesFromLanes('i16', [1n, 2n, 3n, 4n, 5n, 6n, 7n, 0xffffn]);
		expect(formatValue({type: 'v128', bytes}, 'i16')).toBe('v128 i16x8 [0x1 0x2 0x3 0x4 0x5 0x6 0x7 0xffff]');
		expect(formatExpected({type: 'v128', laneType: 'f32', lanes: ['nan:canonical', 0x3f80_0000n, 0n, 0n]})).toBe(
			'v128 f32x4 [nan:canonical 1 (0x3f800000) 0 (0x0) 0 (0x0)]',
		);
	});

	it('shows references', () => {
		expect(formatValue({type: 'externref', ref: 7})).toBe('externref 7');
		expect(formatValue({type: 'funcref', ref: null})).toBe('funcref null');
	});
});
