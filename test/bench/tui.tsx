/**
 * `npm run bench:tui [-- --seconds N] [--json]`: what the full-screen TUI costs, measured on the
 * real <App/> rendered by Ink into a counting fake terminal (120×40, the default 10 fps, the same
 * render options as `wasmos-tui`: Ink capped at 60 fps for keys, changed lines only through
 * tui/frame-writer.ts), with 10 and then 200 CPU-bound spinners (fixtures/tui) running:
 *
 * - keypress-to-screen latency: a key (Tab, which moves the focus: always a visible change) is
 *   written to the app's stdin every 300 ms; latency is the time from that write to Ink's next
 *   render callback (onRender) — median and max;
 * - frame time: Ink's render of a frame (layout and output: onRender's renderTime), median and
 *   max; and the UI's whole CPU time per frame (React included: production React has no profiler
 *   hooks, so that one is an average);
 * - the share of a core the UI takes: process CPU time minus the time spent inside kernel.tick,
 *   over wall time (the kernel's own share printed beside it);
 * - bytes written to the terminal per second while busy, through the frame writer (what
 *   `wasmos-tui` uses: only changed lines are rewritten) and, for comparison, Ink's whole frames.
 *
 * Then the price of the memory pane's page tracking (kernel.watchMemory): instructions per second
 * of examples/bench/sieve and matmul run as processes, watched and not, interleaved, best of 9.
 *
 * Figures depend on the machine; nothing here is a pass/fail test. The npm script sets
 * NODE_ENV=production, as `wasmos-tui` does (React's development build is several times slower).
 */

import {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import {performance} from 'node:perf_hooks';
import {Writable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {render} from 'ink';
import {boot, loadProgram, type Kernel, type Program} from '../../source/kernel/kernel.js';
import {App} from '../../source/tui/App.js';
import {frameWriter} from '../../source/tui/frame-writer.js';
import {Session} from '../../source/tui/session.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {watBytes} from '../helpers/wat.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COLUMNS = 120;
const ROWS = 40;
const FPS = 10;

/** A terminal that counts what is written to it. */
class FakeStdout extends Writable {
	readonly isTTY = true;
	readonly columns = COLUMNS;
	readonly rows = ROWS;
	bytes = 0;
	override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
		this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
		done();
	}
}

/** Keys as Ink reads them: 'readable', then read(). */
class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write(data: string): void {
		this.data = data;
		this.emit('readable');
	}
	read(): string | null {
		const data = this.data;
		this.data = null;
		return data;
	}
	setEncoding(): void {}
	setRawMode(): void {}
	resume(): void {}
	pause(): void {}
	ref(): void {}
	unref(): void {}
}

const median = (values: readonly number[]) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const max = (values: readonly number[]) => (values.length === 0 ? NaN : Math.max(...values));
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

async function spinner(): Promise<Program> {
	return loadProgram(await watBytes(readFileSync(`${ROOT}fixtures/tui/spinner.wat`, 'utf8'), {name: 'spinner.wat'}), 'spinner');
}

interface UiFigures {
	readonly processes: number;
	readonly incremental: boolean;
	readonly keyLatencyMs: {readonly median: number; readonly max: number; readonly keys: number};
	readonly frameMs: {readonly median: number; readonly max: number; readonly frames: number};
	/** The UI's CPU time (React, Ink, the views) per frame drawn, on average. */
	readonly uiMsPerFrame: number;
	readonly uiCoreShare: number;
	readonly kernelCoreShare: number;
	readonly bytesPerSecond: number;
	readonly instructionsPerSecond: number;
}

async function measureUi(program: Program, processes: number, seconds: number, incremental: boolean): Promise<UiFigures> {
	const kernel: Kernel = boot({idle: 'wait', maxProcesses: processes + 8, terminal: {sanitize: {out: true, err: true}}});
	kernel.registerAbi(wasiPreview1());
	for (let k = 0; k < processes; k++) kernel.spawn({program, argv: ['spinner', String(k)], name: 'spinner'});
	// CPU time spent inside the kernel (CPU, not wall: other programs on a loaded machine would
	// count as ours); everything else the process does is the UI's (and Node's).
	let kernelMs = 0;
	const tick = kernel.tick.bind(kernel);
	kernel.tick = budget => {
		const started = process.cpuUsage();
		try {
			return tick(budget);
		} finally {
			const used = process.cpuUsage(started);
			kernelMs += (used.user + used.system) / 1000;
		}
	};
	const session = new Session(kernel, {});
	const terminal = new FakeStdout();
	const stdout = incremental ? frameWriter(terminal as unknown as NodeJS.WriteStream) : terminal;
	const stdin = new FakeStdin();
	const frames: number[] = [];
	let renders = 0;
	let lastRenderAt = 0;
	const onRender = ({renderTime}: {renderTime: number}) => {
		renders++;
		lastRenderAt = performance.now();
		frames.push(renderTime);
	};
	const instance = render(
		<App session={session} fps={FPS} size={{columns: COLUMNS, rows: ROWS}} initialFocus="processes" />,
		{
			stdout: stdout as unknown as NodeJS.WriteStream,
			stdin: stdin as unknown as NodeJS.ReadStream,
			stderr: terminal as unknown as NodeJS.WriteStream,
			exitOnCtrlC: false,
			patchConsole: false,
			maxFps: 60,
			onRender,
		},
	);
	session.start();
	// Warm up: the first frames, the slice size settling.
	await sleep(1000);
	frames.length = 0;
	const latencies: number[] = [];
	const startBytes = terminal.bytes;
	const startKernel = kernelMs;
	const startInstructions = kernel.machine().instructions;
	const startCpu = process.cpuUsage();
	const started = performance.now();
	while (performance.now() - started < seconds * 1000) {
		const before = renders;
		const sent = performance.now();
		stdin.write('\t');
		while (renders === before && performance.now() - sent < 2000) await sleep(1);
		if (renders > before) latencies.push(lastRenderAt - sent);
		await sleep(300);
	}
	const wall = performance.now() - started;
	const cpu = process.cpuUsage(startCpu);
	const cpuMs = (cpu.user + cpu.system) / 1000;
	const figures: UiFigures = {
		processes,
		incremental,
		keyLatencyMs: {median: median(latencies), max: max(latencies), keys: latencies.length},
		frameMs: {median: median(frames), max: max(frames), frames: frames.length},
		uiMsPerFrame: (cpuMs - (kernelMs - startKernel)) / Math.max(1, frames.length),
		uiCoreShare: (cpuMs - (kernelMs - startKernel)) / wall,
		kernelCoreShare: (kernelMs - startKernel) / wall,
		bytesPerSecond: ((terminal.bytes - startBytes) * 1000) / wall,
		instructionsPerSecond: ((kernel.machine().instructions - startInstructions) * 1000) / wall,
	};
	instance.unmount();
	session.dispose();
	return figures;
}

