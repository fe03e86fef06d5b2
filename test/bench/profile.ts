/**
 * `npm run bench -- --profile`: where a benchmark's instructions go on our engine. One call of
 * `run` on a thread in profile mode (source/wasm/exec/thread.ts: precise code only, an instruction
 * count per wasm function), ranked into a table of the hottest functions, named from the module's
 * name section. The counts are exact; the time of a profiled call says nothing (precise code only).
 */

import {compileModule} from '../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../source/wasm/decode/index.js';
import {instantiate} from '../../source/wasm/exec/instance.js';
import {Store, type FuncRef} from '../../source/wasm/exec/store.js';
import {Thread, type RunOutcome} from '../../source/wasm/exec/thread.js';
import type {Value} from '../../source/wasm/exec/values.js';
import {validateModule} from '../../source/wasm/validate/index.js';
import {renderTable} from './table.js';

/**
 * The call runs in slices of the scheduler's quantum, as the kernel runs it: the process runs
 * without on-stack replacement (source/cli/v8-flags.ts), so in one slice the interpreter's loop would
 * never leave the unoptimised code it started in (hash took 87.7 s in one slice).
 */
const SLICE = 10_000;

/** Instructions one wasm function executed. */
export interface FunctionCount {
	/** Index in the module's function index space (imports first). */
	readonly index: number;
	/** From the name section, when the module has one for it. */
	readonly name?: string;
	readonly instructions: number;
}

export interface ModuleProfile {
	/** What the export returned. */
	readonly results: readonly Value[];
	/** The thread's own instruction count for the call. */
	readonly instructions: number;
	/** Every function that executed at least one instruction, most first. */
	readonly functions: readonly FunctionCount[];
}

function runToEnd(thread: Thread): RunOutcome {
	for (;;) {
		const outcome = thread.run(SLICE);
		if (outcome.reason !== 'budget') return outcome;
	}
}

function finished(outcome: RunOutcome, what: string): readonly Value[] {
	if (outcome.reason === 'trapped') throw new Error(`${what}: trap: ${outcome.trap.message}`);
	if (outcome.reason === 'blocked') throw new Error(`${what}: a host function blocked`);
	if (outcome.reason !== 'finished') throw new Error(`${what}: stopped (${outcome.reason})`);
	return outcome.results;
}

/** Runs export `name` (no arguments) of a module without imports once, in profile mode. */
export function profileModule(bytes: Uint8Array, name = 'run'): ModuleProfile {
	const module = decodeModule(bytes);
	validateModule(module);
	const store = new Store();
	const instance = instantiate(store, module, compileModule(module), () => undefined, {
		runStart: (_instance, func: FuncRef) => {
			const thread = new Thread(store);
			thread.start(func, []);
			finished(runToEnd(thread), 'start function');
		},
	});
	const exported = instance.exports.get(name);
	if (exported?.kind !== 'func') throw new Error(`export "${name}" is not a function`);
	const thread = new Thread(store);
	thread.profile = new Map();
	thread.start(exported.func, []);
	const results = finished(runToEnd(thread), `${name}()`);
	const counts = thread.profile.get(instance.id) ?? new Float64Array(0);
	return {results, instructions: thread.instructions, functions: rankFunctions(counts, module.names.functions)};
}

/** The functions that executed anything, most instructions first (ties: lower index first). */
export function rankFunctions(counts: ArrayLike<number>, names: ReadonlyMap<number, string>): FunctionCount[] {
	const ranked: FunctionCount[] = [];
	for (let index = 0; index < counts.length; index++) {
		const instructions = counts[index]!;
		if (instructions <= 0) continue;
		const name = names.get(index);
		ranked.push(name === undefined ? {index, instructions} : {index, name, instructions});
	}
	return ranked.sort((a, b) => b.instructions - a.instructions || a.index - b.index);
}

function share(part: number, total: number): string {
	return total > 0 ? `${((100 * part) / total).toFixed(1)}%` : '–';
}

function exact(count: number): string {
	return count.toLocaleString('en-US');
}

/**
 * The `top` hottest of `functions` (ranked, as from rankFunctions), one line each with index, name,
 * instructions and share of the total; the rest summed up as "others"; then the total.
 */
export function profileTable(functions: readonly FunctionCount[], top = 10): string {
	const total = functions.reduce((sum, {instructions}) => sum + instructions, 0);
	const shown = functions.slice(0, top);
	const rest = functions.slice(top);
	const rows = shown.map(({index, name, instructions}) => [String(index), name ?? '–', exact(instructions), share(instructions, total)]);
	if (rest.length > 0) {
		const others = rest.reduce((sum, {instructions}) => sum + instructions, 0);
		rows.push(['', `others (${rest.length} function${rest.length === 1 ? '' : 's'})`, exact(others), share(others, total)]);
	}
	rows.push(['', 'total', exact(total), share(total, total)]);
	return renderTable(
		[
			{header: 'func', align: 'right'},
			{header: 'name', align: 'left'},
			{header: 'instructions', align: 'right'},
			{header: 'share', align: 'right'},
		],
		rows,
	);
}
