import {Box, Text} from 'ink';
import {displayKey, KEYMAP, type KeyContext} from '../keymap.js';
import {useTheme} from '../theme.js';
import {fit} from '../format.js';
import {COMMAND_HELP} from './CommandPane.js';
import {Pane} from './Pane.js';

export interface HelpOverlayProps {
	readonly width: number;
	readonly height: number;
	/** The page to show when the help does not fit (0: the first). */
	readonly page?: number;
}

const SECTIONS: ReadonlyArray<[KeyContext, string]> = [
	['always', 'Everywhere'],
	['machine', 'Outside the command input'],
	['processes', 'Processes pane'],
	['log', 'Syscalls pane'],
	['command', 'Command pane'],
	['filter', 'Typing a / filter'],
];

/** What the panes show that their keys do not say. */
const PANE_HELP = [
	'Memory: the selected process, a cell per 4 KiB (or more):',
	'  written, read, data segment, untouched: reads and writes',
	'  since it was selected. Below: each process\'s share of',
	'  the machine\'s memory, in its timeline letter.',
	'Scheduler: who held the CPU, a letter a slice; instr/s.',
];

/** Every line of the help: keys by context, then what the panes are. */
function helpLines(ascii = false): Array<{text: string; bold?: boolean}> {
	const lines: Array<{text: string; bold?: boolean}> = [];
	for (const [context, title] of SECTIONS) {
		lines.push({text: title, bold: true});
		for (const b of KEYMAP.filter(k => k.context === context)) lines.push({text: `  ${b.keys.map(key => displayKey(key, ascii)).join(' ').padEnd(10)} ${b.help}`});
	}
	lines.push({text: ''}, ...COMMAND_HELP.map(text => ({text})), {text: ''}, ...PANE_HELP.map(text => ({text})));
	return lines;
}

/** How the help is laid out in a width × height overlay: columns, rows per column, pages. */
function helpLayout(width: number, height: number): {columns: number; rows: number; pages: number; count: number} {
	const count = helpLines().length;
	const rows = Math.max(1, height - 2);
	const columns = count > rows && width - 2 >= 80 ? 2 : 1;
	return {columns, rows, pages: Math.max(1, Math.ceil(count / (rows * columns))), count};
}

/** Pages the help takes at this size. */
export function helpPages(width: number, height: number): number {
	return helpLayout(width, height).pages;
}

/** Every key from the keymap, by context, and what the panes are; in pages when it does not fit. */
export function HelpOverlay({width, height, page = 0}: HelpOverlayProps) {
	const inner = width - 2;
	const lines = helpLines(useTheme().ascii);
	const {columns, rows, pages} = helpLayout(width, height);
	const shown = Math.max(0, Math.min(page, pages - 1));
	const columnWidth = Math.floor(inner / columns);
	const first = shown * rows * columns;
	const title = pages === 1 ? 'Help — any key closes' : `Help ${shown + 1}/${pages} — ${shown + 1 < pages ? 'PgDn/Space more, other keys close' : 'any key closes'}`;
	return (
		<Pane title={title} width={width} height={height} focused>
			<Box flexDirection="row">
				{Array.from({length: columns}, (_, c) => (
					<Box key={c} flexDirection="column" width={columnWidth}>
						{lines.slice(first + c * rows, first + (c + 1) * rows).map((line, k) => (
							<Text key={k} bold={line.bold} wrap="truncate">
								{fit(line.text, columnWidth - 1)}
							</Text>
						))}
					</Box>
				))}
			</Box>
		</Pane>
	);
}
