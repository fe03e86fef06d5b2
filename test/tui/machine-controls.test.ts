/* The steps `p`, `[`, `]`, `<` and `>` take. */

import {describe, expect, it} from 'vitest';
import {POLICY_NAMES} from '../../source/kernel/kernel.js';
import {nextPolicy, stepPriority, stepQuantum} from '../../source/tui/machine-controls.js';

describe('machine controls', () => {
	it('cycle through every policy and back', () => {
		let name = 'rr';
		const seen = new Set<string>();
		for (let k = 0; k < POLICY_NAMES.length; k++) seen.add((name = nextPolicy(name)));
		expect(seen).toEqual(new Set(POLICY_NAMES));
		expect(name).toBe('rr');
	});

	it('step the quantum along 1-2-5, from any value, within 1 and 10^8', () => {
		expect(stepQuantum(10_000, 1)).toBe(20_000);
		expect(stepQuantum(20_000, 1)).toBe(50_000);
		expect(stepQuantum(10_000, -1)).toBe(5_000);
		expect(stepQuantum(7_000, 1)).toBe(10_000);
		expect(stepQuantum(7_000, -1)).toBe(5_000);
		expect(stepQuantum(1, -1)).toBe(1);
		expect(stepQuantum(1e8, 1)).toBe(1e8);
	});

	it('renice one level at a time, within -20..19', () => {
		expect(stepPriority(0, -1)).toBe(-1);
		expect(stepPriority(-20, -1)).toBe(-20);
		expect(stepPriority(19, 1)).toBe(19);
	});
});
