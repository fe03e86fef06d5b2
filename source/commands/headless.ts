/*
 * Drives a machine without a screen (run, and later sh): the host's stdin feeds the terminal, guest
 * output goes to the host's stdout and stderr in order, and the machine runs in slices that yield
 * to Node's event loop between them, so input and output keep flowing. Slicing never changes what
 * the machine computes, so the slice size adapts to keep each slice a few milliseconds long.
 *
 *   const host = new HeadlessHost(kernel, io);
 *   const end = await host.drive(() => kernel.process(pid)?.state === 'ZOMBIE');
 *   await host.close();                 output flushed (backpressure respected), stdin released
 *
 * The host's terminal keeps its own line discipline (editing, echo): the machine's terminal is put
 * in raw mode without echo, so bytes pass through as the host delivers them. Ctrl-C at the host
 * (SIGINT) becomes INT for the foreground group, SIGTERM becomes TERM, the end of the host's
 * stdin is the end of the terminal's input, and a host stdout or stderr whose reader has gone (EPIPE)
 * makes the terminal's writes there fail with EPIPE (and SIGPIPE), as a pipe without a reader does.
 */

import {performance} from 'node:perf_hooks';
import process from 'node:process';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {KernelError, type Kernel} from '../kernel/kernel.js';
import type {CommandIo} from '../cli/commands.js';

/** Why drive() returned. */
export type DriveEnd = 'done' | 'halted' | 'stuck';

const FIRST_SLICE = 100_000;
const MIN_SLICE = 10_000;
const MAX_SLICE = 50_000_000;
/** Slices aim at this many milliseconds: short enough to keep the host responsive. */
const TARGET_MS = 8;

export class HeadlessHost {
	private readonly writes: Array<{stream: NodeJS.WritableStream; data: Uint8Array | string}> = [];
	private inputAttached = false;
	private inputEnded = false;
	/** Things that arrived from outside (input, its end, signals); the wait for them resolves through `wake`. */
	private arrivals = 0;
	private wake: (() => void) | null = null;
	/** Streams that failed (a closed pipe): further output to them is dropped. */
	private readonly broken = new Set<NodeJS.WritableStream>();
	private readonly onData = (chunk: Buffer | string) => {
		this.kernel.tty.input(typeof chunk === 'string' ? chunk : new Uint8Array(chunk));
		this.arrived();
	};
	private readonly onEnd = () => {
		this.inputEnded = true;
		this.kernel.tty.hangup();
		this.arrived();
	};
	private readonly onStreamError = (stream: NodeJS.WritableStream) => (error: Error) => this.broke(stream, error);
	private readonly streamErrors: Array<[NodeJS.WritableStream, (error: Error) => void]>;
	private readonly onSigint = () => this.signalForeground('INT');
	private readonly onSigterm = () => this.signalForeground('TERM');

	constructor(
		private readonly kernel: Kernel,
		private readonly io: CommandIo,
	) {
		kernel.tty.setMode({canonical: false, echo: false, signals: false});
		this.streamErrors = [io.stdout, io.stderr].map(stream => [stream, this.onStreamError(stream)]);
		for (const [stream, listener] of this.streamErrors) stream.on('error', listener);
		process.on('SIGINT', this.onSigint);
		process.on('SIGTERM', this.onSigterm);
	}

	/** Queues text for stdout or stderr after the guest output so far (e.g. an --strace line). */
	print(channel: 'out' | 'err', text: string): void {
		this.collect();
		this.writes.push({stream: channel === 'out' ? this.io.stdout : this.io.stderr, data: text});
	}

	/** Runs the machine until `done()` holds, it halts (--max-ticks), or nothing can ever run again. */
	async drive(done: () => boolean): Promise<DriveEnd> {
		let slice = FIRST_SLICE;
		for (;;) {
			const arrivals = this.arrivals;
			const started = performance.now();
			const {status} = this.kernel.tick(slice);
			const took = performance.now() - started;
			slice = took < TARGET_MS / 2 ? Math.min(MAX_SLICE, slice * 2) : took > TARGET_MS * 2 ? Math.max(MIN_SLICE, Math.floor(slice / 2)) : slice;
			await this.flush();
			if (done()) return 'done';
			if (status === 'halted') return 'halted';
			if (status === 'running' || status === 'sleeping') {
				await nextTurn();
				continue;
			}
			// Every process waits for something from outside: input, or a signal to a stopped job.
			this.attachInput();
			if (this.arrivals !== arrivals) continue;
			if (this.inputEnded) return 'stuck';
			await new Promise<void>(resolve => (this.wake = resolve));
			this.wake = null;
		}
	}

	/** Flushes all output and lets go of stdin and the signal handlers. */
	async close(): Promise<void> {
		await this.flush();
		process.off('SIGINT', this.onSigint);
		process.off('SIGTERM', this.onSigterm);
		for (const [stream, listener] of this.streamErrors) stream.off('error', listener);
		if (this.inputAttached) {
			this.io.stdin.off('data', this.onData);
			this.io.stdin.off('end', this.onEnd);
			this.io.stdin.pause();
			if ('destroy' in this.io.stdin && typeof this.io.stdin.destroy === 'function') this.io.stdin.destroy();
		}
	}

	/** Reads the host's stdin only once a guest waits for input, so a program that never reads leaves it alone. */
	private attachInput(): void {
		if (this.inputAttached) return;
		this.inputAttached = true;
		this.io.stdin.on('data', this.onData);
		this.io.stdin.on('end', this.onEnd);
		this.io.stdin.resume();
	}

	/** The host's SIGINT / SIGTERM go to the foreground group; with nobody left to take them, to us. */
	private signalForeground(signal: 'INT' | 'TERM'): void {
		const pgid = this.kernel.tty.view().foreground;
		try {
			if (pgid === null) throw new KernelError('ESRCH', 'no foreground group');
			this.kernel.killGroup(pgid, signal);
		} catch (error) {
			if (!(error instanceof KernelError)) throw error;
			process.off('SIGINT', this.onSigint);
			process.off('SIGTERM', this.onSigterm);
			process.kill(process.pid, `SIG${signal}`);
		}
		this.arrived();
	}

	private arrived(): void {
		this.arrivals++;
		this.wake?.();
	}

	/** Moves the terminal's output into the write queue. */
	private collect(): void {
		for (const chunk of this.kernel.tty.takeOutput()) {
			this.writes.push({stream: chunk.channel === 'out' ? this.io.stdout : this.io.stderr, data: chunk.bytes});
		}
	}

	/**
	 * A stream failed: its output is dropped from now on. When its reader went away (`| head`:
	 * EPIPE), the guests writing to the terminal's channel for it get EPIPE and SIGPIPE too, so that
	 * `yes` ends; other failures (a full disk) only drop the output, as before.
	 */
	private broke(stream: NodeJS.WritableStream, error: Error): void {
		this.broken.add(stream);
		if ((error as NodeJS.ErrnoException).code === 'EPIPE') {
			if (stream === this.io.stdout) this.kernel.tty.closeOutput('out');
			if (stream === this.io.stderr) this.kernel.tty.closeOutput('err');
		}
		this.arrived();
	}

	/** Writes everything queued, waiting for each stream to accept it (backpressure). */
	private async flush(): Promise<void> {
		this.collect();
		while (this.writes.length > 0) {
			const {stream, data} = this.writes.shift()!;
			if (this.broken.has(stream)) continue;
			await new Promise<void>(resolve => {
				stream.write(data, error => {
					if (error) this.broke(stream, error);
					resolve();
				});
			});
		}
	}
}
