/**
 * The engine adapter interface of the conformance harness (`npm run test:spec`).
 *
 * The harness (suite.ts → script-runner.ts) reads the wast2json commands of the WebAssembly spec tests
 * and drives a WebAssembly engine only through `SpecEngine`. An adapter wraps one engine (Node's own
 * WebAssembly in engines/node.ts; our interpreter later) and is registered by name in engines/index.ts
 * with an `EngineFactory`, which receives the `--engine-option KEY=VALUE` pairs.
 *
 * Rules every adapter follows:
 * - Everything is synchronous. State is per engine object; the harness creates one engine per run and,
 *   per .wast file, a fresh `spectest` host module through `hostModule`.
 * - Values cross the interface as exact bits (`Value`): i32/f32 as unsigned 32-bit bit patterns (a JS
 *   number in 0..2^32-1), i64/f64 as bigint bit patterns in 0..2^64-1, v128 as 16 bytes in memory order
 *   (lane 0 first), references as null or an opaque host reference number. A float never travels as a
 *   JS number: that would quiet signalling NaNs.
 * - Expected failures are thrown as `EngineError` with the kind that names the phase that failed. Any
 *   other exception is reported by the harness as a crash of the adapter, never as a pass.
 * - Modules are binary only: text-format (`module quote`) cases are skipped by the harness.
 * - `canInstantiate: false` makes a "decode+validate only" engine: the harness calls only `compile`
 *   (module, assert_malformed, assert_invalid) and counts every other command as skipped.
 */

/** The value types of WebAssembly 2.0. */
export type NumType = 'i32' | 'i64' | 'f32' | 'f64';
export type RefType = 'funcref' | 'externref';
export type ValType = NumType | 'v128' | RefType;

/** A WebAssembly value as exact bits; see the header for the encoding of each type. */
export type Value =
	| {readonly type: 'i32' | 'f32'; readonly bits: number}
	| {readonly type: 'i64' | 'f64'; readonly bits: bigint}
	| {readonly type: 'v128'; readonly bytes: Uint8Array}
	| {readonly type: RefType; readonly ref: number | null};

/**
 * Why an engine refused a module or stopped a call.
 * - `malformed`: the decoder rejected the binary; `invalid`: it decoded but failed validation.
 * - `rejected`: decode or validation failed and the engine cannot say which (Node's WebAssembly
 *   reports both as one CompileError). The harness accepts it for assert_malformed and assert_invalid
 *   alike; an engine that knows the difference must use `malformed`/`invalid`.
 * - `unlinkable`: an import is missing or has the wrong kind or type (instantiation, before any code).
 * - `uninstantiable`: linking succeeded but instantiation trapped (segment out of bounds, start function).
 * - `trap`: a call trapped; `exhaustion`: a call ran out of call stack ("call stack exhausted").
 */
export type EngineErrorKind =
	| 'malformed'
	| 'invalid'
	| 'rejected'
	| 'unlinkable'
	| 'uninstantiable'
	| 'trap'
	| 'exhaustion';

export class EngineError extends Error {
	override readonly name = 'EngineError';
	constructor(
		readonly kind: EngineErrorKind,
		message: string,
	) {
		super(message);
	}
}

/**
 * A host module described independently of any engine (the harness uses it for `spectest`); each
 * adapter builds it in its own engine with `hostModule`. Keys are export names.
 */
export type HostModuleSpec = Readonly<Record<string, HostExport>>;

export type HostExport =
	/** A host function returning nothing; `call` receives its arguments as exact bits. */
	| {readonly kind: 'func'; readonly params: readonly ValType[]; readonly call: (args: Value[]) => void}
	| {readonly kind: 'global'; readonly value: Value; readonly mutable: boolean}
	| {readonly kind: 'table'; readonly element: RefType; readonly min: number; readonly max?: number}
	| {readonly kind: 'memory'; readonly min: number; readonly max?: number};

/**
 * Instances visible to imports: module name (`spectest`, or a name given by a `register` command) →
 * instance. The adapter resolves each import by module name + field name among that instance's exports.
 */
export type ImportRegistry<Instance> = ReadonlyMap<string, Instance>;

/** One engine as the harness sees it. `Module` and `Instance` are the adapter's own opaque handles. */
export interface SpecEngine<Module = unknown, Instance = unknown> {
	/** A name for messages. (The expected-failures file is named after the `--engine` NAME.) */
	readonly name: string;
	/** False for a decode+validate-only engine (see the header). */
	readonly canInstantiate: boolean;

	/** Decode and validate a binary module. Throws EngineError `malformed`, `invalid` or `rejected`. */
	compile(bytes: Uint8Array): Module;

	/**
	 * Link and instantiate (running the start function). Throws EngineError `unlinkable` or
	 * `uninstantiable`.
	 */
	instantiate(module: Module, imports: ImportRegistry<Instance>): Instance;

	/** Build a host module (an instance whose exports other modules can import). */
	hostModule(spec: HostModuleSpec): Instance;

	/**
	 * Call the exported function `field` with `args` and return its results. Throws EngineError `trap`
	 * or `exhaustion`; throws a plain Error when there is no such function or the arguments do not fit it.
	 */
	invoke(instance: Instance, field: string, args: readonly Value[]): Value[];

	/** Read the exported global `field`; a plain Error when there is no such global. */
	getGlobal(instance: Instance, field: string): Value;
}

/** Creates an engine from `--engine-option KEY=VALUE` pairs; throws an Error for an unknown or bad option. */
export type EngineFactory = (options: Readonly<Record<string, string>>) => SpecEngine;
