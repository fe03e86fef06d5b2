/*
 * `wasmos-tui run [machine options] FILE.wasm|FILE.wat [ARGS...]`: one program, headless, like
 * `wasmtime run`. The program is PID 1 in a fresh machine with WASI and the process ABI, whose /bin
 * holds the example programs (bin-install.ts: it may spawn them); its argv is [FILE, ARGS...];
 * it sees only the --env variables; the host's stdin is its terminal's input. A .wat file is
 * assembled first (with wabt, loaded only then); a .wasm file never touches Node's WebAssembly.
 *
 * Exit status (DESIGN.md): the guest's exit code; a trap → one line naming it and the wasm
 * function, 134; killed by signal n → 128 + n; a limit exceeded → a line naming the limit, 137;
 * --max-ticks reached → 124; a file that cannot be read, assembled, decoded, validated or linked →
 * one line naming the file and the reason, 1. Usage errors (2) are the command line's.
 *
 * --invoke NAME calls an export instead of _start, with ARGS as its arguments, and prints each
 * result on its own line. --strace logs each syscall to stderr, in order with the guest's output;
 * --trace-file FILE writes every event as a JSON line. --gantt prints, at the end and to stderr (so
 * the guest's stdout stays its own), a Gantt chart of the schedule and each process's statistics.
 */

import {closeSync, openSync, writeSync} from 'node:fs';
import type {CommandIo} from '../cli/commands.js';
import {UsageError} from '../cli/argv.js';
import {boot, eventJson, KernelError, SpawnError, syscallLine, type ExitInfo, type Kernel, type KernelEvent, type Program} from '../kernel/kernel.js';
import {LIMIT_TEXT} from '../kernel/limits.js';
import {wasiPreview1} from '../wasi/index.js';
import {processAbis} from '../abi/index.js';
import {installBin} from './bin-install.js';
import {HeadlessHost} from './headless.js';
import {armSnapshotAt} from './snapshot-at.js';
import {bootOptions, checkMachineFlags, parseEnv, ticketsByPid, type MachineFlags} from './machine-options.js';
import {Gantt} from '../report/gantt.js';
import {scheduleReport} from '../report/sched-tables.js';
import {BadProgram, loadProgramFile, readErrorText} from './program-file.js';

export interface RunOptions extends MachineFlags {
	readonly strace?: boolean;
	readonly traceFile?: string;
	readonly invoke?: string;
	readonly gantt?: boolean;
}

export async function run(file: string, args: readonly string[], options: RunOptions, io: CommandIo): Promise<number> {
	const say = (text: string) => new Promise<void>(resolve => io.stderr.write(`wasmos-tui run: ${text}\n`, () => resolve()));
	const env = parseEnv(options.env ?? []);
	checkMachineFlags(options);

	let program: Program;
	try {
		program = await loadProgramFile(file);
	} catch (error) {
		if (!(error instanceof BadProgram)) throw error;
		await say(error.message);
		return 1;
	}

	const kernel = boot({
		...bootOptions(options),
		// Escape sequences are neutralised only on the way to a real terminal; a file or pipe gets the bytes.
		terminal: {sanitize: {out: isTty(io.stdout), err: isTty(io.stderr)}},
	});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	installBin(kernel);
	const trace = options.traceFile === undefined ? null : new TraceFile(options.traceFile);
	if (trace !== null) kernel.subscribe(event => trace.add(event));
	const gantt = options.gantt === true ? new Gantt() : null;
	if (gantt !== null) kernel.subscribe(event => gantt.add(event));
	const host = new HeadlessHost(kernel, io);
	const snapshotMissed = armSnapshotAt(kernel, options, line => host.print('err', line));
	if (options.strace === true) {
		kernel.subscribe(event => {
			if (event.type === 'syscall') host.print('err', syscallLine(event));
		});
	}

	let pid: number;
	try {
		pid = kernel.spawn({
			program,
			argv: options.invoke === undefined ? [file, ...args] : [file],
			env,
			foreground: true,
			tickets: ticketsByPid(options).get(1),
			...(options.invoke === undefined ? {} : {invoke: {name: options.invoke, args}}),
		});
	} catch (error) {
		if (!(error instanceof SpawnError || error instanceof KernelError)) throw error;
		await host.close();
		trace?.close();
		await say(`${file}: ${error instanceof SpawnError ? error.reason : error.message}`);
		return 1;
	}

	try {
		const end = await host.drive(() => kernel.process(pid)?.state === 'ZOMBIE');
		snapshotMissed();
		trace?.flush();
		if (gantt !== null) host.print('err', scheduleReport(gantt, kernel.processes(), kernel.machine().clock, columns(io.stderr)));
		if (end === 'halted') {
			await host.close();
			await say(`${file}: stopped at tick ${kernel.machine().clock} (--max-ticks ${options.maxTicks})`);
			return 124;
		}
		if (end === 'stuck') {
			await host.close();
			await say(`${file}: every process waits and nothing can wake one (${describeStuck(kernel, pid)})`);
			return 1;
		}
		const exit = kernel.wait(pid)!;
		if (options.invoke !== undefined && exit.reason.kind === 'exit') for (const result of exit.results) host.print('out', `${result}\n`);
		await host.close();
		const message = exitMessage(exit);
		if (message !== null) await say(`${file}: ${message}`);
		return exit.status;
	} finally {
		trace?.close();
		if (trace?.failure) await say(`--trace-file ${options.traceFile}: cannot write: ${trace.failure}; the trace stops where it failed`);
	}
}

