/**
 * `npm run bench [-- --runs N] [--warmup N] [--engine NAME ...] [--filter NAME ...] [--json]`
 * `npm run bench -- --profile [--filter NAME ...] [--json]`
 *
 * Measures every benchmark of examples/bench on every selected engine and compares each with the
 * baseline (Node's own WebAssembly) measured in the same process, in the same run:
 * - runs of the engines are interleaved (A B A B ...) so machine drift hits all of them;
 * - each run loads a fresh instance from distinct bytes (see run-tag.ts), times its first call,
 *   makes `--warmup` untimed calls and times one more call ("warm"); see measure.ts;
 * - every result is checked against the expected checksum and across engines; any mismatch or
 *   engine failure is listed and makes the exit status 1.
 * Prints an aligned table (or JSON with --json) on stdout and progress on stderr.
 *
 * With --profile it measures nothing: each benchmark runs once on our engine in profile mode and
 * the table lists its hottest wasm functions by instructions executed (profile.ts).
 */

import '../../source/cli/v8-flags.js';
import {existsSync, readFileSync} from 'node:fs';
import {parseBenchArgs, USAGE, UsageError, type BenchOptions} from './args.js';
import {loadBenchmarks, selectBenchmarks, type Benchmark} from './benchmarks.js';
import {resultBits} from './checksum.js';
import type {Engine} from './engine.js';
import {BASELINE_ENGINE, ENGINES, METERING_PAIR, REFERENCE_ENGINES} from './engines/index.js';
import {formatDuration, formatRatio} from './format.js';
import {machineInfo, type MachineInfo} from './machine.js';
import {measureRun, type RunSample} from './measure.js';
import {meteringCosts, meteringSummary, type MeteringCost} from './metering.js';
import {profileModule, profileTable, type ModuleProfile} from './profile.js';
import {buildReport, geomeans, type BenchmarkReport, type EngineRuns, type ResultRow} from './report.js';
import {tagRun} from './run-tag.js';
import {interleave} from './schedule.js';
import {selectEngines} from './select-engines.js';
import {resultTable} from './table.js';

interface SkippedEngine {
	readonly engine: Engine;
	readonly reason: string;
}

interface BenchmarkOutcome {
	readonly benchmark: Benchmark;
	readonly measured: readonly EngineRuns[];
	readonly report: BenchmarkReport;
}

async function main(): Promise<number> {
	const started = process.hrtime.bigint();
	let options: BenchOptions;
	let benchmarks: Benchmark[];
	let engines: Engine[];
	try {
		options = parseBenchArgs(process.argv.slice(2));
		if (options.help) {
			process.stdout.write(`${USAGE}\n`);
			return 0;
		}
		benchmarks = selectBenchmarks(loadBenchmarks(), options.filters);
		engines = selectEngines(ENGINES, options.engines, BASELINE_ENGINE);
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
		return 2;
	}
	const missing = benchmarks.filter(({modulePath}) => !existsSync(modulePath));
	if (missing.length > 0) {
		process.stderr.write(`bench: missing ${missing.map(({modulePath}) => modulePath).join(', ')}; run \`npm run build:examples\`\n`);
		return 1;
	}
	if (options.profile) return profileMain(benchmarks, options.json, started);

	const active: Engine[] = [];
	const skipped: SkippedEngine[] = [];
	for (const engine of engines) {
		const reason = await engine.unavailableReason();
		if (reason === null) active.push(engine);
		else skipped.push({engine, reason});
	}

	const outcomes: BenchmarkOutcome[] = [];
	for (const benchmark of benchmarks) {
		const benchStart = process.hrtime.bigint();
		process.stderr.write(`bench: ${benchmark.name} (${options.runs} runs × ${active.map(({name}) => name).join(', ')}) … `);
		const measured = await measureBenchmark(benchmark, active, options);
		outcomes.push({benchmark, measured, report: buildReport(benchmark, measured, BASELINE_ENGINE, REFERENCE_ENGINES)});
		process.stderr.write(`${formatDuration(Number(process.hrtime.bigint() - benchStart) / 1e6)}\n`);
	}

	const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
	const problems = outcomes.flatMap(({report}) => report.problems);
	const machine = machineInfo();
	const output = options.json
		? jsonOutput(machine, options, active, skipped, outcomes, problems, totalMs)
		: textOutput(machine, options, active, skipped, outcomes, problems, totalMs);
	process.stdout.write(output);
	return problems.length > 0 ? 1 : 0;
}

