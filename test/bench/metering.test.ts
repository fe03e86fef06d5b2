import {describe, expect, it} from 'vitest';
import {meteringCosts, meteringSummary} from './metering.js';
import type {EngineRuns, ResultRow} from './report.js';

const pair = {metered: 'wasmos', unmetered: 'wasmos-unmetered'};

function runs(engine: string, warm: number[]): EngineRuns {
	return {engine, samples: warm.map((warmMs) => ({loadMs: 1, firstCallMs: warmMs, warmMs, values: []}))};
}

function row(benchmark: string, engine: string, referenceRatios?: Record<string, number>): ResultRow {
	return {benchmark, engine, runs: 3, status: 'ok', referenceRatios};
}

describe('metering cost', () => {
	// hash: the medians give 126 / 112 = 1.125; run by run 1.2, 1.0, 1.15 (the machine's noise).
	const hash = {
		name: 'hash',
		rows: [row('hash', 'wasmos', {'wasmos-unmetered': 126 / 112}), row('hash', 'wasmos-unmetered')],
		measured: [runs('wasmos', [132, 112, 126]), runs('wasmos-unmetered', [110, 112, 109.56521739130436])],
	};
	// fib was measured without the unmetered engine: no metering figure.
	const fib = {name: 'fib', rows: [row('fib', 'wasmos', {})], measured: [runs('wasmos', [100, 101, 99])]};

	it('keeps the ratio of the medians and adds the run-by-run ratios, for benchmarks that have both engines', () => {
		const costs = meteringCosts([fib, hash], pair);
		expect(costs).toHaveLength(1);
		expect(costs[0]!.benchmark).toBe('hash');
		expect(costs[0]!.ratio).toBeCloseTo(1.125, 10);
		expect(costs[0]!.perRun.min).toBeCloseTo(1, 10);
		expect(costs[0]!.perRun.median).toBeCloseTo(1.15, 10);
		expect(costs[0]!.perRun.max).toBeCloseTo(1.2, 10);
	});

	it('prints the median ratio first, then the run-by-run median and range', () => {
		expect(meteringSummary(meteringCosts([hash], pair), pair)).toEqual([
			"metering cost (wasmos ÷ wasmos-unmetered, warm medians; in brackets the run-by-run ratios' median and range): hash 1.13× (1.15×, 1.00×–1.20×).",
		]);
	});

	it('prints nothing when no benchmark has both engines', () => {
		expect(meteringSummary(meteringCosts([fib], pair), pair)).toEqual([]);
	});
});
