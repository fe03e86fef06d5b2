/*
 * Loop tier: hot loops run as JavaScript that V8 compiles, instead of op by op in the interpreter's
 * dispatch loop, for functions the function tier does not take whole (functions.ts: when a loop gets
 * hot, passed() asks it first; it refuses functions too big for V8 to optimise). One LoopTier
 * belongs to one compiled module, shared by all its instances: the generated code reads the
 * instance's memory and globals and the thread's stacks from the tier context (exec/tier-context.ts).
 *
 *   const tier = new LoopTier(heads, threshold, metered, imported)   // compileModule does this
 *   tier.fns[head]      the function to enter at loop head `head`, or null (interpret it)
 *   tier.labels[head]   the label to pass it
 *   tier.passed(compiled, head)        the interpreter passed a head while fns[head] was null
 *   tier.left(compiled, head, passes)  the generated code came back after `passes` back-edges
 *   tier.resumeAt(pc)   where to enter to go on from precise position pc (a stop inside a loop)
 *
 * How a run goes (thread.ts, the LOOP_HEAD op): the interpreter reaches a loop head with the block
 * already charged; once the head has been passed `threshold` times, the loop's code is translated
 * (codegen.ts) and its head, and the heads of loops nested in it, enter the generated code from then
 * on (only the loop: a function's other code, however big, costs nothing to compile). The generated
 * code calls functions the function tier has translated itself (functions.ts), and returns to the
 * interpreter at any other call, a return, an op it does not translate, an op that would trap, a
 * branch out of the loop, or the end of the fuel (also inside a function it called), with the
 * thread's state exactly as the interpreter would have it there. So the instruction count, every stop position and every snapshot
 * are the same whether or not a loop was ever translated (tests compare both), and nothing of the
 * tier is ever saved.
 *
 * Pages are marked as the interpreter marks them while the memory map tracks them; a thread that
 * profiles instructions per function runs in the interpreter alone.
 */

import type {CompiledModule} from '../compile/compiler.js';
import {buildGenerated, type GeneratedCode} from './build.js';
import {generateTierSource, skipLoopHead} from './codegen.js';

/** Loop code (codegen.ts): returns the pc where the interpreter goes on, or -2 (see there). */
export type TierFunction = GeneratedCode;

/** Numbers per loop head in the list compileModule hands over (see the constructor). */
export const HEAD_WORDS = 6;

/** Entries in a row that come straight back before a loop head is left to the interpreter. */
export const SHORT_LIMIT = 64;

export class LoopTier {
	/** Passes of each loop head so far (while interpreted). */
	readonly hits: Int32Array;
	/** Entries in a row at each head that left before passing a loop head again (see left()). */
	private readonly shortRuns: Int32Array;
	/** Heads given back to the interpreter for good. */
	private readonly dropped: Uint8Array;
	readonly fns: Array<TierFunction | null>;
	readonly labels: Int32Array;
	/** Loops already translated (or found not worth it). */
	private readonly tried: Uint8Array;
	/** Loops translated so far (for tests). */
	compiledCount = 0;

	/** For each loop head, the defined-function index (function index - imported count) it is in. */
	readonly headFunc: Int32Array;
	/** For each loop head, the position of its LOOP_HEAD op. */
	readonly headPos: Int32Array;
	/** For each loop, where its fast code starts and ends, and its precise code (the regions translated). */
	private readonly headStart: Int32Array;
	private readonly headEnd: Int32Array;
	private readonly preciseStart: Int32Array;
	private readonly preciseEnd: Int32Array;
	/**
	 * Precise-code positions (instruction boundaries) inside translated loops: a thread that stopped
	 * there resumes in the generated code (run() asks resumeAt), not op by op in the interpreter.
	 */
	private readonly resumes = new Map<number, {readonly fn: TierFunction; readonly label: number}>();

	constructor(
		/** HEAD_WORDS numbers per loop head: defined-function index, LOOP_HEAD position, fast start and end, precise start and end. */
		heads: Int32Array,
		readonly threshold: number,
		readonly metered: boolean,
		/** The module's imported function count (calls made in a loop's code: codegen.ts). */
		readonly imported: number,
	) {
		const n = heads.length / HEAD_WORDS;
		const field = (f: number) => Int32Array.from({length: n}, (_, k) => heads[HEAD_WORDS * k + f]);
		this.headFunc = field(0);
		this.headPos = field(1);
		this.headStart = field(2);
		this.headEnd = field(3);
		this.preciseStart = field(4);
		this.preciseEnd = field(5);
		this.tried = new Uint8Array(n);
		this.hits = new Int32Array(n);
		this.fns = new Array<TierFunction | null>(n).fill(null);
		this.labels = new Int32Array(n);
		this.shortRuns = new Int32Array(n);
		this.dropped = new Uint8Array(n);
	}

