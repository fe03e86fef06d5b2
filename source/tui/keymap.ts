/*
 * Every key the TUI reacts to, in one table: one row per binding, with the context in which it
 * applies, the action it triggers and the words the footer and the help overlay show. In the command
 * pane every key not bound here goes to the kernel's terminal (App.tsx). A key is named
 * as keyName() spells it ("C-q", "S-tab", "space", "pgup", "k"). Which contexts are active at a time
 * is ACTIVE_CONTEXTS: the focused pane's own keys, plus 'machine' outside the command input, plus
 * 'always'; while a question waits, 'confirm'; while a filter is typed, 'filter' (other printable keys
 * are its text). test/tui/keymap.test.ts checks that no key means two things in any of those sets.
 */

import type {Key} from 'ink';

/** Where a binding applies. */
export type KeyContext = 'always' | 'machine' | 'processes' | 'log' | 'command' | 'confirm' | 'help' | 'filter';

export type Action =
	| 'quit'
	| 'focusNext'
	| 'focusPrev'
	| 'pause'
	| 'stepQuantum'
	| 'stepInstruction'
	| 'faster'
	| 'slower'
	| 'kill'
	| 'stopCont'
	| 'renice'
	| 'unnice'
	| 'policy'
	| 'quantumUp'
	| 'quantumDown'
	| 'filter'
	| 'applyFilter'
	| 'clearFilter'
	| 'eraseFilter'
	| 'tree'
	| 'snapshot'
	| 'help'
	| 'up'
	| 'down'
	| 'pageUp'
	| 'pageDown'
	| 'top'
	| 'bottom'
	| 'sortNext'
	| 'sortPrev'
	| 'sortReverse'
	| 'submit'
	| 'historyBack'
	| 'historyForward'
	| 'confirm'
	| 'cancel'
	| 'closeHelp'
	| 'helpMore';

export interface Binding {
	readonly context: KeyContext;
	readonly keys: readonly string[];
	readonly action: Action;
	/** What the help overlay says it does. */
	readonly help: string;
	/** Short label for the footer; bindings without one are in the help overlay only. */
	readonly footer?: string;
}

export const KEYMAP: readonly Binding[] = [
	{context: 'always', keys: ['C-q'], action: 'quit', help: 'quit (asks when processes would end)', footer: 'quit'},
	{context: 'always', keys: ['tab'], action: 'focusNext', help: 'focus the next pane', footer: 'pane'},
	{context: 'always', keys: ['S-tab'], action: 'focusPrev', help: 'focus the previous pane'},
	{context: 'machine', keys: ['q'], action: 'quit', help: 'quit (outside the command input)'},
	{context: 'machine', keys: ['space'], action: 'pause', help: 'pause / resume the machine', footer: 'pause'},
	{context: 'machine', keys: ['n'], action: 'stepQuantum', help: 'run one quantum of the schedule (pauses)', footer: 'step'},
	{context: 'machine', keys: ['.'], action: 'stepInstruction', help: 'one instruction of the selected (pauses)', footer: 'instr'},
	{context: 'machine', keys: ['+', '='], action: 'faster', help: 'speed up virtual time', footer: 'speed'},
	{context: 'machine', keys: ['-', '_'], action: 'slower', help: 'slow down virtual time'},
	{context: 'machine', keys: ['k'], action: 'kill', help: 'kill the selected process (asks y/n)', footer: 'kill'},
	{context: 'machine', keys: ['s'], action: 'stopCont', help: 'stop / continue the selected process', footer: 'stop/cont'},
	{context: 'machine', keys: ['<'], action: 'unnice', help: 'renice the selected: sooner (priority - 1)'},
	{context: 'machine', keys: ['>'], action: 'renice', help: 'renice the selected: later (priority + 1)', footer: 'nice'},
	{context: 'machine', keys: ['p'], action: 'policy', help: 'next scheduling policy', footer: 'policy'},
	{context: 'machine', keys: ['['], action: 'quantumDown', help: 'smaller quantum'},
	{context: 'machine', keys: [']'], action: 'quantumUp', help: 'larger quantum', footer: 'quantum'},
	{context: 'machine', keys: ['S'], action: 'snapshot', help: 'save a snapshot of the whole machine (wasmos-snapshot-TICK.json here)', footer: 'snapshot'},
	{context: 'machine', keys: ['t'], action: 'tree', help: 'process tree / flat list', footer: 'tree'},
	{context: 'machine', keys: ['?'], action: 'help', help: 'this help', footer: 'help'},
	{context: 'processes', keys: ['up'], action: 'up', help: 'select the process above'},
	{context: 'processes', keys: ['down'], action: 'down', help: 'select the process below'},
	{context: 'processes', keys: ['pgup'], action: 'pageUp', help: 'a page up'},
	{context: 'processes', keys: ['pgdn'], action: 'pageDown', help: 'a page down'},
	{context: 'processes', keys: ['home'], action: 'top', help: 'first process'},
	{context: 'processes', keys: ['end'], action: 'bottom', help: 'last process'},
	{context: 'processes', keys: ['o'], action: 'sortNext', help: 'sort by the next column', footer: 'sort'},
	{context: 'processes', keys: ['O'], action: 'sortPrev', help: 'sort by the previous column'},
	{context: 'processes', keys: ['r'], action: 'sortReverse', help: 'reverse the sort order'},
	{context: 'processes', keys: ['/'], action: 'filter', help: 'filter by name or pid', footer: 'filter'},
	{context: 'log', keys: ['up'], action: 'up', help: 'scroll back one line (stops following)'},
	{context: 'log', keys: ['down'], action: 'down', help: 'scroll forward one line'},
	{context: 'log', keys: ['pgup'], action: 'pageUp', help: 'scroll back a page'},
	{context: 'log', keys: ['pgdn'], action: 'pageDown', help: 'scroll forward a page'},
	{context: 'log', keys: ['home'], action: 'top', help: 'oldest event kept'},
	{context: 'log', keys: ['end'], action: 'bottom', help: 'newest event: follow the log again', footer: 'follow'},
	{context: 'log', keys: ['/'], action: 'filter', help: 'filter by pid, or by process or syscall name', footer: 'filter'},
	{context: 'command', keys: ['return'], action: 'submit', help: 'end the line; a new shell after exit', footer: 'run'},
	{context: 'command', keys: ['up'], action: 'historyBack', help: 'previous line of the history (at the prompt)', footer: 'history'},
	{context: 'command', keys: ['down'], action: 'historyForward', help: 'next line of the history'},
	{context: 'confirm', keys: ['y', 'Y'], action: 'confirm', help: 'yes'},
	{context: 'confirm', keys: ['n', 'N'], action: 'cancel', help: 'no (any other key too)'},
	{context: 'help', keys: ['?'], action: 'closeHelp', help: 'close the help (any key)'},
	{context: 'help', keys: ['pgdn', 'space', 'down'], action: 'helpMore', help: 'the next page of the help, when it has more'},
	{context: 'filter', keys: ['return'], action: 'applyFilter', help: 'keep the filter'},
	{context: 'filter', keys: ['escape'], action: 'clearFilter', help: 'clear the filter'},
	{context: 'filter', keys: ['backspace'], action: 'eraseFilter', help: 'erase a character (other keys type)'},
];

