import {Text} from 'ink';
import type {Slice} from '../event-feed.js';
import {fit} from '../format.js';
import {paint, PID_COLORS, useTheme} from '../theme.js';
import {Pane} from './Pane.js';

export interface TimelineProps {
	/** The most recent slices on the CPU, oldest first. */
	readonly slices: readonly Slice[];
	/** Names of the processes, for the legend. */
	readonly names: ReadonlyMap<number, string>;
	readonly width: number;
	readonly height: number;
}

/** The letter of a pid on the timeline: A for pid 1, B for pid 2, ..., wrapping after Z. */
export function pidLetter(pid: number): string {
	return String.fromCharCode(65 + ((pid - 1) % 26));
}

/** Which process held the CPU over the last slices, one letter (and colour) per slice, newest at the right. */
export function Timeline({slices, names, width, height}: TimelineProps) {
	const theme = useTheme();
	const inner = width - 2;
	const shown = slices.slice(-inner);
	const pids = [...new Set(shown.map(s => s.pid))].sort((a, b) => a - b);
	const legend = pids.map(pid => `${pidLetter(pid)}=${pid} ${names.get(pid) ?? '?'}`).join('  ');
	return (
		<Pane title="Scheduler" note={`last ${shown.length} slices`} width={width} height={height}>
			<Text wrap="truncate">
				{shown.length === 0 ? <Text dimColor>{fit('nothing has run yet', inner)}</Text> : null}
				{shown.map((slice, k) => (
					<Text key={k} color={paint(theme, PID_COLORS[slice.pid % PID_COLORS.length])}>
						{pidLetter(slice.pid)}
					</Text>
				))}
			</Text>
			{height > 3 ? (
				<Text dimColor wrap="truncate">
					{fit(legend, inner)}
				</Text>
			) : null}
		</Pane>
	);
}
