/* The keymap: one meaning per key wherever the user is, and keys named as the footer shows them. */

import {describe, expect, it} from 'vitest';
import {ACTIVE_CONTEXTS, activeContexts, displayKey, footerHints, KEYMAP, keyName, lookupAction} from '../../source/tui/keymap.js';
import type {Key} from 'ink';

const none: Key = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false} as Key;

describe('the keymap', () => {
	it('never binds one key to two actions in contexts that are active together', () => {
		for (const contexts of ACTIVE_CONTEXTS) {
			const seen = new Map<string, string>();
			for (const binding of KEYMAP.filter(b => contexts.includes(b.context))) {
				for (const key of binding.keys) {
					expect(seen.get(key), `${key} in ${contexts.join('+')}`).toBeUndefined();
					seen.set(key, binding.action);
				}
			}
		}
	});

	it('binds the issue\'s keys outside the command input: renice, policy, quantum, kill, stop, filter', () => {
		const processes = activeContexts('processes');
		const expected: Record<string, string> = {'<': 'unnice', '>': 'renice', p: 'policy', '[': 'quantumDown', ']': 'quantumUp', k: 'kill', s: 'stopCont', '/': 'filter', o: 'sortNext', space: 'pause', n: 'stepQuantum', '.': 'stepInstruction', '+': 'faster', '-': 'slower', t: 'tree', S: 'snapshot', '?': 'help', tab: 'focusNext', 'S-tab': 'focusPrev'};
		for (const [key, action] of Object.entries(expected)) expect(lookupAction(processes, key), key).toBe(action);
		expect(lookupAction(activeContexts('log'), '/')).toBe('filter');
		// In the command pane, these are text for the shell.
		for (const key of ['<', '>', 'p', 'k', '/', 'o', 's']) expect(lookupAction(activeContexts('command'), key), key).toBeNull();
	});

	it('lets q quit outside the command input only; Ctrl-Q everywhere', () => {
		expect(lookupAction(activeContexts('processes'), 'q')).toBe('quit');
		expect(lookupAction(activeContexts('command'), 'q')).toBeNull();
		for (const pane of ['processes', 'log', 'command'] as const) expect(lookupAction(activeContexts(pane), 'C-q')).toBe('quit');
	});

	it('names keys as Ink reports them', () => {
		expect(keyName('q', {...none, ctrl: true})).toBe('C-q');
		expect(keyName('', {...none, tab: true, shift: true})).toBe('S-tab');
		expect(keyName(' ', none)).toBe('space');
		expect(keyName('', {...none, pageDown: true})).toBe('pgdn');
		expect(keyName('.', none)).toBe('.');
	});

	it('shows the important keys in the footer', () => {
		const hints = footerHints('processes').map(h => `${h.key} ${h.label}`);
		expect(hints).toEqual(expect.arrayContaining(['^Q quit', 'Space pause', 'k kill', '? help', 'n step', 'o sort', '/ filter', '> nice', 'p policy']));
		expect(displayKey('pgup')).toBe('PgUp');
	});
});
