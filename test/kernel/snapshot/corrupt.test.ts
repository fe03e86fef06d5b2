/*
 * A snapshot that is not what it should be gives one SnapshotError naming the JSON path at fault,
 * and no machine: a wrong format or version, module bytes that do not match their SHA-256, a
 * truncated file, a missing module, a position or stack height out of range, a reference to a
 * missing fd, pipe or process. The snapshots are taken mid-run of the pipes workload (the shell
 * waiting for a pipeline, programs blocked on pipes) and of the sleepers.
 */

import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {restoreSnapshot, restoreText, SnapshotError, snapshotText, type Kernel} from '../../../source/kernel/kernel.js';
import {abis, bootScenario, SCENARIOS, tasks} from './scenarios.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmos-corrupt-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A snapshot of scenario `s` at tick `tick`, as text. */
function snapshotAt(s: number, tick: number): string {
	const kernel = bootScenario(SCENARIOS[s]);
	let text = '';
	kernel.setCheckpoint({at: tick, run: () => (text = snapshotText(kernel))});
	while (text === '') kernel.tick(10_000);
	return text;
}

const pipes = snapshotAt(2, 120_000);
const sleepers = snapshotAt(3, 3_000_000);
/** Mid-quantum: a CPU-bound process is on the CPU (RUNNING). */
const midQuantum = snapshotAt(0, 125_000);

type Doc = Record<string, any>;

/** The error restoring `text` gives (it must give one). */
function failure(text: string): SnapshotError {
	let kernel: Kernel | undefined;
	try {
		kernel = restoreText(text, {abis: abis(), tasks: tasks()}).kernel;
	} catch (error) {
		expect(error).toBeInstanceOf(SnapshotError);
		return error as SnapshotError;
	}
	expect.unreachable(`restored a corrupt snapshot (clock ${kernel.machine().clock})`);
}

function altered(text: string, change: (doc: Doc) => void): string {
	const doc = JSON.parse(text) as Doc;
	change(doc);
	return JSON.stringify(doc);
}

const wasm = (doc: Doc) => doc.processes.findIndex((p: Doc) => p.exec !== null);

