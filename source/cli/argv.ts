/*
 * The command line's parsing rule (DESIGN.md): our options come first; the first word that is not
 * an option (or an option's value) is the command, then the file / script, and everything after the
 * file belongs to the guest untouched (`run grep.wasm -i foo` passes `-i foo` to grep).
 *
 *   splitArgs(argv, flags) → {ours, operand, rest}   or a UsageError naming the bad word
 *
 * `ours` is what meow parses (options with their values, in order); `operand` is the first non-option
 * word (null if there is none); `rest` is everything after it. A lone `--` ends our options: the word
 * after it is the operand even if it starts with `-`, as is the word after the value of an option
 * that ends ours (`sh -c LINE NAME ARGS...`, like sh). Unknown options are refused here, in one line.
 */

/** number: a whole number >= 0; size: bytes with K/M/G; fraction: a decimal from 0 to 1; counts: whole numbers separated by commas. */
export type FlagType = 'boolean' | 'string' | 'number' | 'size' | 'fraction' | 'counts';

export interface FlagSpec {
	readonly type: FlagType;
	readonly shortFlag?: string;
	readonly isMultiple?: boolean;
	/** One line for --help, and the value's name ("N", "FILE"). */
	readonly description: string;
	readonly valueName?: string;
	/** After this option's value our options end, as after `sh -c LINE`: the next word is the operand (NAME) even if it starts with "-". */
	readonly endsOptions?: boolean;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

export class UsageError extends Error {
	override readonly name = 'UsageError';
}

export interface SplitArgs {
	readonly ours: string[];
	readonly operand: string | null;
	readonly rest: string[];
}

/** `maxMemory` → `max-memory`: how a flag key is written on the command line. */
export function kebab(name: string): string {
	return name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
}

/** Finds the spec of `--long-name` or `-s`; null when unknown. */
function lookup(flags: FlagTable, word: string): FlagSpec | null {
	if (word.startsWith('--')) {
		const name = word.slice(2);
		for (const [key, spec] of Object.entries(flags)) if (kebab(key) === name) return spec;
		return null;
	}
	const short = word.slice(1);
	for (const spec of Object.values(flags)) if (spec.shortFlag === short) return spec;
	return null;
}

export function splitArgs(argv: readonly string[], flags: FlagTable): SplitArgs {
	const ours: string[] = [];
	let i = 0;
	// Walk our options; a value-taking option consumes the next word unless written --name=value.
	while (i < argv.length) {
		const word = argv[i];
		if (word === '--') {
			i++;
			break;
		}
		if (!word.startsWith('-') || word === '-') break;
		const eq = word.indexOf('=');
		const head = word.startsWith('--') && eq > 0 ? word.slice(0, eq) : word;
		const spec = lookup(flags, head);
		if (spec === null) throw new UsageError(`unknown option ${head}`);
		ours.push(word);
		i++;
		if (spec.type !== 'boolean' && head === word) {
			if (i >= argv.length) throw new UsageError(`option ${head} needs a value`);
			ours.push(argv[i]);
			i++;
		}
		if (spec.endsOptions === true) break;
	}
	if (i >= argv.length) return {ours, operand: null, rest: []};
	return {ours, operand: argv[i], rest: argv.slice(i + 1)};
}

/** Parses a non-negative integer flag value ("10000", "1_000_000" is refused); never NaN. */
export function parseCount(flag: string, value: string): number {
	if (!/^\d+$/.test(value)) throw new UsageError(`--${flag} needs a whole number, got "${value}"`);
	const n = Number(value);
	if (!Number.isSafeInteger(n)) throw new UsageError(`--${flag} is too large: ${value}`);
	return n;
}

const SIZE_UNITS: Readonly<Record<string, number>> = {'': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3};

/** Parses a byte size with an optional K/M/G suffix (powers of 1024): "256M", "65536", "1g". */
export function parseSize(flag: string, value: string): number {
	const match = /^(\d+)([kKmMgG]?)[bB]?$/.exec(value);
	if (match === null) throw new UsageError(`--${flag} needs a size like 65536, 64K, 256M or 1G, got "${value}"`);
	const n = Number(match[1]) * SIZE_UNITS[match[2].toLowerCase()];
	if (!Number.isSafeInteger(n)) throw new UsageError(`--${flag} is too large: ${value}`);
	return n;
}

/** Parses a decimal number from 0 to 1 ("0.5", "1", ".25"). */
export function parseFraction(flag: string, value: string): number {
	if (!/^(\d+\.?\d*|\.\d+)$/.test(value)) throw new UsageError(`--${flag} needs a number from 0 to 1, got "${value}"`);
	const n = Number(value);
	if (n > 1) throw new UsageError(`--${flag} needs a number from 0 to 1, got "${value}"`);
	return n;
}

/** Parses whole numbers separated by commas ("10000,20000,40000"). */
export function parseCountList(flag: string, value: string): number[] {
	if (!/^\d+(,\d+)*$/.test(value)) throw new UsageError(`--${flag} needs whole numbers separated by commas, got "${value}"`);
	return value.split(',').map(word => parseCount(flag, word));
}
