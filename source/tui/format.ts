/* Numbers for narrow columns: "1.2M" instructions, "128K" bytes, "37%". */

const UNITS = ['', 'K', 'M', 'G', 'T'];

/** A count in at most 5 characters: 999, 1.2K, 34M. */
export function shortCount(n: number): string {
	let value = n;
	let unit = 0;
	while (value >= 1000 && unit < UNITS.length - 1) {
		value /= 1000;
		unit++;
	}
	if (unit === 0) return String(Math.round(value));
	return `${value < 10 ? value.toFixed(1) : Math.round(value)}${UNITS[unit]}`;
}

/** Bytes in powers of 1024: 64K, 1.5M. */
export function shortBytes(n: number): string {
	let value = n;
	let unit = 0;
	while (value >= 1024 && unit < UNITS.length - 1) {
		value /= 1024;
		unit++;
	}
	if (unit === 0) return `${value}B`;
	return `${value < 10 && !Number.isInteger(value) ? value.toFixed(1) : Math.round(value)}${UNITS[unit]}`;
}

export function percent(share: number): string {
	return `${(share * 100).toFixed(share >= 0.995 || share === 0 ? 0 : 1)}%`;
}

/** Text cut or padded to exactly `width` columns; cut text ends in "…". */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
	if (width <= 0) return '';
	const chars = [...text];
	if (chars.length > width) return width === 1 ? '…' : `${chars.slice(0, width - 1).join('')}…`;
	return align === 'left' ? text.padEnd(width + (text.length - chars.length)) : text.padStart(width + (text.length - chars.length));
}
