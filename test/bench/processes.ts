/**
 * A machine with many processes: memory per idle process and fairness, printed (no assertions: a
 * measurement, like `npm run bench`).
 *
 *   node --expose-gc --import tsx test/bench/processes.ts [--count N] [--rounds R]
 *
 * Memory: N processes of a small program (fixtures/abi/idle.wat: one 64 KiB page, blocked in a
 * wasmos sleep) are spawned from a VFS path and run until all are blocked; the growth of the JS
 * heap (heapUsed) and of ArrayBuffers (linear memory) after a full GC, divided by N, is the cost
 * of one idle process. The same with a C program (examples/bin/consumer blocked reading the
 * terminal) shows what wasi-libc's larger memory costs.
 *
 * Fairness: N spinning processes (an infinite loop, no imports) under round robin, lottery and
 * MLFQ with a quantum of 1,000 run R rounds (N × 1,000 × R instructions); the spread of
 * instructions per process (min, max, (max - min) / mean, standard deviation / mean) says how
 * evenly the CPU was shared.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {processAbis} from '../../source/abi/index.js';
import {boot, type Kernel} from '../../source/kernel/kernel.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {watBytes} from '../helpers/wat.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function option(name: string, fallback: number): number {
	const at = process.argv.indexOf(`--${name}`);
	return at < 0 ? fallback : Number(process.argv[at + 1]);
}

const COUNT = option('count', 1000);
const ROUNDS = option('rounds', 20);

const gc = (globalThis as {gc?: () => void}).gc;
if (gc === undefined) {
	process.stderr.write('run with node --expose-gc (see the comment at the top)\n');
	process.exit(2);
}

function machine(policy = 'rr', quantum = 10_000): Kernel {
	// idle 'wait': sleepers stay asleep (a headless machine would jump to their wake-up).
	const kernel = boot({policy, maxProcesses: COUNT + 10, quantum, idle: 'wait', terminal: {sanitize: {out: false, err: false}}});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	return kernel;
}

function memory(): {heap: number; buffers: number} {
	gc!();
	gc!();
	const m = process.memoryUsage();
	return {heap: m.heapUsed, buffers: m.arrayBuffers};
}

const KiB = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

/** Memory per idle process of the program at `bytes`. */
function idleCost(label: string, bytes: Uint8Array, argv: string[]): void {
	const kernel = machine();
	kernel.fs.writeFile('/bin/prog', bytes);
	// One spawn first, so the program's decoding is not counted per process.
	kernel.spawn({path: '/bin/prog', argv});
	kernel.tick(10_000_000);
	const before = memory();
	for (let k = 0; k < COUNT; k++) kernel.spawn({path: '/bin/prog', argv});
	while (kernel.tick(10_000_000).status === 'running');
	const after = memory();
	const view = kernel.machine();
	const blocked = kernel.processes().filter(p => p.state === 'BLOCKED').length;
	const heap = (after.heap - before.heap) / COUNT;
	const buffers = (after.buffers - before.buffers) / COUNT;
	process.stdout.write(
		`${label}: ${blocked} of ${COUNT + 1} blocked; per idle process: JS heap ${KiB(heap)}, ` +
			`ArrayBuffers ${KiB(buffers)} (linear memory ${KiB((view.memory.bytes / (COUNT + 1)))}), total ${KiB(heap + buffers)}\n`,
	);
}

async function main(): Promise<void> {
	const idle = await watBytes(readFileSync(`${ROOT}fixtures/abi/idle.wat`, 'utf8'), {name: 'idle.wat'});
	idleCost('idle.wat (1 page, blocked in wasmos.sleep)', idle, ['idle']);
	idleCost('consumer.c (wasi-libc, blocked reading the terminal)', readFileSync(`${ROOT}examples/bin/consumer.wasm`), ['consumer']);

	const quantum = 1000;
	for (const policy of ['rr', 'lottery', 'mlfq']) {
		const kernel = machine(policy, quantum);
		kernel.fs.writeFile('/bin/loop', readFileSync(`${ROOT}examples/samples/loop.wasm`));
		const pids: number[] = [];
		for (let k = 0; k < COUNT; k++) pids.push(kernel.spawn({path: '/bin/loop'}));
		const started = performance.now();
		kernel.tick(COUNT * quantum * ROUNDS);
		const seconds = (performance.now() - started) / 1000;
		const counts = pids.map(pid => kernel.process(pid)!.instructions);
		const min = Math.min(...counts);
		const max = Math.max(...counts);
		const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
		const sd = Math.sqrt(counts.reduce((a, b) => a + (b - mean) ** 2, 0) / counts.length);
		process.stdout.write(
			`fairness, ${policy}: ${COUNT} spinning processes, quantum ${quantum}, ${ROUNDS} rounds: instructions per process ` +
				`min ${min}, max ${max}, mean ${mean.toFixed(0)}, (max - min) / mean ${(((max - min) / mean) * 100).toFixed(1)}%, ` +
				`sd / mean ${((sd / mean) * 100).toFixed(1)}% (${((COUNT * quantum * ROUNDS) / seconds / 1e6).toFixed(1)} M instructions/s)\n`,
		);
	}
}

await main();
