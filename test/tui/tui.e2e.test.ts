/*
 * The TUI in a real terminal (tmux): the shell's prompt in the command pane, two spinners started
 * from it in the process table, a kill with k, ^C to a foreground job, resizing, and the terminal
 * given back as it was after Ctrl-Q and after SIGHUP (main screen, echo, icanon).
 */

import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {hasTmux, openTerminal, type Terminal} from '../helpers/terminal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TUI = `${process.execPath} --import tsx source/cli.tsx`;
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** The INSTR cell of pid `pid` in the process table (120 columns: every column shown). */
function instructions(screen: string, pid: number): string | null {
	const row = screen.split('\n').find(line => new RegExp(`^│\\s+${pid}\\s+\\d+ spinner`).test(line));
	return row === undefined ? null : (row.split(/\s+/)[7] ?? null);
}

/** The terminal as `stty -a` left it: echo and icanon on, nothing of the TUI on the main screen. */
function expectRestored(screen: string): void {
	expect(screen).toMatch(/(^|\s)icanon(\s|$)/m);
	expect(screen).toMatch(/(^|\s)echo(\s|$)/m);
	expect(screen).not.toContain('Processes');
}

describe.skipIf(!hasTmux())('the TUI in a terminal', () => {
	let term: Terminal | undefined;
	afterEach(() => term?.close());

	it('runs two spinners, kills one with k, reflows on resize and restores the terminal on Ctrl-Q', async () => {
		term = await openTerminal({command: ['sh', '-c', `${TUI}; echo EXIT=$?; stty -a`], cols: 120, rows: 40, cwd: ROOT});
		await term.waitFor('Command', 20_000);
		await sleep(300);
		await term.waitFor(/│\$ /);
		await term.type('fixtures/tui/spinner.wat a &\r');
		await term.waitFor('[1] 2');
		await term.type('fixtures/tui/spinner.wat b &\r');
		await term.waitFor('[2] 3');
		const first = await term.waitFor(/│\s+3\s+1 spinner/);
		await sleep(500);
		const later = term.screen();
		expect(instructions(first, 2)).not.toBeNull();
		expect(instructions(later, 2)).not.toBe(instructions(first, 2));
		expect(instructions(later, 3)).not.toBe(instructions(first, 3));
		expect(later).toMatch(/│\s+1\s+0 sh/);

		// A foreground job holds the terminal; ^C goes to it, and the shell prompts again.
		await term.type('fixtures/tui/spinner.wat c\r');
		await term.waitFor('pgid 4 has the terminal');
		await term.key('C-c');
		await term.waitFor(/^(?![\s\S]*has the terminal)[\s\S]*\^C/);

		await term.key('Tab');
		await term.waitFor('▶ Processes');
		await term.type('k');
		await term.waitFor('kill pid 1 (sh) with TERM? y/n');
		await term.type('n');
		await term.waitFor(/^(?![\s\S]*y\/n)/);
		// ↓ selects pid 2 (pressed again if a loaded machine's terminal lost it).
		for (let tries = 0; !term.screen().includes('Memory pid 2') && tries < 5; tries++) {
			await term.key('Down');
			await term.waitFor('Memory pid 2', 2_000).catch(() => '');
		}
		await term.type('k');
		await term.waitFor('kill pid 2 (spinner) with TERM? y/n');
		await term.type('y');
		// The shell reaps its child when it next steps (the kernel has no SIGCHLD): a zombie until Enter.
		await term.waitFor(/│\s+2\s+1 spinner\s+ZOMBIE 143/);
		await term.key('Tab');
		await term.key('Tab');
		await term.waitFor('▶ Command');
		await term.type('\r');
		await term.waitFor(/\[1\].*Terminated/);
		await term.waitFor(/^(?![\s\S]*│\s+2\s+1 spinner)/);

		await term.resize(80, 24);
		const compact = await term.waitFor(/Scheduler.*Memory pid 3/s);
		for (const line of compact.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		expect(compact).toMatch(/│\s+3 spinner/);
		await term.resize(60, 20);
		await term.waitFor('make the terminal larger');
		await term.resize(100, 30);
		await term.waitFor('Processes');

		await term.key('C-q');
		const after = await term.waitFor(/EXIT=0[\s\S]*icanon/);
		expectRestored(after);
	});

	it('restores the terminal when it is hung up (SIGHUP)', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'wasmos-tui-'));
		const pidFile = join(dir, 'pid');
		try {
			term = await openTerminal({command: ['sh', '-c', `sh -c 'echo $$ > ${pidFile}; exec ${TUI}'; echo EXIT=$?; stty -a`], cols: 100, rows: 30, cwd: ROOT});
			await term.waitFor('Command', 20_000);
			process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGHUP');
			const after = await term.waitFor(/EXIT=129[\s\S]*icanon/);
			expectRestored(after);
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
