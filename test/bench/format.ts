/** Number formatting for the benchmark table: three significant digits and a unit. */

const MISSING = '–';

/** Three significant digits, no exponent (12345 → "12345", 123.4 → "123", 1.234 → "1.23"). */
export function significant(value: number): string {
	const magnitude = Math.abs(value);
	if (magnitude >= 100) return value.toFixed(0);
	if (magnitude >= 10) return value.toFixed(1);
	return value.toFixed(2);
}

/** A duration given in milliseconds, in µs, ms or s. */
export function formatDuration(ms: number | undefined): string {
	if (ms === undefined) return MISSING;
	if (ms < 1) return `${significant(ms * 1000)} µs`;
	if (ms < 1000) return `${significant(ms)} ms`;
	return `${significant(ms / 1000)} s`;
}

/** A ratio to the baseline, e.g. "23.4×"; three significant digits below 1 too ("0.0586×"). */
export function formatRatio(value: number | undefined): string {
	if (value === undefined) return MISSING;
	return `${value !== 0 && Math.abs(value) < 1 ? value.toPrecision(3) : significant(value)}×`;
}

const SI_PREFIXES: ReadonlyArray<readonly [number, string]> = [
	[1e12, 'T'],
	[1e9, 'G'],
	[1e6, 'M'],
	[1e3, 'k'],
];

/** A count with an SI prefix, e.g. 123456789 → "123 M". */
export function formatCount(value: number | bigint | undefined, unit = ''): string {
	if (value === undefined) return MISSING;
	const n = Number(value);
	const prefix = SI_PREFIXES.find(([scale]) => Math.abs(n) >= scale);
	return prefix ? `${significant(n / prefix[0])} ${prefix[1]}${unit}` : `${significant(n)} ${unit}`.trimEnd();
}
