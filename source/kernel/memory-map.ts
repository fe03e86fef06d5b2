/*
 * The memory map of a process, for a viewer (the TUI's memory pane): its linear memory in 4 KiB
 * cells (the engine's tracking granularity), each saying whether wasm code has read or written it
 * since watching began and whether an active data segment was placed there at start.
 *
 *   watchMemory(proc, true)     page-access tracking on (engine: Memory.trackAccess), a fresh map
 *   memoryMapOf(proc)           → MemoryMapView (views.ts): a copy, plain data
 *   watchMemory(proc, false)    off again: the interpreter stops marking pages
 *
 * Tracking is a view concern, not machine state: the access map lives beside the memory in the
 * engine, costs a few per cent of speed while on (npm run bench:tui measures it), changes nothing a
 * program computes, and is never part of a snapshot (the engine's state export saves the pages, not
 * the map). A restored machine watches nothing until a viewer asks again.
 */

import {PAGE_SHIFT, READ, WRITTEN} from '../wasm/exec/memory.js';
import type {Instance} from '../wasm/exec/instance.js';
import type {Process} from './process.js';
import type {MemoryMapView} from './views.js';

/** Bits of a cell in MemoryMapView.cells. */
export const CELL_READ = READ;
export const CELL_WRITTEN = WRITTEN;
export const CELL_DATA = 4;
/** Bytes per cell. */
export const CELL_BYTES = 1 << PAGE_SHIFT;

/** Turns the watching of `proc`'s memory on (keeping a map already being filled) or off; nothing for a process without memory. */
export function watchMemory(proc: Process, on: boolean): void {
	const memory = proc.exec?.memory ?? null;
	if (memory === null || (memory.access !== null) === on) return;
	memory.trackAccess(on);
}

export function memoryMapOf(proc: Process): MemoryMapView {
	const memory = proc.exec?.memory ?? null;
	const cells = new Uint8Array(memory === null ? 0 : memory.buffer.byteLength >>> PAGE_SHIFT);
	if (memory?.access != null) cells.set(memory.access.subarray(0, cells.length));
	if (proc.exec !== null) markDataSegments(proc.exec.instance, cells);
	return {
		pid: proc.pid,
		cellBytes: CELL_BYTES,
		pages: proc.pages(),
		peakPages: proc.peakPages,
		capPages: proc.capPages(),
		watching: memory?.access != null,
		cells,
	};
}

/** Marks the cells that memory 0's active data segments were copied to at instantiation. */
function markDataSegments(instance: Instance, cells: Uint8Array): void {
	for (const seg of instance.module.datas) {
		if (seg.mode !== 'active' || seg.memory !== 0 || seg.bytes.length === 0 || seg.offsetExpr === null) continue;
		const at = constOffset(seg.offsetExpr.instrs[0]);
		if (at === null) continue;
		const last = Math.min(cells.length - 1, (at + seg.bytes.length - 1) >>> PAGE_SHIFT);
		for (let c = at >>> PAGE_SHIFT; c <= last; c++) cells[c] |= CELL_DATA;
	}
}

/**
 * The offset of an active segment: its constant expression is an i32.const, or a global.get of an
 * imported global, which a process cannot have (the kernel links functions only): null then.
 */
function constOffset(ins: {readonly op: number; readonly a: number}): number | null {
	return ins.op === 0x41 ? ins.a >>> 0 : null;
}
