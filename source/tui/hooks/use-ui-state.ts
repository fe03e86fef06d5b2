import {useReducer, useRef} from 'react';
import type {Pane} from '../keymap.js';
import type {SortOrder} from '../process-rows.js';

export type Confirm = {readonly kind: 'kill'; readonly pid: number; readonly name: string} | {readonly kind: 'quit'; readonly processes: number};

/** Panes with a `/` filter. */
export type FilterPane = 'processes' | 'log';

/** What the TUI itself remembers between keys (the machine's state is the kernel's). */
export interface UiState {
	readonly focus: Pane;
	readonly order: SortOrder;
	readonly tree: boolean;
	/** The pid the selection sticks to. */
	readonly selectedPid: number | null;
	/** A question waiting for y/n: a kill, or quitting a machine that holds processes. */
	readonly confirm: Confirm | null;
	/** The `/` filters of the process table and of the syscall log ('' shows everything). */
	readonly filters: Readonly<Record<FilterPane, string>>;
	/** The pane whose filter is being typed, or null. */
	readonly editing: FilterPane | null;
	readonly help: boolean;
	/** The help's page shown (a small terminal splits it). */
	readonly helpPage: number;
	/** A refusal to show in the footer until the next action. */
	readonly message: string | null;
}

export interface UiStore {
	/** The state now, with every change so far applied (even before React has drawn it). */
	get(): UiState;
	set(change: Partial<UiState> | ((state: UiState) => Partial<UiState>)): void;
}

/**
 * The TUI's state in a ref, changed at once by each key: keys that arrive together ("ky", a paste)
 * or before React has drawn the last change are each handled with what the previous ones did,
 * never by a handler that still sees an older state.
 */
export function useUiState(initial: UiState): UiStore {
	const state = useRef(initial);
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	const store = useRef<UiStore>({
		get: () => state.current,
		set: change => {
			const patch = typeof change === 'function' ? change(state.current) : change;
			state.current = {...state.current, ...patch};
			redraw();
		},
	});
	return store.current;
}
