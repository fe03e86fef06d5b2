import {Box, Text} from 'ink';
import {displayKey, KEYMAP, type KeyContext} from '../keymap.js';
import {fit} from '../format.js';
import {COMMAND_HELP} from './CommandPane.js';
import {Pane} from './Pane.js';

export interface HelpOverlayProps {
	readonly width: number;
	readonly height: number;
}

const SECTIONS: ReadonlyArray<[KeyContext, string]> = [
	['always', 'Everywhere'],
	['machine', 'Outside the command input'],
	['processes', 'Processes pane'],
	['log', 'Syscalls pane'],
	['command', 'Command pane'],
];

/** Every key from the keymap, by context, and what the command pane is; any key closes it. */
export function HelpOverlay({width, height}: HelpOverlayProps) {
	const inner = width - 2;
	const lines: Array<{text: string; bold?: boolean}> = [];
	for (const [context, title] of SECTIONS) {
		lines.push({text: title, bold: true});
		for (const b of KEYMAP.filter(k => k.context === context)) lines.push({text: `  ${b.keys.map(displayKey).join(' ').padEnd(10)} ${b.help}`});
	}
	lines.push({text: ''}, ...COMMAND_HELP.map(text => ({text})));
	// Two columns when the lines do not fit in one.
	const rows = height - 2;
	const columns = lines.length > rows && inner >= 80 ? 2 : 1;
	const columnWidth = Math.floor(inner / columns);
	return (
		<Pane title="Help — any key closes" width={width} height={height} focused>
			<Box flexDirection="row">
				{Array.from({length: columns}, (_, c) => (
					<Box key={c} flexDirection="column" width={columnWidth}>
						{lines.slice(c * rows, (c + 1) * rows).map((line, k) => (
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
