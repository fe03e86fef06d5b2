/**
 * Our own engine (source/wasm). Load = decode + validate + compile + instantiate. A call runs the
 * export on a fresh thread the way the kernel runs a process: in slices of the scheduler's default
 * quantum (10,000 instructions), resuming after each, so the figure includes what preemption costs.
 * `wasmos-unsliced` (measured only when asked for: `--engine wasmos-unsliced`) runs the same call
 * in one slice, to show what the slicing itself costs. Both report the call's instruction count.
 * `wasmos-unmetered` runs code compiled without metering (no fuel charged anywhere, so no slices and
 * no instruction count): the same engine with metering off, the yardstick for what metering at the
 * scheduler's quantum costs (`warm ×wasmos-unmetered` on the wasmos row). Only the bench uses it.
 * All three run hot loops and functions in the tiers (source/wasm/tier), as the kernel does;
 * `wasmos-interp` (only when asked for) is `wasmos` with the tiers off: the interpreter alone.
 */

import {compileModule, type CompileOptions} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {Store, type FuncRef} from '../../../source/wasm/exec/store.js';
import {Thread, type RunOutcome} from '../../../source/wasm/exec/thread.js';
import type {Value} from '../../../source/wasm/exec/values.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import type {CallOutcome, Engine, EngineInstance} from '../engine.js';

/** The scheduler's default quantum (DESIGN.md, `--quantum`). */
const QUANTUM = 10_000;
/** A budget no benchmark call reaches: one slice. */
const UNSLICED = Number.MAX_SAFE_INTEGER;
/** Code without metering never stops for the budget; a small-integer budget keeps `fuel` a V8 Smi. */
const UNMETERED = 2 ** 30;

/** Calls `func` on a fresh thread in slices of `slice` instructions; a trap or block is thrown. */
function runToEnd(store: Store, func: FuncRef, slice: number): {results: readonly Value[]; instructions: number} {
	const thread = new Thread(store);
	thread.start(func, []);
	let outcome: RunOutcome;
	do outcome = thread.run(slice);
	while (outcome.reason === 'budget');
	if (outcome.reason === 'trapped') throw new Error(`trap: ${outcome.trap.message}`);
	if (outcome.reason === 'blocked') throw new Error('a host function blocked');
	return {results: outcome.results, instructions: thread.instructions};
}

class WasmosInstance implements EngineInstance {
	constructor(
		private readonly instance: Instance,
		private readonly slice: number,
		private readonly metered: boolean,
	) {}

	call(name: string): CallOutcome {
		const exported = this.instance.exports.get(name);
		if (exported?.kind !== 'func') throw new Error(`export "${name}" is not a function`);
		const {results, instructions} = runToEnd(this.instance.store, exported.func, this.slice);
		const [value] = results;
		if (typeof value !== 'number' && typeof value !== 'bigint') throw new Error(`export "${name}" returned no integer`);
		return this.metered ? {value, instructions: BigInt(instructions)} : {value};
	}
}

function createWasmosEngine(name: string, description: string, slice: number, optional: boolean, options: CompileOptions = {}): Engine {
	const metering = options.metering ?? true;
	return {
		name,
		description,
		optional,
		async unavailableReason() {
			return null;
		},
		async load(bytes) {
			const module = decodeModule(bytes);
			validateModule(module);
			const store = new Store();
			const instance = instantiate(store, module, compileModule(module, options), () => undefined, {
				runStart: (_instance, func) => void runToEnd(store, func, slice),
			});
			return new WasmosInstance(instance, slice, metering);
		},
	};
}

export const wasmosEngine = createWasmosEngine(
	'wasmos',
	`our engine (source/wasm: interpreter + loop and function tiers), run in slices of ${QUANTUM.toLocaleString('en-US')} instructions as the scheduler does`,
	QUANTUM,
	false,
);

export const wasmosInterpEngine = createWasmosEngine(
	'wasmos-interp',
	`our interpreter alone (tiers off), in slices of ${QUANTUM.toLocaleString('en-US')} instructions`,
	QUANTUM,
	true,
	{tierThreshold: null},
);

export const wasmosUnslicedEngine = createWasmosEngine('wasmos-unsliced', 'our engine (source/wasm), each call in one slice', UNSLICED, true);

export const wasmosUnmeteredEngine = createWasmosEngine(
	'wasmos-unmetered',
	'our engine (source/wasm) compiled without metering: no fuel, no slices, no instruction count (bench only)',
	UNMETERED,
	false,
	{metering: false},
);