/** All runs of all engines on one benchmark, interleaved; an engine that fails is not run again. */
async function measureBenchmark(benchmark: Benchmark, engines: readonly Engine[], options: BenchOptions): Promise<EngineRuns[]> {
	const bytes = new Uint8Array(readFileSync(benchmark.modulePath));
	const samples = new Map<Engine, RunSample[]>(engines.map((engine) => [engine, []]));
	const failures = new Map<Engine, string>();
	for (const {run, engine} of interleave(engines, options.runs)) {
		if (failures.has(engine)) continue;
		try {
			samples.get(engine)!.push(await measureRun(engine, tagRun(bytes, engine.name, run), benchmark.result, options.warmup));
		} catch (error) {
			failures.set(engine, `run ${run + 1}: ${error instanceof Error ? error.message : String(error)}`);
		}
	}
	return engines.map((engine) => ({engine: engine.name, samples: samples.get(engine)!, failure: failures.get(engine)}));
}

function textOutput(
	machine: MachineInfo,
	options: BenchOptions,
	active: readonly Engine[],
	skipped: readonly SkippedEngine[],
	outcomes: readonly BenchmarkOutcome[],
	problems: readonly string[],
	totalMs: number,
): string {
	const baseline = BASELINE_ENGINE;
	const rows = outcomes.flatMap(({report}) => report.rows);
	const cold = active.filter(({coldCalls}) => coldCalls === true).map(({name}) => name);
	const compared = REFERENCE_ENGINES.filter((name) => rows.some((row) => row.referenceRatios?.[name] !== undefined));
	const countedBy = [...new Set(outcomes.flatMap(({report}) => report.instructions?.countedBy ?? []))];
	const lines = [
		`wasmos bench · node ${machine.node} (V8 ${machine.v8}) · ${machine.cpu} × ${machine.cpus} · ${machine.platform} · ` +
			`${options.runs} runs per engine, ${options.warmup} warm-up call${options.warmup === 1 ? '' : 's'}`,
		...active.map(({name, description}) => `engine ${name}: ${description}`),
		...skipped.map(({engine, reason}) => `engine ${engine.name}: skipped (${reason})`),
		'',
		resultTable(rows, baseline, REFERENCE_ENGINES),
		'',
		'load: compile + instantiate; every run loads distinct bytes, so no code compiled in an earlier run is reused.',
		'first call: first call of run() on that fresh instance (median over runs).',
		`warm: one timed call of run() after the first call and ${options.warmup} untimed warm-up call${options.warmup === 1 ? '' : 's'} on the same instance` +
			(cold.length > 0 ? ` (no warm-up calls for ${cold.join(', ')}: every call starts from nothing).` : '.'),
		`×${baseline}: median ÷ ${baseline}'s median measured in this same run.`,
		...compared.map((name) =>
			name === METERING_PAIR.unmetered
				? `warm ×${name}: warm median ÷ ${name}'s warm median in this same run; on the ${METERING_PAIR.metered} row, what metering at the ` +
					'scheduler\'s quantum (10,000 instructions) costs against the same engine with metering off.'
				: `warm ×${name}: warm median ÷ ${name}'s warm median measured in this same run (0.20× or below = at least 5× faster than ${name}).`,
		),
		...meteringSummary(meteringOf(outcomes), METERING_PAIR),
		...geomeanSummary(rows, baseline),
		'instructions: wasm instructions per call, as counted by the engine itself (– : the engine does not count).',
		countedBy.length > 0
			? `instr/s: the program's instruction count (counted in this run by ${countedBy.join(', ')}) ÷ the engine's warm median, ` +
				'for every engine: rows of engines that do not count show the rate of the same instructions.'
			: 'instr/s: – (no engine in this run counts instructions: add --engine wasmos or --engine node-counted).',
		'Runs of the engines are interleaved (A B A B ...); times are wall clock (process.hrtime.bigint).',
	];
	if (problems.length > 0) lines.push('', 'PROBLEMS:', ...problems.map((problem) => `  ${problem}`));
	lines.push('', `total ${formatDuration(totalMs)}`);
	return `${lines.join('\n')}\n`;
}

/** The metering cost of each benchmark where both engines ran (metering.ts). */
function meteringOf(outcomes: readonly BenchmarkOutcome[]): MeteringCost[] {
	return meteringCosts(
		outcomes.map(({benchmark, measured, report}) => ({name: benchmark.name, rows: report.rows, measured})),
		METERING_PAIR,
	);
}

/** One line per engine: the geometric means of its warm ratios (report.ts's geomeans). */
function geomeanSummary(rows: readonly ResultRow[], baseline: string): string[] {
	return geomeans(rows, baseline, REFERENCE_ENGINES).map(({engine, to}) => {
		const parts = to.map(({reference, geomean, worst}) => `×${reference} ${formatRatio(geomean)} (worst ${formatRatio(worst)})`);
		return `geometric mean of warm ratios, ${engine}: ${parts.join(', ')}.`;
	});
}

