/*
 * The full-screen TUI: header, process table, memory map, scheduler timeline, syscall log, command
 * pane and footer, laid out for the terminal's size (layout.ts). Keys are looked up in the keymap
 * (keymap.ts) for the focused pane; the machine is driven by the session, and the panes redraw from
 * frames (use-frame.ts) at most --fps times a second. The command pane is the shell on the kernel's
 * terminal (session.ts): there, keys the keymap does not bind go to the terminal as a keyboard would
 * send them (Ctrl-C and Ctrl-Z included), except ← and → while the terminal is in cooked mode (its
 * line discipline has no cursor to move; a tty would just echo ^[[D).
 */

import {Box, Text, useApp, useInput, type Key} from 'ink';
import {useEffect, useRef} from 'react';
import {KernelError} from '../kernel/kernel.js';
import {CommandPane} from './components/CommandPane.js';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {HelpOverlay} from './components/HelpOverlay.js';
import {MemoryMap} from './components/MemoryMap.js';
import {ProcessTable} from './components/ProcessTable.js';
import {SyscallLog} from './components/SyscallLog.js';
import {Timeline} from './components/Timeline.js';
import {useFrame} from './hooks/use-frame.js';
import {useTerminalSize, type TerminalSize} from './hooks/use-terminal-size.js';
import {useUiState} from './hooks/use-ui-state.js';
import {activeContexts, keyName, lookupAction, PANES, type Action, type Pane} from './keymap.js';
import {layoutFor, MIN_COLS, MIN_ROWS} from './layout.js';
import {processRows, selectionIndex, SORT_KEYS} from './process-rows.js';
import type {Session} from './session.js';
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
	const ui = useUiState({focus: initialFocus, order: {key: 'pid', descending: false}, tree: false, selectedPid: null, confirmKill: null, help: false, message: null});
	const {focus, order, tree, selectedPid, confirmKill, help, message} = ui.get();
	const lastIndex = useRef(0);
	const layout = layoutFor(columns, rows);
	const logScroll = useLogScroll(session.feed.log, layout === null ? 1 : layout.log.height - 2);

	// The selection follows its pid through reorders; when that process is gone, the row where it was.
	const table = processRows(frame.processes, order, tree);
	const index = selectionIndex(table, selectedPid, lastIndex.current);
	lastIndex.current = Math.max(0, index);
	const selected = index < 0 ? null : table[index].view;
	useEffect(() => {
		if ((selected?.pid ?? null) !== ui.get().selectedPid) ui.set({selectedPid: selected?.pid ?? null});
	});

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

	const perform = (action: Action) => {
		const {focus, order} = ui.get();
		const pid = selected?.pid;
		switch (action) {
			case 'quit':
				return exit();
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
				return selected === null ? undefined : ui.set({confirmKill: {pid: selected.pid, name: selected.name}});
			case 'stopCont':
				return pid === undefined ? undefined : request(() => (session.kernel.process(pid)?.state === 'STOPPED' ? session.kernel.cont(pid) : session.kernel.stop(pid)));
			case 'tree':
				return ui.set(s => ({tree: !s.tree}));
			case 'help':
				return ui.set({help: true});
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
			const moves: Partial<Record<Action, number>> = {up: index - 1, down: index + 1, pageUp: index - pageRows, pageDown: index + pageRows, top: 0, bottom: table.length - 1};
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
		const {help, confirmKill, focus} = ui.get();
		if (help) return ui.set({help: false});
		if (confirmKill !== null) {
			if (name !== null && lookupAction(['always'], name) === 'quit') return exit();
			ui.set({confirmKill: null});
			if (name !== null && lookupAction(['confirm'], name) === 'confirm') request(() => session.kernel.kill(confirmKill.pid, 'TERM'));
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
	const names = new Map(frame.processes.map(p => [p.pid, p.name]));
	const memory = <MemoryMap process={selected} width={layout.memory.width} height={layout.memory.height} />;
	const confirmText = confirmKill === null ? null : `kill pid ${confirmKill.pid} (${confirmKill.name}) with TERM? y/n`;
	const foreground = session.foreground();
	return (
		<Box flexDirection="column" width={layout.width} height={layout.height}>
			<Header machine={frame.machine} rate={frame.rate} paused={session.driver.paused} speed={session.driver.speed} width={layout.width} />
			{help ? (
				<HelpOverlay width={layout.width} height={layout.height - 3} />
			) : (
				<>
					<Box flexDirection="row">
						<ProcessTable rows={table} selected={selected?.pid ?? null} order={order} tree={tree} width={layout.processes.width} height={layout.processes.height} focused={focus === 'processes'} />
						{layout.memoryBeside === 'processes' ? memory : null}
					</Box>
					<Box flexDirection="row">
						<Timeline slices={session.feed.slices.last(layout.timeline.width)} names={names} width={layout.timeline.width} height={layout.timeline.height} />
						{layout.memoryBeside === 'timeline' ? memory : null}
					</Box>
					<Box flexDirection="row">
						<SyscallLog lines={logScroll.lines} back={logScroll.back} width={layout.log.width} height={layout.log.height} focused={focus === 'log'} />
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
			<Footer pane={focus} message={confirmText ?? message} width={layout.width} />
		</Box>
	);
}
