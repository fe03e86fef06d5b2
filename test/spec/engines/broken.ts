/**
 * Engines that are wrong on purpose, to prove the harness notices: `breakEngine(base, fault)` wraps an
 * engine and injects one fault. Registered as `--engine broken --engine-option fault=NAME` (base: node)
 * and used by the self-tests (test/spec/self-test.test.ts).
 */
import {EngineError, type EngineFactory, type HostModuleSpec, type ImportRegistry, type SpecEngine, type Value} from '../engine.js';
import {createNodeEngine} from './node.js';

/** The faults, each with what it does. */
export const FAULTS = {
	'flip-result-bit': 'flips the lowest bit of the first result of every call and global read',
	'accept-rejected': 'accepts every module the base engine refuses to decode or validate',
	'no-trap': 'returns no results instead of trapping',
	'no-exhaustion': 'reports call stack exhaustion as an ordinary trap',
	'quiet-nan': 'sets the quiet bit of NaN float results, as V8 does when a float crosses into JS',
} as const;

export type Fault = keyof typeof FAULTS;

function isFault(name: string): name is Fault {
	return Object.hasOwn(FAULTS, name);
}

/** A module the base engine refused, accepted anyway by the `accept-rejected` fault. */
class WronglyAccepted {
	constructor(readonly error: EngineError) {}
}

function flipLowestBit(value: Value): Value {
	switch (value.type) {
		case 'i32':
		case 'f32':
			return {type: value.type, bits: (value.bits ^ 1) >>> 0};
		case 'i64':
		case 'f64':
			return {type: value.type, bits: value.bits ^ 1n};
		case 'v128': {
			const bytes = value.bytes.slice();
			bytes[0]! ^= 1;
			return {type: 'v128', bytes};
		}
		case 'funcref':
		case 'externref':
			return {type: value.type, ref: value.ref === null ? 0 : null};
	}
}

function quietNan(value: Value): Value {
	if (value.type === 'f32' && (value.bits & 0x7f80_0000) === 0x7f80_0000 && (value.bits & 0x7f_ffff) !== 0) {
		return {type: 'f32', bits: (value.bits | 0x40_0000) >>> 0};
	}
	const exponent = 0x7ff0_0000_0000_0000n;
	if (value.type === 'f64' && (value.bits & exponent) === exponent && (value.bits & 0xf_ffff_ffff_ffffn) !== 0n) {
		return {type: 'f64', bits: value.bits | 0x8_0000_0000_0000n};
	}
	return value;
}

/** Results as the fault reports them. */
function corrupt(fault: Fault, results: Value[]): Value[] {
	if (fault === 'flip-result-bit' && results.length > 0) return [flipLowestBit(results[0]!), ...results.slice(1)];
	if (fault === 'quiet-nan') return results.map(quietNan);
	return results;
}

export function breakEngine(base: SpecEngine, fault: Fault): SpecEngine {
	return {
		name: `broken-${fault}`,
		canInstantiate: base.canInstantiate,
		compile(bytes: Uint8Array): unknown {
			try {
				return base.compile(bytes);
			} catch (error) {
				if (fault === 'accept-rejected' && error instanceof EngineError) return new WronglyAccepted(error);
				throw error;
			}
		},
		instantiate(module: unknown, imports: ImportRegistry<unknown>): unknown {
			if (module instanceof WronglyAccepted) throw new Error(`cannot instantiate a module that is ${module.error.kind}`);
			return base.instantiate(module, imports);
		},
		hostModule: (spec: HostModuleSpec) => base.hostModule(spec),
		invoke(instance: unknown, field: string, args: readonly Value[]): Value[] {
			try {
				return corrupt(fault, base.invoke(instance, field, args));
			} catch (error) {
				if (!(error instanceof EngineError)) throw error;
				if (fault === 'no-trap' && error.kind === 'trap') return [];
				if (fault === 'no-exhaustion' && error.kind === 'exhaustion') throw new EngineError('trap', error.message);
				throw error;
			}
		},
		getGlobal: (instance: unknown, field: string) => corrupt(fault, [base.getGlobal(instance, field)])[0]!,
	};
}

export const createBrokenEngine: EngineFactory = (options) => {
	const {fault, ...rest} = options;
	if (fault === undefined || !isFault(fault)) {
		throw new Error(`the broken engine needs --engine-option fault=NAME, one of: ${Object.keys(FAULTS).join(', ')}`);
	}
	return breakEngine(createNodeEngine(rest), fault);
};
