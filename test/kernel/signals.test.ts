/* Signals: default actions, exit statuses, and who may signal whom. */

import {describe, expect, it} from 'vitest';
import {KernelError} from '../../source/kernel/kernel.js';
import {parseSignal, signalStatus} from '../../source/kernel/signals.js';
import {TIER_CONTEXT} from '../../source/wasm/exec/tier-context.js';
import {fixture, machine} from './helpers.js';

describe('signals', () => {
	it.each([
		['INT', 130],
		['KILL', 137],
		['PIPE', 141],
		['TERM', 143],
	] as const)('%s ends a process with status %i', async (signal, status) => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('spin')});
		kernel.tick(1_000);
		kernel.kill(pid, signal);
		expect(kernel.process(pid)).toMatchObject({state: 'ZOMBIE', exit: {status, reason: {kind: 'signal', signal}}});
		expect(signalStatus(signal)).toBe(status);
		expect(kernel.events().filter(e => e.type === 'sched').at(-1)).toMatchObject({pid, reason: 'signal', instructions: 1_000});
	});

	it('leaves nothing of a process it kills held by the engine', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('spin')});
		kernel.tick(200_000);
		// Its loop runs in generated code, which reads the running thread's stacks from the tier context.
		expect(TIER_CONTEXT.i32.length).toBeGreaterThan(0);
		kernel.kill(pid, 'KILL');
		expect(TIER_CONTEXT.i32.length).toBe(0);
		expect(TIER_CONTEXT.F.length).toBe(0);
	});

	it('ends a process blocked in a read', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('reader'), foreground: true});
		kernel.tick(1_000);
		kernel.kill(pid, 'TERM');
		expect(kernel.process(pid)!.exit?.status).toBe(143);
		expect(kernel.tick(1_000).status).toBe('empty');
	});

	it('stops with STOP and continues with CONT, from where it was', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('spin')});
		kernel.tick(2_500);
		kernel.stop(pid);
		kernel.tick(10_000);
		expect(kernel.process(pid)).toMatchObject({state: 'STOPPED', stoppedBy: 'signal STOP', instructions: 2_500});
		kernel.cont(pid);
		kernel.tick(9_000);
		expect(kernel.process(pid)).toMatchObject({state: 'RUNNING', instructions: 11_500});
		expect(kernel.events().filter(e => e.type === 'state').map(e => e.type === 'state' && [e.from, e.to])).toEqual([
			['RUNNING', 'STOPPED'],
			['STOPPED', 'READY'],
		]);
	});

	it('lets a process signal itself and its descendants, and nobody else', async () => {
		const kernel = machine();
		const spin = await fixture('spin');
		const parent = kernel.spawn({program: spin});
		const child = kernel.spawn({program: spin, parent});
		const grandchild = kernel.spawn({program: spin, parent: child});
		const stranger = kernel.spawn({program: spin});
		expect(() => kernel.kill(stranger, 'TERM', {from: parent})).toThrow(new KernelError('EPERM', `process ${parent} may not signal process ${stranger}: only itself and its descendants`));
		expect(() => kernel.kill(parent, 'TERM', {from: child})).toThrow(KernelError);
		kernel.kill(grandchild, 'STOP', {from: parent});
		kernel.kill(child, 'STOP', {from: child});
		expect(kernel.process(grandchild)!.state).toBe('STOPPED');
		expect(kernel.process(child)!.state).toBe('STOPPED');
		// The user may signal anything.
		kernel.kill(stranger, 'KILL');
		expect(kernel.process(stranger)!.exit?.status).toBe(137);
	});

	it('signals a whole process group', async () => {
		const kernel = machine();
		const spin = await fixture('spin');
		const leader = kernel.spawn({program: spin});
		const member = kernel.spawn({program: spin, pgid: leader});
		const other = kernel.spawn({program: spin});
		kernel.killGroup(leader, 'TERM');
		expect(kernel.process(leader)!.state).toBe('ZOMBIE');
		expect(kernel.process(member)!.state).toBe('ZOMBIE');
		expect(kernel.process(other)!.state).toBe('READY');
	});

	it('refuses to signal a process that does not exist or has ended', async () => {
		const kernel = machine();
		expect(() => kernel.kill(9, 'TERM')).toThrow('no process 9');
		const pid = kernel.spawn({program: await fixture('hello')});
		kernel.tick(1_000);
		expect(() => kernel.kill(pid, 'TERM')).toThrow(`no process ${pid} (it has ended)`);
	});

	it('parses signal names and numbers', () => {
		expect(['int', 'SIGTERM', '9', 'tstp', 'HUP', '10', 'RTMIN', '16'].map(parseSignal)).toEqual(['INT', 'TERM', 'KILL', 'TSTP', 'HUP', 'USR1', null, null]);
	});
});
