/* The whole TUI on a fake screen: layout at 80×24, the size message, keys, sorting and selection. */

import {render} from 'ink-testing-library';
import {describe, expect, it, vi} from 'vitest';
import {App} from '../../source/tui/App.js';
import {ThemeContext} from '../../source/tui/theme.js';
import {shellSession, spinner, spinnerSession} from './helpers.js';

/** Waits until `check` passes (frames are drawn a little after a key). */
const eventually = (check: () => void) => vi.waitFor(check, {timeout: 3_000, interval: 20});

/** Waits until the app listens to its input (Ink attaches the listener after the first render). */
const listening = (stdin: {listenerCount(event: string): number}) => eventually(() => expect(stdin.listenerCount('readable')).toBeGreaterThan(0));

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
		await listening(stdin);
		stdin.write('\x1b[B');
		// The memory map shows the selected process.
		await eventually(() => expect(lastFrame()).toContain('Memory pid 2'));
		// By pid → by name → by state → by %CPU → by instructions (descending): pid 3 moves to the top.
		for (const by of ['name', 'state', 'cpu', 'instructions']) {
			stdin.write('o');
			await eventually(() => expect(lastFrame()).toContain(`by ${by}`));
		}
		const rows = lastFrame()!.split('\n').filter(line => /│\s+\d+\s+0 spinner/.test(line));
		expect(rows[0]).toMatch(/│\s+3\s/);
		expect(lastFrame()).toContain('Memory pid 2');
		unmount();
		session.dispose();
	});

	it('moves the selection one row per key, also for keys that arrive before a redraw', async () => {
		const session = await spinnerSession(4);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />);
		await listening(stdin);
		stdin.write('\x1b[B');
		stdin.write('\x1b[B');
		stdin.write('\x1b[B');
		await eventually(() => expect(lastFrame()).toContain('Memory pid 4'));
		stdin.write('\x1b[A');
		await eventually(() => expect(lastFrame()).toContain('Memory pid 3'));
		unmount();
		session.dispose();
	});

	it('kills the selected process after y, and not after n', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await listening(stdin);
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

	it('does not offer to kill a zombie: it says the process has ended', async () => {
		const session = await spinnerSession(1);
		// A child of the spinner, which never waits for it: killed, it stays a zombie.
		const child = session.kernel.spawn({program: await spinner(), argv: ['orphan'], name: 'orphan', parent: 1});
		session.kernel.kill(child, 'KILL');
		session.kernel.tick(10_000);
		expect(session.kernel.process(child)?.state).toBe('ZOMBIE');
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await listening(stdin);
		await eventually(() => expect(lastFrame()).toMatch(/orphan\s+ZOMBIE/));
		// Down and k at once, as a paste would send them: k acts on the row moved to.
		stdin.write('\x1b[B');
		stdin.write('k');
		await eventually(() => expect(lastFrame()).toContain(`pid ${child} (orphan) has ended`));
		expect(lastFrame()).not.toContain('y/n');
		unmount();
		session.dispose();
	});

	it('shows where S saved the snapshot in the footer until the next key', async () => {
		const session = await spinnerSession(2);
		// Not written here: what the footer does with the session's answer is what is tested.
		const save = vi.spyOn(session, 'saveSnapshot').mockReturnValue('snapshot saved: wasmos-snapshot-7.json (1K, tick 7)');
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await listening(stdin);
		stdin.write('S');
		await eventually(() => expect(lastFrame()).toContain('snapshot saved: wasmos-snapshot-7.json'));
		expect(save).toHaveBeenCalledOnce();
		stdin.write('\x1b[B');
		await eventually(() => expect(lastFrame()).not.toContain('snapshot saved'));
		expect(lastFrame()).toContain('Tab pane');
		unmount();
		session.dispose();
	});

	it('steps one instruction with "." and one quantum with n, stops and continues with s', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await listening(stdin);
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
		await listening(stdin);
		stdin.write('?');
		await eventually(() => expect(lastFrame()).toContain('Help — any key closes'));
		stdin.write('x');
		await eventually(() => expect(lastFrame()).not.toContain('Help — any key closes'));
		expect(session.driver.paused).toBe(true);
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

	it('keeps the name of a process that has gone in the timeline\'s legend and the log\'s filter', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		stdin.write('fixtures/tui/spinner.wat b\r');
		await eventually(() => expect(lastFrame()).toMatch(/pgid 2 has the terminal/));
		stdin.write('\x03');
		await eventually(() => expect(session.kernel.process(2)).toBeNull());
		// Drawn since: no row of pid 2 in the process table any more.
		await eventually(() => expect(lastFrame()).not.toMatch(/│\s+2\s+1 spinner/));
		expect(lastFrame()).toContain('B=2 spinner');
		expect(lastFrame()).not.toContain('B=2 ?');
		// Tab to the log, filter by the gone process's name: its lines stay.
		stdin.write('\t');
		stdin.write('/');
		stdin.write('spinner\r');
		await eventually(() => expect(lastFrame()).toMatch(/│\s+\d+\s+2 (spawn|clock_time_get)/));
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

describe('machine keys', () => {
	it('renices the selected process with < and >, cycles the policy with p, steps the quantum with [ and ]', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />);
		await listening(stdin);
		stdin.write('<');
		await eventually(() => expect(session.kernel.process(1)!.priority).toBe(-1));
		stdin.write('>>');
		await eventually(() => expect(session.kernel.process(1)!.priority).toBe(1));
		expect(session.kernel.process(2)!.priority).toBe(0);
		stdin.write('p');
		await eventually(() => expect(session.kernel.machine().policy).toBe('priority'));
		await eventually(() => expect(lastFrame()).toContain('priority q=10K'));
		stdin.write(']');
		await eventually(() => expect(session.kernel.machine().quantum).toBe(20_000));
		stdin.write('[[');
		await eventually(() => expect(session.kernel.machine().quantum).toBe(5_000));
		await eventually(() => expect(lastFrame()).toContain('q=5.0K'));
		unmount();
		session.dispose();
	});

	it('filters the process table with /, keeps the filter on Enter and clears it with Esc', async () => {
		const session = await spinnerSession(3);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />);
		await listening(stdin);
		stdin.write('/');
		await eventually(() => expect(lastFrame()).toContain('filter processes (name or pid): _'));
		stdin.write('2');
		await eventually(() => expect(lastFrame()).not.toMatch(/│\s+1\s+0 spinner/));
		expect(lastFrame()).toMatch(/│\s+2\s+0 spinner/);
		expect(lastFrame()).toContain('Memory pid 2');
		stdin.write('\r');
		await eventually(() => expect(lastFrame()).not.toContain('filter processes'));
		expect(lastFrame()).toContain('/2 by pid');
		// Keys act on the machine again: k asks to kill the one process shown.
		stdin.write('k');
		await eventually(() => expect(lastFrame()).toContain('kill pid 2 (spinner)'));
		stdin.write('n/');
		await eventually(() => expect(lastFrame()).toContain('filter processes (name or pid): 2_'));
		stdin.write('\x1b');
		await eventually(() => expect(lastFrame()).toMatch(/│\s+1\s+0 spinner/));
		expect(lastFrame()).not.toContain('/2 by pid');
		unmount();
		session.dispose();
	});

	it('filters the syscall log by pid', async () => {
		const session = await spinnerSession(2, 3_000_000);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} initialFocus="log" />);
		await listening(stdin);
		const logLines = () => lastFrame()!.split('\n').filter(line => line.includes('clock_time_get('));
		expect(logLines().some(line => /^│\s+\d+\s+1 clock/.test(line))).toBe(true);
		stdin.write('/2\r');
		await eventually(() => expect(lastFrame()).toContain('/2 following'));
		expect(logLines().length).toBeGreaterThan(0);
		for (const line of logLines()) expect(line).toMatch(/^│\s+\d+\s+2 clock/);
		unmount();
		session.dispose();
	});

	it('shows the selected process\'s memory filling in live, and watches only that process', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(
			<ThemeContext.Provider value={{color: false, ascii: true}}>
				<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />
			</ThemeContext.Provider>,
		);
		await listening(stdin);
		await eventually(() => expect(session.kernel.memoryMap(1)!.watching).toBe(true));
		expect(session.kernel.memoryMap(2)!.watching).toBe(false);
		stdin.write(' ');
		await eventually(() => expect(lastFrame()).toMatch(/\|[.rd]*w[.rdw]*\|/));
		stdin.write(' ');
		stdin.write('\x1b[B');
		await eventually(() => expect(session.kernel.memoryMap(2)!.watching).toBe(true));
		expect(session.kernel.memoryMap(1)!.watching).toBe(false);
		unmount();
		session.dispose();
	});
});

