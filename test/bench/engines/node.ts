/**
 * The reference engine: Node's own WebAssembly (V8 compiles with Liftoff first and tiers hot
 * functions up to TurboFan in the background). Compile and instantiate are synchronous, so the
 * load time is V8's work and not event-loop scheduling.
 */

import type {CallOutcome, Engine, EngineInstance, RunValue} from '../engine.js';
import {nativeWebAssembly, type NativeInstance} from '../wasm-api.js';

class NodeInstance implements EngineInstance {
	constructor(private readonly instance: NativeInstance) {}

	call(name: string): CallOutcome {
		const exported = this.instance.exports[name];
		if (typeof exported !== 'function') throw new Error(`export "${name}" is not a function`);
		return {value: (exported as () => RunValue)()};
	}
}

export const nodeEngine: Engine = {
	name: 'node',
	description: `Node's WebAssembly (V8 ${process.versions.v8}: Liftoff, then TurboFan)`,
	async unavailableReason() {
		return nativeWebAssembly() ? null : 'WebAssembly is not exposed (node --no-expose-wasm?)';
	},
	async load(bytes) {
		const wasm = nativeWebAssembly();
		if (!wasm) throw new Error('WebAssembly is not exposed');
		return new NodeInstance(new wasm.Instance(new wasm.Module(bytes), {}));
	},
};
