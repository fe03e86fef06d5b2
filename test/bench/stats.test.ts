import {describe, expect, it} from 'vitest';
import {pairedRatios, ratio, summarise} from './stats.js';

describe('summarise', () => {
	it('takes the middle value of an odd count, whatever the input order', () => {
		expect(summarise([9, 1, 5, 3, 7])).toEqual({median: 5, min: 1, max: 9});
	});

	it('averages the two middle values of an even count', () => {
		expect(summarise([4, 1, 10, 2])).toEqual({median: 3, min: 1, max: 10});
	});

	it('handles a single sample and does not reorder the caller’s array', () => {
		const samples = [3, 1, 2];
		expect(summarise([42])).toEqual({median: 42, min: 42, max: 42});
		summarise(samples);
		expect(samples).toEqual([3, 1, 2]);
	});

	it('refuses zero samples', () => {
		expect(() => summarise([])).toThrow(RangeError);
	});
});

describe('ratio', () => {
	it('divides by the baseline', () => {
		expect(ratio(30, 12)).toBe(2.5);
		expect(ratio(6, 12)).toBe(0.5);
	});

	it('is undefined without a usable baseline', () => {
		expect(ratio(30, undefined)).toBeUndefined();
		expect(ratio(undefined, 12)).toBeUndefined();
		expect(ratio(30, 0)).toBeUndefined();
	});
});

describe('pairedRatios', () => {
	it('divides run by run and summarises the ratios', () => {
		expect(pairedRatios([110, 120, 99], [100, 100, 90])).toEqual({median: 1.1, min: 1.1, max: 1.2});
	});

	it('pairs only the runs both lists have, and skips runs without a usable baseline', () => {
		expect(pairedRatios([10, 20, 30], [5, 0])).toEqual({median: 2, min: 2, max: 2});
		expect(pairedRatios([10], [])).toBeUndefined();
	});
});
