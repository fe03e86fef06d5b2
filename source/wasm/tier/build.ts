/*
 * Turns generated source (codegen.ts, function-source.ts) into a JavaScript function:
 *
 *   buildGenerated<T>(name, params, body, funcs) → T     (throws when the host refuses code generation)
 *
 * The body sees `h`, the numeric helpers it calls (exec/numeric.ts), and `F`, the module's compiled
 * functions (calls read F[k].hot). The source holds only the code generators' fixed templates and
 * integers read from an Int32Array, never text from a module, so a hostile module cannot inject code.
 */

import type {CompiledFunc} from '../compile/compiler.js';
import {
	OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64,
} from '../exec/numeric.js';

/** Helpers the generated code calls, as `h.name`. */
const HELPERS = {OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64};

export function buildGenerated<T>(name: string, params: readonly string[], body: string, funcs: readonly CompiledFunc[]): T {
	const make = new Function('h', 'F', `return function ${name}(${params.join(', ')}) {\n${body}\n};`) as (h: typeof HELPERS, F: readonly CompiledFunc[]) => T;
	return make(HELPERS, funcs);
}
