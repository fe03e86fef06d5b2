/* Pane sizes fill the terminal exactly, at every size from the minimum up. */

import {describe, expect, it} from 'vitest';
import {layoutFor} from '../../source/tui/layout.js';

describe('the layout', () => {
	it('asks for a larger terminal below 80×24', () => {
		expect(layoutFor(79, 40)).toBeNull();
		expect(layoutFor(120, 23)).toBeNull();
	});

	it('fills rows - 1 lines at 80×24, 120×40 and 200×60', () => {
		for (const [columns, rows] of [[80, 24], [120, 40], [200, 60], [100, 30]]) {
			const layout = layoutFor(columns, rows)!;
			const middle = layout.memoryBeside === 'processes' ? layout.processes.height + layout.timeline.height : layout.processes.height + layout.memory.height;
			expect(2 + middle + layout.log.height + 1).toBe(rows - 1);
			expect(layout.log.width + layout.command.width).toBe(columns);
			expect(layout.processes.height).toBeGreaterThanOrEqual(5);
		}
	});
});
