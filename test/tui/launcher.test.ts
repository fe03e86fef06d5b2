/* The command pane's launcher: spawn a host file, foreground or background, kill, help. */

import {describe, expect, it} from 'vitest';
import {ConsoleBuffer} from '../../source/tui/console-buffer.js';
import {Launcher, splitWords} from '../../source/tui/launcher.js';
import {tuiKernel} from './helpers.js';

function launcher() {
	const kernel = tuiKernel();
	const out = new ConsoleBuffer();
	return {kernel, out, launcher: new Launcher(kernel, out, {cwd: new URL('../..', import.meta.url).pathname})};
}

describe('the launcher', () => {
	it('runs a program in the foreground: it holds the terminal, its output reaches the console', async () => {
		const {kernel, out, launcher: l} = launcher();
		await l.submit('fixtures/kernel/ticker.wat x 2');
		const pid = l.foreground()!;
		expect(kernel.process(pid)).toMatchObject({foreground: true, argv: ['fixtures/kernel/ticker.wat', 'x', '2']});
		while (kernel.tick(1_000_000).status === 'running');
		for (const chunk of kernel.tty.takeOutput()) out.write(chunk.bytes);
		l.poll();
		expect(l.foreground()).toBeNull();
		expect(kernel.process(pid)).toBeNull();
		expect(out.tail(5)).toEqual(['x', 'x']);
	});

	it('runs a program in the background with &, and kills it with a chosen signal', async () => {
		const {kernel, out, launcher: l} = launcher();
		await l.submit('fixtures/tui/spinner.wat &');
		expect(l.foreground()).toBeNull();
		expect(out.tail(1)).toEqual(['[1] spinner']);
		await l.submit('kill -KILL 1');
		l.poll();
		expect(kernel.process(1)).toBeNull();
		expect(out.tail(1)).toEqual(['[1] spinner: killed by KILL (status 137)']);
	});

	it('says what went wrong, in one line', async () => {
		const {out, launcher: l} = launcher();
		await l.submit('missing.wasm');
		await l.submit('kill 99');
		await l.submit('kill -FOO 1');
		await l.submit('ls');
		expect(out.tail(4)).toEqual([
			expect.stringMatching(/^cannot read missing.wasm: /),
			expect.stringMatching(/^kill: 99: /),
			'kill: unknown signal FOO',
			'ls: unknown command (type help; the full shell arrives later)',
		]);
	});

	it('splits words at blanks, with quotes grouping', () => {
		expect(splitWords(` a.wat 'two words' "x y"z  & `)).toEqual(['a.wat', 'two words', 'x yz', '&']);
	});
});
