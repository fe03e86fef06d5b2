/* The whole TUI on a fake screen: layout at 80×24, the size message, keys, sorting and selection. */

import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {App} from '../../source/tui/App.js';
import {shellSession, spinnerSession, tick} from './helpers.js';

/** Waits until `check` passes (frames are drawn a little after a key). */
const eventually = (check: () => void) => vi.waitFor(check, {timeout: 3_000, interval: 20});

describe('the TUI', () => {
	it('draws every pane in 80×24, in 23 lines', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, unmount} = render(<App session={session} size={{columns: 80, rows: 24}} />);
		const frame = lastFrame()!;
		for (const title of ['Processes', 'Scheduler', 'Memory pid 1', 'Syscalls', 'Command']) expect(frame).toContain(title);
		expect(frame.split('\n')).toHaveLength(23);
		expect(frame).toContain('PAUSED');
		unmount();
		session.dispose();
	});

	it('asks for a larger terminal below 80×24', async () => {
		const session = await spinnerSession(1);
		const {lastFrame, unmount} = render(<App session={session} size={{columns: 60, rows: 20}} />);
		expect(lastFrame()).toContain('make the terminal larger');
		unmount();
		session.dispose();
	});

	it('keeps the selection on the same pid when the sort order changes', async () => {
		const session = await spinnerSession(3);
		session.kernel.step({pid: 3, instructions: 500_000});
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />);
		await tick(500);
		stdin.write('\x1b[B');
		// The memory map shows the selected process.
		await eventually(() => expect(lastFrame()).toContain('Memory pid 2'));
		// By pid → by name → by state → by %CPU → by instructions (descending): pid 3 moves to the top.
		for (const by of ['name', 'state', 'cpu', 'instructions']) {
			stdin.write('>');
			await eventually(() => expect(lastFrame()).toContain(`by ${by}`));
		}
		const rows = lastFrame()!.split('\n').filter(line => /│\s+\d+\s+0 spinner/.test(line));
		expect(rows[0]).toMatch(/│\s+3\s/);
		expect(lastFrame()).toContain('Memory pid 2');
		unmount();
		session.dispose();
	});

	it('kills the selected process after y, and not after n', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await tick(500);
		stdin.write('k');
		await eventually(() => expect(lastFrame()).toContain('kill pid 1 (spinner) with TERM? y/n'));
		stdin.write('n');
		await eventually(() => expect(lastFrame()).not.toContain('y/n'));
		expect(session.kernel.process(1)?.state).toBe('READY');
		stdin.write('k');
		await eventually(() => expect(lastFrame()).toContain('y/n'));
		stdin.write('y');
		await eventually(() => expect(session.kernel.process(1)).toBeNull());
		expect(session.console.tail(3).join('\n')).toContain('[1] spinner: killed by TERM');
		unmount();
		session.dispose();
	});

	it('steps one instruction with "." and one quantum with n, stops and continues with s', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await tick(500);
		const before = session.kernel.process(1)!.instructions;
		stdin.write('.');
		await eventually(() => expect(session.kernel.process(1)!.instructions).toBe(before + 1));
		const clock = session.kernel.machine().clock;
		stdin.write('n');
		await eventually(() => expect(session.kernel.machine().clock).toBeGreaterThan(clock));
		stdin.write('s');
		await eventually(() => expect(lastFrame()).toContain('STOPPED'));
		expect(session.kernel.process(1)!.state).toBe('STOPPED');
		stdin.write('s');
		await eventually(() => expect(session.kernel.process(1)!.state).not.toBe('STOPPED'));
		unmount();
		session.dispose();
	});

	it('opens the help with ? and closes it with any key; Tab moves the focus', async () => {
		const session = await spinnerSession(1);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />);
		await tick(500);
		stdin.write('?');
		await eventually(() => expect(lastFrame()).toContain('Help — any key closes'));
		stdin.write('x');
		await eventually(() => expect(lastFrame()).not.toContain('Help — any key closes'));
		stdin.write('\t');
		await eventually(() => expect(lastFrame()).toContain('▶ Syscalls'));
		unmount();
		session.dispose();
	});

	it('is the shell: a typed line runs, its output shows, ↑ recalls it through the terminal', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		stdin.write('echo hello\r');
		await eventually(() => expect(lastFrame()).toMatch(/│hello\s/));
		stdin.write('\x1b[A');
		await eventually(() => expect(lastFrame()!.split('\n').filter(line => line.includes('$ echo hello'))).toHaveLength(2));
		expect(session.kernel.tty.view().editing).toBe('echo hello');
		stdin.write('\x1b[B');
		await eventually(() => expect(session.kernel.tty.view().editing).toBe(''));
		unmount();
		session.dispose();
	});

	it('runs programs by path in the background; ^C reaches the foreground job, not the TUI', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		stdin.write('fixtures/tui/spinner.wat a &\r');
		await eventually(() => expect(lastFrame()).toContain('[1] 2'));
		await eventually(() => expect(lastFrame()).toMatch(/│\s+2\s+1 spinner/));
		stdin.write('fixtures/tui/spinner.wat b\r');
		await eventually(() => expect(lastFrame()).toMatch(/pgid 3 has the terminal/));
		stdin.write('\x03');
		await eventually(() => expect(session.kernel.process(3)).toBeNull());
		await eventually(() => expect(lastFrame()).not.toContain('has the terminal'));
		expect(session.kernel.process(2)?.state).not.toBe('ZOMBIE');
		unmount();
		session.dispose();
	});

	it('says when the shell exits, and Enter starts a new one', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		stdin.write('exit 3\r');
		await eventually(() => expect(lastFrame()).toContain('the shell exited (status 3)'));
		expect(lastFrame()).toContain('no shell: Enter restarts');
		stdin.write('\r');
		await eventually(() => expect(session.shellPid).not.toBeNull());
		await eventually(() => expect(lastFrame()).not.toContain('no shell:'));
		stdin.write('echo again\r');
		await eventually(() => expect(lastFrame()).toMatch(/│again\s/));
		unmount();
		session.dispose();
	});
});

describe('keys that arrive together', () => {
	it('are taken one by one: Tab then t switches to the tree view, "echo hi\\r" runs it', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		stdin.write('echo hi\r');
		await eventually(() => expect(lastFrame()).toMatch(/│hi\s/));
		stdin.write('\tt');
		await eventually(() => expect(lastFrame()).toMatch(/▶ Processes.* tree /));
		unmount();
		session.dispose();
	});
});
