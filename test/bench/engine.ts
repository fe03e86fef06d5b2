/**
 * The interface every benchmark engine implements (Node's WebAssembly, our interpreter, wabt's
 * wasm-interp, ...). An engine is registered in `engines/index.ts`; the harness does the rest.
 *
 * What the harness does with an engine, per benchmark and per run (see `measure.ts`):
 *   1. `load(bytes)` — compile (decode, validate, translate) and instantiate the module. Timed as
 *      one figure, "load". `bytes` differ in every run (a custom section carries the run number),
 *      so an engine cannot reuse code compiled in an earlier run.
 *   2. `call('run')` on that fresh instance — timed as "first call".
 *   3. `call('run')` again, `--warmup` times (untimed; none for a `coldCalls` engine), then once
 *      more — timed as "warm".
 *   4. `dispose()` if present.
 * The harness reads the clock around each awaited step, so an engine's own bookkeeping (and, for
 * a subprocess engine, process start-up) counts. Every returned value is checked against the
 * benchmark's expected checksum.
 *
 * An engine that cannot run on this machine (binary missing, ...) says why from
 * `unavailableReason()`; the harness skips it with that note instead of failing.
 */

/** What `run` returned: an i32 as a JS number (either sign), an i64 as a bigint (either sign). */
export type RunValue = number | bigint;

/** The outcome of one call of an export. */
export interface CallOutcome {
	readonly value: RunValue;
	/** Wasm instructions this call executed, for engines that count them (design: "what one instruction is"). */
	readonly instructions?: bigint;
}

/** One instantiated module. */
export interface EngineInstance {
	/** Calls the export `name` with no arguments. A trap or failure is thrown as an Error. */
	call(name: string): CallOutcome | Promise<CallOutcome>;
	/** Releases what the instance holds (temporary files, subprocesses). */
	dispose?(): void | Promise<void>;
}

export interface Engine {
	/** Short name used on the command line (`--engine NAME`) and in tables. */
	readonly name: string;
	/** One line saying what runs the code, e.g. "Node's WebAssembly (V8 Liftoff, then TurboFan)". */
	readonly description: string;
	/** Measured only when asked for by name (`--engine NAME`), not in a run of every engine. */
	readonly optional?: boolean;
	/**
	 * Every call starts from nothing (e.g. a new process that loads the module again), so no call
	 * can warm up the next: the harness makes no untimed warm-up calls, and "warm" is a second call.
	 */
	readonly coldCalls?: boolean;
	/** `null` when the engine can run here, otherwise a one-line reason why not. */
	unavailableReason(): Promise<string | null>;
	/** Compiles and instantiates a module that has no imports. Errors are thrown. */
	load(bytes: Uint8Array): Promise<EngineInstance>;
}