describe('quitting', () => {
	it('asks first when processes would end: n goes on, y quits', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} initialFocus="processes" />);
		await listening(stdin);
		stdin.write('q');
		await eventually(() => expect(lastFrame()).toContain('quit? 2 processes will end. y/n'));
		stdin.write('n');
		await eventually(() => expect(lastFrame()).not.toContain('quit?'));
		stdin.write('\x11');
		await eventually(() => expect(lastFrame()).toContain('quit? 2 processes'));
		stdin.write('y');
		await eventually(() => expect(stdin.listenerCount('readable')).toBe(0));
		unmount();
		session.dispose();
	});

	it('quits at once when only an idle shell runs', async () => {
		const session = await shellSession();
		const {lastFrame, stdin, unmount} = render(<App session={session} size={{columns: 100, rows: 30}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│\$ /));
		expect(session.holdings()).toBe(0);
		stdin.write('\x11');
		await eventually(() => expect(stdin.listenerCount('readable')).toBe(0));
		unmount();
		session.dispose();
	});

	it('runs an --init script before the first prompt', async () => {
		const session = await shellSession({}, 'echo prepared\nfixtures/tui/spinner.wat demo &\n');
		const {lastFrame, unmount} = render(<App session={session} size={{columns: 120, rows: 40}} />);
		await eventually(() => expect(lastFrame()).toMatch(/│prepared\s/));
		await eventually(() => expect(lastFrame()).toMatch(/│\s+2\s+1 spinner/));
		expect(session.holdings()).toBe(1);
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

	it('draws no box-drawing, block, braille, arrow or × characters under --ascii: panes, header, footer and help', async () => {
		const session = await spinnerSession(2);
		const {lastFrame, stdin, unmount} = render(
			<ThemeContext.Provider value={{color: false, ascii: true}}>
				<App session={session} size={{columns: 120, rows: 40}} initialFocus="processes" />
			</ThemeContext.Provider>,
		);
		await listening(stdin);
		await eventually(() => expect(lastFrame()).toContain('speed x1'));
		expect(lastFrame()).toMatch(/Down|Up|PgDn|Space/);
		const drawing = /[\u2190-\u21ff\u2500-\u259f\u25a0-\u25ff\u2800-\u28ff\u00d7]/g;
		expect([...new Set(lastFrame()!.match(drawing) ?? [])]).toEqual([]);
		stdin.write('?');
		await eventually(() => expect(lastFrame()).toContain('speed up virtual time'));
		expect([...new Set(lastFrame()!.match(drawing) ?? [])]).toEqual([]);
		unmount();
		session.dispose();
	});
});
