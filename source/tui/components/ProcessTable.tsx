import {Text} from 'ink';
import {useRef} from 'react';
import {formatTicks, type ProcessView} from '../../kernel/kernel.js';
import {fit, percent, shortBytes, shortCount} from '../format.js';
import {treePrefix, type ProcessRow, type SortKey, type SortOrder} from '../process-rows.js';
import {glyphs, paint, STATE_COLORS, useTheme, type Glyphs} from '../theme.js';
import {Pane} from './Pane.js';

export interface ProcessTableProps {
	readonly rows: readonly ProcessRow[];
	/** The selected row's pid (null: nothing selected). */
	readonly selected: number | null;
	readonly order: SortOrder;
	readonly tree: boolean;
	/** The `/` filter the rows passed ('' for none). */
	readonly filter?: string;
	readonly width: number;
	readonly height: number;
	readonly focused: boolean;
}

interface Column {
	readonly title: string;
	readonly width: number;
	readonly align: 'left' | 'right';
	/** The sort key the column shows, if it is sortable. */
	readonly sort?: SortKey;
	/** Columns dropped first when the pane is narrow have a higher number. */
	readonly drop: number;
	readonly cell: (view: ProcessView, lasts: readonly boolean[], g: Glyphs) => string;
}

/** What a process waits for or why it stopped, after its state. */
export function stateText(view: ProcessView): string {
	if (view.state === 'ZOMBIE') return `ZOMBIE ${view.exit?.status ?? ''}`.trim();
	const why = view.state === 'STOPPED' ? view.stoppedBy : view.blockedOn;
	return why === null ? view.state : `${view.state} ${why}`;
}

const FIXED: readonly Column[] = [
	{title: 'PID', width: 5, align: 'right', sort: 'pid', drop: 0, cell: v => String(v.pid)},
	{title: 'PPID', width: 5, align: 'right', drop: 3, cell: v => String(v.ppid)},
	{title: 'NAME', width: 0, align: 'left', sort: 'name', drop: 0, cell: (v, lasts, g) => `${treePrefix(lasts, g)}${v.name}`},
	{title: 'STATE', width: 0, align: 'left', sort: 'state', drop: 0, cell: stateText},
	{title: 'PRI', width: 4, align: 'right', drop: 2, cell: v => String(v.priority)},
	{title: '%CPU', width: 6, align: 'right', sort: 'cpu', drop: 0, cell: v => percent(v.cpuShare)},
	{title: 'INSTR', width: 6, align: 'right', sort: 'instructions', drop: 0, cell: v => shortCount(v.instructions)},
	{title: 'MEM', width: 6, align: 'right', sort: 'memory', drop: 0, cell: v => shortBytes(v.memory.pages * 65536)},
	{title: 'SYSC', width: 6, align: 'right', sort: 'syscalls', drop: 0, cell: v => shortCount(v.syscalls.total)},
	{title: 'TIME', width: 10, align: 'right', drop: 1, cell: v => formatTicks(v.instructions)},
];

/** The columns that fit `width`, with NAME and STATE sharing what the fixed ones leave. */
export function layoutColumns(width: number): Column[] {
	let columns = [...FIXED];
	const room = (cols: Column[]) => width - cols.reduce((sum, c) => sum + c.width + 1, 0);
	// Narrow panes drop PPID, PRI and TIME (in that order) before NAME and STATE get too thin.
	for (const level of [3, 2, 1]) if (room(columns) < 30) columns = columns.filter(c => c.drop !== level);
	const flexible = Math.max(2, room(columns));
	const name = Math.max(1, Math.floor(flexible * 0.4));
	return columns.map(c => (c.title === 'NAME' ? {...c, width: name} : c.title === 'STATE' ? {...c, width: flexible - name} : c));
}

/** The process table: one row per process, sortable, with the selected row highlighted and kept in view. */
export function ProcessTable({rows, selected, order, tree, filter = '', width, height, focused}: ProcessTableProps) {
	const theme = useTheme();
	const g = glyphs(theme);
	const inner = width - 2;
	const visible = Math.max(0, height - 3);
	const columns = layoutColumns(inner);
	const index = rows.findIndex(r => r.view.pid === selected);
	// The first row shown moves only as far as needed to keep the selection in view.
	const offset = useRef(0);
	if (index >= 0 && index < offset.current) offset.current = index;
	if (index >= offset.current + visible) offset.current = index - visible + 1;
	offset.current = Math.max(0, Math.min(offset.current, rows.length - visible));
	const shown = rows.slice(offset.current, offset.current + visible);
	const header = columns
		.map(c => {
			const mark = c.sort === order.key ? (order.descending ? g.down : g.up) : '';
			return fit(c.align === 'right' ? `${mark}${c.title}` : `${c.title}${mark}`, c.width, c.align);
		})
		.join(' ');
	const note = `${filter === '' ? '' : `/${filter} `}${tree ? 'tree' : `by ${order.key}`}${rows.length > visible ? ` ${offset.current + 1}-${offset.current + shown.length}/${rows.length}` : ''}`;
	return (
		<Pane title="Processes" note={note} width={width} height={height} focused={focused}>
			<Text bold wrap="truncate">
				{fit(header, inner)}
			</Text>
			{shown.map(({view, lasts}) => {
				const isSelected = view.pid === selected;
				return (
					<Text key={view.pid} inverse={isSelected} wrap="truncate">
						{columns.map((c, k) => {
							const text = fit(c.cell(view, lasts, g), c.width, c.align) + (k === columns.length - 1 ? '' : ' ');
							return c.title === 'STATE' ? (
								<Text key={c.title} color={paint(theme, STATE_COLORS[view.state])}>
									{text}
								</Text>
							) : (
								text
							);
						})}
						{' '.repeat(Math.max(0, inner - columns.reduce((s, c) => s + c.width + 1, -1)))}
					</Text>
				);
			})}
			{rows.length === 0 ? (
				<Text dimColor wrap="truncate">
					{filter === '' ? "no processes: Enter in the command pane starts a shell; then run a program, e.g. spin a 3 &" : `no process matches /${filter} (Esc in the filter clears it)`}
				</Text>
			) : null}
		</Pane>
	);
}
