/* Static priority with aging: the better priority runs first and preempts; aging bounds a low-priority process's wait. */

import {describe, expect, it} from 'vitest';
import {machine} from '../helpers.js';
import {program, recordEvents, schedEvents} from './helpers.js';

describe('priority', () => {
	it('runs the best priority first, round robin among equals', async () => {
		const kernel = machine({policy: 'priority', policyOptions: {aging: 0}});
		const events = recordEvents(kernel);
		const cpu = await program('cpu');
		const low = kernel.spawn({program: cpu, argv: ['cpu', '30000'], priority: 5});
		const a = kernel.spawn({program: cpu, argv: ['cpu', '30000']});
		const b = kernel.spawn({program: cpu, argv: ['cpu', '30000']});
		kernel.tick(200_000);
		const order = schedEvents(events).map(e => e.pid);
		expect(order.slice(0, 6)).toEqual([a, b, a, b, a, b]);
		expect(order.slice(-4)).toEqual([low, low, low, low]);
		expect(kernel.process(low)!.firstRun).toBeGreaterThanOrEqual(60_000);
	});

	it('takes the CPU at once for a better process that arrives or is reniced', async () => {
		const kernel = machine({policy: 'priority', policyOptions: {aging: 0}});
		const events = recordEvents(kernel);
		const cpu = await program('cpu');
		const background = kernel.spawn({program: cpu, priority: 10});
		kernel.tick(4_000);
		const urgent = kernel.spawn({program: cpu, argv: ['cpu', '20000'], priority: -5});
		kernel.tick(25_000); // urgent runs to its end (two quanta and a bit), then background again
		const other = kernel.spawn({program: cpu, priority: 10});
		kernel.tick(1_000); // an equal newcomer waits its turn
		expect(kernel.machine().current).toBe(background);
		kernel.setPriority(other, 0);
		kernel.tick(1_000);
		expect(schedEvents(events).map(e => [e.pid, e.reason])).toEqual([
			[background, 'preempted'],
			[urgent, 'quantum'],
			[urgent, 'quantum'],
			[urgent, 'exited'],
			[background, 'preempted'],
		]);
		expect(kernel.machine().current).toBe(other);
		expect(kernel.process(other)!.policyState).toEqual({effectivePriority: 0});
	});

	it('starves a low-priority process without aging', async () => {
		const kernel = machine({policy: 'priority', policyOptions: {aging: 0}});
		const cpu = await program('cpu');
		kernel.spawn({program: cpu});
		kernel.spawn({program: cpu});
		const low = kernel.spawn({program: cpu, priority: 19});
		kernel.tick(5_000_000);
		expect(kernel.process(low)!.instructions).toBe(0);
		expect(kernel.process(low)!.ticks.ready).toBe(5_000_000);
	});

	it('with aging, runs it within (19 - 0) × aging ticks plus a quantum, again and again', async () => {
		const aging = 20_000;
		const quantum = 10_000;
		const kernel = machine({policy: 'priority', quantum, policyOptions: {aging}});
		const events = recordEvents(kernel);
		const cpu = await program('cpu');
		kernel.spawn({program: cpu});
		kernel.spawn({program: cpu});
		const low = kernel.spawn({program: cpu, priority: 19});
		kernel.tick(5_000_000);
		const bound = 19 * aging + quantum;
		expect(kernel.process(low)!.firstRun).toBeLessThanOrEqual(bound);
		const mine = schedEvents(events).filter(e => e.pid === low);
		expect(mine.length).toBeGreaterThan(10);
		// Between two of its turns it never waits longer than the bound.
		for (let k = 1; k < mine.length; k++) expect(mine[k].from - mine[k - 1].to).toBeLessThanOrEqual(bound);
		// Its effective priority improves while it waits.
		kernel.tick(200_000);
		const waiting = kernel.process(low)!;
		if (waiting.state === 'READY') expect(waiting.policyState.effectivePriority).toBeLessThan(19);
	});
});
