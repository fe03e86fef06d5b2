/*
 * mem PID: a process's linear memory as a text map, one character per 64 KiB page, from the kernel's
 * memory map view (kernel.memoryMap: 4 KiB cells, read/written bits while watched) and its non-zero
 * cells (nonZeroCells), 64 pages (4 MiB) a line with the address of the first.
 */

import {CELL_READ, CELL_WRITTEN, KernelError} from '../../kernel/kernel.js';
import type {Builtin} from '../builtin.js';
import {formatSize} from './control.js';

const PAGE = 65536;
const PER_LINE = 64;

/** The character of one page from its cells' bits and whether any of them holds a non-zero byte. */
function pageChar(bits: number, nonZero: boolean): string {
	if ((bits & CELL_WRITTEN) !== 0) return 'W';
	if ((bits & CELL_READ) !== 0) return 'R';
	return nonZero ? '#' : '.';
}

export const mem: Builtin = {
	name: 'mem',
	usage: 'mem [-w | -W] PID',
	summary: "show a process's linear memory: its size, its cap, and which pages hold data",
	help: [
		'One character per 64 KiB page, 64 to a line after the address of the first: # the page holds',
		'data (a byte that is not zero), . it is all zeros. -w starts watching the process: from then on',
		'a page wasm code has written shows W, one it has only read R (the TUI\'s memory pane watches the',
		'process it shows the same way); -W stops watching. The first line gives the size now, the',
		'largest it has been, and the cap (limits memory) past which memory.grow fails.',
	],
	run: (sh, args, io) => {
		const watch = args.includes('-w') ? true : args.includes('-W') ? false : null;
		const rest = args.filter(a => a !== '-w' && a !== '-W');
		if (rest.length !== 1 || !/^\d+$/.test(rest[0])) {
			io.err(`mem: usage: ${mem.usage}\n`);
			return 2;
		}
		const pid = Number(rest[0]);
		if (watch !== null) {
			try {
				sh.ctx.watchMemory(pid, watch);
			} catch (error) {
				if (!(error instanceof KernelError)) throw error;
				io.err(`mem: ${error.message}\n`);
				return 1;
			}
		}
		const view = sh.ctx.process(pid);
		const map = sh.ctx.memoryMap(pid);
		const nonZero = sh.ctx.nonZeroCells(pid);
		if (view === null || map === null || nonZero === null) {
			io.err(`mem: ${pid}: no such process\n`);
			return 1;
		}
		const {pages, peakPages, capPages} = map;
		io.out(`pid ${pid} ${view.name}: ${pages} pages of 64 KiB (${formatSize(pages * PAGE)}), peak ${peakPages}, cap ${capPages} (${formatSize(capPages * PAGE)})\n`);
		if (pages === 0) {
			io.out(view.state === 'ZOMBIE' ? 'it has ended: its memory is gone\n' : 'it has no linear memory\n');
			return 0;
		}
		const cellsPerPage = PAGE / map.cellBytes;
		const chars: string[] = [];
		let withData = 0;
		let written = 0;
		let read = 0;
		for (let p = 0; p < pages; p++) {
			let bits = 0;
			let any = false;
			for (let c = p * cellsPerPage; c < (p + 1) * cellsPerPage; c++) {
				bits |= map.cells[c] ?? 0;
				any ||= nonZero[c] === 1;
			}
			if (any) withData++;
			if ((bits & CELL_WRITTEN) !== 0) written++;
			else if ((bits & CELL_READ) !== 0) read++;
			chars.push(pageChar(bits, any));
		}
		io.out(`# holds data  . all zeros${map.watching ? '  W written  R read (since watching began)' : ''}\n`);
		for (let at = 0; at < pages; at += PER_LINE) {
			io.out(`0x${(at * PAGE).toString(16).padStart(8, '0')}  ${chars.slice(at, at + PER_LINE).join('')}\n`);
		}
		io.out(`${withData} of ${pages} pages hold data${map.watching ? `; ${written} written, ${read} only read since watching began` : ''}\n`);
		return 0;
	},
};
