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
});
