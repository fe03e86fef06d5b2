/* The Gantt chart, from hand-made events and from a real run. */

import {describe, expect, it} from 'vitest';
import type {EventInput, KernelEvent} from '../../source/kernel/events.js';
import {Gantt} from '../../source/report/gantt.js';
import {machine, runToEnd} from '../kernel/helpers.js';
import {program} from '../kernel/scheduler/helpers.js';

function feed(gantt: Gantt, inputs: EventInput[]): void {
	inputs.forEach((input, seq) => gantt.add({seq, ...input} as KernelEvent));
}

const spawn = (pid: number, name: string, tick = 0): EventInput => ({type: 'spawn', tick, pid, ppid: 0, pgid: pid, name, argv: [name]});
const ran = (pid: number, from: number, to: number, reason: 'quantum' | 'exited' | 'blocked' = 'quantum'): EventInput => ({
	type: 'sched',
	tick: to,
	pid,
	from,
	to,
	instructions: to - from,
	reason,
	policy: 'rr',
});
const exit = (pid: number, tick: number): EventInput => ({type: 'exit', tick, pid, status: 0, reason: {kind: 'exit', code: 0}});

/** The chart's rows: label → cells between the bars. */
function rows(text: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const line of text.split('\n')) {
		const match = /^(.*?) │(.*)│$/.exec(line);
		if (match !== null) out[match[1].trim()] = match[2];
	}
	return out;
}

describe('the Gantt chart', () => {
	it('draws one row per process, time scaled to the width, shaded by how much of each column it ran', () => {
		const gantt = new Gantt();
		feed(gantt, [
			spawn(1, 'long'),
			spawn(2, 'short'),
			ran(1, 0, 400),
			ran(2, 400, 500, 'blocked'),
			{type: 'state', tick: 500, pid: 2, from: 'RUNNING', to: 'BLOCKED', why: 'read /dev/tty'},
			ran(1, 500, 1000, 'exited'),
			exit(1, 1000),
			{type: 'state', tick: 1100, pid: 2, from: 'BLOCKED', to: 'READY', why: 'woken'},
			ran(2, 1100, 1150),
			ran(2, 1150, 1200, 'exited'),
			exit(2, 1200),
		]);
		// 38 columns of text: labels of 11 ("    2 short"), " │", 24 cells of 50 ticks, "│".
		const text = gantt.render({end: 1200, width: 38});
		expect(rows(text)).toEqual({
			'1 long': '████████··██████████    ',
			'2 short': '········██            ██',
		});
		expect(text).toContain('one column = 50 ns');
		expect(text.split('\n').every(line => [...line].length <= 38 || line.includes('one column'))).toBe(true);
		// Partly run columns are shaded by how much: 30 of 50 ticks is ▓, 15 is ▒, 5 is ░.
		const partial = new Gantt();
		feed(partial, [spawn(1, 'p'), ran(1, 0, 30), ran(1, 50, 65), ran(1, 100, 105, 'exited'), exit(1, 105)]);
		expect(rows(partial.render({end: 500, width: 20}))['1 p']).toBe('▓▒░       ');
	});

	it('keeps a bounded memory and the same picture over a long run', () => {
		const gantt = new Gantt();
		const events: EventInput[] = [spawn(1, 'a'), spawn(2, 'b')];
		// 20,000 turns of 3,000 ticks for a and 2,000 for b: far more than the chart's bins.
		for (let k = 0; k < 20_000; k++) events.push(ran(1, k * 5000, k * 5000 + 3000), ran(2, k * 5000 + 3000, (k + 1) * 5000));
		feed(gantt, events);
		const end = 100_000_000;
		for (const cell of gantt.cells(1, end, 50)) expect(cell.ran).toBeCloseTo(0.6, 2);
		for (const cell of gantt.cells(2, end, 50)) expect(cell.ran).toBeCloseTo(0.4, 2);
		const chart = rows(gantt.render({end, width: 60}));
		expect(chart['1 a']).toMatch(/^▓{50}$/);
		expect(chart['2 b']).toMatch(/^▒{50}$/);
	});

	it('shows the schedule of a real fcfs run: one after the other, waiting drawn as dots', async () => {
		const kernel = machine({policy: 'fcfs'});
		const gantt = new Gantt();
		kernel.subscribe(event => gantt.add(event));
		const cpu = await program('cpu');
		kernel.spawn({program: cpu, argv: ['cpu', '600000']});
		kernel.spawn({program: cpu, argv: ['cpu', '300000']});
		runToEnd(kernel);
		const chart = rows(gantt.render({end: kernel.machine().clock, width: 40}));
		// 28 columns of about 32,000 ticks: 600,000 ticks, then 300,000.
		expect(chart['1 cpu']).toMatch(/^█{18}[░▒▓] {9}$/);
		expect(chart['2 cpu']).toMatch(/^·{18}[░▒▓]█{9}$/);
		expect(Object.keys(chart)).toHaveLength(2);
	});

	it('marks policy switches and idle time', () => {
		const gantt = new Gantt();
		feed(gantt, [
			spawn(1, 'a'),
			ran(1, 0, 100, 'blocked'),
			{type: 'idle', tick: 100, from: 100, to: 300},
			{type: 'policy', tick: 300, policy: 'mlfq', quantum: 10, params: {} as never},
			ran(1, 300, 400, 'exited'),
			exit(1, 400),
		]);
		const text = gantt.render({end: 400, width: 30});
		expect(rows(text)['(idle)']).toMatch(/^ +█+ +$/);
		expect(text).toContain('switched to mlfq at 300 ns');
		expect(new Gantt().render({end: 0, width: 80})).toBe('Gantt chart: nothing ran\n');
	});
});
