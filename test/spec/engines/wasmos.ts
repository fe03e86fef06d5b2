/**
 * The `wasmos` engine adapter: our own engine (source/wasm), for now in "decode + validate only" mode
 * (`canInstantiate: false`): the harness calls only `compile`, for module, assert_malformed and
 * assert_invalid commands, and counts every other command as skipped.
 *
 * Error mapping: DecodeError → `malformed`, ValidationError → `invalid`; any other exception is a bug
 * of the engine and propagates, so the harness reports it as a crash. Takes no engine options.
 */
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {DecodeError, ValidationError} from '../../../source/wasm/errors.js';
import type {Module} from '../../../source/wasm/types.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {EngineError, type EngineFactory, type SpecEngine, type Value} from '../engine.js';

const NO_INSTANCES = 'the wasmos engine decodes and validates only; it cannot instantiate or run modules yet';

class WasmosEngine implements SpecEngine<Module, never> {
	readonly name = 'wasmos';
	readonly canInstantiate = false;

	compile(bytes: Uint8Array): Module {
		let module: Module;
		try {
			module = decodeModule(bytes);
		} catch (error) {
			if (error instanceof DecodeError) throw new EngineError('malformed', error.message);
			throw error;
		}
		try {
			validateModule(module);
		} catch (error) {
			if (error instanceof ValidationError) throw new EngineError('invalid', error.message);
			throw error;
		}
		return module;
	}

	instantiate(): never {
		throw new Error(NO_INSTANCES);
	}

	hostModule(): never {
		throw new Error(NO_INSTANCES);
	}

	invoke(): Value[] {
		throw new Error(NO_INSTANCES);
	}

	getGlobal(): Value {
		throw new Error(NO_INSTANCES);
	}
}

export const createWasmosEngine: EngineFactory = (options) => {
	const unknown = Object.keys(options);
	if (unknown.length > 0) throw new Error(`the wasmos engine takes no options (got ${unknown.join(', ')})`);
	return new WasmosEngine();
};