/** The line a headless run prints about how its program ended; null for a plain exit. */
export function exitMessage(exit: ExitInfo): string | null {
	const reason = exit.reason;
	switch (reason.kind) {
		case 'exit':
			return null;
		case 'trap': {
			const at = reason.offset === null ? '' : ` at offset 0x${reason.offset.toString(16)}`;
			const detail = reason.message === reason.trap ? '' : ` (${reason.message})`;
			return `trap: ${reason.trap}${detail} in ${reason.func}${at}`;
		}
		case 'signal':
			// Like a shell: an interrupt or a broken pipe is not worth a line.
			return reason.signal === 'INT' || reason.signal === 'PIPE' ? null : `killed by signal ${reason.signal}`;
		case 'limit':
			return `${LIMIT_TEXT[reason.limit]} exceeded: ${reason.detail}`;
	}
}

function describeStuck(kernel: Kernel, pid: number): string {
	const proc = kernel.process(pid);
	if (proc === null) return `pid ${pid} is gone`;
	const why = proc.stoppedBy ?? proc.blockedOn;
	return `pid ${pid} is ${proc.state}${why === null ? '' : ` (${why})`}`;
}

function isTty(stream: NodeJS.WritableStream): boolean {
	return (stream as {isTTY?: boolean}).isTTY === true;
}

/** The width of a terminal, or 100 for a file or pipe. */
export function columns(stream: NodeJS.WritableStream): number {
	return isTty(stream) ? ((stream as {columns?: number}).columns ?? 100) : 100;
}

/** --trace-file: events as JSON lines, written in batches between slices. */
class TraceFile {
	private readonly fd: number;
	private lines: string[] = [];
	private closed = false;

	constructor(path: string) {
		try {
			this.fd = openSync(path, 'w');
		} catch (error) {
			throw new UsageError(`--trace-file: cannot write ${path}: ${readErrorText(error)}`);
		}
	}

	/** Why a write failed (a full disk); the trace stops there and the run goes on. */
	failure: string | null = null;

	add(event: KernelEvent): void {
		if (this.failure !== null) return;
		this.lines.push(eventJson(event));
		if (this.lines.length >= 4096) this.flush();
	}

	flush(): void {
		if (this.lines.length === 0) return;
		try {
			writeSync(this.fd, this.lines.join(''));
		} catch (error) {
			this.failure = readErrorText(error);
		}
		this.lines = [];
	}

	close(): void {
		if (this.closed) return;
		this.flush();
		closeSync(this.fd);
		this.closed = true;
	}
}
