/* The throughput chart: braille, sparkline and ASCII forms of the same history. */

import {describe, expect, it} from 'vitest';
import {asciiChart, brailleChart, sparkChart} from '../../source/tui/charts.js';

describe('charts', () => {
	it('braille: one dot column per value, filled from the bottom, newest at the right', () => {
		const lines = brailleChart([0, 0, 100, 100], 4, 2, 100);
		expect(lines).toHaveLength(2);
		for (const text of lines) expect([...text]).toHaveLength(4);
		// Two values fill the rightmost character of both rows completely (8 dots: U+28FF); the left is blank.
		expect(lines.map(l => l.at(-1))).toEqual(['⣿', '⣿']);
		expect(lines.map(l => l[0])).toEqual(['⠀', '⠀']);
		// Half the maximum fills the bottom row only.
		const half = brailleChart([50, 50], 1, 2, 100);
		expect(half).toEqual(['⠀', '⣿']);
	});

	it('sparkline: one block per value, padded on the left', () => {
		expect(sparkChart([0, 50, 100], 5, 100)).toBe('  ▁▄█');
		expect(sparkChart([], 3, 0)).toBe('   ');
	});

	it('ASCII: no braille or block characters', () => {
		const lines = asciiChart([0, 30, 100], 4, 2, 100);
		expect(lines).toEqual(['   |', '  :|']);
		for (const text of lines) expect(text).toMatch(/^[ .:|]*$/);
	});
});
