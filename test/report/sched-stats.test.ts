/* The course's statistics, checked against a schedule worked out by hand. */

import {describe, expect, it} from 'vitest';
import {jainIndex, processStats, summarize} from '../../source/report/sched-stats.js';
import {processStatsTable} from '../../source/report/sched-tables.js';
import {machine, runToEnd} from '../kernel/helpers.js';
import {program} from '../kernel/scheduler/helpers.js';

describe("Jain's fairness index", () => {
	it('is 1 for equal shares, 1/n when one process has everything, in between otherwise', () => {
		expect(jainIndex([0.3, 0.3, 0.3])).toBeCloseTo(1, 12);
		expect(jainIndex([1, 0, 0, 0])).toBeCloseTo(0.25, 12);
		expect(jainIndex([1, 0.5])).toBeCloseTo(2.25 / 2.5, 12);
		expect(jainIndex([])).toBeNull();
	});
});

describe('run statistics', () => {
	it('gives fcfs\'s textbook numbers for three CPU-bound jobs that arrive together', async () => {
		const kernel = machine({policy: 'fcfs'});
		const cpu = await program('cpu');
		const pids = ['300000', '100000', '200000'].map(ticks => kernel.spawn({program: cpu, argv: ['cpu', ticks]}));
		runToEnd(kernel);
		const views = kernel.processes();
		const [a, b, c] = pids.map(pid => kernel.process(pid)!.instructions);
		const stats = views.map(processStats);
		expect(stats.map(s => s.response)).toEqual([0, a, a + b]);
		expect(stats.map(s => s.turnaround)).toEqual([a, a + b, a + b + c]);
		expect(stats.map(s => s.waiting)).toEqual([0, a, a + b]);
		expect(stats.map(s => s.bursts)).toEqual([1, 1, 1]);
		expect(stats.map(s => s.wakeResponse)).toEqual([null, null, null]);
		const end = kernel.machine().clock;
		expect(end).toBe(a + b + c);
		const summary = summarize(views, end);
		expect(summary).toMatchObject({processes: 3, completed: 3, makespan: end, avgWakeResponse: null, contextSwitches: 0});
		expect(summary.avgResponse).toBeCloseTo((a + (a + b)) / 3, 6);
		expect(summary.avgTurnaround).toBeCloseTo((a + (a + b) + (a + b + c)) / 3, 6);
		expect(summary.throughput).toBeCloseTo(3_000_000 / end, 9);
		expect(summary.fairness).toBeCloseTo(jainIndex([1, b / (a + b), c / (a + b + c)])!, 12);
		const table = processStatsTable(stats);
		expect(table.split('\n')[0]).toMatch(/^pid name\s+status\s+response\s+wake resp\.\s+turnaround\s+waiting\s+CPU\s+bursts\s+mean burst\s+switches\s+share$/);
		expect(table).toContain('1 cpu');
	});

	it('counts wake-up responses apart from the first run', async () => {
		const kernel = machine({policy: 'rr'});
		const ui = kernel.spawn({program: await program('interactive'), argv: ['interactive', '100']});
		kernel.tick(1000);
		for (let k = 0; k < 3; k++) {
			kernel.tty.input('x\n');
			kernel.tick(10_000);
		}
		kernel.tty.hangup();
		runToEnd(kernel);
		const stats = processStats(kernel.process(ui)!);
		expect(stats.status).toBe(3);
		expect(stats.wakeups).toBe(4);
		expect(stats.wakeResponse).toBe(0);
		expect(stats.bursts).toBe(5);
	});
});
