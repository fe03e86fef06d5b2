/*
 * The workloads of the snapshot tests: each boots a machine (a scheduling policy of its own, so
 * every policy's state is saved somewhere) and starts its processes. The same module runs in the
 * test and in the fresh Node processes that restore the snapshots (restore-child.ts), so both sides
 * register the same ABIs and host tasks and finish a machine the same way.
 */

import {createHash} from 'node:crypto';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, loadProgram, snapshotText, type Kernel, type MachineOptions, type Program, type TaskDef} from '../../../source/kernel/kernel.js';
import type {Abi} from '../../../source/kernel/syscalls.js';
import type {ShellHost} from '../../../source/shell/host.js';
import {shellTask, SHELL_KIND} from '../../../source/shell/shell.js';
import {initialState} from '../../../source/shell/state.js';
import {wasiPreview1} from '../../../source/wasi/index.js';

const root = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

const cache = new Map<string, Program>();
function program(path: string): Program {
	let p = cache.get(path);
	if (p === undefined) {
		p = loadProgram(readFileSync(root(path)), path.replace(/^.*\/|\.wasm$/g, ''));
		cache.set(path, p);
	}
	return p;
}

const BIN: Record<string, string> = {
	cat: 'examples/bin/cat.wasm',
	wc: 'examples/bin/wc.wasm',
	grep: 'examples/bin/grep.wasm',
	cpu: 'fixtures/snapshot/cpu.wasm',
	sleeper: 'fixtures/snapshot/sleeper.wasm',
	memhog: 'fixtures/snapshot/memhog.wasm',
};

/** The shell finds its programs in the VFS (/bin, put there by the scenario); the host adds nothing. */
const host: ShellHost = {};

export function abis(): Abi[] {
	return [wasiPreview1()];
}

export function tasks(): Array<TaskDef<never>> {
	return [shellTask(host) as TaskDef<never>];
}

export interface Scenario {
	readonly name: string;
	readonly options: MachineOptions;
	start(kernel: Kernel): void;
}

/** The shell's workload: pipelines, and a job stopped and continued while another one runs. */
const SCRIPT = [
	'cat /etc/motd | wc',
	'echo one two three | wc -w',
	'cpu 1500 | grep 1 | wc -l',
	'sleeper 3 &',
	'kill -STOP $!',
	'cpu 600',
	'kill -CONT %1',
	'wait',
	'echo done $?',
	'',
].join('\n');

const spawnAll = (kernel: Kernel, list: ReadonlyArray<{path: string; argv: string[]; cwd?: string}>) => {
	for (const {path, argv, cwd} of list) kernel.spawn({program: program(path), argv, cwd, foreground: true});
};

export const SCENARIOS: readonly Scenario[] = [
	{
		name: 'cpu-bound and C stdio programs under mlfq',
		options: {policy: 'mlfq', quantum: 3_000, policyOptions: {mlfqBoost: 150_000}},
		start: k =>
			spawnAll(k, [
				{path: BIN.cpu, argv: ['cpu', '1200']},
				{path: 'fixtures/c/diff/strings.wasm', argv: ['strings']},
				{path: 'fixtures/c/diff/stdio.wasm', argv: ['stdio']},
			]),
	},
	{
		name: 'file I/O under rr',
		options: {policy: 'rr', quantum: 7_777},
		start: k =>
			spawnAll(k, [
				{path: 'fixtures/c/diff/files.wasm', argv: ['files'], cwd: '/tmp'},
				{path: 'fixtures/c/diff/seek.wasm', argv: ['seek'], cwd: '/home'},
				{path: 'fixtures/c/diff/rename.wasm', argv: ['rename'], cwd: '/bin'},
			]),
	},
	{
		name: 'pipes between processes and a stopped job, started by the shell, under priority',
		options: {policy: 'priority', quantum: 4_000},
		start: k => {
			for (const name of ['cat', 'wc', 'grep', 'cpu', 'sleeper']) k.fs.writeFile(`/bin/${name}`, readFileSync(root(BIN[name])));
			k.spawn({
				task: {kind: SHELL_KIND, state: initialState({commands: SCRIPT, interactive: false, env: {PATH: '/bin'}})},
				argv: ['sh'],
				foreground: true,
			});
		},
	},
	{
		name: 'sleeping processes beside a CPU-bound one under lottery',
		options: {policy: 'lottery', quantum: 5_000, seed: 7},
		start: k =>
			spawnAll(k, [
				{path: BIN.sleeper, argv: ['sleeper', '4']},
				{path: BIN.sleeper, argv: ['sleeper', '3']},
				{path: BIN.cpu, argv: ['cpu', '2500']},
			]),
	},
	{
		name: 'memory growth to the cap (C malloc and stdio) under srtf',
		options: {policy: 'srtf', quantum: 6_000, limits: {memory: 3 * 1024 * 1024}},
		start: k =>
			spawnAll(k, [
				{path: BIN.memhog, argv: ['memhog', '64']},
				{path: 'fixtures/c/diff/qsort.wasm', argv: ['qsort']},
			]),
	},
];

export function bootScenario(scenario: Scenario): Kernel {
	const kernel = boot({...scenario.options, terminal: {sanitize: {out: false, err: false}}});
	for (const abi of abis()) kernel.registerAbi(abi);
	for (const task of tasks()) kernel.registerTask(task);
	scenario.start(kernel);
	return kernel;
}

const decoder = new TextDecoder();

/** The terminal's output since the last call, as text. */
export function takeText(kernel: Kernel): string {
	return kernel.tty.takeOutput().map(c => decoder.decode(c.bytes)).join('');
}

export interface Outcome {
	/** What the terminal printed from the start (or from the restore) to the end. */
	readonly output: string;
	/** Each process left in the table (ended ones) with its exit status. */
	readonly statuses: ReadonlyArray<readonly [number, number | null]>;
	/** SHA-256 of the final machine's snapshot: every field of the state, the event log included. */
	readonly digest: string;
	readonly clock: number;
}

/** Runs until nothing can run; slices of an odd size, so slice ends fall anywhere. */
export function finish(kernel: Kernel): Outcome {
	let output = '';
	for (let k = 0; k < 100_000; k++) {
		const {status} = kernel.tick(77_777);
		output += takeText(kernel);
		if (status !== 'running' && status !== 'sleeping') break;
	}
	return {
		output,
		statuses: kernel.processes().map(p => [p.pid, p.exit?.status ?? null] as const),
		digest: createHash('sha256').update(snapshotText(kernel)).digest('hex'),
		clock: kernel.machine().clock,
	};
}
