import {Text} from 'ink';
import {asciiChart, brailleChart, sparkChart} from '../charts.js';
import type {ProcessNames, Slice} from '../event-feed.js';
import {fit, shortCount} from '../format.js';
import {paint, PID_COLORS, useTheme} from '../theme.js';
import {Pane} from './Pane.js';

export interface TimelineProps {
	/** The most recent slices on the CPU, oldest first. */
	readonly slices: readonly Slice[];
	/** Names of the processes, for the legend. */
	readonly names: ProcessNames;
	/** Instructions per second at each recent frame, oldest first (the throughput chart). */
	readonly rates?: readonly number[];
	readonly width: number;
	readonly height: number;
}

/** The letter of a pid on the timeline: A for pid 1, B for pid 2, ..., wrapping after Z. */
export function pidLetter(pid: number): string {
	return String.fromCharCode(65 + ((pid - 1) % 26));
}

/** Width of the chart's scale at its right: " max 271M". */
const SCALE = 10;

/**
 * Which process held the CPU over the last slices, one letter (and colour) per slice, newest at the
 * right; below it the machine's throughput (instructions per second) over the last frames, and a
 * legend. The chart takes the rows between: braille from two rows, a sparkline in one.
 */
export function Timeline({slices, names, rates = [], width, height}: TimelineProps) {
	const theme = useTheme();
	const inner = width - 2;
	const shown = slices.slice(-inner);
	const pids = [...new Set(shown.map(s => s.pid))].sort((a, b) => a - b);
	const legend = pids.map(pid => `${pidLetter(pid)}=${pid} ${names.get(pid) ?? '?'}`).join('  ');
	const chartRows = Math.max(0, height - 2 - (height > 3 ? 2 : 1));
	const chartWidth = Math.max(1, inner - SCALE);
	const max = Math.max(0, ...rates.slice(-chartWidth * 2));
	const now = rates.at(-1) ?? 0;
	const chart =
		chartRows === 0 ? [] : theme.ascii ? asciiChart(rates, chartWidth, chartRows, max) : chartRows === 1 ? [sparkChart(rates, chartWidth, max)] : brailleChart(rates, chartWidth, chartRows, max);
	const scale = (row: number) => (row === 0 ? ` max ${shortCount(max)}` : row === chart.length - 1 ? ` now ${shortCount(now)}` : '');
	return (
		<Pane title="Scheduler" note={`last ${shown.length} slices${theme.ascii ? ',' : ' ·'} instr/s`} width={width} height={height}>
			<Text wrap="truncate">
				{shown.length === 0 ? <Text dimColor>{fit('nothing has run yet', inner)}</Text> : null}
				{shown.map((slice, k) => (
					<Text key={k} color={paint(theme, PID_COLORS[slice.pid % PID_COLORS.length])}>
						{pidLetter(slice.pid)}
					</Text>
				))}
			</Text>
			{chart.map((line, row) => (
				<Text key={`chart${row}`} wrap="truncate">
					<Text color={paint(theme, 'green')}>{line}</Text>
					<Text dimColor>{fit(chart.length === 1 ? ` now ${shortCount(now)}` : scale(row), SCALE)}</Text>
				</Text>
			))}
			{height > 3 ? (
				<Text dimColor wrap="truncate">
					{fit(legend, inner)}
				</Text>
			) : null}
		</Pane>
	);
}
