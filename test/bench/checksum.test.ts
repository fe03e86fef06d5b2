import {describe, expect, it} from 'vitest';
import {checksumProblems, resultBits} from './checksum.js';

describe('resultBits', () => {
	it('maps signed and unsigned spellings of the same i32 to the same bits', () => {
		expect(resultBits('i32', -1)).toBe(0xffffffffn);
		expect(resultBits('i32', 0xffffffff)).toBe(0xffffffffn);
		expect(resultBits('i32', 3524578)).toBe(3524578n);
	});

	it('maps a negative i64 to its two’s-complement bits', () => {
		expect(resultBits('i64', -1n)).toBe(2n ** 64n - 1n);
		expect(resultBits('i64', 571655315688n)).toBe(571655315688n);
	});

	it('rejects a value of the wrong JS type or out of range', () => {
		expect(() => resultBits('i32', 5n)).toThrow(/i32/);
		expect(() => resultBits('i32', 1.5)).toThrow(/i32/);
		expect(() => resultBits('i32', 2 ** 32)).toThrow(/i32/);
		expect(() => resultBits('i64', 5)).toThrow(/i64/);
		expect(() => resultBits('i64', 2n ** 64n)).toThrow(/i64/);
	});
});

describe('checksumProblems', () => {
	it('finds nothing when every engine returned the expected value every time', () => {
		expect(
			checksumProblems('fib', 7n, [
				{engine: 'node', bits: [7n, 7n, 7n]},
				{engine: 'wasmos', bits: [7n, 7n]},
			]),
		).toEqual([]);
	});

	it('names the engine and the wrong value when one call returned something else', () => {
		const problems = checksumProblems('fib', 7n, [
			{engine: 'node', bits: [7n, 7n]},
			{engine: 'wasmos', bits: [7n, 8n]},
		]);
		expect(problems).toContain('fib: wasmos returned 8 (expected 7)');
		expect(problems).toContain('fib: engines disagree: node → 7; wasmos → 7, 8');
	});

	it('reports engines that agree with each other but not with the expected checksum', () => {
		const problems = checksumProblems('sort', 1n, [
			{engine: 'node', bits: [2n]},
			{engine: 'wasmos', bits: [2n]},
		]);
		expect(problems).toEqual(['sort: node returned 2 (expected 1)', 'sort: wasmos returned 2 (expected 1)']);
	});
});
