/*
 * Drives a real program in a pseudo-terminal and reads the screen as a person sees it, through tmux
 * (a private server per terminal, so tests never touch a user's sessions):
 *
 *   const term = await openTerminal({command: ['node', 'dist/cli.js'], cols: 100, rows: 30});
 *   await term.type('ls\r');           // keys one at a time; tmux key names via term.key('C-c')
 *   await term.waitFor(/\$ $/m);        // polls the rendered screen
 *   term.screen();                      // the screen's text, one string per row joined by \n
 *   await term.resize(80, 24);
 *   await term.exitStatus();            // waits for the program to end
 *   term.close();
 *
 * `CI` is removed from the child's environment: Ink prints only the last frame when it is set.
 */

import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface TerminalOptions {
	readonly command: readonly string[];
	readonly cols?: number;
	readonly rows?: number;
	readonly cwd?: string;
	readonly env?: Readonly<Record<string, string>>;
}

export interface Terminal {
	type(text: string): Promise<void>;
	key(name: string): Promise<void>;
	screen(): string;
	waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
	resize(cols: number, rows: number): Promise<void>;
	exitStatus(timeoutMs?: number): Promise<number>;
	close(): void;
}

function quote(word: string): string {
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

export function hasTmux(): boolean {
	try {
		execFileSync('tmux', ['-V'], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

export async function openTerminal(options: TerminalOptions): Promise<Terminal> {
	const socket = `wasmos-test-${randomBytes(6).toString('hex')}`;
	const env: Record<string, string> = {};
	for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'CI' && !k.startsWith('TMUX')) env[k] = v;
	Object.assign(env, {TERM: 'xterm-256color'}, options.env);
	const tmux = (...args: string[]) =>
		execFileSync('tmux', ['-L', socket, ...args], {env, encoding: 'utf8', cwd: options.cwd});
	// default-size: without it the pane starts at 80x24 and is resized after the program has begun
	// to draw, which scrolls its first lines out of view.
	const dir = mkdtempSync(join(tmpdir(), 'wasmos-term-'));
	const config = join(dir, 'tmux.conf');
	const statusFile = join(dir, 'status');
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 30;
	writeFileSync(config, `set -g status off\nset -g default-size ${cols}x${rows}\n`);
	tmux(
		'-f', config, 'new-session', '-d', '-s', 'main',
		'-x', String(cols), '-y', String(rows),
		// The program runs under a shell that records its status and then keeps the pane open, so the
		// screen stays as the program left it (tmux's remain-on-exit redraws the pane).
		`sh -c '"$@"; echo $? > ${statusFile}; exec sleep 3600' sh ${options.command.map(quote).join(' ')}`,
	);
	let closed = false;

	const terminal: Terminal = {
		async type(text) {
			for (const ch of text) {
				tmux('send-keys', '-t', 'main', '-l', ch);
				await sleep(5);
			}
		},
		async key(name) {
			tmux('send-keys', '-t', 'main', name);
			await sleep(5);
		},
		screen() {
			return tmux('capture-pane', '-p', '-t', 'main').replace(/\n$/, '');
		},
		async waitFor(pattern, timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const text = terminal.screen();
				if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return text;
				if (Date.now() > deadline) throw new Error(`screen never showed ${String(pattern)}; it shows:\n${text}`);
				await sleep(50);
			}
		},
		async resize(cols, rows) {
			tmux('resize-window', '-t', 'main', '-x', String(cols), '-y', String(rows));
			await sleep(50);
		},
		async exitStatus(timeoutMs = 10_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const status = existsSync(statusFile) ? readFileSync(statusFile, 'utf8').trim() : '';
				if (status !== '') return Number(status);
				if (Date.now() > deadline) throw new Error(`program still running after ${timeoutMs} ms:\n${terminal.screen()}`);
				await sleep(50);
			}
		},
		close() {
			if (closed) return;
			closed = true;
			tmux('kill-server');
			rmSync(dir, {recursive: true, force: true});
		},
	};
	return terminal;
}
