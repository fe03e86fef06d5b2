/*
 * The throughput chart of the scheduler pane, as lines of text: braille dots (2 × 4 per character,
 * drawn with drawille-canvas-blessed-contrib) when there are several rows, a sparkline (the
 * `sparkline` package: ▁ to █) in one row, and plain ASCII under --ascii. Values are scaled to
 * `max`; the newest value is at the right, and fewer values than columns leave the left empty.
 */

import Context from 'drawille-canvas-blessed-contrib';
import sparkline from 'sparkline';

/** `rows` lines of `columns` braille characters: one dot column per value, filled from the bottom. */
export function brailleChart(values: readonly number[], columns: number, rows: number, max: number): string[] {
	const width = columns * 2;
	const height = rows * 4;
	const shown = values.slice(-width);
	const context = new Context(width, height);
	const left = width - shown.length;
	context.beginPath();
	// One vertical stroke per value, from the baseline up to its height: an area chart.
	shown.forEach((value, k) => {
		const dots = scaled(value, max, height);
		if (dots === 0) return;
		context.moveTo(left + k, height - 1);
		context.lineTo(left + k, height - dots);
	});
	context.stroke();
	const cells = context._canvas.content;
	return Array.from({length: rows}, (_, r) => Array.from(cells.subarray(r * columns, (r + 1) * columns), bits => String.fromCharCode(0x2800 + bits)).join(''));
}

/** One line of `columns` block characters. */
export function sparkChart(values: readonly number[], columns: number, max: number): string {
	const shown = values.slice(-columns);
	if (shown.length === 0) return ' '.repeat(columns);
	const line = max > 0 ? sparkline(shown.map(v => Math.min(v, max)), {min: 0, max}) : '▁'.repeat(shown.length);
	return ' '.repeat(columns - shown.length) + line;
}

const ASCII_LEVELS = [' ', '.', ':', '|'];

/** `rows` lines of ASCII: each row a column of '|' with '.' and ':' for part-filled tops. */
export function asciiChart(values: readonly number[], columns: number, rows: number, max: number): string[] {
	const shown = values.slice(-columns);
	const levels = ASCII_LEVELS.length - 1;
	const heights = [...Array<number>(columns - shown.length).fill(0), ...shown.map(v => scaled(v, max, rows * levels))];
	return Array.from({length: rows}, (_, r) => {
		const floor = (rows - 1 - r) * levels;
		return heights.map(h => ASCII_LEVELS[Math.max(0, Math.min(levels, h - floor))]).join('');
	});
}

/** A value as a whole number of steps out of `steps`, at least one for anything above zero. */
function scaled(value: number, max: number, steps: number): number {
	if (max <= 0 || value <= 0) return 0;
	return Math.max(1, Math.min(steps, Math.round((value / max) * steps)));
}
