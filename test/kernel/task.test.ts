/*
 * Host tasks (kernel/task.ts): a TypeScript step function scheduled like a wasm process — charged
 * a fixed cost per step, preempted by its quantum, blocking and woken, spawning and reaping
 * children, signalled (with signals it may ignore), and the same whatever the slicing.
 */

import {describe, expect, it} from 'vitest';
import {boot, KernelError, type Kernel, type TaskDef} from '../../source/kernel/kernel.js';

interface Counter {
	n: number;
	limit: number;
}

/** Counts to `limit`, one per step, then exits with n & 0xff. */
const counter: TaskDef<Counter> = {
	kind: 'counter',
	cost: 100,
	step: (_ctx, s) => (++s.n >= s.limit ? {next: 'exit', code: s.n} : {next: 'run'}),
};

interface Parent {
	child: number | null;
	status: number | null;
	wakes: number;
}

/** Spawns a counter, blocks until it ends, reaps it and exits with its status + 1. */
const parent: TaskDef<Parent> = {
	kind: 'parent',
	step: (ctx, s) => {
		if (s.child === null) {
			s.child = ctx.spawn({task: {kind: 'counter', state: {n: 0, limit: 50}}});
			return {next: 'run'};
		}
		if (ctx.retrying?.on === 'child') s.wakes++;
		const exit = ctx.reap(s.child);
		if (exit === null) return {next: 'block', wait: {on: 'child'}};
		return {next: 'exit', code: exit.status + 1};
	},
};

/** Sleeps on its children for ever (it has none); handles INT and TERM by counting them (like an interactive shell). */
const stubborn: TaskDef<{handled: number; steps: number}> = {
	kind: 'stubborn',
	step: (_ctx, s) => {
		s.steps++;
		return {next: 'block', wait: {on: 'child'}};
	},
	handles: (s, signal) => {
		if (signal !== 'INT' && signal !== 'TERM') return false;
		s.handled++;
		return true;
	},
};

function machine(quantum = 1000): Kernel {
	const kernel = boot({quantum});
	for (const def of [counter, parent, stubborn] as TaskDef<never>[]) kernel.registerTask(def);
	return kernel;
}

function runUntilEmpty(kernel: Kernel, slice: number): void {
	for (let k = 0; k < 1_000_000; k++) {
		const {status} = kernel.tick(slice);
		if (status !== 'running') return;
	}
	throw new Error('the machine never settled');
}

