/* MLFQ on real programs: interactive processes respond fast, CPU-bound ones sink level by level, boosts lift everyone. */

import {describe, expect, it} from 'vitest';
import {machine} from '../helpers.js';
import {program, recordEvents, schedEvents, typeLines} from './helpers.js';

/** An interactive program answering 10 lines typed every 200,000 ticks, beside two CPU-bound ones of 5,000,000 ticks. */
async function interactiveMix(policy: string) {
	const kernel = machine({policy, terminal: {echo: false}});
	const ui = kernel.spawn({program: await program('interactive'), argv: ['interactive', '2000']});
	const hogs = [1, 2].map(async () => kernel.spawn({program: await program('cpu'), argv: ['cpu', '5000000']}));
	const pids = await Promise.all(hogs);
	typeLines(kernel, 10, 200_000);
	const view = kernel.process(ui)!;
	const out = kernel.tty.takeOutput().map(c => new TextDecoder().decode(c.bytes)).join('');
	return {kernel, view, hogs: pids.map(pid => kernel.process(pid)!), out};
}

describe('mlfq', () => {
	it('answers an interactive process far sooner than fcfs does: its mean response to a wake-up is lower', async () => {
		const mlfq = await interactiveMix('mlfq');
		const fcfs = await interactiveMix('fcfs');
		for (const run of [mlfq, fcfs]) {
			expect(run.view.exit?.status).toBe(10);
			expect(run.out).toBe('ok\n'.repeat(10));
			for (const hog of run.hogs) expect(hog.exit?.status).toBe(0);
		}
		const mean = (v: typeof mlfq.view) => (v.responses.total - v.responseTime!) / (v.responses.count - 1);
		// Under fcfs the first line waits for both CPU-bound programs (10,000,000 ticks); the other
		// lines are read at once after it, without blocking.
		expect(fcfs.view.responses.count).toBe(2);
		expect(mean(fcfs.view)).toBeGreaterThan(9_000_000);
		// Under mlfq each line (and the end of input) wakes it, and it takes the CPU from a demoted
		// CPU-bound process at once.
		expect(mlfq.view.responses.count).toBe(12);
		expect(mean(mlfq.view)).toBeLessThan(10_000);
		expect(mean(mlfq.view)).toBeLessThan(mean(fcfs.view) / 100);
		expect(mlfq.view.contextSwitches.voluntary).toBe(11);
		const preempted = schedEvents(mlfq.kernel.events()).filter(e => e.reason === 'preempted');
		expect(preempted.length).toBeGreaterThanOrEqual(9);
	});

	it('runs each level with its own slice and moves a CPU-bound process down after its allotment', async () => {
		const kernel = machine({policy: 'mlfq', policyOptions: {mlfqQuanta: [1000, 2000, 4000], mlfqAllotment: 2, mlfqBoost: 0}});
		const events = recordEvents(kernel);
		const pid = kernel.spawn({program: await program('cpu')});
		expect(kernel.process(pid)!.policyState).toEqual({level: 0, sliceLeft: 1000, allotmentLeft: 2});
		kernel.tick(30_000);
		expect(schedEvents(events).map(e => e.instructions)).toEqual([1000, 1000, 2000, 2000, 4000, 4000, 4000, 4000, 4000, 4000]);
		expect(kernel.machine().policyParams.mlfqLevels).toBe(3);
		expect(kernel.process(pid)!.policyState).toMatchObject({level: 2});
	});

	it('takes the CPU from a lower level for a process that becomes READY higher up (rule 1), which then resumes its slice', async () => {
		const kernel = machine({policy: 'mlfq', policyOptions: {mlfqBoost: 0}});
		const events = recordEvents(kernel);
		const hog = kernel.spawn({program: await program('cpu')});
		kernel.tick(35_000); // 10,000 at level 0, 20,000 at level 1, then 5,000 into level 2's 40,000
		expect(kernel.process(hog)!.policyState).toMatchObject({level: 2});
		const late = kernel.spawn({program: await program('cpu'), argv: ['cpu', '3000']});
		expect(kernel.machine().current).toBeNull();
		kernel.tick(50_000);
		const stretches = schedEvents(events).map(e => [e.pid, e.reason, e.instructions]);
		expect(stretches.slice(2, 5)).toEqual([
			[hog, 'preempted', 5000],
			[late, 'exited', expect.any(Number)],
			[hog, 'quantum', 35_000],
		]);
	});

	it('boosts every process back to the top level at each multiple of the boost period', async () => {
		const kernel = machine({policy: 'mlfq', policyOptions: {mlfqBoost: 200_000}});
		const events = recordEvents(kernel);
		const a = kernel.spawn({program: await program('cpu')});
		const b = kernel.spawn({program: await program('cpu')});
		kernel.tick(190_000);
		expect(kernel.process(a)!.policyState.level).toBe(2);
		expect(kernel.process(b)!.policyState.level).toBe(2);
		kernel.tick(15_000);
		expect(kernel.process(a)!.policyState.level).toBe(0);
		expect(kernel.process(b)!.policyState.level).toBe(0);
		kernel.tick(400_000);
		const boosts = schedEvents(events).filter(e => e.reason === 'preempted');
		expect(boosts.map(e => e.to)).toEqual([200_000, 400_000, 600_000]);
		// After a boost both start over with level 0's slice.
		const after = schedEvents(events).filter(e => e.from === 200_000);
		expect(after).toHaveLength(1);
		expect(after[0].instructions).toBe(10_000);
	});

	it('never boosts with --mlfq-boost 0, and refuses levels it cannot have', () => {
		const kernel = machine({policy: 'mlfq', policyOptions: {mlfqBoost: 0}});
		expect(kernel.machine().policyParams.mlfqBoost).toBe(0);
		expect(() => machine({policy: 'mlfq', policyOptions: {mlfqLevels: 0}})).toThrow('mlfqLevels must be a whole number from 1 to 16, got 0');
		expect(() => machine({policy: 'mlfq', policyOptions: {mlfqLevels: 2, mlfqQuanta: [1, 2, 3]}})).toThrow('mlfqQuanta has 3 values for 2 levels');
	});
});
