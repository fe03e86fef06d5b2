/*
 * The hostile samples of examples/samples, each next to a well-behaved program (producer, writing
 * 400 numbered lines): the sample is contained with the expected reason and status, and the
 * well-behaved program finishes with its normal output.
 */

import {mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import type {Kernel, MachineOptions, ProcessView} from '../../source/kernel/kernel.js';
import {abiMachine, install, program} from './helpers.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const LINES = 300;
const EXPECTED = Array.from({length: LINES}, (_, k) => `item ${String(k + 1).padStart(6, '0')}\n`).join('');

const decoder = new TextDecoder();

interface Run {
	kernel: Kernel;
	/** The sample's pid (0 when the test starts it itself). */
	sample: number;
	good: number;
}

/** A machine with /bin/producer and the samples in /bin/samples; pid 1 is the producer, then the sample (if named). */
function start(name: string | null, options: MachineOptions = {}, sampleLimits = {}, args: string[] = []): Run {
	const kernel = abiMachine(options);
	kernel.fs.writeFile('/bin/producer', readFileSync(`${EXAMPLES}bin/producer.wasm`));
	kernel.fs.mkdir('/bin/samples');
	for (const file of readdirSync(`${EXAMPLES}samples`).filter(f => f.endsWith('.wasm'))) {
		kernel.fs.writeFile(`/bin/samples/${file}`, readFileSync(`${EXAMPLES}samples/${file}`));
	}
	const good = kernel.spawn({path: '/bin/producer', argv: ['producer', '-n', String(LINES)]});
	const sample = name === null ? 0 : kernel.spawn({path: `/bin/samples/${name}.wasm`, argv: [name, ...args], limits: sampleLimits});
	return {kernel, sample, good};
}

/** Runs until `done` holds (checked after each slice of 200,000 instructions), collecting output. */
function runUntil(kernel: Kernel, done: () => boolean, maxSlices = 2000): {out: string; err: string} {
	let out = '';
	let err = '';
	for (let k = 0; k < maxSlices && !done(); k++) {
		const {status} = kernel.tick(200_000);
		for (const chunk of kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') out += decoder.decode(chunk.bytes);
			else err += decoder.decode(chunk.bytes);
		}
		if (status !== 'running' && status !== 'sleeping') break;
	}
	return {out, err};
}

const ended = (kernel: Kernel, pid: number) => () => kernel.process(pid)?.state === 'ZOMBIE';
const both = (run: Run) => () => ended(run.kernel, run.good)() && ended(run.kernel, run.sample)();

function exitOf(kernel: Kernel, pid: number): ProcessView['exit'] {
	return kernel.process(pid)!.exit;
}

/** The well-behaved program finished normally: every line of its output, in order. */
function goodFinished(run: Run, out: string): void {
	expect(exitOf(run.kernel, run.good)).toMatchObject({status: 0, reason: {kind: 'exit'}});
	expect(out.split('\n').filter(line => line.startsWith('item ')).map(line => `${line}\n`).join('')).toBe(EXPECTED);
}

let tmp: string | null = null;
afterEach(() => {
	if (tmp !== null) rmSync(tmp, {recursive: true, force: true});
	tmp = null;
});

describe('hostile samples stay contained', () => {
	it('loop: an infinite loop without imports is preempted, then ended by its fuel (137)', () => {
		const run = start('loop', {}, {fuel: 3_000_000});
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 137, reason: {kind: 'limit', limit: 'fuel'}});
		// The producer did not wait for the loop to end: it finished first.
		expect(exitOf(run.kernel, run.good)!.tick).toBeLessThan(exitOf(run.kernel, run.sample)!.tick);
	});

	it('membomb: malloc gets NULL at the memory cap, it exits 1, memory stays within the cap', () => {
		const run = start('membomb', {}, {memory: 8 * 2 ** 20});
		const {out, err} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 1});
		expect(err).toMatch(/^membomb: malloc failed after [1-7] MiB\n$/);
		expect(run.kernel.process(run.sample)!.memory.peakPages).toBeLessThanOrEqual(128);
		expect(run.kernel.events()).toContainEqual(expect.objectContaining({type: 'limit', pid: run.sample, limit: 'memory', fatal: false}));
	});

	it('flood: a syscall flood ends at its syscall quota (137)', () => {
		const run = start('flood', {}, {syscalls: 5000});
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 137, reason: {kind: 'limit', limit: 'syscalls', detail: 'quota of 5000 syscalls spent, at getpid'}});
	});

	it('spawnbomb: its job stays within the process tree limit; killing the group ends every copy (137)', () => {
		const run = start('spawnbomb', {limits: {procs: 6}});
		const bomb = () => run.kernel.processes().filter(p => p.pgid === run.sample && p.state !== 'ZOMBIE');
		let most = 0;
		const {out} = runUntil(run.kernel, () => {
			most = Math.max(most, bomb().length);
			return ended(run.kernel, run.good)();
		});
		goodFinished(run, out);
		expect(most).toBe(6);
		expect(run.kernel.events()).toContainEqual(expect.objectContaining({type: 'limit', limit: 'procs', fatal: false}));
		run.kernel.killGroup(run.sample, 'KILL');
		expect(bomb()).toEqual([]);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 137, reason: {kind: 'signal', signal: 'KILL'}});
	});

	it('recurse: unbounded recursion ends at the call depth limit (137)', () => {
		const run = start('recurse');
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 137, reason: {kind: 'limit', limit: 'callDepth', detail: 'call depth of 10000 exceeded in function 0 `down`'}});
	});

	it('oob: a write outside linear memory traps (134)', () => {
		const run = start('oob');
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 134, reason: {kind: 'trap', trap: 'out of bounds memory access'}});
	});

	it('rowrite: truncating, writing and removing a file in a read-only mount are EROFS; the host file is untouched', () => {
		tmp = mkdtempSync(join(tmpdir(), 'wasmos-ro-'));
		writeFileSync(join(tmp, 'victim'), 'precious\n');
		const run = start('rowrite', {mounts: [{host: tmp, guest: '/mnt/ro', readOnly: true}]}, {}, ['/mnt/ro/victim']);
		const {out, err} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 1});
		expect(err.match(/Read-only file system/g)).toHaveLength(3);
		expect(readdirSync(tmp)).toEqual(['victim']);
		expect(readFileSync(join(tmp, 'victim'), 'utf8')).toBe('precious\n');
	});

	it('escapes: escape sequences reach the terminal neutralised', () => {
		const run = start('escapes', {terminal: {sanitize: {out: true, err: true}}});
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 0});
		expect(out).toContain('gotcha');
		expect(out).not.toContain('\u001b');
		expect(out).not.toContain('\u0007');
	});

	it('killparent: killing its parent and PID 1 is EPERM; both live on', async () => {
		const run = start(null);
		// A parent that spawns the sample, waits, and exits with its status.
		await install(
			run.kernel,
			'/bin/parent',
			program(
				`(drop (call $wait (call $spawn (i32.const 1024) (i32.const 28) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)) (i32.const 4000) (i32.const 0)))
				(call $exit (i32.load (i32.const 4000)))`,
				{1024: '/bin/samples/killparent.wasm', 1500: 'killparent\0', 2048: [1500]},
			),
		);
		const parent = run.kernel.spawn({path: '/bin/parent'});
		const {out} = runUntil(run.kernel, () => ended(run.kernel, run.good)() && ended(run.kernel, parent)());
		goodFinished(run, out);
		expect(exitOf(run.kernel, parent)).toMatchObject({status: 1, reason: {kind: 'exit'}});
		const kills = run.kernel.events().filter(e => e.type === 'syscall' && e.name === 'kill');
		expect(kills.map(e => (e.type === 'syscall' ? e.result : ''))).toEqual(['EPERM', 'EPERM']);
		expect(run.kernel.events().filter(e => e.type === 'signal' && e.signal === 'KILL')).toEqual([]);
	});

	it('brokenpipe: a write to a pipe without readers is EPIPE and the PIPE signal ends it (141)', () => {
		const run = start('brokenpipe');
		const {out} = runUntil(run.kernel, both(run));
		goodFinished(run, out);
		expect(exitOf(run.kernel, run.sample)).toMatchObject({status: 141, reason: {kind: 'signal', signal: 'PIPE'}});
		expect(run.kernel.events()).toContainEqual(expect.objectContaining({type: 'syscall', pid: run.sample, name: 'fd_write', errno: 'EPIPE'}));
	});
});
