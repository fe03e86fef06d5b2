/** Aligned plain-text tables: the benchmark results as a table for stdout. */

import {formatCount, formatDuration, formatRatio} from './format.js';
import type {ResultRow} from './report.js';

export interface Column {
	readonly header: string;
	readonly align: 'left' | 'right';
}

const GAP = '  ';

/** Header, a rule of dashes, then the rows; each column as wide as its widest cell. */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
	const widths = columns.map((column, i) => Math.max(column.header.length, ...rows.map((row) => (row[i] ?? '').length)));
	const line = (cells: readonly string[]) =>
		columns
			.map((column, i) => {
				const cell = cells[i] ?? '';
				return column.align === 'left' ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!);
			})
			.join(GAP)
			.trimEnd();
	const rule = widths.map((width) => '-'.repeat(width)).join(GAP);
	return [line(columns.map(({header}) => header)), rule, ...rows.map(line)].join('\n');
}

/**
 * One line per benchmark and engine. `references`: engines with a "warm ×NAME" column, shown for
 * those that have ratios in `rows` (i.e. were measured).
 */
export function resultTable(rows: readonly ResultRow[], baseline: string, references: readonly string[] = []): string {
	const shown = references.filter((name) => rows.some((row) => row.referenceRatios?.[name] !== undefined));
	const columns: Column[] = [
		{header: 'benchmark', align: 'left'},
		{header: 'engine', align: 'left'},
		{header: 'runs', align: 'right'},
		{header: 'load', align: 'right'},
		{header: 'first call', align: 'right'},
		{header: 'warm median', align: 'right'},
		{header: 'warm min', align: 'right'},
		{header: 'warm max', align: 'right'},
		{header: `warm ×${baseline}`, align: 'right'},
		{header: `first ×${baseline}`, align: 'right'},
		...shown.map((name): Column => ({header: `warm ×${name}`, align: 'right'})),
		{header: 'instructions', align: 'right'},
		{header: 'instr/s', align: 'right'},
		{header: 'checksum', align: 'left'},
	];
	const cells = rows.map((row) => [
		row.benchmark,
		row.engine,
		String(row.runs),
		formatDuration(row.load?.median),
		formatDuration(row.firstCall?.median),
		formatDuration(row.warm?.median),
		formatDuration(row.warm?.min),
		formatDuration(row.warm?.max),
		formatRatio(row.warmRatio),
		formatRatio(row.firstCallRatio),
		...shown.map((name) => formatRatio(row.referenceRatios?.[name])),
		formatCount(row.instructions),
		formatCount(row.instructionsPerSecond, '/s'),
		row.status === 'ok' ? 'ok' : row.status === 'mismatch' ? 'MISMATCH' : 'FAILED',
	]);
	return renderTable(columns, cells);
}
