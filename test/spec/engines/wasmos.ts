/**
 * The `wasmos` engine adapter: our own engine (source/wasm), run as the spec harness asks. Run it
 * under `node --no-expose-wasm` to prove that Node's WebAssembly is not involved.
 *
 * Options (`--engine-option KEY=VALUE`):
 *   budget=random   every invoke runs in slices of 1–64 instructions drawn from a seeded PRNG,
 *                   resuming until done (proves resumption is exact at every point)
 *   seed=N          the PRNG seed for budget=random (default 1)
 *   mode=validate   decode + validate only (every other command is skipped)
 *   tier=N|off      tier threshold (compile/compiler.ts, CompileOptions.tierThreshold): 0 translates
 *                   every loop at its first loop-head pass and every function at its first call, so
 *                   the suite runs through the generated code; off runs the interpreter alone
 *                   (default: the engine's own thresholds)
 *
 * Error mapping: DecodeError → malformed, ValidationError → invalid, LinkError → unlinkable, a trap
 * during instantiation → uninstantiable, a trap during invoke → trap ("call stack exhausted" →
 * exhaustion). Any other exception is an engine bug and propagates.
 */
import {compileModule, type CompiledModule, type CompileOptions} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {DecodeError, LinkError, Trap, ValidationError} from '../../../source/wasm/errors.js';
import {Global} from '../../../source/wasm/exec/global.js';
import {instantiate, type Extern} from '../../../source/wasm/exec/instance.js';
import {Memory} from '../../../source/wasm/exec/memory.js';
import {Store, type FuncRef} from '../../../source/wasm/exec/store.js';
import {Table} from '../../../source/wasm/exec/table.js';
import {Thread, type RunOutcome} from '../../../source/wasm/exec/thread.js';
import type {Value as EngineValue} from '../../../source/wasm/exec/values.js';
import {ValType as VT, type Module, type ValType as EngineValType} from '../../../source/wasm/types.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {EngineError, type EngineFactory, type HostModuleSpec, type ImportRegistry, type SpecEngine, type Value, type ValType} from '../engine.js';
import {prng} from '../../helpers/prng.js';

interface Compiled {
	readonly module: Module;
	readonly compiled: CompiledModule;
}

/** What the harness holds as an instance: its exports (a real instance's, or a host module's). */
interface Exports {
	readonly exports: ReadonlyMap<string, Extern>;
}

const TYPE_CODES: Readonly<Record<Exclude<ValType, 'v128'>, EngineValType>> = {
	i32: VT.i32,
	i64: VT.i64,
	f32: VT.f32,
	f64: VT.f64,
	funcref: VT.funcref,
	externref: VT.externref,
};

function toEngine(v: Value): EngineValue {
	if (v.type === 'v128') throw new EngineError('trap', 'v128 values are not supported by the wasmos engine');
	if ('ref' in v) return v.ref;
	return v.bits;
}

function fromEngine(type: EngineValType, v: EngineValue): Value {
	switch (type) {
		case VT.i32:
			return {type: 'i32', bits: Number(v) >>> 0};
		case VT.f32:
			return {type: 'f32', bits: Number(v) >>> 0};
		case VT.i64:
			return {type: 'i64', bits: BigInt.asUintN(64, v as bigint)};
		case VT.f64:
			return {type: 'f64', bits: BigInt.asUintN(64, v as bigint)};
		case VT.funcref:
			return {type: 'funcref', ref: v as number | null};
		case VT.externref:
			return {type: 'externref', ref: v as number | null};
		default:
			throw new EngineError('trap', `values of type 0x${type.toString(16)} cannot be returned to the harness`);
	}
}


/** Enough for any spec test; a run past it is reported instead of hanging the harness. */
const MAX_INSTRUCTIONS = 5e9;

class WasmosEngine implements SpecEngine<Compiled, Exports> {
	readonly name = 'wasmos';
	readonly canInstantiate: boolean;
	private readonly store = new Store();
	private readonly nextBudget: () => number;
	private readonly compileOptions: CompileOptions;

	constructor(options: Readonly<Record<string, string>>) {
		this.canInstantiate = options.mode !== 'validate';
		const tier = options.tier;
		if (tier !== undefined && tier !== 'off' && !/^\d+$/.test(tier)) throw new Error(`tier must be a whole number or "off", got "${tier}"`);
		this.compileOptions = tier === undefined ? {} : {tierThreshold: tier === 'off' ? null : Number(tier)};
		if (options.budget === 'random') {
			const random = prng(Number(options.seed ?? '1'));
			this.nextBudget = () => 1 + Math.floor(random() * 64);
		} else {
			this.nextBudget = () => MAX_INSTRUCTIONS;
		}
	}

