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

/** value / baseline, or undefined when either is missing or the baseline is not positive. */
export function ratio(value: number | undefined, baseline: number | undefined): number | undefined {
	if (value === undefined || baseline === undefined || !(baseline > 0)) return undefined;
	return value / baseline;
}
