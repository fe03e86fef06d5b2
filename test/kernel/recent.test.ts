/*
 * MachineView.recent: processes that ended and were reaped stay visible for a while (the shell's
 * `proc list`), most recent first, as they were when reaped — exit, CPU time, peak memory — and
 * only the last RECENT_ENDED of them.
 */

import {describe, expect, it} from 'vitest';
import {RECENT_ENDED} from '../../source/kernel/machine.js';
import {fixture, machine, runToEnd} from './helpers.js';

describe('recently ended processes', () => {
	it('keeps a reaped process with its exit, CPU time and peak memory, most recent first', async () => {
		const kernel = machine({limits: {memory: 4 * 65536}});
		const grow = kernel.spawn({program: await fixture('grow'), argv: ['grow']});
		const exit = kernel.spawn({program: await fixture('exit'), argv: ['exit', '7']});
		runToEnd(kernel);
		expect(kernel.machine().recent).toEqual([]);
		const before = kernel.process(grow)!;
		kernel.wait(grow);
		kernel.wait(exit);
		const recent = kernel.machine().recent;
		expect(recent.map(p => [p.pid, p.name, p.state, p.exit?.status])).toEqual([
			[exit, 'exit', 'ZOMBIE', 7],
			[grow, 'grow', 'ZOMBIE', 3],
		]);
		expect(recent[1].memory).toEqual({pages: 0, peakPages: 4, capPages: 4});
		expect(recent[1].instructions).toBe(before.instructions);
		expect(kernel.processes()).toEqual([]);
	});

	it('keeps only the last RECENT_ENDED', async () => {
		const kernel = machine();
		const program = await fixture('exit');
		const pids = Array.from({length: RECENT_ENDED + 3}, (_, k) => kernel.spawn({program, argv: ['exit', String(k)]}));
		runToEnd(kernel);
		for (const pid of pids) kernel.wait(pid);
		expect(kernel.machine().recent.map(p => p.pid)).toEqual(pids.slice(3).reverse());
	});
});
