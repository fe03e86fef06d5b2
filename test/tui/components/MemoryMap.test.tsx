/* The memory pane from made-up views: cells by kind, scaling, size and cap, the machine-wide bar, ASCII. */

import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CELL_DATA, CELL_READ, CELL_WRITTEN} from '../../../source/kernel/kernel.js';
import {machineBar, MemoryMap, memoryGrid} from '../../../source/tui/components/MemoryMap.js';
import {ThemeContext} from '../../../source/tui/theme.js';
import {fakeMemoryMap, fakeProcess} from '../helpers.js';

const ascii = {color: false, ascii: true};

describe('the memory map', () => {
	it('shows each 4 KiB cell as written, read, data or untouched, with size and cap', () => {
		const process = fakeProcess({pid: 2, memory: {pages: 1, peakPages: 1, capPages: 4096}});
		const map = fakeMemoryMap(2, 1, {0: CELL_WRITTEN | CELL_READ, 1: CELL_READ, 2: CELL_DATA, 3: CELL_DATA | CELL_READ});
		const {lastFrame} = render(
			<ThemeContext.Provider value={ascii}>
				<MemoryMap process={process} map={map} processes={[process]} width={30} height={10} />
			</ThemeContext.Provider>,
		);
		const frame = lastFrame()!;
		expect(frame).toContain('Memory pid 2');
		expect(frame).toContain('64K of 256M cap, 4K/cell');
		expect(frame).not.toMatch(/[^\x00-\x7f]/);
		// 16 cells of one page: w r d r, then untouched.
		expect(frame).toContain(`wrdr${'.'.repeat(12)}`);
		expect(frame).toContain('wwrite rread ddata .none');
		expect(frame).toMatch(/all 64K B+/);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(30);
	});

	it('puts several cells in one glyph when the memory does not fit, the strongest mark winning', () => {
		const cells = new Uint8Array(64);
		cells[5] = CELL_READ;
		cells[6] = CELL_WRITTEN;
		cells[40] = CELL_DATA;
		const {per, lines} = memoryGrid(cells, 8, 2);
		expect(per).toBe(4);
		expect(lines.flat()).toHaveLength(16);
		expect(lines.flat()[1]).toBe('written');
		expect(lines.flat()[10]).toBe('data');
		expect(lines.flat()[0]).toBe('untouched');
	});

	it('shows every process in the machine-wide bar in proportion to its memory, at least one character each', () => {
		const bar = machineBar([fakeProcess({pid: 1, memory: {pages: 0, peakPages: 0, capPages: 1}}), fakeProcess({pid: 2, memory: {pages: 30, peakPages: 30, capPages: 99}}), fakeProcess({pid: 3, memory: {pages: 1, peakPages: 1, capPages: 99}})], 20);
		expect(bar.map(b => b.pid)).toEqual([2, 3]);
		expect(bar.map(b => b.text).join('')).toHaveLength(20);
		expect(bar[0].text).toMatch(/^B{18,19}$/);
		expect(bar[1].text.length).toBeGreaterThanOrEqual(1);
	});

	it('says when nothing is selected, and fits the compact size (26×5)', () => {
		const none = render(<MemoryMap process={null} map={null} processes={[]} width={26} height={5} />).lastFrame()!;
		expect(none).toContain('no process selected');
		const process = fakeProcess({pid: 7, memory: {pages: 8, peakPages: 8, capPages: 4096}});
		const small = render(<MemoryMap process={process} map={fakeMemoryMap(7, 8, {0: CELL_WRITTEN})} processes={[process]} width={26} height={5} />).lastFrame()!;
		expect(small.split('\n')).toHaveLength(5);
		expect(small).toContain('512K of 256M cap');
		expect(small).toMatch(/█/);
		expect(small).toMatch(/all 512K G+/);
	});
});
