/*
 * One TUI session: the machine and everything the views read from it, wired together. The driver
 * runs the kernel; after each slice the session moves the terminal's output into the console and
 * lets the line handler notice ended jobs; views subscribe to `onChange` and read the parts.
 *
 *   const session = new Session(kernel, {paused: false, env: {}});
 *   session.start();  ...  session.dispose();
 */

import type {Kernel} from '../kernel/kernel.js';
import {ConsoleBuffer} from './console-buffer.js';
import {MachineDriver, type DriverOptions} from './driver.js';
import {EventFeed} from './event-feed.js';
import {Launcher, type LineHandler} from './launcher.js';

export interface SessionOptions extends DriverOptions {
	readonly env?: Readonly<Record<string, string>>;
	readonly cwd?: string;
}

export class Session {
	readonly driver: MachineDriver;
	readonly feed: EventFeed;
	readonly console = new ConsoleBuffer();
	readonly handler: LineHandler;
	/** Bumped on every change a view may show. */
	version = 0;
	private readonly listeners = new Set<() => void>();
	/** The line being run, and those typed after it. */
	private lines: Promise<void> = Promise.resolve();

	constructor(
		readonly kernel: Kernel,
		options: SessionOptions = {},
	) {
		this.feed = new EventFeed(kernel);
		this.driver = new MachineDriver(kernel, options);
		this.handler = new Launcher(kernel, this.console, {env: options.env, cwd: options.cwd, poke: () => this.driver.poke()});
		this.driver.onSlice(() => this.changed());
	}

	start(): void {
		this.driver.start();
	}

	/** Keys for the foreground job: through the terminal's line discipline. */
	typeToTerminal(data: string): void {
		this.kernel.tty.input(data);
		this.driver.poke();
		this.changed();
	}

	/** Runs a typed line; lines typed while an earlier one is still loading its program wait their turn. */
	submit(line: string): Promise<void> {
		this.lines = this.lines.then(async () => {
			this.console.write(`${this.handler.prompt()}${line}\n`);
			this.changed();
			await this.handler.submit(line);
			this.changed();
		});
		return this.lines;
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
		this.listeners.clear();
	}

	private changed(): void {
		for (const chunk of this.kernel.tty.takeOutput()) this.console.write(chunk.bytes);
		this.handler.poll();
		this.version++;
		for (const listener of this.listeners) listener();
	}
}