	/**
	 * The generated code entered at `head` came back after taking `passes` back-edges. A loop whose
	 * every iteration leaves (a call in its body, an op left to the interpreter) gains nothing from
	 * the tier and pays for going in and out: after SHORT_LIMIT such entries in a row the head goes
	 * back to the interpreter (measured: fib's loop around its recursive call, 300 → 360 ms).
	 */
	left(compiled: CompiledModule, head: number, passes: number): void {
		if (passes > 0) this.shortRuns[head] = 0;
		else if (++this.shortRuns[head] >= SHORT_LIMIT) this.drop(compiled, head);
	}

	/**
	 * Gives a loop head back to the interpreter for good, and takes its head stub out of the
	 * interpreter's way: what continued through it continues at the loop body (the stub counts
	 * nothing, so this changes no count or position; fib's loop passed it on every call, 13% of its time).
	 */
	private drop(compiled: CompiledModule, head: number): void {
		this.fns[head] = null;
		this.dropped[head] = 1;
		const cf = compiled.funcs[this.headFunc[head]];
		skipLoopHead(compiled.code, cf.entry, cf.fastEnd, this.headPos[head]);
	}

	/** The generated code to resume a thread in that stopped at precise position pc, or undefined. */
	resumeAt(pc: number): {readonly fn: TierFunction; readonly label: number} | undefined {
		return this.resumes.size === 0 ? undefined : this.resumes.get(pc);
	}

	/** The interpreter passed loop head `head` (not compiled): count it, and compile its loop when hot. */
	passed(compiled: CompiledModule, head: number): void {
		if (++this.hits[head] <= this.threshold || this.dropped[head] === 1 || this.tried[head] === 1) return;
		this.tried[head] = 1;
		// The whole function, when the function tier takes it: its loops then run in its code (thread.ts
		// enters it at the head), which has slice-edge code too (tier/edge-source.ts); else the loop alone.
		const cf = compiled.funcs[this.headFunc[head]];
		if (cf.hot === null && cf.countdown > 0 && compiled.functions !== null) {
			cf.countdown = 0;
			if (compiled.functions.compile(compiled, cf)) return;
		}
		if (cf.hot !== null) return;
		if (!this.compileLoop(compiled, head)) this.drop(compiled, head);
	}

	/**
	 * Translates the loop of `head` (its code only, loops nested in it included) and enters it at its
	 * loop heads from now on; false when it is not translated. An outer loop translated after an
	 * inner one takes over the inner one's head too: one entry then runs both.
	 */
	private compileLoop(compiled: CompiledModule, head: number): boolean {
		const cf = compiled.funcs[this.headFunc[head]];
		const region = {
			funcFrom: cf.entry,
			funcTo: cf.fastEnd,
			from: this.headStart[head],
			to: this.headEnd[head],
			preciseFrom: this.metered ? this.preciseStart[head] : -1,
			preciseTo: this.metered ? this.preciseEnd[head] : -1,
			metered: this.metered,
			calls: {index: cf.index, imported: this.imported, callees: compiled.funcs},
		};
		// With its precise code when that fits (slices that stop in the loop then resume in it), else without.
		const generated =
			generateTierSource(compiled.code, region) ?? (region.preciseFrom < 0 ? null : generateTierSource(compiled.code, {...region, preciseFrom: -1, preciseTo: -1}));
		if (generated === null) return false;
		// The source holds only fixed templates and integers (codegen.ts), never text from the module.
		const name = `tier_f${cf.index}_loop${head}`;
		let fn: TierFunction;
		try {
			fn = buildGenerated(name, generated.source);
		} catch {
			// Code generation refused (a host that forbids it, or a limit of the JS engine): the
			// interpreter runs the loop, exactly as it would have.
			return false;
		}
		for (const [pc, label] of generated.entries) {
			const h = compiled.code[pc + 1];
			if (this.dropped[h] === 1) continue;
			this.labels[h] = label;
			this.fns[h] = fn;
		}
		for (const [pc, label] of generated.resumes) this.resumes.set(pc, {fn, label});
		this.compiledCount++;
		return true;
	}
}
