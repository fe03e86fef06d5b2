import {Text} from 'ink';
import {fit} from '../format.js';
import type {LogKind, LogLine} from '../event-feed.js';
import {paint, useTheme} from '../theme.js';
import {Pane} from './Pane.js';

export interface SyscallLogProps {
	/** The lines to show, oldest first (the parent picks them from the feed by scroll position). */
	readonly lines: readonly LogLine[];
	/** How many lines back from the newest the view is (0: following the log). */
	readonly back: number;
	/** The `/` filter the lines passed ('' for none). */
	readonly filter?: string;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

const KIND_COLORS: Readonly<Record<LogKind, string>> = {ok: 'green', error: 'red', blocked: 'yellow', life: 'magenta'};

/** One log line, `width` columns: "tick pid name(args) = result", the arguments cut to make room. */
export function logText(line: LogLine, width: number): {call: string; result: string} {
	const stamp = `${String(line.tick).padStart(10)} ${String(line.pid).padStart(3)} `;
	const result = ` = ${line.result}`;
	const open = line.kind === 'life' ? (line.args === '' ? line.name : `${line.name} `) : `${line.name}(`;
	const close = line.kind === 'life' ? '' : ')';
	const room = Math.max(0, width - stamp.length - open.length - close.length - [...result].length);
	const args = [...line.args].length > room ? fit(line.args, room) : line.args;
	return {call: `${stamp}${open}${args}${close}`, result};
}

/** The tail of the syscall log (with process lifecycle lines), coloured by outcome. */
export function SyscallLog({lines, back, filter = '', width, height, focused}: SyscallLogProps) {
	const theme = useTheme();
	const inner = width - 2;
	const note = `${filter === '' ? '' : `/${filter} `}${back === 0 ? 'following' : `${back} back · End follows`}`;
	return (
		<Pane title="Syscalls" note={note} width={width} height={height} focused={focused}>
			{lines.length === 0 ? <Text dimColor>{fit(filter === '' ? 'no syscalls yet' : `nothing matches /${filter}`, inner)}</Text> : null}
			{lines.map(line => {
				const {call, result} = logText(line, inner);
				return (
					<Text key={line.seq} wrap="truncate">
						<Text dimColor={line.kind === 'life'}>{call}</Text>
						<Text color={paint(theme, KIND_COLORS[line.kind])}>{fit(result, Math.max(0, inner - [...call].length))}</Text>
					</Text>
				);
			})}
		</Pane>
	);
}
