/*
 * `wasmos-tui run [machine options] FILE.wasm|FILE.wat [ARGS...]`: one program, headless, like
 * `wasmtime run`. The program is PID 1 in a fresh machine with WASI; its argv is [FILE, ARGS...];
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
 * --trace-file FILE writes every event as a JSON line.
 */

import {closeSync, openSync, writeSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';
import type {CommandIo} from '../cli/commands.js';
import {UsageError} from '../cli/argv.js';
import type {SyscallEvent} from '../kernel/events.js';
import {boot, eventJson, KernelError, loadProgram, SCHEDULING_POLICIES, SpawnError, type ExitInfo, type Kernel, type KernelEvent, type Program} from '../kernel/kernel.js';
import {LIMIT_TEXT} from '../kernel/limits.js';
import {wasiPreview1} from '../wasi/index.js';
import {DecodeError, ValidationError} from '../wasm/errors.js';
import {HeadlessHost} from './headless.js';

export interface RunOptions {
	readonly policy?: string;
	readonly quantum?: number;
	readonly seed?: number;
	readonly env?: readonly string[];
	readonly maxMemory?: number;
	readonly fuel?: number;
	readonly maxTicks?: number;
	readonly strace?: boolean;
	readonly traceFile?: string;
	readonly invoke?: string;
}

/** A file that cannot become a program: the message names the file and the reason. */
class BadProgram extends Error {}

export async function run(file: string, args: readonly string[], options: RunOptions, io: CommandIo): Promise<number> {
	const say = (text: string) => new Promise<void>(resolve => io.stderr.write(`wasmos-tui run: ${text}\n`, () => resolve()));
	const env = parseEnv(options.env ?? []);
	if (options.policy !== undefined && !Object.hasOwn(SCHEDULING_POLICIES, options.policy)) {
		throw new UsageError(`unknown scheduling policy "${options.policy}" (policies: ${Object.keys(SCHEDULING_POLICIES).join(', ')})`);
	}
	if (options.quantum === 0) throw new UsageError('--quantum must be at least 1');

	let program: Program;
	try {
		program = await load(file);
	} catch (error) {
		if (!(error instanceof BadProgram)) throw error;
		await say(error.message);
		return 1;
	}

	const kernel = boot({
		policy: options.policy,
		quantum: options.quantum,
		seed: options.seed,
		maxTicks: options.maxTicks ?? null,
		limits: {
			...(options.maxMemory === undefined ? {} : {memory: options.maxMemory}),
			...(options.fuel === undefined ? {} : {fuel: options.fuel}),
		},
		// Escape sequences are neutralised only on the way to a real terminal; a file or pipe gets the bytes.
		terminal: {sanitize: {out: isTty(io.stdout), err: isTty(io.stderr)}},
	});
	kernel.registerAbi(wasiPreview1());
	const trace = options.traceFile === undefined ? null : new TraceFile(options.traceFile);
	if (trace !== null) kernel.subscribe(event => trace.add(event));
	const host = new HeadlessHost(kernel, io);
	if (options.strace === true) {
		kernel.subscribe(event => {
			if (event.type === 'syscall') host.print('err', straceLine(event));
		});
	}

	let pid: number;
	try {
		pid = kernel.spawn({
			program,
			argv: options.invoke === undefined ? [file, ...args] : [file],
			env,
			foreground: true,
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
		trace?.flush();
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
	}
}

/** Reads, assembles (.wat) and loads the file; a BadProgram names what is wrong. */
async function load(file: string): Promise<Program> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(file);
	} catch (error) {
		throw new BadProgram(`cannot read ${file}: ${readErrorText(error)}`);
	}
	if (file.endsWith('.wat')) bytes = await assemble(file, new TextDecoder().decode(bytes));
	try {
		return loadProgram(bytes, basename(file).replace(/\.(wasm|wat)$/, ''));
	} catch (error) {
		if (error instanceof DecodeError) throw new BadProgram(`${file}: malformed module: ${error.message}`);
		if (error instanceof ValidationError) throw new BadProgram(`${file}: invalid module: ${error.message}`);
		throw error;
	}
}

/** Assembles WAT text with wabt (which uses Node's WebAssembly: only .wat files need it). */
async function assemble(file: string, text: string): Promise<Uint8Array> {
	if (!('WebAssembly' in globalThis)) throw new BadProgram(`${file}: assembling WAT needs Node's WebAssembly (wabt runs on it), which is switched off here; run a .wasm file`);
	const wabt = await (await import('wabt')).default();
	let parsed;
	try {
		parsed = wabt.parseWat(file, text);
	} catch (error) {
		throw new BadProgram(`${file}: ${firstLine(error)}`);
	}
	try {
		parsed.resolveNames();
		parsed.validate();
		return parsed.toBinary({write_debug_names: true}).buffer;
	} catch (error) {
		throw new BadProgram(`${file}: ${firstLine(error)}`);
	} finally {
		parsed.destroy();
	}
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n').find(line => line.trim() !== '')?.trim() ?? 'cannot assemble';
}

function readErrorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	return error.message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '');
}

/** --env KEY=VALUE words into a map; a word without "=" or with an empty key is a usage error. */
function parseEnv(words: readonly string[]): Record<string, string> {
	const env: Record<string, string> = {};
	for (const word of words) {
		const eq = word.indexOf('=');
		if (eq <= 0) throw new UsageError(`--env needs KEY=VALUE, got "${word}"`);
		env[word.slice(0, eq)] = word.slice(eq + 1);
	}
	return env;
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

/** One --strace line: "[pid 1] fd_write(fd=1, ...) = 0". */
function straceLine(event: SyscallEvent): string {
	const blocked = event.blockedFor > 0 ? ` <blocked ${event.blockedFor} ticks>` : '';
	return `[pid ${event.pid}] ${event.name}(${event.args}) = ${event.result}${blocked}\n`;
}

function isTty(stream: NodeJS.WritableStream): boolean {
	return (stream as {isTTY?: boolean}).isTTY === true;
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

	add(event: KernelEvent): void {
		this.lines.push(eventJson(event));
		if (this.lines.length >= 4096) this.flush();
	}

	flush(): void {
		if (this.lines.length === 0) return;
		writeSync(this.fd, this.lines.join(''));
		this.lines = [];
	}

	close(): void {
		if (this.closed) return;
		this.flush();
		closeSync(this.fd);
		this.closed = true;
	}
}