	compile(bytes: Uint8Array): Compiled {
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
		return {module, compiled: this.canInstantiate ? compileModule(module, this.compileOptions) : {code: new Int32Array(0), opInstr: new Int32Array(0), funcs: [], tier: null, functions: null}};
	}

	/** Runs a call to completion in budget slices; returns the results or throws the trap. */
	private call(func: FuncRef, args: readonly EngineValue[]): readonly EngineValue[] {
		const thread = new Thread(this.store);
		thread.start(func, args);
		let outcome: RunOutcome;
		do {
			outcome = thread.run(this.nextBudget());
			if (thread.instructions > MAX_INSTRUCTIONS) throw new EngineError('trap', `gave up after ${MAX_INSTRUCTIONS} instructions`);
		} while (outcome.reason === 'budget');
		if (outcome.reason === 'finished') return outcome.results;
		if (outcome.reason === 'trapped') throw outcome.trap;
		throw new EngineError('trap', 'a spec test host function blocked');
	}

	instantiate(compiled: Compiled, imports: ImportRegistry<Exports>): Exports {
		try {
			return instantiate(this.store, compiled.module, compiled.compiled, (module, name) => imports.get(module)?.exports.get(name), {
				runStart: (_instance, func) => void this.call(func, []),
			});
		} catch (error) {
			if (error instanceof LinkError) throw new EngineError('unlinkable', error.message);
			if (error instanceof Trap) throw new EngineError('uninstantiable', error.message);
			throw error;
		}
	}

	hostModule(spec: HostModuleSpec): Exports {
		const exports = new Map<string, Extern>();
		for (const [name, item] of Object.entries(spec)) {
			switch (item.kind) {
				case 'func': {
					const params = item.params.map(p => TYPE_CODES[p as Exclude<ValType, 'v128'>]);
					const func = this.store.hostFunc(`spectest.${name}`, {params, results: []}, args => {
						item.call(args.map((a, k) => fromEngine(params[k], a)));
						return undefined;
					});
					exports.set(name, {kind: 'func', func});
					break;
				}
				case 'global': {
					const type = TYPE_CODES[item.value.type as Exclude<ValType, 'v128'>];
					const global = new Global({valType: type, mutable: item.mutable});
					const bits = toEngine(item.value);
					if (typeof bits === 'bigint') {
						global.cell[0] = Number(BigInt.asIntN(32, bits));
						global.cell[1] = Number(BigInt.asIntN(32, bits >> 32n));
					} else {
						global.cell[0] = bits === null ? 0 : bits;
					}
					exports.set(name, {kind: 'global', global});
					break;
				}
				case 'table':
					exports.set(name, {kind: 'table', table: new Table(TYPE_CODES[item.element] as 0x70 | 0x6f, item.min, item.max ?? null)});
					break;
				case 'memory':
					exports.set(name, {kind: 'memory', memory: new Memory(item.min, item.max ?? null)});
					break;
			}
		}
		return {exports};
	}

	invoke(instance: Exports, field: string, args: readonly Value[]): Value[] {
		const ext = instance.exports.get(field);
		if (ext?.kind !== 'func') throw new Error(`no exported function "${field}"`);
		try {
			const results = this.call(ext.func, args.map(toEngine));
			return ext.func.type.results.map((t, k) => fromEngine(t, results[k]));
		} catch (error) {
			if (error instanceof Trap) throw new EngineError(error.kind === 'call stack exhausted' ? 'exhaustion' : 'trap', error.message);
			throw error;
		}
	}

	getGlobal(instance: Exports, field: string): Value {
		const ext = instance.exports.get(field);
		if (ext?.kind !== 'global') throw new Error(`no exported global "${field}"`);
		const {cell, type} = ext.global;
		const big = (BigInt(cell[1] >>> 0) << 32n) | BigInt(cell[0] >>> 0);
		switch (type.valType) {
			case VT.i32:
			case VT.f32:
				return fromEngine(type.valType, cell[0]);
			case VT.i64:
			case VT.f64:
				return fromEngine(type.valType, big);
			case VT.funcref:
				return fromEngine(type.valType, cell[0] === 0 ? null : cell[0]);
			case VT.externref:
				return fromEngine(type.valType, cell[0] === 0 ? null : cell[0] - 1);
			default:
				throw new Error(`global "${field}" has a type the harness cannot read`);
		}
	}
}

export const createWasmosEngine: EngineFactory = options => {
	const known = new Set(['budget', 'seed', 'mode', 'tier']);
	const unknown = Object.keys(options).filter(k => !known.has(k));
	if (unknown.length > 0) throw new Error(`unknown wasmos engine option ${unknown.join(', ')} (known: budget=random, seed=N, mode=validate, tier=N|off)`);
	return new WasmosEngine(options);
};
