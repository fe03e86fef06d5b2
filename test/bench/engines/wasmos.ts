/**
 * Our own engine (source/wasm). Load = decode + validate + compile + instantiate. A call runs the
 * export on a fresh thread the way the kernel runs a process: in slices of the scheduler's default
 * quantum (10,000 instructions), resuming after each, so the figure includes what preemption costs.
 * `wasmos-unsliced` (measured only when asked for: `--engine wasmos-unsliced`) runs the same call
 * in one slice, to show what the slicing itself costs. Both report the call's instruction count.
 */

import {compileModule} from '../../../source/wasm/compile/compiler.js';
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
	) {}

	call(name: string): CallOutcome {
		const exported = this.instance.exports.get(name);
		if (exported?.kind !== 'func') throw new Error(`export "${name}" is not a function`);
		const {results, instructions} = runToEnd(this.instance.store, exported.func, this.slice);
		const [value] = results;
		if (typeof value !== 'number' && typeof value !== 'bigint') throw new Error(`export "${name}" returned no integer`);
		return {value, instructions: BigInt(instructions)};
	}
}

function createWasmosEngine(name: string, description: string, slice: number, optional: boolean): Engine {
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
			const instance = instantiate(store, module, compileModule(module), () => undefined, {
				runStart: (_instance, func) => void runToEnd(store, func, slice),
			});
			return new WasmosInstance(instance, slice);
		},
	};
}

export const wasmosEngine = createWasmosEngine(
	'wasmos',
	`our interpreter (source/wasm), run in slices of ${QUANTUM.toLocaleString('en-US')} instructions as the scheduler does`,
	QUANTUM,
	false,
);

export const wasmosUnslicedEngine = createWasmosEngine('wasmos-unsliced', 'our interpreter (source/wasm), each call in one slice', UNSLICED, true);
