/* First come, first served: each process runs until it blocks, yields or ends, in arrival order. */

import {describe, expect, it} from 'vitest';
import {machine, runToEnd} from '../helpers.js';
import {program, recordEvents, schedEvents} from './helpers.js';

describe('fcfs', () => {
	it('runs each CPU-bound process to its end in the order they arrived, with no context switch', async () => {
		const kernel = machine({policy: 'fcfs'});
		const events = recordEvents(kernel);
		const cpu = await program('cpu');
		const pids = [300_000, 100_000, 200_000].map(ticks => kernel.spawn({program: cpu, argv: ['cpu', String(ticks)]}));
		runToEnd(kernel);
		expect(schedEvents(events).map(e => [e.pid, e.reason])).toEqual(pids.map(pid => [pid, 'exited']));
		const views = pids.map(pid => kernel.process(pid)!);
		// The convoy: each waits for all those in front of it.
		expect(views[1].ticks.ready).toBe(views[0].instructions);
		expect(views[2].ticks.ready).toBe(views[0].instructions + views[1].instructions);
		for (const view of views) expect(view.contextSwitches).toEqual({voluntary: 0, involuntary: 0});
	});

	it('sends a process that yields to the back of the queue', async () => {
		const kernel = machine({policy: 'fcfs'});
		const events = recordEvents(kernel);
		const io = kernel.spawn({program: await program('bursts'), argv: ['bursts', '1000', '2']});
		const cpu = kernel.spawn({program: await program('cpu'), argv: ['cpu', '50000']});
		runToEnd(kernel);
		expect(schedEvents(events).map(e => [e.pid, e.reason])).toEqual([
			[io, 'yield'],
			[cpu, 'exited'],
			[io, 'yield'],
			[io, 'exited'],
		]);
	});

	it('steps at most one quantum at a time, though it has no time slice', async () => {
		const kernel = machine({policy: 'fcfs', quantum: 700});
		kernel.spawn({program: await program('cpu')});
		kernel.step();
		kernel.step();
		expect(kernel.machine().clock).toBe(1400);
		expect(kernel.machine().current).toBe(1);
	});
});
