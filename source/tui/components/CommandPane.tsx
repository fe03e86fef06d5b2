import {Text} from 'ink';
import {fit} from '../format.js';
import {paint, useTheme} from '../theme.js';
import {Pane} from './Pane.js';

export interface CommandPaneProps {
	/** Scrollback lines to show, oldest first. */
	readonly lines: readonly string[];
	readonly prompt: string;
	/** The line being edited and the cursor's position in it. */
	readonly input: string;
	readonly cursor: number;
	/** The foreground job holding the terminal (keys go to it), or null: the prompt is shown. */
	readonly foreground: number | null;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** The launcher's console: output above, and the prompt with the line being edited, or the running job's terminal. */
export function CommandPane({lines, prompt, input, cursor, foreground, width, height, focused}: CommandPaneProps) {
	const theme = useTheme();
	const inner = width - 2;
	const before = input.slice(0, cursor);
	const at = input.slice(cursor, cursor + 1) || ' ';
	const after = input.slice(cursor + 1);
	const note = foreground === null ? undefined : `pid ${foreground} has the terminal`;
	const scroll = lines.slice(-(height - (foreground === null ? 3 : 2)));
	return (
		<Pane title="Command" note={note} width={width} height={height} focused={focused}>
			{scroll.map((line, k) => (
				<Text key={k} wrap="truncate">
					{fit(line, inner)}
				</Text>
			))}
			{foreground === null ? (
				<Text wrap="truncate">
					<Text color={paint(theme, 'green')}>{prompt}</Text>
					{before}
					<Text inverse={focused}>{at}</Text>
					{after}
				</Text>
			) : null}
		</Pane>
	);
}
