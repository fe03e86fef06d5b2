import {describe, expect, it} from 'vitest';
import {interleave} from './schedule.js';

describe('interleave', () => {
	it('alternates the engines within every run (A B A B ...)', () => {
		const order = interleave(['A', 'B'], 3).map(({run, engine}) => `${engine}${run}`);
		expect(order).toEqual(['A0', 'B0', 'A1', 'B1', 'A2', 'B2']);
	});

	it('gives every engine exactly one slot per run', () => {
		const slots = interleave(['node', 'wasmos', 'wasm-interp'], 4);
		expect(slots).toHaveLength(12);
		for (const engine of ['node', 'wasmos', 'wasm-interp']) {
			expect(slots.filter((slot) => slot.engine === engine).map(({run}) => run)).toEqual([0, 1, 2, 3]);
		}
	});
});
