import {Box, Text} from 'ink';
import {CELL_DATA, CELL_READ, CELL_WRITTEN, type MemoryMapView, type ProcessView} from '../../kernel/kernel.js';
import {fit, shortBytes} from '../format.js';
import {glyphs, paint, PID_COLORS, useTheme, type Glyphs} from '../theme.js';
import {Pane} from './Pane.js';
import {pidLetter} from './Timeline.js';

export interface MemoryMapProps {
	/** The selected process, or null. */
	readonly process: ProcessView | null;
	/** Its memory cell by cell (kernel.memoryMap), or null. */
	readonly map: MemoryMapView | null;
	/** Every process, for the machine-wide bar. */
	readonly processes: readonly ProcessView[];
	readonly width: number;
	readonly height: number;
}

const PAGE = 65_536;

type CellKind = 'written' | 'read' | 'data' | 'untouched';

const KIND_COLORS: Readonly<Record<CellKind, string | null>> = {written: 'yellow', read: 'cyan', data: 'magenta', untouched: null};

/** What a run of cells shows: the strongest mark among them (written, then read, then data). */
export function cellKind(cells: Uint8Array, from: number, to: number): CellKind {
	let bits = 0;
	for (let c = from; c < to; c++) bits |= cells[c];
	return bits & CELL_WRITTEN ? 'written' : bits & CELL_READ ? 'read' : bits & CELL_DATA ? 'data' : 'untouched';
}

/** The grid: `rows` lines of `columns` glyphs, each standing for `per` cells of the map. */
export function memoryGrid(cells: Uint8Array, columns: number, rows: number): {per: number; lines: CellKind[][]} {
	const per = Math.max(1, Math.ceil(cells.length / Math.max(1, columns * rows)));
	const glyphCount = Math.ceil(cells.length / per);
	const lines: CellKind[][] = [];
	for (let start = 0; start < glyphCount; start += columns) {
		const line: CellKind[] = [];
		for (let k = start; k < Math.min(glyphCount, start + columns); k++) line.push(cellKind(cells, k * per, Math.min(cells.length, (k + 1) * per)));
		lines.push(line);
	}
	return {per, lines};
}

/** The machine's memory in `width` characters: each process's share as a run of its timeline letter. */
export function machineBar(processes: readonly ProcessView[], width: number): Array<{pid: number; text: string}> {
	const holders = processes.filter(p => p.memory.pages > 0);
	const total = holders.reduce((sum, p) => sum + p.memory.pages, 0);
	if (total === 0 || width <= 0) return [];
	// Every holder gets at least one character; the rest is shared in proportion to pages.
	const spare = Math.max(0, width - holders.length);
	let used = 0;
	return holders.map((p, k) => {
		const count = k === holders.length - 1 ? Math.max(1, Math.min(width - used, 1 + spare)) : 1 + Math.floor((spare * p.memory.pages) / total);
		used += count;
		return {pid: p.pid, text: pidLetter(p.pid).repeat(Math.max(0, count))};
	});
}

function glyphOf(g: Glyphs, kind: CellKind): string {
	return g[kind];
}

/**
 * The selected process's linear memory as a grid of cells (4 KiB each, or more per glyph when the
 * memory does not fit): written, read, holding a data segment, untouched — live while it is
 * selected (the kernel watches that process only). Above: its size and cap; below: the machine's
 * memory, a run of each process's letter (as in the timeline) in proportion to its pages.
 */
export function MemoryMap({process, map, processes, width, height}: MemoryMapProps) {
	const theme = useTheme();
	const g = glyphs(theme);
	const inner = width - 2;
	const rows = height - 2;
	const title = process === null ? 'Memory' : `Memory pid ${process.pid}`;
	const total = processes.reduce((sum, p) => sum + p.memory.pages, 0);
	const barLabel = `all ${shortBytes(total * PAGE)} `;
	const bar = machineBar(processes, inner - barLabel.length);
	const barLine = (
		<Text wrap="truncate">
			<Text dimColor>{barLabel}</Text>
			{bar.map(({pid, text}) => (
				<Text key={pid} color={paint(theme, PID_COLORS[pid % PID_COLORS.length])} inverse={pid === process?.pid}>
					{text}
				</Text>
			))}
		</Text>
	);
	if (process === null || map === null) {
		return (
			<Pane title={title} width={width} height={height}>
				<Text dimColor>{fit('no process selected', inner)}</Text>
				{rows > 1 ? barLine : null}
			</Pane>
		);
	}
	const legend = `${g.written}write ${g.read}read ${g.data}data ${g.untouched}none`;
	const showLegend = rows >= 6 && [...legend].length <= inner;
	const gridRows = Math.max(1, rows - 2 - (showLegend ? 1 : 0));
	const {per, lines} = memoryGrid(map.cells, inner, gridRows);
	const size = `${shortBytes(map.pages * PAGE)} of ${shortBytes(map.capPages * PAGE)} cap${map.peakPages > map.pages ? `, peak ${shortBytes(map.peakPages * PAGE)}` : ''}`;
	const cell = `${theme.ascii ? ',' : ' ·'} ${shortBytes(per * map.cellBytes)}/cell`;
	const summary = size.length + cell.length <= inner ? size + cell : size;
	return (
		<Pane title={title} width={width} height={height}>
			<Text wrap="truncate">{fit(summary, inner)}</Text>
			<Box flexDirection="column" height={gridRows}>
				{lines.length === 0 ? <Text dimColor>{fit('no linear memory', inner)}</Text> : null}
				{lines.slice(0, gridRows).map((line, r) => (
					<Text key={r} wrap="truncate">
						{runs(line).map(({kind, count}, k) => {
							const color = KIND_COLORS[kind];
							const text = glyphOf(g, kind).repeat(count);
							return color === null ? (
								<Text key={k} dimColor>
									{text}
								</Text>
							) : (
								<Text key={k} color={paint(theme, color)}>
									{text}
								</Text>
							);
						})}
					</Text>
				))}
			</Box>
			{showLegend ? (
				<Text dimColor wrap="truncate">
					{legend}
				</Text>
			) : null}
			{barLine}
		</Pane>
	);
}

/** A line of cells as runs of one kind (fewer Text nodes to draw). */
function runs(line: readonly CellKind[]): Array<{kind: CellKind; count: number}> {
	const out: Array<{kind: CellKind; count: number}> = [];
	for (const kind of line) {
		const last = out.at(-1);
		if (last !== undefined && last.kind === kind) last.count++;
		else out.push({kind, count: 1});
	}
	return out;
}