interface TrackingFigures {
	readonly benchmark: string;
	readonly offPerSecond: number;
	readonly onPerSecond: number;
}

/** Instructions per second of one run of a benchmark kernel as a process, its memory watched or not. */
function runOnce(program: Program, watch: boolean): number {
	const kernel = boot({});
	const pid = kernel.spawn({program, invoke: {name: 'run', args: []}});
	if (watch) kernel.watchMemory(pid, true);
	const started = performance.now();
	while (kernel.tick(50_000_000).status === 'running');
	const ms = performance.now() - started;
	return (kernel.process(pid)!.instructions * 1000) / ms;
}

function measureTracking(name: string): TrackingFigures {
	const program = loadProgram(readFileSync(`${ROOT}examples/bench/${name}.wasm`), name);
	const off: number[] = [];
	const on: number[] = [];
	for (let k = 0; k < 9; k++) {
		off.push(runOnce(program, false));
		on.push(runOnce(program, true));
	}
	return {benchmark: name, offPerSecond: Math.max(...off), onPerSecond: Math.max(...on)};
}

const fixed = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const json = args.includes('--json');
	const at = args.indexOf('--seconds');
	const seconds = at >= 0 ? Number(args[at + 1]) : 6;
	if (!(seconds > 0)) {
		process.stderr.write('bench:tui: --seconds needs a positive number\n');
		return 2;
	}
	const program = await spinner();
	const ui: UiFigures[] = [];
	for (const [processes, incremental] of [[10, true], [200, true], [10, false]] as const) {
		process.stderr.write(`measuring the TUI with ${processes} spinners${incremental ? '' : ', full redraws'} for ${seconds} s...\n`);
		ui.push(await measureUi(program, processes, seconds, incremental));
	}
	process.stderr.write('measuring page tracking...\n');
	const tracking = ['sieve', 'matmul'].map(measureTracking);
	if (json) {
		process.stdout.write(`${JSON.stringify({columns: COLUMNS, rows: ROWS, fps: FPS, ui, tracking}, null, 2)}\n`);
		return 0;
	}
	const lines = [
		`TUI at ${COLUMNS}×${ROWS}, ${FPS} fps, ${seconds} s each (keys: Tab every 300 ms)`,
		'',
		'procs  redraw        key→screen ms (med/max)  Ink frame ms (med/max)  UI ms/frame  UI core  kernel core  terminal KB/s  instr/s',
		...ui.map(f =>
			[
				String(f.processes).padStart(5),
				(f.incremental ? 'changed lines' : 'whole frame').padEnd(13),
				`${fixed(f.keyLatencyMs.median)} / ${fixed(f.keyLatencyMs.max)} (${f.keyLatencyMs.keys} keys)`.padEnd(24),
				`${fixed(f.frameMs.median)} / ${fixed(f.frameMs.max)} (${f.frameMs.frames})`.padEnd(23),
				fixed(f.uiMsPerFrame).padStart(11),
				`${fixed(f.uiCoreShare * 100)}%`.padStart(7),
				`${fixed(f.kernelCoreShare * 100)}%`.padStart(12),
				fixed(f.bytesPerSecond / 1024).padStart(14),
				`${fixed(f.instructionsPerSecond / 1e6)}M`.padStart(8),
			].join(' '),
		),
		'',
		'page tracking (memory pane)  off instr/s  on instr/s  cost',
		...tracking.map(t => `${t.benchmark.padEnd(28)} ${`${fixed(t.offPerSecond / 1e6)}M`.padStart(12)} ${`${fixed(t.onPerSecond / 1e6)}M`.padStart(11)} ${`${fixed((1 - t.onPerSecond / t.offPerSecond) * 100)}%`.padStart(5)}`),
	];
	process.stdout.write(`${lines.join('\n')}\n`);
	return 0;
}

process.exitCode = await main();
