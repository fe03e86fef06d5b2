/* The frame writer: only changed lines reach the terminal, each at its row; other writes pass. */

import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {frameWriter} from '../../source/tui/frame-writer.js';

/** A terminal that keeps what it is sent. */
function terminal() {
	const sent: string[] = [];
	const out = Object.assign(new EventEmitter(), {isTTY: true, columns: 20, rows: 5, write: (text: string) => sent.push(text) > 0});
	return {out: out as unknown as NodeJS.WriteStream, sent};
}

/** Ink's standard frame: the previous one erased (n lines), then the new lines and a newline. */
const inkFrame = (previous: number, lines: string[]) => `${previous === 0 ? '' : `${'\x1b[2K\x1b[1A'.repeat(previous - 1)}\x1b[2K\x1b[G`}${lines.join('\n')}\n`;

describe('the frame writer', () => {
	it('writes the first frame whole on a cleared screen, then only the lines that changed', () => {
		const {out, sent} = terminal();
		const writer = frameWriter(out);
		writer.write(inkFrame(0, ['header 1', 'row a', 'row b']));
		expect(sent.join('')).toBe('\x1b[2J\x1b[1;1Hheader 1\x1b[K\x1b[2;1Hrow a\x1b[K\x1b[3;1Hrow b\x1b[K');
		sent.length = 0;
		writer.write(inkFrame(4, ['header 2', 'row a', 'row b']));
		expect(sent.join('')).toBe('\x1b[1;1Hheader 2\x1b[K');
		expect(writer.bytes).toBeGreaterThan(0);
		sent.length = 0;
		writer.write(inkFrame(4, ['header 2', 'row a', 'row b']));
		expect(sent).toEqual([]);
	});

	it('empties rows a shorter frame no longer has, and redraws whole after a resize', () => {
		const {out, sent} = terminal();
		const writer = frameWriter(out);
		writer.write(inkFrame(0, ['a', 'b', 'c']));
		sent.length = 0;
		writer.write(inkFrame(4, ['a']));
		expect(sent.join('')).toBe('\x1b[2;1H\x1b[K\x1b[3;1H\x1b[K');
		sent.length = 0;
		out.emit('resize');
		writer.write(inkFrame(2, ['a']));
		expect(sent.join('')).toBe('\x1b[2J\x1b[1;1Ha\x1b[K');
	});

	it('passes other writes through and reads the rest from the real stream', () => {
		const {out, sent} = terminal();
		const writer = frameWriter(out);
		writer.write('\x1b[?25l');
		expect(sent).toEqual(['\x1b[?25l']);
		expect(writer.columns).toBe(20);
		expect(writer.isTTY).toBe(true);
	});
});
