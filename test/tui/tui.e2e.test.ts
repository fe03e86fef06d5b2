/*
 * The TUI in a real terminal (tmux): the shell's prompt in the command pane, `spin a` and `spin b`
 * (from /bin) started from it in the process table and alternating on the timeline, a kill with k,
 * the syscall log filtered with /, resizing (80×24, 60×20: the size message, 200×60), and the
 * terminal given back as it was after Ctrl-Q and after SIGHUP (main screen, echo, icanon).
 */

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {hasTmux, openTerminal, type Terminal} from '../helpers/terminal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TUI = `${process.execPath} --import tsx source/cli.tsx`;

/** The INSTR cell of pid `pid`'s row in the process table (120 columns: every column shown). */
function instructions(screen: string, pid: number): string | null {
	const row = screen.split('\n').find(line => new RegExp(`^│\\s+${pid}\\s+\\d+ spin\\s`).test(line));
	return row === undefined ? null : (row.split(/\s+/)[7] ?? null);
}

/** The terminal as `stty -a` left it: echo and icanon on, nothing of the TUI on the main screen. */
function expectRestored(screen: string): void {
	expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
	expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
	expect(screen).not.toContain('Processes');
}

/** Polls the screen until `check` holds for it; returns that screen. */
async function until(term: Terminal, what: string, check: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const screen = term.screen();
		if (check(screen)) return screen;
		if (Date.now() > deadline) throw new Error(`the screen never showed ${what}; it shows:\n${screen}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

describe.skipIf(!hasTmux())('the TUI in a terminal', () => {
	let term: Terminal | undefined;
	afterEach(() => term?.close());

	it('runs spin a and spin b, kills one with k, filters the syscall log, reflows on resize and restores the terminal on Ctrl-Q', async () => {
		term = await openTerminal({command: ['sh', '-c', `${TUI}; echo EXIT=$?; stty -a`], cols: 120, rows: 40, cwd: ROOT});
		await term.waitFor(/│\$ /, 30_000);
		await term.type('spin a 100000 &\r');
		await term.waitFor('[1] 2');
		await term.type('spin b 100000 &\r');
		await term.waitFor('[2] 3');

		// Both in the table with INSTR moving; the timeline alternates B (pid 2) and C (pid 3).
		const first = await term.waitFor(/│\s+3\s+1 spin\s/);
		await until(term, 'INSTR of both changing', screen => {
			const [a, b] = [instructions(screen, 2), instructions(screen, 3)];
			return a !== null && b !== null && a !== instructions(first, 2) && b !== instructions(first, 3);
		});
		await term.waitFor(/(BC){4}|(CB){4}/);
		expect(term.screen()).toMatch(/│\s+1\s+0 sh/);

		// Kill pid 2 with k from the process table.
		await term.key('Tab');
		await term.waitFor('▶ Processes');
		await term.key('Down');
		await term.waitFor('Memory pid 2');
		await term.type('k');
		await term.waitFor('kill pid 2 (spin) with TERM? y/n');
		await term.type('y');
		await term.waitFor(/│\s+2\s+1 spin\s+ZOMBIE 143/);

		// The syscall log, filtered to pid 3: its lines only, from its spawn on.
		await term.key('Tab');
		await term.waitFor('▶ Syscalls');
		await term.type('/3\r');
		const log = await term.waitFor(/\/3 following/);
		const logLines = log.split('\n').filter(line => /^│\s+\d+\s+\d+ \w+\(/.test(line));
		expect(logLines.length).toBeGreaterThan(0);
		for (const line of logLines) expect(line).toMatch(/^│\s+\d+\s+3 \w+\(/);
		expect(log).toMatch(/│\s+\d+\s+3 spawn spin b 100000 = pid 3/);

		// The shell reaps its child when it next reads a line: Enter in the command pane.
		await term.key('Tab');
		await term.waitFor('▶ Command');
		await term.type('\r');
		await term.waitFor(/\[1\].*Terminated/);
		await term.waitFor(/^(?![\s\S]*│\s+2\s+1 spin)/);

		await term.resize(80, 24);
		const compact = await term.waitFor(/Scheduler.*Memory pid 3/s);
		for (const line of compact.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		expect(compact).toMatch(/│\s+3 spin/);
		await term.resize(60, 20);
		await term.waitFor('make the terminal larger');
		await term.resize(200, 60);
		const wide = await term.waitFor(/Processes.*Memory pid 3/);
		expect(wide.split('\n').some(line => [...line].length === 200)).toBe(true);

		// One process would end: Ctrl-Q asks, y quits.
		await term.key('C-q');
		await term.waitFor('quit? 1 process will end. y/n');
		await term.type('y');
		const after = await term.waitFor(/EXIT=0[\s\S]*icanon/);
		expectRestored(after);
	});

	it('restores the terminal when it is hung up (SIGHUP) while a program runs', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'wasmos-tui-'));
		const pidFile = join(dir, 'pid');
		try {
			term = await openTerminal({command: ['sh', '-c', `sh -c 'echo $$ > ${pidFile}; exec ${TUI}'; echo EXIT=$?; stty -a`], cols: 100, rows: 30, cwd: ROOT});
			await term.waitFor(/│\$ /, 30_000);
			await term.type('spin a 0 &\r');
			await term.waitFor(/│\s+2\s+1 spin\s/);
			process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGHUP');
			const after = await term.waitFor(/EXIT=129[\s\S]*icanon/);
			expectRestored(after);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
