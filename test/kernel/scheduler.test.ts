/* Round-robin preemption by instruction count: processes that never call the kernel still share the CPU. */

import {describe, expect, it} from 'vitest';
import type {SchedEvent} from '../../source/kernel/events.js';
import {KernelError} from '../../source/kernel/kernel.js';
import {fixture, machine, runToEnd} from './helpers.js';

const sched = (events: ReturnType<ReturnType<typeof machine>['events']>) => events.filter((e): e is SchedEvent => e.type === 'sched');

describe('round robin', () => {
	it('interleaves two programs whose hot loops call nothing, preempting them by quantum', async () => {
		const kernel = machine();
		const ticker = await fixture('ticker');
		const a = kernel.spawn({program: ticker, argv: ['ticker', 'A', '4']});
		const b = kernel.spawn({program: ticker, argv: ['ticker', 'B', '4']});
		const {out} = runToEnd(kernel);
		// Each busy loop is ~150,000 instructions: 15 quanta, so each print comes while the other is mid-loop.
		expect(out).toBe('A\nB\nA\nB\nA\nB\nA\nB\n');
		const stretches = sched(kernel.events());
		expect(stretches.filter(e => e.reason === 'quantum').length).toBeGreaterThan(100);
		for (const e of stretches.filter(e => e.reason === 'quantum')) expect(e.instructions).toBe(10_000);
		// Strictly alternating while both live.
		const running = stretches.filter(e => e.reason === 'quantum').map(e => e.pid);
		expect(running.slice(0, 6)).toEqual([a, b, a, b, a, b]);
		expect(kernel.process(a)!.contextSwitches.involuntary).toBeGreaterThan(50);
	});

	it('gives two spinners the same CPU to within one quantum after 1,000,000 ticks', async () => {
		const kernel = machine({quantum: 10_000});
		const spin = await fixture('spin');
		const a = kernel.spawn({program: spin});
		const b = kernel.spawn({program: spin});
		kernel.tick(1_000_000);
		expect(kernel.machine().clock).toBe(1_000_000);
		const ia = kernel.process(a)!.instructions;
		const ib = kernel.process(b)!.instructions;
		expect(ia + ib).toBe(1_000_000);
		expect(Math.abs(ia - ib)).toBeLessThanOrEqual(10_000);
		expect(kernel.process(a)!.cpuShare).toBeCloseTo(0.5, 1);
		const reasons = new Set(sched(kernel.events()).map(e => e.reason));
		expect([...reasons]).toEqual(['quantum']);
	});

	it('gives the CPU up at sched_yield', async () => {
		const kernel = machine();
		const y = kernel.spawn({program: await fixture('yield')});
		const s = kernel.spawn({program: await fixture('spin')});
		kernel.tick(40_000);
		const yields = sched(kernel.events()).filter(e => e.pid === y);
		expect(yields.map(e => e.reason)).toEqual(['yield', 'yield', 'yield', 'exited']);
		expect(kernel.process(y)!.contextSwitches.voluntary).toBe(3);
		// Between its yields the spinner ran whole quanta.
		expect(sched(kernel.events()).filter(e => e.pid === s).slice(0, 2).map(e => e.instructions)).toEqual([10_000, 10_000]);
	});

	it('refuses a policy it does not have, naming the ones it has', () => {
		expect(() => machine({policy: 'lotto'})).toThrow(KernelError);
		expect(() => machine({policy: 'lotto'})).toThrow('unknown scheduling policy "lotto" (policies: fcfs, rr, priority, mlfq, lottery, sjf, srtf)');
	});

	it('switches policy and quantum while running, keeping the ready queue', async () => {
		const kernel = machine();
		const spin = await fixture('spin');
		kernel.spawn({program: spin});
		kernel.spawn({program: spin});
		kernel.tick(15_000);
		kernel.setPolicy('rr', {quantum: 500});
		kernel.tick(20_000);
		expect(kernel.machine().quantum).toBe(500);
		expect(kernel.events().some(e => e.type === 'policy' && e.quantum === 500)).toBe(true);
		const last = sched(kernel.events()).slice(-4);
		expect(last.every(e => e.instructions === 500)).toBe(true);
	});
});

describe('step', () => {
	it('runs one quantum of the schedule', async () => {
		const kernel = machine({quantum: 700});
		const spin = await fixture('spin');
		const a = kernel.spawn({program: spin});
		const b = kernel.spawn({program: spin});
		kernel.step();
		kernel.step();
		kernel.step();
		expect(kernel.machine().clock).toBe(2100);
		expect(sched(kernel.events()).map(e => e.pid)).toEqual([a, b, a]);
	});

	it('runs N instructions of one process while the others stay frozen', async () => {
		const kernel = machine({quantum: 1000});
		const spin = await fixture('spin');
		const a = kernel.spawn({program: spin});
		const b = kernel.spawn({program: spin});
		kernel.tick(300); // a is mid-quantum
		kernel.step({pid: b, instructions: 5});
		expect(kernel.process(b)!.instructions).toBe(5);
		expect(kernel.process(a)!.instructions).toBe(300);
		expect(kernel.machine().current).toBe(a);
		kernel.step({pid: b});
		expect(kernel.process(b)!.instructions).toBe(6);
		// a keeps the rest of its quantum: 700 more, then b's turn.
		kernel.tick(700);
		expect(kernel.process(a)!.instructions).toBe(1000);
		const last = sched(kernel.events());
		expect(last.map(e => [e.pid, e.reason, e.instructions])).toEqual([
			[a, 'interrupted', 300],
			[a, 'interrupted', 0],
			[a, 'quantum', 700],
		]);
	});

	it('steps the process on the CPU past the end of its quantum', async () => {
		const kernel = machine({quantum: 100});
		const spin = await fixture('spin');
		const a = kernel.spawn({program: spin});
		const b = kernel.spawn({program: spin});
		kernel.tick(40);
		kernel.step({pid: a, instructions: 250});
		expect(kernel.process(a)!.instructions).toBe(290);
		expect(kernel.process(b)!.instructions).toBe(0);
	});

	it('steps a stopped process, which stays stopped', async () => {
		const kernel = machine();
		const a = kernel.spawn({program: await fixture('spin')});
		kernel.stop(a);
		kernel.step({pid: a, instructions: 42});
		expect(kernel.process(a)).toMatchObject({state: 'STOPPED', instructions: 42});
		expect(kernel.tick(1000).status).toBe('waiting');
	});
});
