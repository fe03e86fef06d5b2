/*
 * What the command pane does with a line. LineHandler is the seam: today the Launcher below (three
 * commands), later the real shell (issue 10) takes its place without the pane changing.
 *
 * The launcher's commands:
 *   PATH.wasm|PATH.wat [ARGS...] [&]   spawn a host file as a process; foreground unless `&`
 *   kill [-SIG] PID                    send a signal (TERM by default)
 *   help                               what it can do
 * A foreground job holds the terminal: the pane sends keys to kernel.tty until it ends or stops.
 * Jobs are children of the user (ppid 0); the launcher reaps them when they end and says how.
 */

import {resolve} from 'node:path';
import {KernelError, parseSignal, SpawnError, type Kernel} from '../kernel/kernel.js';
import {BadProgram, loadProgramFile} from '../commands/program-file.js';
import type {ConsoleBuffer} from './console-buffer.js';
import {exitMessageFor} from './exit-text.js';

export interface LineHandler {
	/** The prompt shown while no foreground job holds the terminal. */
	prompt(): string;
	/** Runs one line typed at the prompt; output goes to the console. */
	submit(line: string): Promise<void>;
	/** The pid of the foreground job whose terminal gets the keys, or null. */
	foreground(): number | null;
	/** Called after every slice: notice jobs that ended or stopped. */
	poll(): void;
}

export interface LauncherOptions {
	/** Environment of every spawned process. */
	readonly env?: Readonly<Record<string, string>>;
	/** Directory that relative paths start from (default: the process's cwd). */
	readonly cwd?: string;
	/** Called after a spawn or a signal, so the driver runs the machine again. */
	readonly poke?: () => void;
}

export const LAUNCHER_HELP = [
	'Commands (a small launcher; the full shell arrives later):',
	'  PATH.wasm|PATH.wat [ARGS...] [&]  run a program; & runs it in the background',
	'  kill [-SIG] PID                   send a signal (TERM unless -SIG: INT KILL STOP CONT ...)',
	'  help                              this text',
	'While a program runs in the foreground, keys go to it (^C interrupts, ^Z stops, ^D ends input).',
	'Tab moves to the other panes; ? lists every key.',
];

export class Launcher implements LineHandler {
	private fg: number | null = null;

	constructor(
		private readonly kernel: Kernel,
		private readonly out: ConsoleBuffer,
		private readonly options: LauncherOptions = {},
	) {}

	prompt(): string {
		return '$ ';
	}

	foreground(): number | null {
		return this.fg;
	}

	async submit(line: string): Promise<void> {
		const words = splitWords(line);
		if (words.length === 0) return;
		const [command, ...args] = words;
		if (command === 'help') this.print(LAUNCHER_HELP.join('\n'));
		else if (command === 'kill') this.kill(args);
		else if (/\.(wasm|wat)$/.test(command)) await this.spawn(command, args);
		else this.print(`${command}: unknown command (type help; the full shell arrives later)`);
	}

	poll(): void {
		if (this.fg !== null) {
			const view = this.kernel.process(this.fg);
			if (view === null) this.releaseTerminal();
			else if (view.state === 'STOPPED') {
				this.print(`[${view.pid}] ${view.name}: stopped (${view.stoppedBy ?? 'signal'}); select it and press s to continue`);
				this.releaseTerminal();
			}
		}
		// The user (ppid 0) is every job's parent here: its ended children are reaped, as a shell would.
		for (const view of this.kernel.processes()) {
			if (view.ppid !== 0 || view.state !== 'ZOMBIE') continue;
			const exit = this.kernel.wait(view.pid)!;
			const quiet = view.pid === this.fg && exit.reason.kind === 'exit' && exit.reason.code === 0;
			if (view.pid === this.fg) this.releaseTerminal();
			if (!quiet) this.print(`[${view.pid}] ${view.name}: ${exitMessageFor(exit.status, exit.reason)}`);
		}
	}

	private async spawn(file: string, args: string[]): Promise<void> {
		const background = args.at(-1) === '&';
		const argv = [file, ...(background ? args.slice(0, -1) : args)];
		const path = resolve(this.options.cwd ?? process.cwd(), file);
		try {
			const program = await loadProgramFile(path);
			const pid = this.kernel.spawn({program, argv, env: this.options.env ?? {}, foreground: !background});
			if (background) this.print(`[${pid}] ${program.name}`);
			else this.fg = pid;
		} catch (error) {
			if (error instanceof BadProgram) this.print(error.message.replaceAll(path, file));
			else if (error instanceof SpawnError) this.print(`${file}: ${error.reason}`);
			else if (error instanceof KernelError) this.print(`${file}: ${error.message}`);
			else throw error;
		}
		this.options.poke?.();
	}

	private kill(args: string[]): void {
		const usage = 'usage: kill [-SIG] PID';
		let signal = parseSignal('TERM')!;
		if (args[0]?.startsWith('-')) {
			const named = parseSignal(args[0].slice(1));
			if (named === null) return this.print(`kill: unknown signal ${args[0].slice(1)}`);
			signal = named;
			args = args.slice(1);
		}
		if (args.length !== 1 || !/^\d+$/.test(args[0])) return this.print(usage);
		try {
			this.kernel.kill(Number(args[0]), signal);
		} catch (error) {
			if (!(error instanceof KernelError)) throw error;
			this.print(`kill: ${args[0]}: ${error.message}`);
		}
		this.options.poke?.();
	}

	private releaseTerminal(): void {
		this.fg = null;
		this.kernel.tty.setForeground(null);
	}

	private print(text: string): void {
		if (!this.out.atLineStart) this.out.write('\n');
		this.out.write(`${text}\n`);
	}
}

/** Words of a line: split at blanks; '…' and "…" group words. */
export function splitWords(line: string): string[] {
	const words: string[] = [];
	// Each match is one word made of unquoted runs and quoted parts.
	for (const match of line.matchAll(/(?:[^\s'"]+|'[^']*'|"[^"]*")+/g)) {
		words.push(match[0].replace(/'([^']*)'|"([^"]*)"/g, (_m, a: string | undefined, b: string | undefined) => a ?? b ?? ''));
	}
	return words;
}
