/*
 * Loop tier: hot loops run as JavaScript that V8 compiles, instead of op by op in the interpreter's
 * dispatch loop. One LoopTier belongs to one compiled module (shared by all its instances, since the
 * generated code takes the instance's memory, globals and the thread's stack as arguments).
 *
 *   const tier = new LoopTier(headFunc, threshold, metered)   // compileModule does this
 *   tier.fns[head]      the function to enter at loop head `head`, or null (interpret it)
 *   tier.labels[head]   the label to pass it
 *   tier.passed(compiled, head)   the interpreter passed a head while fns[head] was null
 *
 * How a run goes (thread.ts, the LOOP_HEAD op): the interpreter reaches a loop head with the block
 * already charged; once the head has been passed `threshold` times, the whole function containing it
 * is translated (codegen.ts) and every loop head of that function enters the generated code from
 * then on. The generated code returns to the interpreter at the next call, return, op it does not
 * translate, op that would trap, or block the fuel cannot pay for, with the thread's state exactly
 * as the interpreter would have it there. So the instruction count, every stop position and every
 * snapshot are the same whether or not a function was ever compiled (tests compare both), and
 * nothing of the tier is ever saved.
 *
 * Not used while memory pages are tracked or instructions profiled (the interpreter does those).
 */

import type {CompiledModule} from '../compile/compiler.js';
import {
	OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64,
} from '../exec/numeric.js';
import {generateTierSource, skipLoopHead} from './codegen.js';

/** Typed views of the thread's value stack, the memory, global objects, frame pointer, fuel, entry label, out. */
export type TierFunction = (
	i32: Int32Array,
	f32: Float32Array,
	f64: Float64Array,
	mem: DataView,
	globals: ReadonlyArray<{readonly cell: Int32Array}>,
	fp: number,
	fuel: number,
	label: number,
	out: Float64Array,
) => number;

/** Helpers the generated code calls (numeric.ts), passed in once per compiled function. */
const HELPERS = {OUT, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, remS64, remU64, popcnt32, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64};

/** Entries in a row that come straight back before a loop head is left to the interpreter. */
export const SHORT_LIMIT = 64;

const PARAMS = ['i32', 'f32', 'f64', 'mem', 'G', 'fp', 'fuel', 'label', 'out'];

export class LoopTier {
	/** Passes of each loop head so far (while interpreted). */
	readonly hits: Int32Array;
	/** Entries in a row at each head that left before passing a loop head again (see left()). */
	private readonly shortRuns: Int32Array;
	/** Heads given back to the interpreter for good. */
	private readonly dropped: Uint8Array;
	readonly fns: Array<TierFunction | null>;
	readonly labels: Int32Array;
	/** Defined functions already translated (or found not worth it). */
	private readonly tried = new Set<number>();
	/** Functions compiled so far (for tests and the bench's notes). */
	compiledCount = 0;

	/** For each loop head, the defined-function index (function index - imported count) it is in. */
	readonly headFunc: Int32Array;
	/** For each loop head, the position of its LOOP_HEAD op. */
	readonly headPos: Int32Array;

	constructor(
		/** Two numbers per loop head: its defined-function index and its LOOP_HEAD position. */
		heads: Int32Array,
		readonly threshold: number,
		readonly metered: boolean,
	) {
		const n = heads.length / 2;
		this.headFunc = Int32Array.from({length: n}, (_, k) => heads[2 * k]);
		this.headPos = Int32Array.from({length: n}, (_, k) => heads[2 * k + 1]);
		this.hits = new Int32Array(n);
		this.fns = new Array<TierFunction | null>(n).fill(null);
		this.labels = new Int32Array(n);
		this.shortRuns = new Int32Array(n);
		this.dropped = new Uint8Array(n);
	}

	/**
	 * The generated code entered at `head` came back after passing `passes` loop heads. A loop whose
	 * every iteration leaves (a call in its body, an op left to the interpreter) gains nothing from
	 * the tier and pays for going in and out: after SHORT_LIMIT such entries in a row the head goes
	 * back to the interpreter (measured: fib's loop around its recursive call, 300 → 360 ms).
	 */
	left(compiled: CompiledModule, head: number, passes: number): void {
		if (passes > 0) this.shortRuns[head] = 0;
		else if (++this.shortRuns[head] >= SHORT_LIMIT) this.drop(compiled, head);
	}

	/**
	 * Gives a loop head back to the interpreter for good, and takes its LOOP_HEAD op out of the
	 * interpreter's way: branches that land on it land just after it instead (it counts nothing, so
	 * this changes no count or position; fib's loop passed it on every call, 13% of its time).
	 */
	private drop(compiled: CompiledModule, head: number): void {
		this.fns[head] = null;
		this.dropped[head] = 1;
		const cf = compiled.funcs[this.headFunc[head]];
		skipLoopHead(compiled.code, cf.entry, cf.fastEnd, this.headPos[head]);
	}

	/** The interpreter passed loop head `head` (not compiled): count it, and compile its function when hot. */
	passed(compiled: CompiledModule, head: number): void {
		if (++this.hits[head] <= this.threshold || this.dropped[head] === 1) return;
		const k = this.headFunc[head];
		if (this.tried.has(k)) return;
		this.tried.add(k);
		if (!this.compileFunction(compiled, k)) {
			for (let h = 0; h < this.headFunc.length; h++) if (this.headFunc[h] === k) this.drop(compiled, h);
		}
	}

	/** Translates defined function k and enters it at its loop heads from now on; false when it is not translated. */
	private compileFunction(compiled: CompiledModule, k: number): boolean {
		const cf = compiled.funcs[k];
		const generated = generateTierSource(compiled.code, cf.entry, cf.fastEnd, this.metered);
		if (generated === null) return false;
		// The source holds only fixed templates and integers (codegen.ts), never text from the module.
		const make = new Function('h', `return function tier_f${cf.index}(${PARAMS.join(', ')}) {\n${generated.source}\n};`) as (
			h: typeof HELPERS,
		) => TierFunction;
		const fn = make(HELPERS);
		for (const [pc, label] of generated.entries) {
			const head = compiled.code[pc + 1];
			this.labels[head] = label;
			this.fns[head] = fn;
		}
		this.compiledCount++;
		return true;
	}
}
