import {Box, Text} from 'ink';
import {formatTicks, type MachineView} from '../../kernel/kernel.js';
import {PROCESS_STATES} from '../../kernel/views.js';
import {shortBytes, shortCount} from '../format.js';
import {paint, STATE_COLORS, useTheme} from '../theme.js';

export interface HeaderProps {
	readonly machine: MachineView;
	/** Instructions per wall second, measured by the view. */
	readonly rate: number;
	readonly paused: boolean;
	/** Virtual time per wall time. */
	readonly speed: number;
	readonly width: number;
}

/** "×1", "×0.001", "×100" ("x1" with `ascii`). */
export function speedText(speed: number, ascii = false): string {
	return `${ascii ? 'x' : '×'}${speed >= 1 ? speed : Number(speed.toPrecision(1))}`;
}

/** Two lines: time, throughput, policy and run state; then processes by state and memory. */
export function Header({machine, rate, paused, speed, width}: HeaderProps) {
	const theme = useTheme();
	const counts = PROCESS_STATES.filter(s => machine.counts[s] > 0);
	return (
		<Box flexDirection="column" width={width} height={2}>
			<Text wrap="truncate">
				<Text bold color={paint(theme, 'cyan')}>
					wasmos
				</Text>
				{`  up ${shortCount(machine.clock)} ticks (${formatTicks(machine.clock)})  ${shortCount(rate)} instr/s  ${machine.policy} q=${shortCount(machine.quantum)}  `}
				<Text bold color={paint(theme, paused ? 'yellow' : 'green')}>
					{paused ? 'PAUSED' : machine.status === 'running' ? 'running' : machine.status}
				</Text>
				{`  speed ${speedText(speed, theme.ascii)}`}
			</Text>
			<Text wrap="truncate">
				{`procs ${machine.processes}`}
				{counts.map(state => (
					<Text key={state}>
						{'  '}
						<Text color={paint(theme, STATE_COLORS[state])}>{state.toLowerCase()}</Text> {machine.counts[state]}
					</Text>
				))}
				{`  mem ${shortBytes(machine.memory.bytes)} (${machine.memory.pages} pages)  syscalls ${shortCount(machine.syscalls)}`}
			</Text>
		</Box>
	);
}
