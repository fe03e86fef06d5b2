/** Summary statistics of timing samples and ratios between engines. */

export interface Summary {
	readonly median: number;
	readonly min: number;
	readonly max: number;
}

/** Median (mean of the two middle values for an even count), minimum and maximum. */
export function summarise(samples: readonly number[]): Summary {
	if (samples.length === 0) throw new RangeError('cannot summarise zero samples');
	const sorted = [...samples].sort((a, b) => a - b);
	const middle = sorted.length >> 1;
	const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
	return {median, min: sorted[0]!, max: sorted[sorted.length - 1]!};
}

/**
 * Run-by-run ratios values[k] / baselines[k] (run k of two engines, measured in the same round of
 * the interleaving), summarised; undefined when no run has both. Runs past the shorter list (an
 * engine that failed and was not run again) are left out.
 */
export function pairedRatios(values: readonly number[], baselines: readonly number[]): Summary | undefined {
	const ratios = values.slice(0, baselines.length).flatMap((value, k) => {
		const r = ratio(value, baselines[k]);
		return r === undefined ? [] : [r];
	});
	return ratios.length === 0 ? undefined : summarise(ratios);
}

/** value / baseline, or undefined when either is missing or the baseline is not positive. */
export function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
	if (value === undefined || baseline === undefined || !(baseline > 0)) return undefined;
	return value / baseline;
}
