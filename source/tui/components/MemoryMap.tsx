import {Box, Text} from 'ink';
import type {ProcessView} from '../../kernel/kernel.js';
import {fit, shortBytes} from '../format.js';
import {glyphs, paint, useTheme} from '../theme.js';
import {Pane} from './Pane.js';

export interface MemoryMapProps {
	/** The selected process, or null. */
	readonly process: ProcessView | null;
	readonly width: number;
	readonly height: number;
}

const PAGE = 65_536;

/**
 * The selected process's linear memory, one cell per 64 KiB page: in use now, used before (up to
 * its peak) and still allowed by its cap. The kernel's views say nothing yet about which pages were
 * read or written, so cells show size and growth only.
 */
export function MemoryMap({process, width, height}: MemoryMapProps) {
	const theme = useTheme();
	const g = glyphs(theme);
	const inner = width - 2;
	const title = process === null ? 'Memory' : `Memory pid ${process.pid}`;
	if (process === null) {
		return (
			<Pane title={title} width={width} height={height}>
				<Text dimColor>{fit('no process selected', inner)}</Text>
			</Pane>
		);
	}
	const {pages, peakPages, capPages} = process.memory;
	const gridRows = Math.max(1, height - 3);
	const cells = inner * gridRows;
	const shown = Math.min(capPages, cells);
	const rows: string[] = [];
	// Row-major cells: page p is at row floor(p / inner); the last cell says "more" when the cap does not fit.
	for (let r = 0; r < gridRows && r * inner < shown; r++) {
		let line = '';
		for (let p = r * inner; p < Math.min(shown, (r + 1) * inner); p++) line += p < pages ? g.used : p < peakPages ? g.peak : g.free;
		rows.push(line);
	}
	const summary = `${shortBytes(pages * PAGE)}: ${pages}/${capPages} pages, peak ${peakPages}`;
	return (
		<Pane title={title} width={width} height={height}>
			<Text wrap="truncate">{fit(summary, inner)}</Text>
			<Box flexDirection="column">
				{rows.map((line, r) => (
					<Text key={r} wrap="truncate">
						<Text color={paint(theme, 'green')}>{line.slice(0, Math.max(0, Math.min(line.length, pages - r * inner)))}</Text>
						<Text color={paint(theme, 'yellow')}>{line.slice(Math.max(0, Math.min(line.length, pages - r * inner)), Math.max(0, Math.min(line.length, peakPages - r * inner)))}</Text>
						<Text dimColor>{line.slice(Math.max(0, Math.min(line.length, peakPages - r * inner)))}</Text>
					</Text>
				))}
			</Box>
		</Pane>
	);
}
