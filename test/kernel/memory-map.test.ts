/* kernel.watchMemory / memoryMap: which 4 KiB cells a process reads and writes, for the memory pane. */

import {describe, expect, it} from 'vitest';
import {CELL_BYTES, CELL_DATA, CELL_READ, CELL_WRITTEN, KernelError, loadProgram} from '../../source/kernel/kernel.js';
import {assemble, machine} from './helpers.js';

/** Two pages; data segments in cells 3 and 16; reads cell 5, writes cell 9, then loops. */
const TOUCHER = `(module
  (memory 2)
  (data (i32.const 12288) "hello")
  (data (i32.const 65536) "x")
  (func (export "_start")
    (drop (i32.load (i32.const 20480)))
    (i32.store (i32.const 36864) (i32.const 7))
    (loop $l (br $l))))`;

async function toucher() {
	const kernel = machine();
	const pid = kernel.spawn({program: loadProgram(await assemble(TOUCHER), 'toucher')});
	return {kernel, pid};
}

describe('the memory map view', () => {
	it('marks data segments, and reads and writes only while watched', async () => {
		const {kernel, pid} = await toucher();
		const before = kernel.memoryMap(pid)!;
		expect(before.cellBytes).toBe(CELL_BYTES);
		expect(before.cells.length).toBe((2 * 65536) / CELL_BYTES);
		expect(before.watching).toBe(false);
		expect(before.cells[3]).toBe(CELL_DATA);
		expect(before.cells[16]).toBe(CELL_DATA);
		expect([...before.cells].filter(c => c !== 0)).toHaveLength(2);

		kernel.watchMemory(pid, true);
		kernel.tick(100);
		const map = kernel.memoryMap(pid)!;
		expect(map.watching).toBe(true);
		expect(map.cells[5]).toBe(CELL_READ);
		expect(map.cells[9]).toBe(CELL_WRITTEN);
		expect(map.cells[3]).toBe(CELL_DATA);
		expect({pages: map.pages, capPages: map.capPages}).toEqual({pages: 2, capPages: kernel.process(pid)!.memory.capPages});

		kernel.watchMemory(pid, false);
		expect(kernel.memoryMap(pid)!.cells[9]).toBe(0);
	});

	it('is a copy: changing it changes nothing, and an unwatched run records nothing', async () => {
		const {kernel, pid} = await toucher();
		kernel.tick(100);
		const map = kernel.memoryMap(pid)!;
		expect(map.cells[9]).toBe(0);
		map.cells[9] = CELL_WRITTEN;
		expect(kernel.memoryMap(pid)!.cells[9]).toBe(0);
	});

	it('watching a second time keeps what was recorded; unknown pids are refused or null', async () => {
		const {kernel, pid} = await toucher();
		kernel.watchMemory(pid, true);
		kernel.tick(100);
		kernel.watchMemory(pid, true);
		expect(kernel.memoryMap(pid)!.cells[9]).toBe(CELL_WRITTEN);
		expect(() => kernel.watchMemory(99, true)).toThrow(KernelError);
		expect(kernel.memoryMap(99)).toBeNull();
	});
});
