/* Processes as the views show them: life cycle, metrics, reaping, and the event log. */

import {describe, expect, it} from 'vitest';
import {EventLog, eventJson} from '../../source/kernel/events.js';
import {KernelError, SpawnError} from '../../source/kernel/kernel.js';
import {assemble, fixture, machine, runToEnd} from './helpers.js';
import {loadProgram} from '../../source/kernel/kernel.js';

describe('a process', () => {
	it('goes READY → RUNNING → ZOMBIE and is reaped by wait', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('hello'), argv: ['hello', 'x'], env: {A: '1'}});
		expect(kernel.process(pid)).toMatchObject({pid: 1, ppid: 0, pgid: 1, name: 'hello', argv: ['hello', 'x'], env: ['A=1'], state: 'READY'});
		expect(kernel.wait(pid)).toBeNull();
		runToEnd(kernel);
		expect(kernel.process(pid)!.state).toBe('ZOMBIE');
		expect(kernel.wait(pid)).toMatchObject({status: 0, reason: {kind: 'exit', code: 0}});
		expect(kernel.process(pid)).toBeNull();
		expect(() => kernel.wait(pid)).toThrow(KernelError);
		expect(kernel.events().at(-1)).toMatchObject({type: 'reap', pid, by: 0});
	});

	it('has metrics: instructions, syscalls by name, memory, switches, time in each state', async () => {
		const kernel = machine({quantum: 50_000});
		const ticker = await fixture('ticker');
		const a = kernel.spawn({program: ticker, argv: ['t', 'a', '2']});
		const b = kernel.spawn({program: ticker, argv: ['t', 'b', '2']});
		runToEnd(kernel);
		const view = kernel.process(a)!;
		expect(view.syscalls).toEqual({total: 4, byName: {args_sizes_get: 1, args_get: 1, fd_write: 2}});
		expect(view.memory).toEqual({pages: 0, peakPages: 1, capPages: 4096});
		expect(view.ticks.running).toBe(view.instructions);
		expect(view.ticks.ready).toBeGreaterThan(0);
		expect(view.contextSwitches.involuntary).toBeGreaterThan(0);
		expect(view.responseTime).toBe(0);
		expect(kernel.process(b)!.responseTime).toBe(50_000);
		expect(view.turnaround).toBe(view.ended! - view.created);
		expect(view.ticks.running + view.ticks.ready).toBe(view.turnaround);
		const machineView = kernel.machine();
		expect(machineView).toMatchObject({status: 'empty', policy: 'rr', quantum: 50_000, seed: 1, counts: {ZOMBIE: 2}, syscalls: 8});
		expect(machineView.instructions).toBe(view.instructions + kernel.process(b)!.instructions);
	});

	it('shows its open fds and closes them at exit', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('spin'), stdio: ['null', 'tty', 'tty']});
		expect(kernel.process(pid)!.fds).toEqual([
			{fd: 0, target: '/dev/null', readable: true, writable: true},
			{fd: 1, target: '/dev/tty', readable: false, writable: true},
			{fd: 2, target: '/dev/tty', readable: false, writable: true},
			{fd: 3, target: '/', readable: true, writable: false},
		]);
		kernel.kill(pid, 'KILL');
		expect(kernel.process(pid)!.fds).toEqual([]);
	});

	it('passes orphans to the user when there is no init, who reaps them', async () => {
		const kernel = machine();
		const spin = await fixture('spin');
		const parent = kernel.spawn({program: spin});
		const child = kernel.spawn({program: spin, parent});
		expect(kernel.process(child)!.ppid).toBe(parent);
		kernel.kill(parent, 'KILL');
		expect(kernel.process(child)!.ppid).toBe(0);
	});

	it('ends with a trap, naming the function and the offset', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('trap')});
		runToEnd(kernel);
		expect(kernel.process(pid)!.exit).toMatchObject({
			status: 134,
			reason: {kind: 'trap', trap: 'integer divide by zero', func: 'function 0 `divide`', offset: expect.any(Number)},
		});
	});

	it('returns the results of an invoked export, after _initialize', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('calc'), invoke: {name: 'add', args: ['2', '-5']}});
		runToEnd(kernel);
		expect(kernel.process(pid)!.exit).toMatchObject({status: 0, results: ['997']});
	});

	it('cannot be spawned from a program that does not link or has no entry', async () => {
		const kernel = machine();
		const strange = loadProgram(await assemble('(module (import "env" "f" (func)) (func (export "_start")))'), 'strange');
		expect(() => kernel.spawn({program: strange})).toThrow(new SpawnError('strange', 'unknown import: import "env"."f" is not provided'));
		const calc = await fixture('calc');
		expect(() => kernel.spawn({program: calc})).toThrow(/has no _start export/);
		expect(() => kernel.spawn({program: calc, invoke: {name: 'nope', args: []}})).toThrow(
			'calc: has no exported function "nope" (exported functions: _initialize, add, mul64, half, pair)',
		);
		expect(() => kernel.spawn({program: calc, invoke: {name: 'add', args: ['1', 'x']}})).toThrow('argument 2 of "add" must be i32, got "x"');
		expect(kernel.processes()).toEqual([]);
	});

	it('traps while instantiating: a data segment out of bounds ends it at once', async () => {
		const kernel = machine();
		const bad = loadProgram(await assemble('(module (memory 1) (data (i32.const 65535) "ab") (func (export "_start")))'), 'bad');
		const pid = kernel.spawn({program: bad});
		expect(kernel.process(pid)!.exit).toMatchObject({status: 134, reason: {kind: 'trap', trap: 'out of bounds memory access', func: 'instantiation'}});
	});
});

