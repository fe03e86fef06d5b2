import {describe, expect, it} from 'vitest';
import {bytesFromLanes, readLane} from './lanes.js';
import {TestDataError, parseArg, parseExpected} from './values.js';

describe('parseArg: JSON values to exact bits', () => {
	it('reads i32 as an unsigned bit pattern', () => {
		expect(parseArg({type: 'i32', value: '4294967295'})).toEqual({type: 'i32', bits: 0xffffffff});
		expect(parseArg({type: 'i32', value: '0'})).toEqual({type: 'i32', bits: 0});
	});

	it('reads i64 beyond 2^53 exactly, as a bigint', () => {
		expect(parseArg({type: 'i64', value: '18446744073709551615'})).toEqual({type: 'i64', bits: 0xffff_ffff_ffff_ffffn});
		expect(parseArg({type: 'i64', value: '9007199254740993'})).toEqual({type: 'i64', bits: 9007199254740993n});
	});

	it('reads floats as bit patterns, signalling NaNs included', () => {
		expect(parseArg({type: 'f32', value: '1065353216'})).toEqual({type: 'f32', bits: 0x3f80_0000});
		expect(parseArg({type: 'f32', value: '2141192192'})).toEqual({type: 'f32', bits: 0x7fa0_0000});
		expect(parseArg({type: 'f64', value: '18443366373989023744'})).toEqual({type: 'f64', bits: 0xfff4_0000_0000_0000n});
	});

	it('lays v128 lanes out little-endian, lane 0 first', () => {
		const i16 = parseArg({type: 'v128', lane_type: 'i16', value: ['258', '0', '0', '0', '0', '0', '0', '65535']});
		expect(i16.type === 'v128' && [...i16.bytes]).toEqual([2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 255, 255]);
		const i64 = parseArg({type: 'v128', lane_type: 'i64', value: ['1', '18446744073709551615']});
		expect(i64.type === 'v128' && [...i64.bytes]).toEqual([1, 0, 0, 0, 0, 0, 0, 0, ...Array(8).fill(255)]);
		const f32 = parseArg({type: 'v128', lane_type: 'f32', value: ['2141192192', '0', '0', '1065353216']});
		expect(f32.type === 'v128' && [...f32.bytes.subarray(0, 4)]).toEqual([0x00, 0x00, 0xa0, 0x7f]);
		const i8 = parseArg({type: 'v128', lane_type: 'i8', value: Array.from({length: 16}, (_, index) => String(index * 16))});
		expect(i8.type === 'v128' && [...i8.bytes]).toEqual(Array.from({length: 16}, (_, index) => index * 16));
	});

	it('reads references: null or a host reference number', () => {
		expect(parseArg({type: 'externref', value: 'null'})).toEqual({type: 'externref', ref: null});
		expect(parseArg({type: 'externref', value: '137'})).toEqual({type: 'externref', ref: 137});
		expect(parseArg({type: 'funcref', value: 'null'})).toEqual({type: 'funcref', ref: null});
	});

	it('refuses malformed test data', () => {
		expect(() => parseArg({type: 'i32', value: '4294967296'})).toThrow(TestDataError);
		expect(() => parseArg({type: 'i32', value: '-1'})).toThrow(TestDataError);
		expect(() => parseArg({type: 'f32', value: 'nan:canonical'})).toThrow(TestDataError);
		expect(() => parseArg({type: 'v128', lane_type: 'i32', value: ['1', '2']})).toThrow(/4 lanes/);
		expect(() => parseArg({type: 'v128', lane_type: 'i8', value: Array(16).fill('256')})).toThrow(/8 bits/);
		expect(() => parseArg({type: 'f128', value: '0'})).toThrow(/unknown value type/);
	});
});

describe('parseExpected: result patterns', () => {
	it('keeps NaN classes for floats and float lanes only', () => {
		expect(parseExpected({type: 'f32', value: 'nan:canonical'})).toEqual({type: 'f32', pattern: 'nan:canonical'});
		expect(parseExpected({type: 'f64', value: 'nan:arithmetic'})).toEqual({type: 'f64', pattern: 'nan:arithmetic'});
		expect(parseExpected({type: 'v128', lane_type: 'f64', value: ['nan:canonical', '0']})).toEqual({
			type: 'v128',
			laneType: 'f64',
			lanes: ['nan:canonical', 0n],
		});
		expect(() => parseExpected({type: 'i32', value: 'nan:canonical'})).toThrow(TestDataError);
		expect(() => parseExpected({type: 'v128', lane_type: 'i32', value: ['nan:canonical', '0', '0', '0']})).toThrow(TestDataError);
	});

	it('keeps exact bits as bigints', () => {
		expect(parseExpected({type: 'i32', value: '4294967295'})).toEqual({type: 'i32', pattern: 0xffffffffn});
		expect(parseExpected({type: 'f32', value: '2141192192'})).toEqual({type: 'f32', pattern: 0x7fa00000n});
	});
});

describe('lanes', () => {
	it('round-trips lane bits through bytes for every shape', () => {
		const lanes = [0x0123_4567_89ab_cdefn, 0xfedc_ba98_7654_3210n];
		const bytes = bytesFromLanes('i64', lanes);
		expect([readLane(bytes, 'i64', 0), readLane(bytes, 'i64', 1)]).toEqual(lanes);
		expect(readLane(bytes, 'i32', 0)).toBe(0x89ab_cdefn);
		expect(readLane(bytes, 'i16', 7)).toBe(0xfedcn);
		expect(readLane(bytes, 'i8', 0)).toBe(0xefn);
	});
});
