/*
 * What generated code (tier/) reads besides its four arguments (fp, fuel, label, depth): one object
 * for the whole process, which the interpreter fills in (thread.ts, enterTier and callHot) each time
 * it enters generated code. Nothing in it changes while generated code runs: it leaves to the
 * interpreter before memory or the value or frame stack would grow and at calls into another
 * instance, so a call tree of generated functions shares one context, and a generated call passes
 * four arguments instead of seventeen (measured on a recursive JS function of this shape: 19.3 →
 * 11.1 ms for 2.7 million calls).
 *
 *   TIER_CONTEXT    the object (build.ts hands it to every generated function as `X`)
 *   FN_OUT          where function code says how it left: pc, fp, function, depth, fuel (left, or
 *                   spent), and 1 in FN_OUT[5] when it stopped at a block whose first instructions
 *                   the fuel left pays for and may be owed (thread.ts, Thread.owed; codegen.ts, edgeTail)
 *   TIER_OUT        where loop code says what it spent and how many back-edges it took
 *   EDGE_PART_SHIFT slice-edge code's parts: label k is in part k >> EDGE_PART_SHIFT
 */

import type {CompiledFunc} from '../compile/compiler.js';

export const FN_OUT = new Int32Array(6);
export const TIER_OUT = new Int32Array(2);

/**
 * Slice-edge code comes in parts of 2^EDGE_PART_SHIFT instructions (CompiledFunc.edges), so that
 * V8 optimises each part of a big function's (it does not optimise a function of more than 60 KB of
 * bytecode; memcpy's edge code in one piece was 93,000 characters). Here, at the bottom of the
 * engine's imports, because the interpreter, the compiler's types and the code generators share it.
 */
export const EDGE_PART_SHIFT = 8;

export interface TierContext {
	/** Views of the thread's value stack. */
	i32: Int32Array;
	f32: Float32Array;
	f64: Float64Array;
	/** Memory 0 (an empty view when there is none), its size in bytes, its page-access map while tracked. */
	mem: DataView;
	ML: number;
	acc: Uint8Array | null;
	/** The instance's globals. */
	G: ReadonlyArray<{readonly cell: Int32Array}>;
	/** The thread's frame stack, the instance's id, and the depth calls may reach (thread.ts, nestLimit). */
	frames: Int32Array;
	iid: number;
	lim: number;
	/** The module's compiled functions (calls read F[k].hot). */
	F: readonly CompiledFunc[];
	/** FN_OUT and TIER_OUT. */
	readonly fout: Int32Array;
	readonly tout: Int32Array;
}

export const TIER_CONTEXT: TierContext = {
	i32: new Int32Array(0),
	f32: new Float32Array(0),
	f64: new Float64Array(0),
	mem: new DataView(new ArrayBuffer(0)),
	ML: 0,
	acc: null,
	G: [],
	frames: new Int32Array(0),
	iid: 0,
	lim: 0,
	F: [],
	fout: FN_OUT,
	tout: TIER_OUT,
};
