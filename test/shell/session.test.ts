/*
 * The shell in the TUI's command pane (tui/session.ts): the prompt is the shell's own, so a
 * background job that ended is reported before the next prompt there too, and `clear` empties the
 * pane (the session's ShellHost.clear) after what was printed before it.
 */

import {afterEach, describe, expect, it, vi} from 'vitest';
import {boot} from '../../source/kernel/kernel.js';
import {Session} from '../../source/tui/session.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {installGuests, testHost} from './helpers.js';

let session: Session | null = null;

afterEach(() => {
	session?.dispose();
	session = null;
});

async function paneShell(): Promise<Session> {
	const kernel = boot({idle: 'wait', terminal: {sanitize: {out: true, err: true}}});
	kernel.registerAbi(wasiPreview1());
	await installGuests(kernel);
	session = new Session(kernel, {programs: testHost()});
	session.start();
	return session;
}

const eventually = (check: () => void) => vi.waitFor(check, {timeout: 5_000, interval: 10});

describe('the shell in the command pane', () => {
	it('reports a finished background job at the next prompt', async () => {
		const s = await paneShell();
		await eventually(() => expect(s.console.tail(1)).toEqual(['$ ']));
		s.typeToTerminal('/bin/status 3 &\r');
		await eventually(() => expect(s.console.tail(3)).toEqual(['$ /bin/status 3 &', '[1] 2', '$ ']));
		// Whether it ended before that prompt or after, Enter brings a prompt with the report before it.
		await eventually(() => expect(s.kernel.process(2)?.state ?? 'gone').toMatch(/ZOMBIE|gone/));
		s.typeToTerminal('\r');
		const report = '[1]+  Exit 3                  /bin/status 3';
		await eventually(() => expect(s.console.tail(2)).toEqual([report, '$ ']));
		const screen = s.console.tail(100);
		expect(screen.filter(line => line === report)).toHaveLength(1);
		expect(screen.indexOf(report)).toBeGreaterThan(screen.indexOf('[1] 2'));
	});

	it('clears the pane with clear, keeping what comes after', async () => {
		const s = await paneShell();
		await eventually(() => expect(s.console.tail(1)).toEqual(['$ ']));
		s.typeToTerminal('echo before\r');
		await eventually(() => expect(s.console.tail(3)).toEqual(['$ echo before', 'before', '$ ']));
		s.typeToTerminal('clear; echo after\r');
		await eventually(() => expect(s.console.tail(100)).toEqual(['after', '$ ']));
	});
});
