/* Limits: what happens to a process at each one, and how it is reported. */

import {describe, expect, it} from 'vitest';
import {KernelError} from '../../source/kernel/kernel.js';
import {fixture, machine, runToEnd} from './helpers.js';

describe('limits', () => {
	it('kills a process that spends its fuel, at exactly that instruction (status 137)', async () => {
		const kernel = machine({limits: {fuel: 123_456}});
		const pid = kernel.spawn({program: await fixture('spin')});
		runToEnd(kernel);
		expect(kernel.process(pid)).toMatchObject({
			instructions: 123_456,
			exit: {status: 137, reason: {kind: 'limit', limit: 'fuel', detail: 'fuel of 123456 instructions spent'}},
		});
		expect(kernel.events().filter(e => e.type === 'limit')).toMatchObject([{pid, limit: 'fuel', fatal: true, tick: 123_456}]);
	});

	it('refuses memory.grow past the cap (-1, not fatal) and reports it once per stretch', async () => {
		const kernel = machine({limits: {memory: 4 * 65536}});
		const pid = kernel.spawn({program: await fixture('grow')});
		runToEnd(kernel);
		expect(kernel.process(pid)).toMatchObject({exit: {status: 3}, memory: {peakPages: 4, capPages: 4}});
		expect(kernel.events().filter(e => e.type === 'limit')).toMatchObject([
			{pid, limit: 'memory', fatal: false, detail: 'memory.grow to 5 pages refused: cap 4 pages (memory limit (--max-memory))'},
		]);
	});

	it('does not start a module whose initial memory is over the cap', async () => {
		const kernel = machine({limits: {memory: 65535}});
		const pid = kernel.spawn({program: await fixture('hello')});
		expect(kernel.process(pid)).toMatchObject({state: 'ZOMBIE', instructions: 0, exit: {status: 137, reason: {kind: 'limit', limit: 'memory'}}});
	});

	it('kills a process at its first syscall past the quota', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('ticker'), argv: ['t', 'x', '9'], limits: {syscalls: 4}});
		const {out} = runToEnd(kernel);
		expect(out).toBe('x\nx\n');
		expect(kernel.process(pid)).toMatchObject({syscalls: {total: 4}, exit: {status: 137, reason: {kind: 'limit', limit: 'syscalls'}}});
	});

	it('ends a recursion deeper than the call depth limit as a limit (status 137), naming the function', async () => {
		const kernel = machine({limits: {callDepth: 100}});
		const pid = kernel.spawn({program: await fixture('recurse')});
		runToEnd(kernel);
		expect(kernel.process(pid)!.exit).toMatchObject({
			status: 137,
			reason: {kind: 'limit', limit: 'callDepth', detail: 'call depth of 100 exceeded in function 0 `down`'},
		});
		expect(kernel.events().filter(e => e.type === 'limit')).toMatchObject([{pid, limit: 'callDepth', fatal: true}]);
	});

	it('refuses a spawn past the process limit', async () => {
		const kernel = machine({maxProcesses: 2});
		const spin = await fixture('spin');
		kernel.spawn({program: spin});
		kernel.spawn({program: spin});
		expect(() => kernel.spawn({program: spin})).toThrow(new KernelError('EAGAIN', 'process limit reached: 2 live processes'));
	});

	it('gives a child the limits of its parent: a spawn may lower them, never raise them', async () => {
		const kernel = machine({limits: {fuel: 1_000_000, fds: 32}});
		const spin = await fixture('spin');
		const parent = kernel.spawn({program: spin, limits: {allow: ['wasi_snapshot_preview1']}});
		const child = kernel.spawn({program: spin, parent, limits: {fuel: 5_000_000, fds: 16, syscalls: 10, allow: ['wasi_snapshot_preview1.fd_write', 'wasmos']}});
		expect(kernel.process(child)!.limits).toEqual({...kernel.process(parent)!.limits, fds: 16, syscalls: 10, allow: ['wasi_snapshot_preview1.fd_write']});
		expect(kernel.process(child)!.limits.fuel).toBe(1_000_000);
	});

	it('caps the live processes of a process group (the tree limit), with a limit event for the spawner', async () => {
		const kernel = machine({limits: {procs: 2}});
		const spin = await fixture('spin');
		const leader = kernel.spawn({program: spin});
		kernel.spawn({program: spin, parent: leader, pgid: leader});
		expect(() => kernel.spawn({program: spin, parent: leader, pgid: leader})).toThrow(
			new KernelError('EAGAIN', `spawn refused: process group ${leader} has 2 live processes, cap 2 (process tree limit (--max-procs))`),
		);
		// A new group is a new job: it has room.
		expect(kernel.spawn({program: spin, parent: leader})).toBeGreaterThan(0);
		expect(kernel.events().filter(e => e.type === 'limit')).toMatchObject([{pid: leader, limit: 'procs', fatal: false}]);
	});

	it('refuses a program whose imports its capabilities do not allow, naming the import', async () => {
		const kernel = machine({limits: {allow: ['wasi_snapshot_preview1.proc_exit']}});
		const hello = await fixture('hello');
		expect(() => kernel.spawn({program: hello})).toThrow(
			'hello: imports "wasi_snapshot_preview1"."fd_write", which its capabilities do not allow (allowed: wasi_snapshot_preview1.proc_exit; --allow)',
		);
		expect(() => machine({limits: {allow: ['a b']}})).toThrow('"a b" is not an import pattern: MODULE or MODULE.FUNCTION');
	});

	it('refuses bad limit values', async () => {
		expect(() => machine({limits: {fuel: -1}})).toThrow(KernelError);
		expect(() => machine({quantum: 0})).toThrow('quantum must be a whole number >= 1, got 0');
	});
});
