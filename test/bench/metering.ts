/**
 * What metering costs, per benchmark: the metered engine's warm median ÷ the unmetered engine's
 * (METERING_PAIR, the figure in the table), and beside it the same ratio run by run (run k of both
 * engines is measured in the same round of the interleaving), whose median and range show how much
 * of a difference is the machine's noise rather than the engine's.
 *
 *   meteringCosts(benchmarks, pair) → one entry per benchmark where both engines have runs
 *   meteringSummary(costs, pair)    → the text output's summary line (none when there are no costs)
 */

import {formatRatio} from './format.js';
import type {EngineRuns, ResultRow} from './report.js';
import {pairedRatios, type Summary} from './stats.js';

export interface MeteringPair {
	readonly metered: string;
	readonly unmetered: string;
}

export interface MeteringCost {
	readonly benchmark: string;
	/** Warm median ÷ warm median (as in the table). */
	readonly ratio: number;
	/** The run-by-run ratios of the warm times. */
	readonly perRun: Summary;
}

export interface MeasuredBenchmark {
	readonly name: string;
	readonly rows: readonly ResultRow[];
	readonly measured: readonly EngineRuns[];
}

export function meteringCosts(benchmarks: readonly MeasuredBenchmark[], pair: MeteringPair): MeteringCost[] {
	return benchmarks.flatMap(({name, rows, measured}) => {
		const ratio = rows.find(({engine}) => engine === pair.metered)?.referenceRatios?.[pair.unmetered];
		const warm = (engine: string) => measured.find((runs) => runs.engine === engine)?.samples.map(({warmMs}) => warmMs) ?? [];
		const perRun = pairedRatios(warm(pair.metered), warm(pair.unmetered));
		return ratio === undefined || perRun === undefined ? [] : [{benchmark: name, ratio, perRun}];
	});
}

export function meteringSummary(costs: readonly MeteringCost[], pair: MeteringPair): string[] {
	if (costs.length === 0) return [];
	const parts = costs.map(
		({benchmark, ratio, perRun}) => `${benchmark} ${formatRatio(ratio)} (${formatRatio(perRun.median)}, ${formatRatio(perRun.min)}–${formatRatio(perRun.max)})`,
	);
	return [`metering cost (${pair.metered} ÷ ${pair.unmetered}, warm medians; in brackets the run-by-run ratios' median and range): ${parts.join(', ')}.`];
}
