/* Guest output on its way to a real terminal: no escape sequence gets through, text does. */

import {describe, expect, it} from 'vitest';
import {newSanitizer, sanitize} from '../../source/kernel/sanitize.js';
import {fixture, machine, runToEnd} from './helpers.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Sanitises the pieces in order through one stream, as successive writes. */
function clean(...pieces: Array<string | number[]>): string {
	const state = newSanitizer();
	return pieces.map(p => decoder.decode(sanitize(state, typeof p === 'string' ? encoder.encode(p) : Uint8Array.from(p)))).join('');
}

describe('the output sanitiser', () => {
	it.each([
		['colours', '\x1b[1;31mred\x1b[0m', 'red'],
		['cursor movement and clearing', 'a\x1b[2J\x1b[H\x1b[10;5Hb', 'ab'],
		['a window title (OSC ended by BEL)', '\x1b]0;pwned\x07x', 'x'],
		['a hyperlink (OSC ended by ESC \\)', '\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\', 'link'],
		['a DCS string', '\x1bP1$r0m\x1b\\ok', 'ok'],
		['charset and keypad switches', '\x1b(0q\x1b=\x1b>', 'q'],
		['private modes (alternate screen, mouse)', '\x1b[?1049h\x1b[?1000h!', '!'],
		['C1 controls', 'a\u009b2Jb\u009d0;t\u0007', 'a2Jb0;t^G'],
		['other C0 controls, shown in caret notation', 'bell\x07 nul\x00 del\x7f', 'bell^G nul^@ del^?'],
		['newline, return, tab and backspace', 'a\tb\r\nc\bd', 'a\tb\r\nc\bd'],
		['invalid UTF-8', [0x61, 0xff, 0x62, 0xc0, 0xaf, 0x63], 'a\ufffdb\ufffd\ufffdc'],
		['a CSI broken by a control character', '\x1b[12\nok', '\nok'],
	] as Array<[string, string | number[], string]>)('removes or neutralises %s', (_name, input, output) => {
		expect(clean(input)).toBe(output);
	});

	it('keeps its state across writes: an escape sequence split in two', () => {
		expect(clean('a\x1b', '[31', 'mb\x1b]0;ti', 'tle\x07c')).toBe('abc');
	});

	it('passes plain text as it is only outside a sequence and a character: what came before still counts', () => {
		expect(clean('plain text\r\n\tand\b!')).toBe('plain text\r\n\tand\b!');
		// The second write is plain ASCII, but a character was left half-written by the first.
		expect(clean([0x61, 0xc3], 'b')).toBe('a\ufffdb');
		// ... or a sequence was open.
		expect(clean('x\x1b', '[2J', 'y')).toBe('xy');
		expect(clean('x\x1b]0;', 'title', '\x07y')).toBe('xy');
	});

	it('keeps a UTF-8 character split across writes', () => {
		expect(clean([0x63, 0x61, 0x66, 0xc3], [0xa9, 0x21])).toBe('café!');
		expect(clean([0xf0, 0x9f], [0x98], [0x80])).toBe('😀');
	});

	it('does not let an unterminated OSC swallow the rest of the output', () => {
		const out = clean(`\x1b]0;${'x'.repeat(5000)}`, 'visible');
		expect(out).toContain('visible');
	});

	it('sanitises guest output on the terminal, and leaves it alone when told to', async () => {
		const kernel = machine({terminal: {sanitize: {out: true, err: true}}});
		kernel.spawn({program: await fixture('escapes')});
		expect(runToEnd(kernel).out).toBe('before\nred^G café\n');
		const raw = machine();
		raw.spawn({program: await fixture('escapes')});
		expect(runToEnd(raw).out).toContain('\x1b]0;HACKED\x07');
	});
});
