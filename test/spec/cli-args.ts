/**
 * The command line of `npm run test:spec`: `parseArgs(argv)` → options, or a `UsageError` (exit 2).
 * Flags take their value as the next argument or after `=` (`--engine node`, `--engine=node`).
 */
import {ENGINES, DEFAULT_ENGINE} from './engines/index.js';
import {FAULTS} from './engines/broken.js';

export interface CliOptions {
	readonly help: boolean;
	readonly engine: string;
	/** As given (relative to the working directory); undefined for the default suite. */
	readonly suiteDir?: string;
	readonly filter?: string;
	readonly simd: boolean;
	readonly engineOptions: Readonly<Record<string, string>>;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm run test:spec [-- OPTIONS]

Runs the WebAssembly 2.0 core spec tests (wast2json output) against an engine.

Options:
  --engine NAME            engine to test: ${Object.keys(ENGINES).join(', ')} (default: ${DEFAULT_ENGINE})
  --suite DIR              wast2json suite folder (default: ../shared/conformance/wasm-spec from the
                           project root)
  --filter NAME            run only files whose name contains NAME; NAME.wast runs exactly that file
  --simd                   also run the simd_* files (group "simd"), left out by default
  --engine-option KEY=VAL  option for the engine factory; repeatable (broken: fault=${Object.keys(FAULTS).join('|')};
                           wasmos: budget=random, seed=N, mode=validate, tier=N|off — tier=0 translates every
                           loop at its first pass and every function at its first call, tier=off runs the
                           interpreter alone)
  --help                   show this text

Expected failures: test/spec/expected-failures-<engine>.txt, one file.wast:LINE per line, # comments.
Exit status: 0 when nothing failed, 1 on any failure, 2 on a usage error.`;

/** Flags that take a value. */
const VALUE_FLAGS = new Set(['--engine', '--suite', '--filter', '--engine-option']);

export function parseArgs(argv: readonly string[]): CliOptions {
	let help = false;
	let simd = false;
	let engine = DEFAULT_ENGINE;
	let suiteDir: string | undefined;
	let filter: string | undefined;
	const engineOptions: Record<string, string> = {};
	// One flag per step; a value flag also consumes its value (the next argument, or after `=`).
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		const equals = arg.indexOf('=');
		const flag = arg.startsWith('--') && equals > 0 ? arg.slice(0, equals) : arg;
		if (flag === '--help' || flag === '-h') help = true;
		else if (flag === '--simd') simd = true;
		else if (VALUE_FLAGS.has(flag)) {
			const value = flag === arg ? argv[++index] : arg.slice(equals + 1);
			if (value === undefined || value === '') throw new UsageError(`${flag} needs a value`);
			if (flag === '--engine') engine = value;
			else if (flag === '--suite') suiteDir = value;
			else if (flag === '--filter') filter = value;
			else {
				const split = value.indexOf('=');
				if (split <= 0) throw new UsageError(`--engine-option needs KEY=VALUE, got "${value}"`);
				engineOptions[value.slice(0, split)] = value.slice(split + 1);
			}
		} else throw new UsageError(`unknown argument "${arg}"`);
	}
	if (!Object.hasOwn(ENGINES, engine)) throw new UsageError(`unknown engine "${engine}" (known: ${Object.keys(ENGINES).join(', ')})`);
	return {help, engine, suiteDir, filter, simd, engineOptions};
}
