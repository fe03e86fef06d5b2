/*
 * One TUI session: the machine and everything the views read from it, wired together. The driver
 * runs the kernel; after each slice the session moves the terminal's output into the console and
 * reaps the user's ended children; views subscribe to `onChange` and read the parts.
 *
 *   const session = new Session(kernel, {programs: {assemble}, env: {HOME: '/home'}});
 *   session.start();  ...  session.dispose();
 *
 * The command pane is the shell (source/shell): with `programs`, start() spawns it as PID 1, an
 * interactive shell whose input and output are the kernel's terminal, exactly as a Unix shell sits on
 * a tty. Keys go to kernel.tty.input, so the line discipline edits the line (Bksp, ^U, ^W), ^C and ^Z
 * signal the foreground job, and the pane shows what the terminal prints — the pane edits nothing.
 *
 * History (↑/↓) is the pane's, not the shell's: the line discipline has no line editing beyond
 * erasing, and the shell reads whole lines. On Enter while the shell holds the terminal, the line the
 * terminal is editing joins the pane's history; ↑/↓ there replace that line (^U, then the entry)
 * through the line discipline, so the terminal still has the only copy of what is typed. While a
 * program holds the terminal, arrows go to it as escape sequences.
 *
 * With `init` (--init SCRIPT), the first shell runs those commands before its first prompt, as if
 * typed: a prepared demo. When the shell ends (`exit`, ^D at the prompt, a signal) the session reaps it and says so in the
 * console; restartShell() (Enter in the pane) starts a new one, Ctrl-Q quits.
 */

import {saveSnapshot, type Kernel} from '../kernel/kernel.js';
import type {ShellHost} from '../shell/host.js';
import {shellTask, SHELL_KIND} from '../shell/shell.js';
import {initialState} from '../shell/state.js';
import {ConsoleBuffer} from './console-buffer.js';
import {MachineDriver, type DriverOptions} from './driver.js';
import {EventFeed} from './event-feed.js';
import {exitMessageFor} from './exit-text.js';
import {shortBytes} from './format.js';

export interface SessionOptions extends DriverOptions {
	/** The shell's environment (all exported), e.g. PATH for looking programs up. */
	readonly env?: Readonly<Record<string, string>>;
	/** The shell's host (its programs come from the VFS: shell/lookup.ts); without it no shell is started (tests of the other panes). */
	readonly programs?: ShellHost;
	/** Shell commands (an --init script's text) the first shell runs before it reads the terminal. */
	readonly init?: string;
	/**
	 * The kernel was restored from a snapshot (--restore), its shell task already registered with a
	 * host whose `clear` calls clearConsole(): start() adopts the snapshot's shell instead of starting one.
	 */
	readonly restored?: boolean;
}

const ERASE_LINE = '\x15';

export class Session {
	readonly driver: MachineDriver;
	readonly feed: EventFeed;
	readonly console = new ConsoleBuffer();
	/** Bumped on every change a view may show. */
	version = 0;
	/** The shell's pid while it runs. */
	shellPid: number | null = null;
	/** How the last shell ended, while none runs (null before the first starts and while one runs). */
	shellEnded: string | null = null;
	private readonly listeners = new Set<() => void>();
	/** A process has ended since the last reap (views of every process are only built then). */
	private ended = false;
	private readonly unsubscribe: () => void;
	private readonly history: string[] = [];
	/** Position in the history while ↑/↓ browse it (history.length: the line being typed). */
	private at = 0;
	/** The line being typed when browsing began. */
	private draft = '';
	/** Whether a shell has been started (only the first runs the init script). */
	private started = false;

	constructor(
		readonly kernel: Kernel,
		private readonly options: SessionOptions = {},
	) {
		this.feed = new EventFeed(kernel);
		this.unsubscribe = kernel.subscribe(event => {
			if (event.type === 'exit') this.ended = true;
		});
		this.driver = new MachineDriver(kernel, options);
		if (options.programs !== undefined && options.restored !== true) kernel.registerTask(shellTask({...options.programs, clear: () => this.clearConsole()}));
		this.driver.onSlice(() => this.changed());
	}

	/** Whether a shell can run here (a session made with `programs`). */
	get hasShell(): boolean {
		return this.options.programs !== undefined;
	}

	start(): void {
		if (this.options.restored === true && !this.started) this.adoptShell();
		if (this.hasShell && this.shellPid === null) this.startShell();
		this.driver.start();
	}

	/** The shell's `clear`: empties the pane, after what the terminal printed before it. */
	clearConsole(): void {
		for (const chunk of this.kernel.tty.takeOutput()) this.console.write(chunk.bytes);
		this.console.clear();
	}