/** Panes that take the focus, in Tab order. */
export type Pane = 'processes' | 'log' | 'command';
export const PANES: readonly Pane[] = ['processes', 'log', 'command'];

/** The contexts whose bindings apply while `pane` has the focus, first match wins. */
export function activeContexts(pane: Pane): readonly KeyContext[] {
	return pane === 'command' ? ['always', 'command'] : ['always', pane, 'machine'];
}

/** Every set of contexts that can be active at once (for the collision test). */
export const ACTIVE_CONTEXTS: readonly (readonly KeyContext[])[] = [...PANES.map(activeContexts), ['always', 'confirm'], ['help'], ['always', 'filter']];

/** A key press as the keymap names it; null for keys the TUI never binds. */
export function keyName(input: string, key: Key): string | null {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pgup';
	if (key.pageDown) return 'pgdn';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.tab) return key.shift ? 'S-tab' : 'tab';
	if (key.return) return 'return';
	if (key.backspace || key.delete) return 'backspace';
	if (key.escape) return 'escape';
	if (key.ctrl && input.length === 1) return `C-${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	if (input.length === 1) return input;
	return null;
}

/** The action bound to `name` in the first of `contexts` that binds it, or null. */
export function lookupAction(contexts: readonly KeyContext[], name: string): Action | null {
	for (const context of contexts) {
		const binding = KEYMAP.find(b => b.context === context && b.keys.includes(name));
		if (binding !== undefined) return binding.action;
	}
	return null;
}

/** The footer's hints for the focused pane: "key label" pairs. */
export function footerHints(pane: Pane, ascii = false): Array<{key: string; label: string}> {
	return activeContexts(pane).flatMap(context =>
		KEYMAP.filter(b => b.context === context && b.footer !== undefined).map(b => ({key: displayKey(b.keys[0], ascii), label: b.footer!})),
	);
}

const KEY_WORDS: Readonly<Record<string, string>> = {space: 'Space', tab: 'Tab', 'S-tab': 'S-Tab', pgup: 'PgUp', pgdn: 'PgDn', return: 'Enter', up: '↑', down: '↓', left: '←', right: '→', home: 'Home', end: 'End', backspace: 'Bksp', escape: 'Esc'};
/** The arrows in words, for --ascii. */
const ASCII_WORDS: Readonly<Record<string, string>> = {up: 'Up', down: 'Down', left: 'Left', right: 'Right'};

/** "C-q" → "^Q", "space" → "Space", "S-tab" → "S-Tab", "up" → "↑" ("Up" with `ascii`). */
export function displayKey(name: string, ascii = false): string {
	if (name.startsWith('C-')) return `^${name.slice(2).toUpperCase()}`;
	return (ascii ? ASCII_WORDS[name] : undefined) ?? KEY_WORDS[name] ?? name;
}