describe('a corrupt snapshot', () => {
	it('restores when nothing is wrong (the baseline of the cases below)', () => {
		for (const text of [pipes, sleepers]) expect(snapshotText(restoreText(text, {abis: abis(), tasks: tasks()}).kernel)).toBe(text);
		const doc = JSON.parse(pipes) as Doc;
		expect(doc.processes.some((p: Doc) => p.state === 'BLOCKED' && p.exec !== null)).toBe(true);
	});

	it('of another format or version is refused by name', () => {
		expect(failure(altered(pipes, d => (d.format = 'something-else'))).message).toMatch(/^format: not a wasmos snapshot/);
		expect(failure(altered(pipes, d => (d.version = 2))).message).toMatch(/^version: version 2 is not supported/);
		expect(failure('[1, 2, 3]').path).toBe('format');
	});

	it('whose module bytes do not match their hash names the module', () => {
		const e = failure(
			altered(pipes, d => {
				const [hash, module] = Object.entries(d.modules as Record<string, {bytes: string}>)[0];
				const bytes = Buffer.from(module.bytes, 'base64');
				bytes[bytes.length - 1] ^= 1;
				d.modules[hash].bytes = bytes.toString('base64');
			}),
		);
		expect(e.path).toMatch(/^modules\["[0-9a-f]{64}"\]\.bytes$/);
		expect(e.message).toMatch(/do not match their SHA-256/);
	});

	it('that is truncated says so, naming where the file ends', () => {
		const file = join(dir, 'cut.json');
		for (const at of [0.1, 0.5, 0.9, 0.999]) {
			writeFileSync(file, pipes.slice(0, Math.floor(pipes.length * at)));
			let error: unknown;
			try {
				restoreSnapshot(file, {abis: abis(), tasks: tasks()});
			} catch (e) {
				error = e;
			}
			expect(error).toBeInstanceOf(SnapshotError);
			expect((error as Error).message).toMatch(/the file ends early: it is truncated/);
		}
		writeFileSync(file, pipes.slice(0, Math.floor(pipes.length / 2)));
		expect(() => restoreSnapshot(file, {abis: abis(), tasks: tasks()})).toThrow(/^(processes|vfs|files|pipes|modules)/);
	});

	it('that is missing a module names the process that needs it', () => {
		const e = failure(altered(pipes, d => (d.modules = {})));
		expect(e.path).toMatch(/^processes\[\d+\]\.exec\.module$/);
		expect(e.message).toMatch(/no module [0-9a-f]{64} in modules/);
	});

	it('with a position out of range names the thread', () => {
		const e = failure(
			altered(pipes, d => {
				d.processes[wasm(d)].exec.thread.position.offset += 1_000_000;
			}),
		);
		expect(e.path).toMatch(/^processes\[\d+\]\.exec\.thread$/);
		expect(e.message).toMatch(/no instruction boundary at offset/);
		const f = failure(altered(pipes, d => void (d.processes[wasm(d)].exec.thread.position.func = 9999)));
		expect(f.message).toMatch(/function 9999 is not a wasm function/);
	});

	it('with a stack height out of range names it', () => {
		const e = failure(altered(pipes, d => void (d.processes[wasm(d)].exec.thread.fp = 1_000_000)));
		expect(e.path).toMatch(/^processes\[\d+\]\.exec\.thread\.fp$/);
		expect(e.message).toMatch(/needs \d+ stack slots, the saved stack has \d+/);
		const f = failure(altered(pipes, d => void (d.processes[wasm(d)].exec.thread.stack = '')));
		expect(f.path).toMatch(/^processes\[\d+\]\.exec\.thread\.fp$/);
	});

	it('with a reference to a missing fd, pipe or process names it', () => {
		const fd = failure(altered(pipes, d => void (d.processes[0].fds[1] = 999)));
		expect(fd.path).toBe('processes[0].fds[1]');
		expect(fd.message).toMatch(/refers to open file 999, which is not in files.open/);
		const refs = failure(altered(pipes, d => void (d.files.open[0].refs += 1)));
		expect(refs.path).toBe('files.open[0].refs');
		const pipe = failure(altered(pipes, d => void (d.pipes = [])));
		expect(pipe.message).toMatch(/no pipe \d+ in pipes/);
		const current = failure(altered(sleepers, d => void (d.machine.cpu.current = 99)));
		expect(current.path).toBe('machine.cpu.current');
		expect(current.message).toMatch(/no process 99/);
		const parent = failure(altered(pipes, d => void (d.processes[1].ppid = 77)));
		expect(parent.path).toBe('processes[1].ppid');
		const queued = failure(altered(sleepers, d => void d.scheduler.state.pool.push(42)));
		expect(queued.path).toBe('scheduler.state');
		expect(queued.message).toMatch(/process 42 is missing, not READY/);
	});

	it('with a field of the wrong kind or an unknown one names the field', () => {
		expect(failure(altered(pipes, d => void (d.processes[0].priority = 'high'))).path).toBe('processes[0].priority');
		expect(failure(altered(pipes, d => void (d.processes[0].sneaky = 1))).path).toBe('processes[0].sneaky');
		expect(failure(altered(pipes, d => void (d.machine.prng = [0, 0, 0, 0]))).path).toBe('machine.prng');
		expect(failure(altered(sleepers, d => void (d.processes[0].pending.wait.on = 'moon'))).path).toBe('processes[0].pending.wait.on');
	});

	it('with limits the kernel would not set, or a live process past its fuel, names the limit (no kernel panic later)', () => {
		const p = (d: Doc) => d.processes[wasm(d)];
		expect(failure(altered(pipes, d => void (p(d).instructions = -1))).path).toMatch(/^processes\[\d+\]\.instructions$/);
		expect(failure(altered(pipes, d => void (p(d).limits.callDepth = 0))).path).toMatch(/^processes\[\d+\]\.limits\.callDepth$/);
		expect(failure(altered(pipes, d => void (p(d).limits.allow = [1]))).path).toMatch(/^processes\[\d+\]\.limits\.allow\[0\]$/);
		const running = (d: Doc) => d.processes.find((q: Doc) => q.state === 'RUNNING' && q.exec !== null);
		expect(running(JSON.parse(midQuantum))).toBeDefined();
		const spent = failure(altered(midQuantum, d => void (running(d).limits.fuel = Math.max(1, running(d).instructions))));
		expect(spent.path).toMatch(/^processes\[\d+\]\.limits\.fuel$/);
		expect(spent.message).toMatch(/the process has run \d+ instructions/);
	});
});

describe('a snapshot file', () => {
	it('that does not exist or is not JSON gives one line saying so', () => {
		expect(() => restoreSnapshot(join(dir, 'nope.json'), {abis: abis()})).toThrow(/cannot read .*nope\.json: no such file or directory \(ENOENT\)/);
		writeFileSync(join(dir, 'text.json'), 'hello');
		expect(() => restoreSnapshot(join(dir, 'text.json'), {abis: abis()})).toThrow(/unexpected "hello"/);
		writeFileSync(join(dir, 'tail.json'), `${pipes} extra`);
		expect(() => restoreSnapshot(join(dir, 'tail.json'), {abis: abis(), tasks: tasks()})).toThrow(/unexpected text after the end/);
	});

	it('reads back what saveSnapshot wrote, streamed in chunks', () => {
		const file = join(dir, 'ok.json');
		writeFileSync(file, sleepers);
		expect(snapshotText(restoreSnapshot(file, {abis: abis(), tasks: tasks()}).kernel)).toBe(readFileSync(file, 'utf8'));
	});
});