describe('the event log', () => {
	it('keeps the last N events in a ring, numbered since boot', () => {
		const log = new EventLog(3);
		for (let k = 0; k < 5; k++) log.record({type: 'halt', tick: k, reason: String(k)});
		expect(log.since().map(e => e.seq)).toEqual([2, 3, 4]);
		expect(log.since(4).map(e => e.seq)).toEqual([4]);
		expect(log.dropped).toBe(2);
	});

	it('gives back sched events (kept as numbers) equal to those recorded, key for key, around the ring', () => {
		const log = new EventLog(4);
		const recorded: string[] = [];
		log.subscribe(e => recorded.push(JSON.stringify(e)));
		const reasons = ['quantum', 'blocked', 'preempted'] as const;
		for (let k = 0; k < 10; k++) {
			if (k % 3 === 2) log.record({type: 'halt', tick: k, reason: `h${k}`});
			else log.record({type: 'sched', tick: 2 ** 40 + k, pid: k, from: k * 10, to: k * 10 + 7, instructions: 7, reason: reasons[k % 3], policy: k < 5 ? 'rr' : 'mlfq'});
		}
		expect(log.since().map(e => JSON.stringify(e))).toEqual(recorded.slice(6));
		expect(log.since(8).map(e => e.seq)).toEqual([8, 9]);
	});

	it('restores a saved tail exactly, keeping as it is a sched event that is not shaped like one', () => {
		const source = new EventLog(3);
		for (let k = 0; k < 5; k++) source.record({type: 'sched', tick: k, pid: 1, from: k, to: k + 1, instructions: 1, reason: 'quantum', policy: 'rr'});
		const saved = JSON.parse(JSON.stringify(source.since()));
		const odd = {...saved[1], extra: 'kept'};
		const wrongSeq = {...saved[2], seq: 99};
		const log = new EventLog(3);
		log.load(5, [saved[0], odd, wrongSeq]);
		expect(JSON.stringify(log.since())).toBe(JSON.stringify([saved[0], odd, wrongSeq]));
		expect(log.total).toBe(5);
	});

	it('tells subscribers about every event, even those the ring has dropped', async () => {
		const kernel = machine({eventCapacity: 4});
		const seen: number[] = [];
		const stop = kernel.subscribe(e => seen.push(e.seq));
		kernel.spawn({program: await fixture('ticker'), argv: ['t', 'x', '2']});
		runToEnd(kernel);
		stop();
		expect(seen).toEqual([...seen.keys()]);
		expect(kernel.events()).toHaveLength(4);
		expect(kernel.machine().events).toEqual({total: seen.length, capacity: 4, dropped: seen.length - 4});
	});

	it('logs each syscall with its decoded arguments and result, as JSON lines', async () => {
		const kernel = machine();
		kernel.spawn({program: await fixture('hello')});
		runToEnd(kernel);
		const write = kernel.events().find(e => e.type === 'syscall')!;
		expect(JSON.parse(eventJson(write))).toEqual({
			seq: 1,
			type: 'syscall',
			tick: 11,
			pid: 1,
			abi: 'wasi_snapshot_preview1',
			name: 'fd_write',
			args: 'fd=1, iovs=[0x10:13] "hello, world\\n" → nwritten=13',
			result: '0',
			errno: null,
			blockedFor: 0,
		});
		expect(eventJson(write).startsWith('{"seq":1,"type":"syscall",')).toBe(true);
		expect(eventJson(write).endsWith('}\n')).toBe(true);
	});
});
