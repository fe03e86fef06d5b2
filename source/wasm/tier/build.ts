/*
 * Turns generated source (codegen.ts, function-source.ts) into a JavaScript function:
 *
 *   buildGenerated(name, body) → GeneratedCode     (throws when the host refuses code generation)
 *
 * Loop code (codegen.ts) and function code (function-source.ts) take the same parameters (PARAMS),
 * so they call each other and the interpreter calls them the same way.
 *
 * The body sees `h`, the numeric helpers it calls (exec/numeric.ts), and its parameter `F`, the
 * module's compiled functions (calls read F[k].hot). The source holds only the code generators' fixed templates and
 * integers read from an Int32Array, never text from a module, so a hostile module cannot inject code.
 */

import type {CompiledFunc} from '../compile/compiler.js';
import {
	OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64,
} from '../exec/numeric.js';

/** Helpers the generated code calls, as `h.name`. */
const HELPERS = {OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64};

/**
 * Generated code: typed views of the thread's value stack, the memory, memory 0's page-access map
 * while the memory map tracks pages (else null: memory.ts), the global objects, the frame pointer,
 * the fuel, the label to start at, where it says how it left (`out`), the frame stack as the
 * interpreter has it (depth, frames, the instance id, the depth calls may reach), where a called
 * function says how it left (`fout`), the module's compiled functions (`F`), and memory 0's size in
 * bytes (`ML`: it cannot change while generated code runs, as memory.grow leaves to the interpreter;
 * passed down rather than read from the DataView at every entry, which V8 does not inline: a builtin
 * call per call of a small function such as strlen). Loop code returns a pc (or -2), function code the fuel left (or
 * -1): codegen.ts and function-source.ts say what each writes to `out`.
 */
export type GeneratedCode = (
	i32: Int32Array,
	f32: Float32Array,
	f64: Float64Array,
	mem: DataView,
	acc: Uint8Array | null,
	globals: ReadonlyArray<{readonly cell: Int32Array}>,
	fp: number,
	fuel: number,
	label: number,
	out: Int32Array,
	depth: number,
	frames: Int32Array,
	iid: number,
	lim: number,
	fout: Int32Array,
	F: readonly CompiledFunc[],
	ML: number,
) => number;

/** The parameter names the generated source uses, in GeneratedCode's order. */
const PARAMS = ['i32', 'f32', 'f64', 'mem', 'acc', 'G', 'fp', 'fuel', 'label', 'out', 'depth', 'frames', 'iid', 'lim', 'fout', 'F', 'ML'];

/**
 * Functions built so far, by name and source. Everything a generated function does depends on its
 * text and its arguments only (the module's state, and its compiled functions as `F`), so two
 * modules whose code translates to the same text (the same program loaded twice, as the bench and a
 * shell running a command again do) share one function: V8 compiles it once, and a call of it from
 * another generated function sees one target, not one per instance (each new one deoptimised the
 * caller: "wrong call target"). Bounded: the oldest are dropped past MAX_CACHED_CHARS.
 */
const built = new Map<string, GeneratedCode>();
const MAX_CACHED_CHARS = 16_000_000;
let cachedChars = 0;

export function buildGenerated(name: string, body: string): GeneratedCode {
	const key = `${name}\n${body}`;
	const cached = built.get(key);
	if (cached !== undefined) return cached;
	const make = new Function('h', `return function ${name}(${PARAMS.join(', ')}) {\n${body}\n};`) as (h: typeof HELPERS) => GeneratedCode;
	const fn = make(HELPERS);
	built.set(key, fn);
	cachedChars += key.length;
	for (const [k] of built) {
		if (cachedChars <= MAX_CACHED_CHARS) break;
		built.delete(k);
		cachedChars -= k.length;
	}
	return fn;
}
