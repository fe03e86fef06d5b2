import {Text} from 'ink';
import {fit} from '../format.js';
import {Pane} from './Pane.js';

/** What the help overlay says about the command pane, after its keys. */
export const COMMAND_HELP = [
	'Command pane: the shell, PID 1, on the machine\'s terminal',
	'  keys go to the terminal; its line discipline edits the',
	'  line (Bksp ^U ^W); ^C interrupts, ^Z stops the foreground',
	'  job; ^D ends input. Run PATH/FILE.wat|.wasm [ARGS] [&],',
	'  or NAME from --env PATH=DIR; `help` lists the builtins.',
	'  After `exit`, Enter starts a new shell.',
]

export interface CommandPaneProps {
	/** The terminal's last lines, oldest first; the last one is where the cursor is. */
	readonly lines: readonly string[];
	/** The cursor's column in the last line. */
	readonly cursor: number;
	/** The process group holding the terminal when it is not the shell's (a foreground job), or null. */
	readonly foreground: number | null;
	/** The shell has ended (Enter starts a new one). */
	readonly ended: boolean;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

/** The shell's terminal: what it shows, and the cursor on the last line when the pane has the focus. */
export function CommandPane({lines, cursor, foreground, ended, width, height, focused}: CommandPaneProps) {
	const inner = width - 2;
	const note = ended ? 'no shell: Enter restarts' : foreground === null ? undefined : `pgid ${foreground} has the terminal`;
	const shown = lines.slice(-(height - 2));
	const last = shown.at(-1) ?? '';
	// The last line scrolls sideways to keep the cursor in view.
	const start = Math.max(0, cursor - inner + 1);
	const chars = [...last];
	const before = chars.slice(start, cursor).join('');
	const at = chars[cursor] ?? ' ';
	const after = chars.slice(cursor + 1).join('');
	return (
		<Pane title="Command" note={note} width={width} height={height} focused={focused}>
			{shown.slice(0, -1).map((line, k) => (
				<Text key={k} wrap="truncate">
					{fit(line, inner)}
				</Text>
			))}
			<Text wrap="truncate">
				{before}
				<Text inverse={focused && !ended}>{at}</Text>
				{fit(after, Math.max(0, inner - [...before].length - 1))}
			</Text>
		</Pane>
	);
}