function jsonOutput(
	machine: MachineInfo,
	options: BenchOptions,
	active: readonly Engine[],
	skipped: readonly SkippedEngine[],
	outcomes: readonly BenchmarkOutcome[],
	problems: readonly string[],
	totalMs: number,
): string {
	const document = {
		machine,
		runs: options.runs,
		warmup: options.warmup,
		baseline: BASELINE_ENGINE,
		engines: [
			...active.map(({name, description, coldCalls}) => ({name, description, warmup: coldCalls === true ? 0 : options.warmup})),
			...skipped.map(({engine, reason}) => ({name: engine.name, description: engine.description, skipped: reason})),
		],
		benchmarks: outcomes.map(({benchmark, measured, report}) => ({
			name: benchmark.name,
			parameters: benchmark.parameters,
			result: benchmark.result,
			checksum: benchmark.checksum,
			instructions: report.instructions,
			results: report.rows.map((row) => {
				const runs = measured.find(({engine}) => engine === row.engine);
				return {
					...row,
					failure: runs?.failure,
					samples: {
						loadMs: runs?.samples.map((s) => s.loadMs),
						firstCallMs: runs?.samples.map((s) => s.firstCallMs),
						warmMs: runs?.samples.map((s) => s.warmMs),
					},
				};
			}),
		})),
		metering: meteringOf(outcomes),
		problems,
		totalMs,
	};
	return `${JSON.stringify(document, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`;
}

interface ProfileOutcome {
	readonly benchmark: Benchmark;
	readonly profile?: ModuleProfile;
	readonly ms: number;
}

/** --profile: each benchmark once on our engine in profile mode; problems make the exit status 1. */
function profileMain(benchmarks: readonly Benchmark[], json: boolean, started: bigint): number {
	const outcomes: ProfileOutcome[] = [];
	const problems: string[] = [];
	for (const benchmark of benchmarks) {
		process.stderr.write(`bench: profiling ${benchmark.name} … `);
		const start = process.hrtime.bigint();
		let profile: ModuleProfile | undefined;
		try {
			profile = profileModule(new Uint8Array(readFileSync(benchmark.modulePath)));
			problems.push(...profileProblems(benchmark, profile));
		} catch (error) {
			problems.push(`${benchmark.name}: ${error instanceof Error ? error.message : String(error)}`);
		}
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		outcomes.push({benchmark, profile, ms});
		process.stderr.write(`${formatDuration(ms)}\n`);
	}
	const machine = machineInfo();
	const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
	if (json) {
		const document = {
			machine,
			profile: outcomes.map(({benchmark, profile, ms}) => ({
				name: benchmark.name,
				instructions: profile?.instructions,
				functions: profile?.functions,
				ms,
			})),
			problems,
			totalMs,
		};
		process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
		return problems.length > 0 ? 1 : 0;
	}
	const lines = [
		`wasmos bench --profile · node ${machine.node} (V8 ${machine.v8}) · ${machine.cpu} × ${machine.cpus} · ${machine.platform}`,
		'one call of run() per benchmark on our interpreter in profile mode: precise code only (so the time says nothing),',
		'exact instructions executed per wasm function; names from the module\'s name section.',
	];
	for (const {benchmark, profile, ms} of outcomes) {
		if (profile === undefined) continue;
		lines.push(
			'',
			`${benchmark.name}: ${profile.instructions.toLocaleString('en-US')} instructions in ${profile.functions.length} function` +
				`${profile.functions.length === 1 ? '' : 's'} (${formatDuration(ms)})`,
			profileTable(profile.functions),
		);
	}
	if (problems.length > 0) lines.push('', 'PROBLEMS:', ...problems.map((problem) => `  ${problem}`));
	lines.push('', `total ${formatDuration(totalMs)}`);
	process.stdout.write(`${lines.join('\n')}\n`);
	return problems.length > 0 ? 1 : 0;
}

/** A wrong result, or per-function counts that do not add up to the thread's count. */
function profileProblems(benchmark: Benchmark, profile: ModuleProfile): string[] {
	const problems: string[] = [];
	const [value] = profile.results;
	if (typeof value !== 'number' && typeof value !== 'bigint') problems.push(`${benchmark.name}: run() returned no integer`);
	else {
		const bits = resultBits(benchmark.result, value);
		if (bits !== benchmark.checksum) problems.push(`${benchmark.name}: profiled run() returned ${bits} (expected ${benchmark.checksum})`);
	}
	const counted = profile.functions.reduce((sum, {instructions}) => sum + instructions, 0);
	if (counted !== profile.instructions) {
		problems.push(`${benchmark.name}: the functions' counts add up to ${counted}, the thread counted ${profile.instructions}`);
	}
	return problems;
}

process.exitCode = await main();
