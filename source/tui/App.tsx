/*
 * The full-screen TUI: header, process table, memory map, scheduler timeline, syscall log, command
 * pane and footer, laid out for the terminal's size (layout.ts). Keys are looked up in the keymap
 * (keymap.ts) for the focused pane; the machine is driven by the session, and the panes redraw from
 * frames (use-frame.ts) at most --fps times a second. The command pane is the shell on the kernel's
 * terminal (session.ts): there, keys the keymap does not bind go to the terminal as a keyboard would
 * send them (Ctrl-C and Ctrl-Z included), except ← and → while the terminal is in cooked mode (its
 * line discipline has no cursor to move; a tty would just echo ^[[D).
 *
 * The memory pane watches the selected process only (kernel.watchMemory): tracking which cells are
 * read and written costs the engine a little, so it is on for one process at a time.
 */

import {Box, Text, useApp, useInput, type Key} from 'ink';
import {useEffect, useRef} from 'react';
import {KernelError, SnapshotError} from '../kernel/kernel.js';
import {CommandPane} from './components/CommandPane.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay, helpPages} from './components/HelpOverlay.js';
import {MemoryMap} from './components/MemoryMap.js';
import {ProcessTable} from './components/ProcessTable.js';
import {SyscallLog} from './components/SyscallLog.js';
import {Timeline} from './components/Timeline.js';
import {useFrame} from './hooks/use-frame.js';
import {useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {useUiState, type Confirm} from './hooks/use-ui-state.js';
import {activeContexts, keyName, lookupAction, PANES, type Action, type Pane} from './keymap.js';
import {layoutFor, MIN_COLS, MIN_ROWS} from './layout.js';
import {logLineMatches, processMatches} from './filters.js';
import {nextPolicy, stepPriority, stepQuantum} from './machine-controls.js';
import {processRows, selectionIndex, SORT_KEYS} from './process-rows.js';
import type {Session} from './session.js';
import type {ProcessNames} from './event-feed.js';
import {useLogScroll} from './hooks/use-log-scroll.js';
import {keyOf, terminalBytes} from './terminal-keys.js';

export interface AppProps {
	readonly session: Session;
	/** Frames per second at most (--fps). */
	readonly fps?: number;
	/** A fixed terminal size (tests); otherwise the real terminal's, following resizes. */
	readonly size?: TerminalSize;
	/** The pane that has the focus first. */
	readonly initialFocus?: Pane;
}

export function App({session, fps = 10, size, initialFocus = 'command'}: AppProps) {
	const {exit} = useApp();
	const {columns, rows} = useTerminalSize(size);
	const frame = useFrame(session, fps);
	const ui = useUiState({
		focus: initialFocus,
		order: {key: 'pid', descending: false},
		tree: false,
		selectedPid: null,
		confirm: null,
		filters: {processes: '', log: ''},
		editing: null,
		help: false,
		helpPage: 0,
		message: null,
	});
	const {focus, order, tree, selectedPid, confirm, filters, editing, help, helpPage, message} = ui.get();
	const lastIndex = useRef(0);
	const layout = layoutFor(columns, rows);
	// Processes that have gone keep the name they were spawned with (the timeline's legend, the log's
	// filter): looked up in the feed, not copied from it on every frame.
	const live = new Map(frame.processes.map(p => [p.pid, p.name]));
	const names: ProcessNames = {get: pid => live.get(pid) ?? session.feed.names.get(pid)};
	const logSource = {last: (count: number) => session.feed.log.last(Infinity).filter(line => line.seq <= frame.logSeq && logLineMatches(line, filters.log, names)).slice(-count)};
	const logScroll = useLogScroll(logSource, layout === null ? 1 : layout.log.height - 2);

	// The selection follows its pid through reorders; when that process is gone, the row where it was.
	const table = processRows(
		frame.processes.filter(p => processMatches(p, filters.processes)),
		order,
		tree,
	);
	const index = selectionIndex(table, selectedPid, lastIndex.current);
	lastIndex.current = Math.max(0, index);
	const selected = index < 0 ? null : table[index].view;
	// Remember where the selection landed; unless a key has moved it since this render (the store
	// changes at once, before the effect runs): then that key wins.
	useEffect(() => {
		const landed = selected?.pid ?? null;
		if (landed !== selectedPid && ui.get().selectedPid === selectedPid) ui.set({selectedPid: landed});
	});
	const watched = selected !== null && selected.state !== 'ZOMBIE' ? selected.pid : null;
	useEffect(() => {
		if (watched === null) return;
		refusable(() => session.kernel.watchMemory(watched, true));
		return () => refusable(() => session.kernel.watchMemory(watched, false));
	}, [session, watched]);

	const pageRows = layout === null ? 1 : Math.max(1, layout.processes.height - 3);
	const moveSelection = (to: number) => {
		if (table.length === 0) return;
		ui.set({selectedPid: table[Math.max(0, Math.min(table.length - 1, to))].view.pid});
	};
	/** Runs a kernel request; a refusal becomes the footer's message instead of an exception. */
	const request = (what: () => void) => {
		try {
			session.act(what);
			ui.set({message: null});
		} catch (error) {
			if (!(error instanceof KernelError)) throw error;
			ui.set({message: error.message});
		}
	};

	/** The selected process's priority one nice step sooner (-1) or later (+1). */
	const renice = (pid: number, direction: 1 | -1) => {
		const view = session.kernel.process(pid);
		if (view !== null) request(() => session.kernel.setPriority(pid, stepPriority(view.priority, direction)));
	};
	const quit = () => {
		const processes = session.holdings();
		if (processes === 0) exit();
		else ui.set({confirm: {kind: 'quit', processes}});
	};
	/** y to a question. */
	const confirmed = (question: Confirm) => {
		if (question.kind === 'quit') exit();
		else request(() => session.kernel.kill(question.pid, 'TERM'));
	};
	const filterPane = (pane: typeof focus) => (pane === 'command' ? null : pane);

	const perform = (action: Action) => {
		const {focus, order, selectedPid: chosen} = ui.get();
		// The selection as the store has it now: a key that follows a move before the redraw (a paste)
		// acts on the row moved to, not on the one this render selected.
		const target = (chosen === null ? null : session.kernel.process(chosen)) ?? selected;
		const pid = target?.pid;
		const machine = session.kernel.machine();
		switch (action) {
			case 'quit':
				return quit();
			case 'focusNext':
			case 'focusPrev':
				return ui.set({focus: PANES[(PANES.indexOf(focus) + (action === 'focusNext' ? 1 : PANES.length - 1)) % PANES.length]});
			case 'pause':
				return session.driver.togglePause();
			case 'stepQuantum':
				return request(() => session.driver.stepQuantum());
			case 'stepInstruction':
				return pid === undefined ? undefined : request(() => session.driver.stepInstruction(pid));
			case 'faster':
				return session.driver.faster();
			case 'slower':
				return session.driver.slower();
			case 'kill':
				if (target === null) return undefined;
				// A zombie has already ended: nothing to ask about.
				if (target.state === 'ZOMBIE') return ui.set({message: `pid ${target.pid} (${target.name}) has ended: it stays a zombie until its parent waits for it`});
				return ui.set({confirm: {kind: 'kill', pid: target.pid, name: target.name}});
			case 'stopCont':
				return pid === undefined ? undefined : request(() => (session.kernel.process(pid)?.state === 'STOPPED' ? session.kernel.cont(pid) : session.kernel.stop(pid)));
			case 'renice':
			case 'unnice':
				return pid === undefined ? undefined : renice(pid, action === 'renice' ? 1 : -1);
			case 'policy':
				return request(() => session.kernel.setPolicy(nextPolicy(machine.policy)));
			case 'quantumUp':
			case 'quantumDown':
				return request(() => session.kernel.setPolicy(machine.policy, {quantum: stepQuantum(machine.quantum, action === 'quantumUp' ? 1 : -1)}));
			case 'filter': {
				const pane = filterPane(focus);
				return pane === null ? undefined : ui.set({editing: pane});
			}
			case 'applyFilter':
				return ui.set({editing: null});
			case 'clearFilter':
				return ui.set(s => (s.editing === null ? {} : {editing: null, filters: {...s.filters, [s.editing]: ''}}));
			case 'eraseFilter':
				return ui.set(s => (s.editing === null ? {} : {filters: {...s.filters, [s.editing]: [...s.filters[s.editing]].slice(0, -1).join('')}}));
			case 'tree':
				return ui.set(s => ({tree: !s.tree}));
			case 'snapshot':
				try {
					return ui.set({message: session.saveSnapshot(`wasmos-snapshot-${machine.clock}.json`)});
				} catch (error) {
					if (!(error instanceof SnapshotError)) throw error;
					return ui.set({message: `snapshot not saved: ${error.message}`});
				}
			case 'help':
				return ui.set({help: true, helpPage: 0});
			case 'sortNext':
			case 'sortPrev': {
				const step = action === 'sortNext' ? 1 : SORT_KEYS.length - 1;
				const key = SORT_KEYS[(SORT_KEYS.indexOf(order.key) + step) % SORT_KEYS.length];
				return ui.set({order: {key, descending: key !== 'pid' && key !== 'name' && key !== 'state'}});
			}
			case 'sortReverse':
				return ui.set({order: {...order, descending: !order.descending}});
			case 'submit':
				if (session.hasShell && session.shellPid === null) return request(() => session.startShell());
				return session.enter();
			case 'historyBack':
			case 'historyForward':
				if (!session.recall(action === 'historyBack' ? -1 : 1)) session.typeToTerminal(action === 'historyBack' ? '\x1b[A' : '\x1b[B');
				return;
			default:
				break;
		}
		// Movement keys mean what the focused pane makes of them.
		if (focus === 'processes') {
			// From where the selection is now: keys arriving together (↓↓) each move it one more row.
			const now = table.findIndex(r => r.view.pid === ui.get().selectedPid);
			const at = now < 0 ? index : now;
			const moves: Partial<Record<Action, number>> = {up: at - 1, down: at + 1, pageUp: at - pageRows, pageDown: at + pageRows, top: 0, bottom: table.length - 1};
			if (moves[action] !== undefined) moveSelection(moves[action]);
		} else if (focus === 'log') logScroll.move(action);
	};

	const onKey = (input: string, key: Key): void => {
		// Keys that arrive in one chunk ("\tt", "ls\r", ">>") are taken one by one; only plain text for
		// the terminal (a paste) goes in whole.
		const paste = ui.get().focus === 'command' && !/[\x00-\x1f\x7f]/.test(input);
		if (input.length > 1 && !paste && !key.ctrl && !key.meta) {
			for (const ch of input) onKey(...keyOf(ch));
			return;
		}
		const name = keyName(input, key);
		// The footer's message (a refusal, where a snapshot went) stays until the next key.
		if (ui.get().message !== null) ui.set({message: null});
		const {help, confirm, focus, editing} = ui.get();
		if (help) {
			const more = name !== null && lookupAction(['help'], name) === 'helpMore' && layout !== null && ui.get().helpPage + 1 < helpPages(layout.width, layout.height - 3);
			return ui.set(more ? s => ({helpPage: s.helpPage + 1}) : {help: false});
		}
		if (confirm !== null) {
			ui.set({confirm: null});
			// The quit key again answers "quit?" with yes, and asks it during any other question.
			if (name !== null && lookupAction(['always', 'machine'], name) === 'quit') return confirm.kind === 'quit' ? exit() : quit();
			if (name !== null && lookupAction(['confirm'], name) === 'confirm') confirmed(confirm);
			return;
		}
		if (editing !== null) {
			const action = name === null ? null : lookupAction(['always', 'filter'], name);
			if (action !== null) return perform(action);
			if (!key.ctrl && !key.meta && !/[\x00-\x1f\x7f]/.test(input)) ui.set(s => ({filters: {...s.filters, [editing]: s.filters[editing] + input}}));
			return;
		}
		const action = name === null ? null : lookupAction(activeContexts(focus), name);
		if (action !== null) return perform(action);
		if (focus !== 'command' || (session.hasShell && session.shellPid === null)) return;
		if ((key.leftArrow || key.rightArrow) && session.kernel.tty.view().canonical) return;
		session.typeToTerminal(terminalBytes(input, key));
	};
	useInput(onKey);

	if (layout === null) {
		return (
			<Box width={columns} height={Math.max(1, rows - 1)} alignItems="center" justifyContent="center" flexDirection="column">
				<Text bold>make the terminal larger</Text>
				<Text>{`${columns}×${rows} now; wasmos-tui needs at least ${MIN_COLS}×${MIN_ROWS}`}</Text>
			</Box>
		);
	}
	const memory = (
		<MemoryMap
			process={selected}
			map={selected === null ? null : session.kernel.memoryMap(selected.pid)}
			processes={frame.processes}
			width={layout.memory.width}
			height={layout.memory.height}
		/>
	);
	const foreground = session.foreground();
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header machine={frame.machine} rate={frame.rate} paused={session.driver.paused} speed={session.driver.speed} width={layout.width} />
			{help ? (
				<HelpOverlay width={layout.width} height={layout.height - 3} page={helpPage} />
			) : (
				<>
					<Box flexDirection="row">
						<ProcessTable
							rows={table}
							selected={selected?.pid ?? null}
							order={order}
							tree={tree}
							filter={filters.processes}
							width={layout.processes.width}
							height={layout.processes.height}
							focused={focus === 'processes'}
						/>
						{layout.memoryBeside === 'processes' ? memory : null}
					</Box>
					<Box flexDirection="row">
						<Timeline slices={session.feed.slices.last(layout.timeline.width)} names={names} rates={frame.rates} width={layout.timeline.width} height={layout.timeline.height} />
						{layout.memoryBeside === 'timeline' ? memory : null}
					</Box>
					<Box flexDirection="row">
						<SyscallLog lines={logScroll.lines} back={logScroll.back} filter={filters.log} width={layout.log.width} height={layout.log.height} focused={focus === 'log'} />
						<CommandPane
							lines={session.console.screen(layout.command.height)}
							cursor={session.console.cursor}
							foreground={foreground}
							ended={session.hasShell && session.shellPid === null}
							width={layout.command.width}
							height={layout.command.height}
							focused={focus === 'command'}
						/>
					</Box>
				</>
			)}
			<Footer pane={focus} message={footerText(confirm, editing, filters) ?? message} width={layout.width} />
		</Box>
	);
}

/** Runs a request that may be refused because the process has ended meanwhile. */
function refusable(what: () => void): void {
	try {
		what();
	} catch (error) {
		if (!(error instanceof KernelError)) throw error;
	}
}

/** What the footer says instead of its hints: a question, or the filter being typed. */
function footerText(confirm: Confirm | null, editing: 'processes' | 'log' | null, filters: Readonly<Record<'processes' | 'log', string>>): string | null {
	if (confirm?.kind === 'kill') return `kill pid ${confirm.pid} (${confirm.name}) with TERM? y/n`;
	if (confirm?.kind === 'quit') return `quit? ${confirm.processes} process${confirm.processes === 1 ? '' : 'es'} will end. y/n`;
	if (editing !== null) return `filter ${editing === 'processes' ? 'processes (name or pid)' : 'syscalls (pid or name)'}: ${filters[editing]}_   Enter keeps · Esc clears`;
	return null;
}
