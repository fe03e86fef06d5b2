import {describe, expect, it} from 'vitest';
import {formatCount, formatDuration, formatRatio, significant} from './format.js';

describe('number formatting', () => {
	it('keeps three significant digits', () => {
		expect(significant(1.2345)).toBe('1.23');
		expect(significant(12.345)).toBe('12.3');
		expect(significant(123.45)).toBe('123');
		expect(significant(12345)).toBe('12345');
	});

	it('picks µs, ms or s for a duration in milliseconds', () => {
		expect(formatDuration(0.451)).toBe('451 µs');
		expect(formatDuration(12.04)).toBe('12.0 ms');
		expect(formatDuration(1790)).toBe('1.79 s');
		expect(formatDuration(undefined)).toBe('–');
	});

	it('writes ratios with a multiplication sign', () => {
		expect(formatRatio(23.44)).toBe('23.4×');
		expect(formatRatio(1)).toBe('1.00×');
		expect(formatRatio(0.05862)).toBe('0.0586×');
		expect(formatRatio(0.2)).toBe('0.200×');
		expect(formatRatio(undefined)).toBe('–');
	});

	it('writes counts with SI prefixes and an optional unit', () => {
		expect(formatCount(123_456_789n)).toBe('123 M');
		expect(formatCount(8.81e9, '/s')).toBe('8.81 G/s');
		expect(formatCount(950, '/s')).toBe('950 /s');
		expect(formatCount(undefined)).toBe('–');
	});
});
