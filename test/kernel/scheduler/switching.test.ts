/* Switching the policy while the machine runs: every process goes on, with all its accounting. */

import {describe, expect, it} from 'vitest';
import {KernelError} from '../../../source/kernel/kernel.js';
import {machine, runToEnd} from '../helpers.js';
import {program, recordEvents, schedEvents} from './helpers.js';

const WORKLOAD = [
	['cpu', '900000'],
	['cpu', '400000'],
	['io', '3000', '1', '60'],
	['cpu', '200000'],
];

async function spawnWorkload(kernel: ReturnType<typeof machine>): Promise<number[]> {
	const pids: number[] = [];
	for (const argv of WORKLOAD) pids.push(kernel.spawn({program: await program(argv[0]), argv}));
	return pids;
}

describe('switching policies while running', () => {
	it('keeps every process and its accounting through a switch every 150,000 ticks', async () => {
		const reference = machine({quantum: 5000});
		const referencePids = await spawnWorkload(reference);
		runToEnd(reference);
		const work = referencePids.map(pid => reference.process(pid)!.instructions);

		const kernel = machine({quantum: 5000});
		const events = recordEvents(kernel);
		const pids = await spawnWorkload(kernel);
		const cycle = ['mlfq', 'lottery', 'sjf', 'priority', 'fcfs', 'srtf', 'rr'];
		let switches = 0;
		while (kernel.tick(150_000).status === 'running') {
			kernel.setPolicy(cycle[switches % cycle.length]);
			switches++;
			expect(kernel.processes().map(p => p.pid)).toEqual(pids);
		}
		expect(switches).toBeGreaterThan(8);
		const stretches = schedEvents(events);
		expect(new Set(stretches.map(e => e.policy))).toEqual(new Set(cycle));
		expect(stretches.filter(e => e.reason === 'policy').length).toBeGreaterThan(5);
		expect(events.filter(e => e.type === 'policy')).toHaveLength(switches);

		pids.forEach((pid, k) => {
			const view = kernel.process(pid)!;
			expect(view.exit?.status).toBe(0);
			// The same work as under one policy, and every tick of it accounted for.
			expect(view.instructions).toBe(work[k]);
			const mine = stretches.filter(e => e.pid === pid);
			expect(mine.reduce((n, e) => n + e.instructions, 0)).toBe(view.instructions);
			expect(view.ticks.running).toBe(view.instructions);
			expect(view.ticks.running + view.ticks.ready + view.ticks.blocked).toBe(view.turnaround);
			expect(view.contextSwitches.voluntary + view.contextSwitches.involuntary).toBe(mine.filter(e => e.reason !== 'exited').length);
			expect(view.cpuBursts.count).toBe(mine.filter(e => e.reason === 'blocked' || e.reason === 'yield' || e.reason === 'exited').length);
			expect(view.cpuBursts.total).toBe(view.instructions);
		});
		expect(kernel.process(pids[2])!.cpuBursts.count).toBe(61);
		const machineView = kernel.machine();
		expect(machineView.instructions + machineView.idleTicks).toBe(machineView.clock);
	});

	it('keeps parameters set earlier, and refuses a bad switch without changing anything', async () => {
		const kernel = machine();
		kernel.spawn({program: await program('cpu')});
		kernel.tick(12_345);
		kernel.setPolicy('mlfq', {mlfqLevels: 4, quantum: 2000});
		expect(kernel.machine()).toMatchObject({policy: 'mlfq', quantum: 2000});
		kernel.setPolicy('rr');
		kernel.setPolicy('mlfq', {mlfqBoost: 0});
		expect(kernel.machine().policyParams).toMatchObject({mlfqLevels: 4, mlfqBoost: 0, quantum: 2000, mlfqQuanta: null});
		kernel.tick(100_000);
		expect(kernel.process(1)!.policyState).toMatchObject({level: 3});
		expect(() => kernel.setPolicy('round-robin')).toThrow(KernelError);
		expect(() => kernel.setPolicy('rr', {quantum: 0})).toThrow('quantum must be a whole number >= 1, got 0');
		expect(() => kernel.setPolicy('sjf', {sjfAlpha: 1.5})).toThrow('sjfAlpha must be a number from 0 to 1, got 1.5');
		expect(kernel.machine().policy).toBe('mlfq');
		expect(kernel.machine().current).toBe(1);
	});
});
