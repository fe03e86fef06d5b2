/* The command pane's scrollback behaves like a terminal for text. */

import {describe, expect, it} from 'vitest';
import {ConsoleBuffer} from '../../source/tui/console-buffer.js';

describe('the console buffer', () => {
	it('splits lines, overwrites after a carriage return and erases with backspace', () => {
		const buffer = new ConsoleBuffer();
		buffer.write('hello\nworld\rW');
		buffer.write('X\bo');
		expect(buffer.tail(5)).toEqual(['hello', 'World']);
	});

	it('keeps UTF-8 split across writes whole and drops the oldest lines past its capacity', () => {
		const buffer = new ConsoleBuffer(2);
		const bytes = new TextEncoder().encode('é\n');
		buffer.write(bytes.subarray(0, 1));
		buffer.write(bytes.subarray(1));
		buffer.write('b\nc\n');
		expect(buffer.tail(5)).toEqual(['b', 'c']);
		expect(new ConsoleBuffer().tail(3)).toEqual([]);
	});

	it('shows the screen ending with the line being written, and where the cursor is', () => {
		const buffer = new ConsoleBuffer();
		buffer.write('a\nb\n$ ls');
		expect(buffer.screen(2)).toEqual(['b', '$ ls']);
		expect(buffer.cursor).toBe(4);
		buffer.write('\b \b\n');
		expect(buffer.screen(3)).toEqual(['b', '$ l ', '']);
		expect(buffer.cursor).toBe(0);
	});

	it('reads text that holds more lines than it keeps from the first line kept, as if fed line by line', () => {
		const whole = new ConsoleBuffer(3);
		whole.write('old\n');
		whole.write('a\nb\r\nc\nd\ne\nf');
		expect(whole.tail(10)).toEqual(['c', 'd', 'e', 'f']);
		expect(whole.length).toBe(4);
		expect(whole.cursor).toBe(1);
	});

	it('ends as a terminal model fed one character at a time ends, for any mix of text and control characters', () => {
		/** The model: every character acted on in turn, the line as an array of characters. */
		const model = (text: string, capacity: number) => {
			const done: string[] = [];
			let line: string[] = [];
			let column = 0;
			for (const ch of text) {
				if (ch === '\n') {
					done.push(line.join(''));
					if (done.length > capacity) done.shift();
					line = [];
					column = 0;
				} else if (ch === '\r') column = 0;
				else if (ch === '\b') column = Math.max(0, column - 1);
				else if (ch === '\t') for (let k = 8 - (column % 8); k > 0; k--) line[column++] = ' ';
				else if (ch >= ' ' && ch !== '\x7f') line[column++] = ch;
			}
			const current = Array.from(line, ch => ch ?? ' ').join('');
			return {tail: current === '' ? done : [...done, current], cursor: column};
		};
		// A small PRNG (xorshift) so that a failure names its seed.
		for (let seed = 1; seed <= 300; seed++) {
			let x = seed;
			const next = () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
			const alphabet = ['a', 'b', 'é', '日', '😀', '\n', '\r', '\b', '\t', '\x01', '\x7f'];
			const chars = Array.from({length: 80}, () => alphabet[Math.floor(next() * alphabet.length)]);
			const text = chars.join('');
			const capacity = 1 + Math.floor(next() * 4);
			const buffer = new ConsoleBuffer(capacity);
			// In a few writes, split at random characters (bytes split mid-character are the decoder's business).
			for (let at = 0; at < chars.length; ) {
				const end = Math.min(chars.length, at + 1 + Math.floor(next() * 30));
				buffer.write(chars.slice(at, end).join(''));
				at = end;
			}
			expect({seed, tail: buffer.tail(100), cursor: buffer.cursor}).toEqual({seed, ...model(text, capacity)});
		}
	});

	it('keeps its capacity under a flood of lines (a program writing `y` forever)', () => {
		const buffer = new ConsoleBuffer(100);
		for (let k = 0; k < 5_000; k++) buffer.write('y\n'.repeat(50));
		expect(buffer.length).toBe(100);
		expect(buffer.tail(200)).toEqual(Array.from({length: 100}, () => 'y'));
	});
});
