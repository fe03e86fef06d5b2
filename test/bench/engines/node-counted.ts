/**
 * An independent instruction count for the benchmarks: Node's own WebAssembly running a copy of
 * the module instrumented to count every instruction it executes (test/helpers/instrument.ts). Its
 * times measure the instrumented copy, not Node; it is here for its count, which the report
 * compares with every other engine that counts ("engines count different instructions"). Measured
 * only when asked for: `npm run bench -- --engine wasmos --engine node-counted`.
 */

import {COUNTER_EXPORT, instrument} from '../../helpers/instrument.js';
import type {CallOutcome, Engine, EngineInstance, RunValue} from '../engine.js';
import {nativeWebAssembly, type NativeInstance} from '../wasm-api.js';

/** What Node gives for an exported i64 global. */
interface NativeGlobal {
	readonly value: bigint;
}

class CountedInstance implements EngineInstance {
	constructor(private readonly instance: NativeInstance) {}

	call(name: string): CallOutcome {
		const exported = this.instance.exports[name];
		if (typeof exported !== 'function') throw new Error(`export "${name}" is not a function`);
		const counter = this.instance.exports[COUNTER_EXPORT] as NativeGlobal;
		const before = counter.value;
		const value = (exported as () => RunValue)();
		return {value, instructions: counter.value - before};
	}
}

export const nodeCountedEngine: Engine = {
	name: 'node-counted',
	description: `Node's WebAssembly on a copy of the module instrumented with an instruction counter`,
	optional: true,
	async unavailableReason() {
		return nativeWebAssembly() ? null : 'WebAssembly is not exposed (node --no-expose-wasm?)';
	},
	async load(bytes) {
		const wasm = nativeWebAssembly();
		if (!wasm) throw new Error('WebAssembly is not exposed');
		return new CountedInstance(new wasm.Instance(new wasm.Module(instrument(bytes)), {}));
	},
};
