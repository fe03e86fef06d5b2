/** Command-line options of `npm run bench`. */

import {parseArgs} from 'node:util';

export interface BenchOptions {
	readonly runs: number;
	readonly warmup: number;
	/** Engine names asked for with --engine; empty = every registered engine that is not optional. */
	readonly engines: readonly string[];
	/** Benchmark name substrings asked for with --filter; empty = every benchmark. */
	readonly filters: readonly string[];
	readonly json: boolean;
	/** Profile our engine instead of measuring: instructions per wasm function (--runs, --warmup, --engine do not apply). */
	readonly profile: boolean;
	readonly help: boolean;
}

export const USAGE = `usage: npm run bench -- [--runs N] [--warmup N] [--engine NAME]... [--filter NAME]... [--json]
       npm run bench -- --profile [--filter NAME]... [--json]

  --runs N       measured runs per benchmark and engine (default 10)
  --warmup N     untimed calls between the first call and the timed warm call (default 1)
  --engine NAME  engine to measure (repeatable; default: wasmos and wasmos-unmetered). The baseline,
                 node, is always measured. Optional: wasmos-unsliced (each call in one slice),
                 wasmos-interp (the interpreter alone, tiers off), node-counted (Node on a copy of the
                 module that counts instructions), wabt (wasm-interp, one process per call, seconds
                 per call: slow, try --engine wasmos --engine wabt --runs 3)
  --filter NAME  only benchmarks whose name contains NAME (repeatable)
  --json         print the results as JSON instead of a table
  --profile      run each benchmark once on our engine in profile mode and print its hottest wasm
                 functions by instructions executed (--runs, --warmup and --engine do not apply)`;

export class UsageError extends Error {}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
	let parsed;
	try {
		parsed = parseArgs({
			args: [...argv],
			options: {
				runs: {type: 'string', default: '10'},
				warmup: {type: 'string', default: '1'},
				engine: {type: 'string', multiple: true, default: []},
				filter: {type: 'string', multiple: true, default: []},
				json: {type: 'boolean', default: false},
				profile: {type: 'boolean', default: false},
				help: {type: 'boolean', short: 'h', default: false},
			},
			strict: true,
			allowPositionals: false,
		});
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
	const {values} = parsed;
	return {
		runs: integer('--runs', values.runs, 1),
		warmup: integer('--warmup', values.warmup, 0),
		engines: values.engine,
		filters: values.filter,
		json: values.json,
		profile: values.profile,
		help: values.help,
	};
}

function integer(option: string, text: string, minimum: number): number {
	if (!/^\d+$/.test(text) || Number(text) < minimum) throw new UsageError(`${option} must be an integer ≥ ${minimum}, got "${text}"`);
	return Number(text);
}
