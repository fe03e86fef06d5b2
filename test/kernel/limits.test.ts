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

	it('traps a recursion deeper than the call depth limit (status 134)', async () => {
		const kernel = machine({limits: {callDepth: 100}});
		const pid = kernel.spawn({program: await fixture('recurse')});
		runToEnd(kernel);
		expect(kernel.process(pid)!.exit).toMatchObject({status: 134, reason: {kind: 'trap', trap: 'call stack exhausted', func: 'function 0 `down`'}});
	});

	it('refuses a spawn past the process limit', async () => {
		const kernel = machine({maxProcesses: 2});
		const spin = await fixture('spin');
		kernel.spawn({program: spin});
		kernel.spawn({program: spin});
		expect(() => kernel.spawn({program: spin})).toThrow(new KernelError('EAGAIN', 'process limit reached: 2 live processes'));
	});

	it('refuses bad limit values', async () => {
		expect(() => machine({limits: {fuel: -1}})).toThrow(KernelError);
		expect(() => machine({quantum: 0})).toThrow('quantum must be a whole number >= 1, got 0');
	});
});
