import {Text} from 'ink';
import stringWidth from 'string-width';
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

const graphemes = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Finished lines as the pane's rows: a line wider than the pane goes on in the next row, as a
 * terminal wraps it (so an error message is read whole), by the columns each character takes (a
 * CJK character or an emoji two); the last `rows` of them.
 */
export function wrappedRows(lines: readonly string[], width: number, rows: number): string[] {
	if (rows <= 0 || width <= 0) return [];
	const out: string[] = [];
	// From the newest line back, until the rows are filled.
	for (let k = lines.length - 1; k >= 0 && out.length < rows; k--) {
		const pieces: string[] = [];
		let piece = '';
		let used = 0;
		for (const {segment} of graphemes.segment(lines[k])) {
			const w = stringWidth(segment);
			if (used + w > width && used > 0) {
				pieces.push(piece);
				piece = '';
				used = 0;
			}
			piece += segment;
			used += w;
		}
		pieces.push(piece);
		out.unshift(...pieces.slice(-(rows - out.length)));
	}
	return out;
}

/** A row padded with spaces to `width` columns (rows are at most that wide: wrappedRows). */
function padRow(row: string, width: number): string {
	return row + ' '.repeat(Math.max(0, width - stringWidth(row)));
}

/** The shell's terminal: what it shows, and the cursor on the last line when the pane has the focus. */
export function CommandPane({lines, cursor, foreground, ended, width, height, focused}: CommandPaneProps) {
	const inner = width - 2;
	const note = ended ? 'no shell: Enter restarts' : foreground === null ? undefined : `pgid ${foreground} has the terminal`;
	const rows = wrappedRows(lines.slice(0, -1), inner, height - 3);
	const last = lines.at(-1) ?? '';
	// The last line scrolls sideways to keep the cursor in view.
	const start = Math.max(0, cursor - inner + 1);
	const chars = [...last];
	const before = chars.slice(start, cursor).join('');
	const at = chars[cursor] ?? ' ';
	const after = chars.slice(cursor + 1).join('');
	return (
		<Pane title="Command" note={note} width={width} height={height} focused={focused}>
			{rows.map((line, k) => (
				<Text key={k} wrap="truncate">
					{padRow(line, inner)}
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
