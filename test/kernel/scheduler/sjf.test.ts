/* SJF and SRTF on predicted bursts: the prediction converges on steady bursts, short bursts go first, srtf preempts. */

import {describe, expect, it} from 'vitest';
import {machine, runToEnd} from '../helpers.js';
import {program, recordEvents, schedEvents} from './helpers.js';

/** Predictions (before each burst ended) and the bursts, for a program of 40 bursts of 20,000 instructions, each followed by a sleep. */
async function predictions(alpha: number) {
	const kernel = machine({policy: 'sjf', policyOptions: {sjfAlpha: alpha, sjfInitial: 1000}});
	const pid = kernel.spawn({program: await program('io'), argv: ['io', '20000', '1', '40']});
	const seen: Array<{predicted: number; burst: number}> = [];
	kernel.subscribe(event => {
		// A sched event comes before the policy learns from the stretch: the view holds the prediction it was run on.
		if (event.type === 'sched' && event.pid === pid && event.reason !== 'exited') {
			seen.push({predicted: kernel.process(pid)!.policyState.predictedBurst, burst: event.instructions});
		}
	});
	runToEnd(kernel);
	return seen;
}

describe('sjf', () => {
	it('converges its prediction on a program whose bursts are steady, faster with a larger alpha', async () => {
		const half = await predictions(0.5);
		expect(half).toHaveLength(40);
		expect(half[0].predicted).toBe(1000);
		const steady = half[5].burst;
		expect(steady).toBeGreaterThan(20_000);
		expect(steady).toBeLessThan(20_100);
		for (const {burst} of half.slice(1)) expect(burst).toBe(steady);
		// τ(n+1) = α t(n) + (1 − α) τ(n), to the rounding of the view.
		for (let n = 1; n < half.length; n++) expect(Math.abs(half[n].predicted - (0.5 * half[n - 1].burst + 0.5 * half[n - 1].predicted))).toBeLessThanOrEqual(1);
		const error = (s: typeof half, n: number) => Math.abs(s[n].predicted - steady) / steady;
		for (let n = 2; n < half.length; n++) expect(error(half, n)).toBeLessThanOrEqual(error(half, n - 1));
		expect(error(half, 10)).toBeLessThan(0.01);
		const slow = await predictions(0.2);
		expect(error(slow, 5)).toBeGreaterThan(error(half, 5));
		expect(error(slow, 39)).toBeLessThan(0.01);
	});

	it('runs the process with the shorter predicted burst first', async () => {
		const kernel = machine({policy: 'sjf'});
		const events = recordEvents(kernel);
		const bursts = await program('bursts');
		const long = kernel.spawn({program: bursts, argv: ['bursts', '50000', '6']});
		const short = kernel.spawn({program: bursts, argv: ['bursts', '5000', '6']});
		runToEnd(kernel);
		const order = schedEvents(events).map(e => e.pid);
		// Both start at the same guess (arrival order decides), then the short one's bursts are preferred.
		expect(order.slice(0, 2)).toEqual([long, short]);
		expect(order.slice(2, 7)).toEqual([short, short, short, short, short]);
	});

	it('srtf takes the CPU for a newcomer predicted shorter than what is left of the burst on the CPU; sjf lets the burst end', async () => {
		const run = async (policy: string) => {
			// α = 1: a prediction is the last burst. Newcomers are predicted 1,000.
			const kernel = machine({policy, policyOptions: {sjfAlpha: 1, sjfInitial: 1000}});
			const events = recordEvents(kernel);
			const hog = kernel.spawn({program: await program('bursts'), argv: ['bursts', '100000', '4']});
			kernel.tick(250_000); // two bursts of 100,000 learnt, half-way through the third
			expect(kernel.process(hog)!.policyState.predictedBurst).toBeGreaterThan(100_000);
			const quick = kernel.spawn({program: await program('cpu'), argv: ['cpu', '3000']});
			runToEnd(kernel);
			const after = schedEvents(events).filter(e => e.to >= 250_000);
			return {
				stretches: after.slice(0, 2).map(e => [e.pid === hog ? 'hog' : 'quick', e.reason]),
				response: kernel.process(quick)!.responseTime!,
			};
		};
		const srtf = await run('srtf');
		expect(srtf.stretches).toEqual([
			['hog', 'preempted'],
			['quick', 'exited'],
		]);
		expect(srtf.response).toBe(0);
		const sjf = await run('sjf');
		expect(sjf.stretches).toEqual([
			['hog', 'yield'],
			['quick', 'exited'],
		]);
		expect(sjf.response).toBeGreaterThan(45_000);
	});

	it('srtf gives a waking I/O-bound process the CPU from a CPU-bound job that outlived its prediction; sjf makes it wait', async () => {
		const run = async (policy: string) => {
			const kernel = machine({policy});
			const io = kernel.spawn({program: await program('io'), argv: ['io', '5000', '100000', '10']});
			kernel.spawn({program: await program('cpu'), argv: ['cpu', '3000000']});
			runToEnd(kernel);
			const view = kernel.process(io)!;
			return {wakes: view.responses.count - 1, mean: (view.responses.total - view.responseTime!) / (view.responses.count - 1)};
		};
		const srtf = await run('srtf');
		const sjf = await run('sjf');
		expect(srtf.wakes).toBe(10);
		// Each time it wakes (predicted 5,000 or so) the CPU-bound job is far past its 10,000 guess.
		expect(srtf.mean).toBe(0);
		expect(sjf.mean).toBeGreaterThan(200_000);
	});
});
