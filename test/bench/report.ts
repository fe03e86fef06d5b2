/**
 * Turns the samples of one benchmark into result rows: timing summaries, ratios to the baseline
 * engine measured in the same run, instruction counts and rates, and the checksum verdict. Pure:
 * every problem found is returned as a message, none is printed here.
 */

import type {Benchmark} from './benchmarks.js';
import {checksumProblems} from './checksum.js';
import type {RunSample} from './measure.js';
import {ratio, summarise, type Summary} from './stats.js';

/** Everything measured for one engine on one benchmark. */
export interface EngineRuns {
	readonly engine: string;
	readonly samples: readonly RunSample[];
	/** Why the engine stopped before its last run (a trap, a load error, a wrong result type). */
	readonly failure?: string;
}

export type RowStatus = 'ok' | 'mismatch' | 'failed';

export interface ResultRow {
	readonly benchmark: string;
	readonly engine: string;
	readonly runs: number;
	readonly load?: Summary;
	readonly firstCall?: Summary;
	readonly warm?: Summary;
	/** Warm median / the baseline's warm median. */
	readonly warmRatio?: number;
	/** First-call median / the baseline's first-call median. */
	readonly firstCallRatio?: number;
	/** Warm median / each reference engine's warm median (only references measured in this run). */
	readonly referenceRatios?: Readonly<Record<string, number>>;
	/** Instructions per call as counted by this engine. */
	readonly instructions?: bigint;
	/**
	 * The benchmark's instruction count / this engine's warm median. The count is the program's, from
	 * whichever engines in the run count (they must agree), so engines that do not count get a rate too.
	 */
	readonly instructionsPerSecond?: number;
	readonly status: RowStatus;
}

export interface BenchmarkReport {
	readonly rows: ResultRow[];
	readonly problems: string[];
	/** The instruction count behind `instructionsPerSecond`, and the engines that counted it. */
	readonly instructions?: {readonly count: bigint; readonly countedBy: readonly string[]};
}

/**
 * `references`: engines, besides the baseline, that every engine's warm median is compared with
 * (`referenceRatios`) when they have samples.
 */
export function buildReport(
	benchmark: Pick<Benchmark, 'name' | 'checksum'>,
	measured: readonly EngineRuns[],
	baseline: string,
	references: readonly string[] = [],
): BenchmarkReport {
	const problems = checksumProblems(
		benchmark.name,
		benchmark.checksum,
		measured.map(({engine, samples}) => ({engine, bits: samples.flatMap((sample) => sample.values)})),
	);
	for (const {engine, failure} of measured) {
		if (failure !== undefined) problems.push(`${benchmark.name}: ${engine} failed: ${failure}`);
	}
	const counts = new Map(measured.map(({engine, samples}) => [engine, instructionCount(benchmark.name, engine, samples, problems)]));
	const count = agreedCount(benchmark.name, counts, problems);

	const summaries = measured.map(({engine, samples, failure}) => {
		const times = (pick: (sample: RunSample) => number) => (samples.length > 0 ? summarise(samples.map(pick)) : undefined);
		const wrong = samples.some((sample) => sample.values.some((value) => value !== benchmark.checksum));
		const status: RowStatus = failure !== undefined ? 'failed' : wrong ? 'mismatch' : 'ok';
		return {engine, runs: samples.length, status, load: times((s) => s.loadMs), firstCall: times((s) => s.firstCallMs), warm: times((s) => s.warmMs)};
	});
	const reference = summaries.find(({engine}) => engine === baseline);
	const referenceWarm = references.flatMap((name) => {
		const median = summaries.find(({engine}) => engine === name)?.warm?.median;
		return median === undefined ? [] : [[name, median] as const];
	});
	const rows = summaries.map((row): ResultRow => {
		const referenceRatios = referenceWarm.flatMap(([name, median]) => {
			const value = ratio(row.warm?.median, median);
			return value === undefined ? [] : [[name, value] as const];
		});
		return {
			benchmark: benchmark.name,
			...row,
			warmRatio: ratio(row.warm?.median, reference?.warm?.median),
			firstCallRatio: ratio(row.firstCall?.median, reference?.firstCall?.median),
			...(referenceRatios.length > 0 ? {referenceRatios: Object.fromEntries(referenceRatios)} : {}),
			instructions: counts.get(row.engine),
			instructionsPerSecond: count !== undefined && row.warm !== undefined && row.warm.median > 0 ? Number(count) / (row.warm.median / 1000) : undefined,
		};
	});
	const countedBy = [...counts].filter(([, counted]) => counted !== undefined).map(([engine]) => engine);
	return {rows, problems, ...(count !== undefined ? {instructions: {count, countedBy}} : {})};
}

/** The engine's instruction count per warm call; every run must report the same count. */
function instructionCount(benchmark: string, engine: string, samples: readonly RunSample[], problems: string[]): bigint | undefined {
	const distinct = [...new Set(samples.flatMap(({instructions}) => (instructions === undefined ? [] : [instructions])))];
	if (distinct.length > 1) problems.push(`${benchmark}: ${engine} counted different instructions in different runs: ${distinct.join(', ')}`);
	return distinct.length === 1 ? distinct[0] : undefined;
}

/** The count all counting engines agree on (the count is a property of module and call, not of the engine). */
function agreedCount(benchmark: string, counts: ReadonlyMap<string, bigint | undefined>, problems: string[]): bigint | undefined {
	const reported = [...counts].filter((entry): entry is [string, bigint] => entry[1] !== undefined);
	const distinct = new Set(reported.map(([, count]) => count));
	if (distinct.size > 1) {
		problems.push(`${benchmark}: engines count different instructions: ${reported.map(([engine, count]) => `${engine} ${count}`).join(', ')}`);
		return undefined;
	}
	return reported[0]?.[1];
}

/** An engine's geometric mean of warm ratios over the benchmarks, to one other engine, and its worst ratio. */
export interface Geomean {
	readonly reference: string;
	readonly geomean: number;
	readonly worst: number;
	readonly benchmarks: number;
}

/**
 * Per engine other than the baseline, the geometric mean of its warm ratios over the benchmarks that
 * ran (the figure the speed targets are stated in: no one benchmark dominates), to the baseline and
 * to each reference engine measured; only over two or more benchmarks.
 */
export function geomeans(rows: readonly ResultRow[], baseline: string, references: readonly string[]): Array<{engine: string; to: Geomean[]}> {
	const engines = [...new Set(rows.map((row) => row.engine))].filter((engine) => engine !== baseline);
	return engines.flatMap((engine) => {
		const mine = rows.filter((row) => row.engine === engine);
		const ratiosTo = (reference: string) =>
			mine.flatMap((row) => {
				const value = reference === baseline ? row.warmRatio : row.referenceRatios?.[reference];
				return value === undefined ? [] : [value];
			});
		const to = [baseline, ...references.filter((r) => r !== engine && r !== baseline)].flatMap((reference) => {
			const ratios = ratiosTo(reference);
			if (ratios.length < 2) return [];
			const geomean = Math.exp(ratios.reduce((sum, v) => sum + Math.log(v), 0) / ratios.length);
			return [{reference, geomean, worst: Math.max(...ratios), benchmarks: ratios.length}];
		});
		return to.length === 0 ? [] : [{engine, to}];
	});
}
