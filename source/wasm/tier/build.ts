/*
 * Turns generated source (codegen.ts, function-source.ts) into a JavaScript function:
 *
 *   buildGenerated(name, body) → GeneratedCode     (throws when the host refuses code generation)
 *
 * Loop code (codegen.ts) and function code (function-source.ts) take the same parameters (PARAMS),
 * so they call each other and the interpreter calls them the same way.
 *
 * The body sees `h`, the numeric helpers it calls (exec/numeric.ts), and `X`, the tier context
 * (exec/tier-context.ts). The source holds only the code generators' fixed templates and
 * integers read from an Int32Array, never text from a module, so a hostile module cannot inject code.
 */

import {TIER_CONTEXT, type TierContext} from '../exec/tier-context.js';
import {
	OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64,
} from '../exec/numeric.js';

/** Helpers the generated code calls, as `h.name`. */
const HELPERS = {OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64};

/**
 * Generated code: called with the frame pointer, the fuel, the label to start at and the call depth;
 * everything else (the thread's stacks, the memory and its size, globals, the frame stack, the
 * module's functions, where it says how it left) it reads from the process's tier context
 * (exec/tier-context.ts), as `X`, in its first line (preamble()). Loop code returns a pc (or -2),
 * function code the fuel left (or -1): codegen.ts and function-source.ts say what each writes to `out`.
 */
export type GeneratedCode = (fp: number, fuel: number, label: number, depth: number) => number;

/** The parameter names the generated source uses, in GeneratedCode's order. */
const PARAMS = ['fp', 'fuel', 'label', 'depth'];

/**
 * The first line of generated code: the context as locals. `out` is where the code itself says how it
 * left (loop code: TIER_OUT; function code: FN_OUT), `fout` where a function it called says so.
 */
export function preamble(loop: boolean): string {
	return `const {i32, f32, f64, mem, acc, G, frames, iid, lim, F, ML, fout} = X; const out = ${loop ? 'X.tout' : 'fout'};`;
}

/**
 * Functions built so far, by name and source. Everything a generated function does depends on its
 * text, its arguments and the context only (the module's state, and its compiled functions as `F`), so two
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
	const make = new Function('h', 'X', `return function ${name}(${PARAMS.join(', ')}) {\n${body}\n};`) as (h: typeof HELPERS, X: TierContext) => GeneratedCode;
	const fn = make(HELPERS, TIER_CONTEXT);
	built.set(key, fn);
	cachedChars += key.length;
	for (const [k] of built) {
		if (cachedChars <= MAX_CACHED_CHARS) break;
		built.delete(k);
		cachedChars -= k.length;
	}
	return fn;
}