describe('host tasks', () => {
	it('are charged their cost per step and show in the process table', () => {
		const kernel = machine();
		const pid = kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 30}}, argv: ['counter']});
		expect(kernel.process(pid)).toMatchObject({name: 'counter', state: 'READY', memory: {pages: 0}});
		runUntilEmpty(kernel, 1_000_000);
		expect(kernel.process(pid)).toMatchObject({state: 'ZOMBIE', instructions: 3000});
		expect(kernel.machine().clock).toBe(3000);
		expect(kernel.wait(pid)).toMatchObject({status: 30, reason: {kind: 'exit', code: 30}});
	});

	it('are preempted by the quantum like wasm processes', () => {
		const kernel = machine(250);
		const a = kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 10}}});
		const b = kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 10}}});
		runUntilEmpty(kernel, 1_000_000);
		const runs = kernel.events().filter(e => e.type === 'sched').map(e => (e.type === 'sched' ? [e.pid, e.instructions, e.reason] : null));
		expect(runs.slice(0, 4)).toEqual([
			[a, 250, 'quantum'],
			[b, 250, 'quantum'],
			[a, 250, 'quantum'],
			[b, 250, 'quantum'],
		]);
		expect(kernel.process(a)?.exit?.tick).toBeLessThan(kernel.process(b)?.exit?.tick ?? 0);
	});

	it('compute the same however the machine is sliced', () => {
		const trace = (slice: number) => {
			const kernel = machine(333);
			kernel.spawn({task: {kind: 'parent', state: {child: null, status: null, wakes: 0}}});
			kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 40}}});
			runUntilEmpty(kernel, slice);
			return kernel.events().map(e => JSON.stringify(e));
		};
		const whole = trace(10_000_000);
		expect(trace(1)).toEqual(whole);
		expect(trace(77)).toEqual(whole);
	});

	it('block until a child ends, then reap it', () => {
		const kernel = machine();
		const pid = kernel.spawn({task: {kind: 'parent', state: {child: null, status: null, wakes: 0}}});
		kernel.tick(5000);
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', blockedOn: 'wait for a child'});
		runUntilEmpty(kernel, 1_000_000);
		expect(kernel.wait(pid)?.status).toBe(51);
		const reaps = kernel.events().filter(e => e.type === 'reap');
		expect(reaps).toEqual([expect.objectContaining({pid: 2, by: pid}), expect.objectContaining({pid, by: 0})]);
		expect(kernel.processes().map(p => p.pid)).toEqual([]);
	});

	it('may reap only their own children', () => {
		const kernel = machine();
		const other = kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 1}}});
		const thief: TaskDef<{err: string | null}> = {
			kind: 'thief',
			step: (ctx, s) => {
				try {
					ctx.reap(other);
				} catch (error) {
					s.err = error instanceof KernelError ? error.errno : String(error);
				}
				return {next: 'exit', code: s.err === 'ECHILD' ? 0 : 1};
			},
		};
		kernel.registerTask(thief);
		const pid = kernel.spawn({task: {kind: 'thief', state: {err: null}}});
		runUntilEmpty(kernel, 1_000_000);
		expect(kernel.wait(pid)?.status).toBe(0);
	});

	it('handle the signals their definition handles, stepping again when blocked; never KILL', () => {
		const kernel = machine();
		const pid = kernel.spawn({task: {kind: 'stubborn', state: {handled: 0, steps: 0}}});
		kernel.tick(10_000);
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', instructions: 1000});
		kernel.kill(pid, 'INT');
		kernel.kill(pid, 'TERM');
		kernel.tick(10_000);
		// Woken once (the second signal found it READY already), one more step, blocked again.
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', instructions: 2000});
		kernel.kill(pid, 'KILL');
		expect(kernel.wait(pid)?.status).toBe(137);
		const actions = kernel.events().flatMap(e => (e.type === 'signal' ? [`${e.signal} ${e.action}`] : []));
		expect(actions).toEqual(['INT handled', 'TERM handled', 'KILL terminated']);
	});

	it('are stopped and continued by signals', () => {
		const kernel = machine();
		const pid = kernel.spawn({task: {kind: 'counter', state: {n: 0, limit: 100}}});
		kernel.tick(1000);
		kernel.stop(pid);
		const before = kernel.process(pid)!.instructions;
		kernel.tick(10_000);
		expect(kernel.process(pid)).toMatchObject({state: 'STOPPED', instructions: before});
		kernel.cont(pid);
		runUntilEmpty(kernel, 1_000_000);
		expect(kernel.wait(pid)?.status).toBe(100);
	});

	it('get a copy of the state they are spawned with', () => {
		const kernel = machine();
		const state = {n: 0, limit: 3};
		const pid = kernel.spawn({task: {kind: 'counter', state}});
		runUntilEmpty(kernel, 1_000_000);
		expect(state.n).toBe(0);
		expect(kernel.wait(pid)?.status).toBe(3);
	});

	it('refuse an unknown kind, and a spec with both a program and a task', () => {
		const kernel = machine();
		expect(() => kernel.spawn({task: {kind: 'nope', state: {}}})).toThrow(/no host task of kind "nope"/);
		expect(() => kernel.spawn({})).toThrow(/exactly one of a program, a path or a host task/);
		expect(() => kernel.registerTask(counter)).toThrow(/already registered/);
	});
});
