import {describe, expect, it} from 'vitest';
import type {RunSample} from './measure.js';
import {buildReport, geomeans, type ResultRow} from './report.js';

const sample = (warmMs: number, firstCallMs: number, values: bigint[] = [5n, 5n, 5n], instructions?: bigint): RunSample => ({
	loadMs: 1,
	firstCallMs,
	warmMs,
	values,
	instructions,
});

const benchmark = {name: 'fib', checksum: 5n};

describe('buildReport', () => {
	it('computes medians and ratios to the baseline measured in the same run', () => {
		const {rows, problems} = buildReport(
			benchmark,
			[
				{engine: 'node', samples: [sample(10, 20), sample(12, 30), sample(11, 25)]},
				{engine: 'wasmos', samples: [sample(300, 320), sample(330, 350), sample(310, 340)]},
			],
			'node',
		);
		expect(problems).toEqual([]);
		expect(rows.map(({engine, warm, warmRatio, firstCallRatio, status}) => ({engine, warm, warmRatio, firstCallRatio, status}))).toEqual([
			{engine: 'node', warm: {median: 11, min: 10, max: 12}, warmRatio: 1, firstCallRatio: 1, status: 'ok'},
			{engine: 'wasmos', warm: {median: 310, min: 300, max: 330}, warmRatio: 310 / 11, firstCallRatio: 340 / 25, status: 'ok'},
		]);
	});

	it('leaves ratios out when the baseline has no samples', () => {
		const {rows} = buildReport(benchmark, [{engine: 'wasmos', samples: [sample(300, 320)]}], 'node');
		expect(rows[0]!.warmRatio).toBeUndefined();
		expect(rows[0]!.firstCallRatio).toBeUndefined();
	});

	it('marks a wrong checksum as a mismatch and reports it', () => {
		const {rows, problems} = buildReport(
			benchmark,
			[
				{engine: 'node', samples: [sample(10, 20)]},
				{engine: 'wasmos', samples: [sample(300, 320, [5n, 6n, 5n])]},
			],
			'node',
		);
		expect(rows.map(({status}) => status)).toEqual(['ok', 'mismatch']);
		expect(problems).toContain('fib: wasmos returned 6 (expected 5)');
	});

	it('marks an engine that failed and keeps the samples it completed', () => {
		const {rows, problems} = buildReport(benchmark, [{engine: 'wasmos', samples: [sample(300, 320)], failure: 'run 2: unreachable executed'}], 'node');
		expect(rows[0]).toMatchObject({status: 'failed', runs: 1, warm: {median: 300}});
		expect(problems).toEqual(['fib: wasmos failed: run 2: unreachable executed']);
	});

	it('turns the counting engine’s instruction count into a rate for every engine', () => {
		const {rows, problems} = buildReport(
			benchmark,
			[
				{engine: 'node', samples: [sample(10, 20)]},
				{engine: 'wasmos', samples: [sample(500, 600, [5n], 200_000_000n), sample(500, 600, [5n], 200_000_000n)]},
			],
			'node',
		);
		expect(problems).toEqual([]);
		expect(rows[0]).toMatchObject({instructions: undefined, instructionsPerSecond: 2e10});
		expect(rows[1]).toMatchObject({instructions: 200_000_000n, instructionsPerSecond: 4e8});
	});

	it('compares every engine with a reference engine measured in the same run, and names who counted', () => {
		const {rows, instructions} = buildReport(
			benchmark,
			[
				{engine: 'node', samples: [sample(10, 20)]},
				{engine: 'wasmos', samples: [sample(300, 320, [5n], 1000n)]},
				{engine: 'wabt', samples: [sample(2000, 2100)]},
			],
			'node',
			['wabt', 'absent'],
		);
		expect(rows.map(({engine, referenceRatios}) => ({engine, referenceRatios}))).toEqual([
			{engine: 'node', referenceRatios: {wabt: 10 / 2000}},
			{engine: 'wasmos', referenceRatios: {wabt: 300 / 2000}},
			{engine: 'wabt', referenceRatios: {wabt: 1}},
		]);
		expect(instructions).toEqual({count: 1000n, countedBy: ['wasmos']});
	});

	it('has no reference ratios when the reference engine was not measured', () => {
		const {rows, instructions} = buildReport(benchmark, [{engine: 'node', samples: [sample(10, 20)]}], 'node', ['wabt']);
		expect(rows[0]!.referenceRatios).toBeUndefined();
		expect(instructions).toBeUndefined();
	});

	it('reports instruction counts that differ between runs or between engines', () => {
		const {rows, problems} = buildReport(
			benchmark,
			[
				{engine: 'a', samples: [sample(10, 20, [5n], 100n), sample(10, 20, [5n], 101n)]},
				{engine: 'b', samples: [sample(10, 20, [5n], 100n)]},
				{engine: 'c', samples: [sample(10, 20, [5n], 102n)]},
			],
			'a',
		);
		expect(problems).toEqual([
			'fib: a counted different instructions in different runs: 100, 101',
			'fib: engines count different instructions: b 100, c 102',
		]);
		expect(rows.every(({instructionsPerSecond}) => instructionsPerSecond === undefined)).toBe(true);
	});
});

describe('geomeans', () => {
	const row = (benchmark: string, engine: string, warmRatio: number, referenceRatios?: Record<string, number>): ResultRow => ({benchmark, engine, runs: 3, warmRatio, referenceRatios, status: 'ok'});

	it('takes the geometric mean of each engine\'s warm ratios over the benchmarks, to the baseline and each reference', () => {
		const rows = [
			row('a', 'node', 1),
			row('a', 'wasmos', 10, {wabt: 0.25}),
			row('a', 'wabt', 40),
			row('b', 'node', 1),
			row('b', 'wasmos', 40, {wabt: 0.16}),
			row('b', 'wabt', 250),
		];
		const [wasmos, wabt] = geomeans(rows, 'node', ['wabt']);
		expect(wasmos.engine).toBe('wasmos');
		expect(wasmos.to.map((g) => [g.reference, Number(g.geomean.toFixed(6)), g.worst, g.benchmarks])).toEqual([
			['node', 20, 40, 2],
			['wabt', 0.2, 0.25, 2],
		]);
		expect(wabt.engine).toBe('wabt');
		expect(wabt.to.map((g) => [g.reference, Number(g.geomean.toFixed(6)), g.worst])).toEqual([['node', 100, 250]]);
	});

	it('says nothing over a single benchmark', () => {
		expect(geomeans([row('a', 'node', 1), row('a', 'wasmos', 10)], 'node', [])).toEqual([]);
	});
});