	/** `S`: the whole machine to `file` (atomically, between two instructions); says where in the pane, and returns what it said. */
	saveSnapshot(file: string): string {
		const {bytes} = saveSnapshot(this.kernel, file);
		const text = `snapshot saved: ${file} (${shortBytes(bytes)}, tick ${this.kernel.machine().clock}) — wasmos-tui --restore ${file}`;
		this.print(text);
		this.changed();
		return text;
	}

	/** A restored machine's shell: the first live shell the user started (ppid 0); the init script is not run again. */
	private adoptShell(): void {
		this.started = true;
		const shell = this.kernel.processes().find(p => p.ppid === 0 && p.name === 'sh' && p.state !== 'ZOMBIE');
		if (shell !== undefined) this.shellPid = shell.pid;
	}

	/** A new interactive shell holding the terminal; its pid. */
	startShell(): number {
		const env = this.options.env ?? {};
		const commands = this.started ? undefined : this.options.init;
		this.started = true;
		const state = initialState({interactive: true, env, ...(commands === undefined ? {} : {commands})});
		this.shellPid = this.kernel.spawn({task: {kind: SHELL_KIND, state}, name: 'sh', argv: ['sh'], env, foreground: true});
		this.shellEnded = null;
		this.at = this.history.length;
		this.driver.poke();
		this.changed();
		return this.shellPid;
	}

	/** The process group holding the terminal when it is not the shell's (a foreground job), else null. */
	foreground(): number | null {
		const group = this.kernel.tty.view().foreground;
		return group === null || group === this.shellGroup() ? null : group;
	}

	/**
	 * Processes that quitting would end and a snapshot could keep: every live one but an idle shell
	 * (one waiting at its prompt). 0: nothing to lose.
	 */
	holdings(): number {
		const live = this.kernel.processes().filter(p => p.state !== 'ZOMBIE');
		return live.filter(p => p.pid !== this.shellPid || !this.atPrompt()).length;
	}

	/** Keys for the terminal, through its line discipline. */
	typeToTerminal(data: string): void {
		if (data === '') return;
		this.kernel.tty.input(data);
		this.driver.poke();
		this.changed();
	}

	/** Enter: ends the terminal's line; typed at the shell's prompt, the line joins the history. */
	enter(): void {
		if (this.atPrompt()) {
			const line = this.kernel.tty.view().editing;
			if (line.trim() !== '' && this.history.at(-1) !== line) this.history.push(line);
			this.at = this.history.length;
			this.draft = '';
		}
		this.typeToTerminal('\r');
	}

	/** ↑ (-1) / ↓ (+1) at the shell's prompt: the line being typed becomes an older / newer one. False when the shell does not hold the terminal. */
	recall(direction: -1 | 1): boolean {
		if (!this.atPrompt()) return false;
		const to = Math.max(0, Math.min(this.history.length, this.at + direction));
		if (to === this.at) return true;
		if (this.at === this.history.length) this.draft = this.kernel.tty.view().editing;
		this.at = to;
		this.typeToTerminal(ERASE_LINE + (to === this.history.length ? this.draft : this.history[to]));
		return true;
	}

	/** Runs a kernel request from a key (kill, stop, ...) and lets the machine go on. */
	act(request: () => void): void {
		request();
		this.driver.poke();
		this.changed();
	}

	onChange(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	dispose(): void {
		this.driver.dispose();
		this.feed.dispose();
		this.unsubscribe();
		this.listeners.clear();
	}

	/** The shell holds the terminal in cooked mode: what is typed is a command line. */
	private atPrompt(): boolean {
		const view = this.kernel.tty.view();
		return this.shellPid !== null && view.canonical && view.foreground === this.shellGroup();
	}

	private shellGroup(): number | null {
		return this.shellPid === null ? null : (this.kernel.process(this.shellPid)?.pgid ?? null);
	}

	private changed(): void {
		for (const chunk of this.kernel.tty.takeOutput()) this.console.write(chunk.bytes);
		this.reap();
		this.version++;
		for (const listener of this.listeners) listener();
	}

	/** The user (ppid 0) is the parent of the shell and of what outlives it: their ends are reaped and told. */
	private reap(): void {
		if (!this.ended) return;
		this.ended = false;
		for (const view of this.kernel.processes()) {
			if (view.ppid !== 0 || view.state !== 'ZOMBIE') continue;
			const exit = this.kernel.wait(view.pid)!;
			if (view.pid === this.shellPid) {
				this.shellPid = null;
				this.shellEnded = exit.reason.kind === 'exit' ? `the shell exited (status ${exit.status})` : `the shell ended: ${exitMessageFor(exit.status, exit.reason)}`;
				this.print(`${this.shellEnded} — Enter starts a new shell, Ctrl-Q quits`);
			} else this.print(`[${view.pid}] ${view.name}: ${exitMessageFor(exit.status, exit.reason)}`);
		}
	}

	private print(text: string): void {
		if (!this.console.atLineStart) this.console.write('\n');
		this.console.write(`${text}\n`);
	}
}
