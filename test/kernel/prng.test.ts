/* The seeded PRNG and the virtual clock's text. */

import {describe, expect, it} from 'vitest';
import {formatTicks} from '../../source/kernel/clock.js';
import {Prng} from '../../source/kernel/prng.js';

describe('the PRNG', () => {
	it('gives the same stream for the same seed, another for another seed', () => {
		const draw = (seed: number) => {
			const prng = new Prng(seed);
			return Array.from({length: 5}, () => prng.next());
		};
		expect(draw(1)).toEqual(draw(1));
		expect(draw(1)).not.toEqual(draw(2));
		expect(draw(0).every(n => Number.isInteger(n) && n >= 0 && n < 2 ** 32)).toBe(true);
	});

	it('keeps its whole state in four numbers: a copy continues the same stream', () => {
		const a = new Prng(42);
		a.next();
		const b = new Prng(0);
		b.state = [...a.state];
		expect(b.next()).toBe(a.next());
	});

	it('draws integers below n without bias, and fills bytes', () => {
		const prng = new Prng(3);
		const counts = [0, 0, 0];
		for (let k = 0; k < 3000; k++) counts[prng.below(3)]++;
		for (const c of counts) expect(c).toBeGreaterThan(900);
		const bytes = new Uint8Array(7);
		prng.fill(bytes);
		expect(bytes.some(b => b !== 0)).toBe(true);
	});
});

describe('virtual time', () => {
	it.each([
		[999, '999 ns'],
		[1_500, '1.5 µs'],
		[5_000_000, '5 ms'],
		[2_500_000_000, '2.5 s'],
	])('%i ticks read as %s', (ticks, text) => {
		expect(formatTicks(ticks)).toBe(text);
	});
});
