/*
 * Keys for a foreground program, as the bytes a terminal would send: Enter is CR, Backspace DEL,
 * Ctrl-letter its control code (^C, ^D, ^Z reach the line discipline), arrows their escape sequences;
 * and back: the key a single character stands for.
 */

import type {Key} from 'ink';

const ARROWS: ReadonlyArray<[keyof Key, string]> = [
	['upArrow', '\x1b[A'],
	['downArrow', '\x1b[B'],
	['rightArrow', '\x1b[C'],
	['leftArrow', '\x1b[D'],
];

export function terminalBytes(input: string, key: Key): string {
	if (key.return) return '\r';
	if (key.backspace || key.delete) return '\x7f';
	if (key.tab) return '\t';
	for (const [name, bytes] of ARROWS) if (key[name]) return bytes;
	if (key.ctrl && /^[a-z]$/i.test(input)) return String.fromCharCode(input.toUpperCase().charCodeAt(0) - 64);
	return input;
}

const NO_KEY: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false,
	hyper: false, capsLock: false, numLock: false,
};

/** One character of a chunk as Ink would report it typed alone: Tab, Enter, Backspace, Ctrl-letter. */
export function keyOf(ch: string): [string, Key] {
	const code = ch.charCodeAt(0);
	if (ch === '\t') return ['', {...NO_KEY, tab: true}];
	if (ch === '\r' || ch === '\n') return ['\r', {...NO_KEY, return: true}];
	if (ch === '\x7f' || ch === '\b') return ['', {...NO_KEY, backspace: true}];
	if (code < 0x20) return [String.fromCharCode(code + 96), {...NO_KEY, ctrl: true}];
	return [ch, NO_KEY];
}
