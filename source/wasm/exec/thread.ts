/*
 * A thread of execution: the interpreter. All of its state is plain data — a value stack of 8-byte
 * slots (one ArrayBuffer seen as Int32/Float32/Float64), a frame stack in an Int32Array, and a few
 * numbers (instance, function, pc, fp, depth) — and wasm calls never recurse on the JavaScript stack,
 * so a thread can stop between any two instructions and be saved (state.ts) or resumed.
 *
 *   const t = new Thread(store, {maxCallDepth});
 *   t.start(func, args);
 *   t.run(budget) → {reason: 'budget'}                 exactly `budget` instructions ran
 *                 | {reason: 'finished', results}
 *                 | {reason: 'trapped', trap}
 *                 | {reason: 'blocked', call}          a host function asked to block; later
 *   t.complete(results) or t.fail(trap), then run again.
 *   t.instructions                                     instructions executed so far
 *   t.release()                                        it will not run again (killed): drop what the
 *                                                      engine holds of it outside the thread
 *
 * Frames: four words each — return pc, caller's fp, caller's function index, caller's instance id.
 * The entry function has no frame of its own; its RETURN at depth 0 finishes the thread.
 *
 * Speed notes (measured): the dispatch switch uses numeric literal case labels (the op's name in a
 * comment): with expression labels (`case Op.X:`, `case IMM + 0x6a:`) it ran ~50x slower once it had
 * ~300 cases, as if V8 compared them one by one instead of jumping through a table. Nothing the run
 * loop keeps in locals may be captured by a closure (V8 would move it to a heap context); that is
 * also why a host entry function is called from runHostEntry(), not from run() (its closure captured
 * `this`, putting every `this.` of the loop behind a context load).
 * Case values must stay dense (now 0x28..0x45a): TurboFan makes a jump table only while the range
 * is at most about five times the number of cases; new ops continue the range.
 * Metering (ir.ts): branches, calls and returns charge the block they enter, and a label the code
 * runs into does not start a new block, so FUEL ops are almost never dispatched (they were 25% of
 * dispatches in fib, 13% in hash). Measured with `npm run bench` (5 runs, one quiet run): metering at
 * the 10,000-instruction quantum costs 1–10% against code compiled without metering (hash 18% before
 * labels stopped ending blocks).
 * Fused ops were each kept only when they paid (A/B timings, best of 3 processes): f64.load into
 * f64.add/f64.mul −10% matmul; store8 at an add address −10% sieve; add + compare-branch back-edges
 * −3–4% sieve and matmul. An i64.lt_s/gt_s compare-branch (sort) cut dispatches 10% but ran 11%
 * slower (data-dependent branches mispredict more when fused), so it is not done. `pc`/`fuel`
 * updates written as `(x + k) | 0` made no difference. Call depth and the frame array kept in run()
 * locals (written back to `this` before every stopAt/callSlow) plus a one-value RETURN copy without
 * the loop: fib −4.7%, sort −2%, the others unchanged (A/B, 4 alternating processes, median of 9
 * warm calls each). Separate i64.lt_s/gt_s cases (plain or branch-free) instead of the shared
 * i64-compare case: sort +3–6% slower, not kept. i64.load / i64.store at an i32.add-of-a-constant
 * address (I64_LOAD_ADDI, I64_STORE_ADDI; also when the sum is local.tee'd): sort −5% (dispatches
 * −10%; median of 9 warm calls, 8 alternating processes: 248 → 236 ms), fib, sieve, matmul, hash
 * unchanged within noise. The same for i32.load8_u (hash) cut only 1.5% of hash's dispatches (its hot
 * address is a two-local add), so it was not added.
 * `c[j] += a * b[j + k]` (matmul) as F64_MUL_LOAD_ADDI + F64_ADD_LOAD_STORE: dispatches −26%, time
 * 1,438 → 608 ms (best of 9 warm calls, alternating processes). Far more than the dispatches: the plain
 * f64.store read the f64 an op had just written as two i32 halves, and the upper half's load cannot be
 * forwarded from the 8-byte store on x86, a stall on every element; the fused op stores the f64 itself.
 * Loop tier (tier/): hot loops leave this loop for generated JavaScript at their LOOP_HEAD op
 * (loopHead), and run() starts in it when the thread stopped inside a translated loop (resumeTier);
 * both live outside run(), and the generated code is called through a megamorphic call site
 * (enterTier), because run()'s speed depends on what V8 compiles into it (V8 inlined the first hot
 * loop's code into run(), seen with --trace-turbo-inlining). Even so, a process that has run
 * generated code runs the interpreter a little slower: fib 293 → 310 ms (best of 9, fib alone vs
 * after sort), as run()'s feedback now covers the tier's paths. The fuel the tier spent comes back
 * in an Int32Array, so `fuel` stays a small integer here.
 * Function tier (tier/functions.ts): a CALL of a hot function runs its generated code (runHot), which
 * pushes frames here exactly as CALL does and calls other translated functions itself; a RETURN into,
 * or a stop inside, a translated function hands the rest of that call back to its code where it has
 * a label there (resumeHot). Where generated code leaves mid-way (FN_OUT), the interpreter goes on
 * with the frame it names, so nothing else changes. Measured (metered, 10,000-instruction slices,
 * single process, best of 4): fib 330 → 121 ms, hash 280 → 147 ms, sort 68 → 64 ms. What slicing
 * then cost was mostly per slice: the stop stepped the last block op by op here, every generated
 * frame returned, and the callers were re-entered one by one (0.25 µs per slice for fib, 0.37 sort,
 * 0.5 hash). Now a stop inside a translated function, and the next slice's start there, run in its
 * slice-edge code (tier/edge-source.ts: resumeEdge), and a slice that starts and ends there never
 * enters interpret() at all (run() → edges()): 20–34 dispatches per slice → 0–2, and 0.2–0.4 µs per
 * slice (fib, sort, hash), most of it the callers re-entered after every stop.
 * What a slice costs now (medians, single process, slices of 1,000 / 10,000 instructions against one
 * slice): sieve 88 / 115 ns, matmul 121 / 128, sort 131 / 192, fib 166 / 186, hash 215 / 330. Hash's
 * is mostly instruction cache: run between its slices, a 6,000-statement JS function (evicting L1i)
 * added 1,283 ns per slice, 80,000 unpredictable branches 566, a 1 MiB data walk 126, 256 KiB 36. So
 * what a slice costs grows with the code it runs, which evicts the program's own hot code: most of it
 * is the precise code run at the two edges (18.5 instructions per slice in hash, at ~230 bytes of
 * machine code each, as every one is a `case` where TurboFan reloads what it held), and entries into
 * big generated functions at unpredictable labels (hash's run(): 47 ns at random labels, 28 at one,
 * 10 for a small function). Tried and not kept, for no measurable change: the next slice's edge label
 * kept from the stop (lookups skipped on 95% of hash's slices); the context set once per runHot;
 * making in edges() the calls generated code leaves when the fuel cannot pay the callee's entry block
 * (fib: 2,984 interpret() entries per run → 2); edge parts of 64 instructions; `(B + k) | 0` indexes.
 * Worse: entering callees before their entry block (label -1; fib +5–9%), or choosing that label at
 * the call (+2.5%); splitting long blocks every 16 instructions, with labels (hash +14%); at an empty
 * operand stack every 8 only took precise instructions per slice from 18.5 to 16.8.
 * Going on in place instead of stopping (a `more()` callback that run() would call where the budget
 * runs out, the scheduler answering "same process, another quantum" without the thread returning)
 * was prototyped four ways and not kept: hash at 10,000-instruction slices, medians of 9 warm calls,
 * alternating processes, against 122 ms for stopping and 111 unmetered:
 *   - fuel granted in the edge code, which handed back to the main code through a loop around its
 *     switch: 119–121 ms, but that loop, once taken, made the main code 5% slower for everyone;
 *   - granted at each fuel check's way out, the main code re-entered at the block's label (a JS call,
 *     at most 16 nested per run()): 80 ns per quantum at slices of 1,000 instructions (a stop: 244),
 *     but 121 ms at 10,000, and the bigger ways out made plain slicing 5% slower (127–130 ms);
 *   - granted from the existing way out, the label looked up: 121–124 ms, within the noise;
 *   - granted in the edge code at the block's start, handing over to the main code by a nested call
 *     (main code unchanged): 120 ms, against 121.5 for stopping in the same A/B, and plain slicing
 *     4% slower (a call at every block start of the edge code).
 * So at 10,000 instructions a quantum's end costs about as much however little code it runs: what
 * costs is that it runs code gone cold since the last one, not the unwinding. Tried again with
 * deferred stops in place (below), two more ways, hash against unmetered, medians of 7 warm calls,
 * six alternating processes each: granted from the main code's shared way out (edgeTail), which
 * re-enters its switch through a loop around it at the block's label (67% of the stops went on in
 * place, the rest had no label): 1.070–1.104×, against 1.089–1.117× for stopping, and one slice
 * 1.5–2% slower than before; granted at each fuel check (a call on every way out): 1.109–1.196×,
 * one slice 5–7% slower, so worse than stopping. Neither pays for what it would take (a thread
 * that calls the scheduler mid-run, and a kernel whose slice's end runs inside that call).
 * Where it shows (perf, with V8's jitdump for single instructions; hash at slices of 10,000 against
 * 100,000, 60-80 calls each):
 * of about 480 ns per slice, ~300 are in the program's own generated code after the slice starts
 * (a third of the whole on one load, the hash table probe `table[i].key`, whose samples grow with the
 * slice count: +210 ns per slice at 10,000, +61 at 1,000), ~120 in edge code, ~85 in run()/runHot
 * and ~60 in interpret() (1,038 entries per call, 4% of the slices: a call whose callee's entry
 * block the fuel cannot pay, and edge chains that ran out). Not kept either: a straight copy of each
 * block for where a slice ends (entered at the block's start with less fuel than it costs, its
 * instructions in a row with no case labels between them, edge parts of 128 instructions to stay
 * within the size limit): in-process A/B against the code without it, alternating calls, medians of
 * 31, three processes, 0.988–1.012 at slices of 10,000 (0.986 at 1,000, one process). Nor, measured
 * the same way, the interpret() entries taken away (edges() pushing the frame of a call whose
 * callee's entry block the fuel cannot pay, as in fib above, and edge chains of 64 ops instead of
 * MAX_CHAIN 16): hash's entries per call 1,038 → 2, time 0.992–1.014. What is left is spread thin
 * over code gone cold: per slice (medians of 31 alternating calls) 203–213 ns at slices of 1,000
 * instructions, 246–287 at 5,000, 275–287 at 10,000, a fixed part and one paid off as the program's
 * own code warms again.
 * Deferred stops (`owed`, tier/quiet.ts): where the main code runs out of fuel at a block whose
 * instructions the fuel pays for only compute on the value stack, the slice stops at the block's
 * start owing them, and the next runs the whole block in fast code; nothing runs precise code. Hash:
 * 12,827 of 23,831 stops at slices of 10,000 (the others owe a load, a store or a division, which
 * could trap or be seen), fib 13,803 of 16,808, sort 5,609 of 10,472, sieve 12,119 of 32,007, matmul
 * 16,342 of 58,471. In-process A/B against the code without it, alternating calls, medians of 11–21:
 * slices of 1,000 hash 0.879–0.979, fib 0.932–0.964, sort 0.971; of 10,000 within the noise (hash
 * 0.954–1.040 in five A/Bs, fib 1.002, sort 0.995, sieve 1.007, matmul 0.987). Deferring every stop
 * (wrong: a trap would come a slice late) gave hash 0.868 at 1,000 and 0.95–0.98 at 10,000.
 */

import {Trap, type TraceFrame} from '../errors.js';
import {funcLabel, type FuncType} from '../types.js';
import type {CompiledFunc} from '../compile/compiler.js';
import * as ir from '../compile/ir.js';
import type {Instance} from './instance.js';
import type {TierFunction} from '../tier/tier.js';
import type {FunctionCode} from '../tier/functions.js';
import * as memory from './memory.js';
import * as tierContext from './tier-context.js';
import type {FuncRef, HostFunc, Store} from './store.js';
import {readValue, writeValue, type Value} from './values.js';
import * as numeric from './numeric.js';

// The imports run() uses, as module constants: under the tsx loader that the tests and `npm run
// bench` use, every read of an imported binding is a getter call (READ and WRITTEN are read by every
// load and store; measured: 14% of hash's time), while the built app reads them directly.
const {BR_F, BR_IF_F, BR_UNLESS_F, BRC, BRCI, BULK_UNIT, IMM, Op, SAT_BASE, STORE_IMM, opLength} = ir;
const {PAGE_SHIFT, READ, WRITTEN} = memory;
const {EDGE_PART_SHIFT, FN_OUT, TIER_CONTEXT, TIER_OUT} = tierContext;
const {
	OUT, checkTrunc, clz64, ctz32, ctz64, divS64, divU64, i64ToF32, i64ToF64, mul64, nearest, popcnt32,
	remS64, remU64, rotl64, rotr64, shl64, shrS64, shrU64, truncSat32, truncSat64, writeI64FromDouble,
} = numeric;

export type ThreadStatus = 'idle' | 'ready' | 'blocked' | 'finished' | 'trapped';

export interface BlockedCall {
	readonly func: HostFunc;
	readonly args: readonly Value[];
	/** What the host function said it waits for (plain data). */
	readonly wait: unknown;
}

export type RunOutcome =
	| {readonly reason: 'budget'}
	| {readonly reason: 'finished'; readonly results: readonly Value[]}
	| {readonly reason: 'trapped'; readonly trap: Trap}
	| {readonly reason: 'blocked'; readonly call: BlockedCall};

export interface ThreadOptions {
	/** Nested calls beyond this trap with "call stack exhausted". */
	readonly maxCallDepth?: number;
	/** The value stack may grow to this many 8-byte slots. */
	readonly maxStackSlots?: number;
}

export const DEFAULT_MAX_CALL_DEPTH = 10_000;
const DEFAULT_MAX_STACK_SLOTS = 1 << 22;
const FRAME_WORDS = 4;
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));
/** What run() returns when the budget ran out (one object: a slice ends every 10,000 instructions). */
const BUDGET: RunOutcome = Object.freeze({reason: 'budget'});
/**
 * Whether function-tier code may run the frame at `depth`: when it returns, runHot goes on in the
 * frame below with this instance's code, so that frame must be of this instance (the thread's entry
 * frame, depth 0, has none below: its code leaves to the interpreter at its return).
 */
function callerOk(inst: Instance, depth: number, frames: Int32Array): boolean {
	return depth === 0 || frames[(depth - 1) * FRAME_WORDS + 3] === inst.id;
}

/** Calls one entry into the function tier may nest on the JavaScript stack; a deeper call is left to the interpreter. */
const MAX_NEST = 200;
/** The call depth generated code may reach before it leaves a call to the interpreter: see MAX_NEST. */
function nestLimit(depth: number, frames: Int32Array, maxDepth: number): number {
	return Math.min(maxDepth, depth + MAX_NEST, frames.length / FRAME_WORDS);
}

/**
 * The LOOP_HEAD op at pc (kept out of run(), whose speed depends on its size): enters the loop tier
 * when the loop is translated and `tierOk` (not profiling), else counts the pass.
 * Returns where run() goes on, or -2 when a function the loop's code called left to the interpreter
 * mid-way (FN_OUT[0..3] then say where: pc, fp, function, depth); TIER_OUT[0] holds the fuel spent
 * (0 when it did not enter).
 */
function loopHead(inst: Instance, pc: number, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, fp: number, fuel: number, tierOk: boolean, depth: number, frames: Int32Array, maxDepth: number): number {
	const code = inst.compiled.code;
	const tier = inst.compiled.tier!;
	const h = code[pc + 1];
	// A function the function tier has translated (also because this loop got hot: tier.ts) runs its loops there.
	const cf = inst.compiled.funcs[tier.headFunc[h]];
	if (cf.hot !== null && tierOk && callerOk(inst, depth, frames)) {
		const label = cf.hotLabels![pc - cf.entry];
		if (label >= 0) {
			runHot(inst, cf.index, cf.hot, label, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
			TIER_OUT[0] = FN_OUT[4];
			return -2;
		}
	}
	const fn = tier.fns[h];
	if (fn !== null && tierOk) {
		const next = enterTier(fn, i32, f32, f64, mem, acc, inst.globals, fp, fuel, tier.labels[h], depth, frames, inst.id, nestLimit(depth, frames, maxDepth), inst.compiled.funcs);
		if (next < 0 && next !== -2) throw new Error(`loop tier: no way on from head ${h}`);
		tier.left(inst.compiled, h, TIER_OUT[1]);
		return next;
	}
	if (fn === null && tierOk) tier.passed(inst.compiled, h);
	TIER_OUT[0] = 0;
	return code[pc + 2];
}

/** run()'s start at pc: in the loop tier when pc is in a translated loop (as loopHead, else pc unchanged). */
function resumeTier(inst: Instance, pc: number, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, fp: number, fuel: number, depth: number, frames: Int32Array, maxDepth: number): number {
	const at = inst.compiled.tier!.resumeAt(pc);
	TIER_OUT[0] = 0;
	if (at === undefined) return pc;
	const next = enterTier(at.fn, i32, f32, f64, mem, acc, inst.globals, fp, fuel, at.label, depth, frames, inst.id, nestLimit(depth, frames, maxDepth), inst.compiled.funcs);
	if (next < 0 && next !== -2) throw new Error(`loop tier: no way on from ${pc}`);
	return next;
}

/**
 * Calls loop-tier code. A call site of its own that has seen several functions (below), so V8 treats
 * it as megamorphic and never inlines generated code into run() (it did inline the first hot loop's
 * code there, making run() bigger for the rest of the process).
 */
function enterTier(fn: TierFunction, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, globals: Instance['globals'], fp: number, fuel: number, label: number, depth: number, frames: Int32Array, iid: number, lim: number, funcs: readonly CompiledFunc[]): number {
	setContext(i32, f32, f64, mem, acc, globals, frames, iid, lim, funcs);
	return fn(fp, fuel, label, depth);
}

/**
 * Fills in the tier context (exec/tier-context.ts) that generated code about to run reads. Objects
 * are stored only when they changed (mostly they have not, between slices of one thread): a store of
 * an object costs a write barrier.
 */
function setContext(i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, globals: Instance['globals'], frames: Int32Array, iid: number, lim: number, funcs: readonly CompiledFunc[]): void {
	const x = TIER_CONTEXT;
	if (x.i32 !== i32) {
		x.i32 = i32;
		x.f32 = f32;
		x.f64 = f64;
	}
	if (x.mem !== mem) {
		// A view's size never changes (memory.grow makes a new one), and reading it is a builtin call.
		x.mem = mem;
		x.ML = mem.byteLength;
	}
	if (x.acc !== acc) x.acc = acc;
	if (x.G !== globals) x.G = globals;
	if (x.frames !== frames) x.frames = frames;
	if (x.F !== funcs) x.F = funcs;
	x.iid = iid;
	x.lim = lim;
}
/**
 * At a thread's end: the context stops holding its stack, memory and module (which it would keep
 * alive until generated code next runs, whatever their size).
 */
function releaseContext(i32: Int32Array): void {
	if (TIER_CONTEXT.i32 === i32) setContext(EMPTY_I32, EMPTY_F32, EMPTY_F64, EMPTY_VIEW, null, [], EMPTY_I32, 0, 0, []);
}
const EMPTY_I32 = new Int32Array(0);
const EMPTY_F32 = new Float32Array(0);
const EMPTY_F64 = new Float64Array(0);

// V8 gives a function feedback (where call targets are recorded) only after some calls: make enough.
for (let k = 0; k < 64; k++) {
	const fn = ([() => 0, () => 1, () => 2] as unknown as TierFunction[])[k % 3];
	enterTier(fn, new Int32Array(0), new Float32Array(0), new Float64Array(0), EMPTY_VIEW, null, [], 0, 0, 0, 0, new Int32Array(0), 0, 0, []);
}


/**
 * Runs `first`, function-tier code (tier/functions.ts) or slice-edge code of function `index` (for
 * messages), from `label`, in the frame at (fp, depth) whose caller's frame, if any, is on the frame
 * stack (callerOk); when it returns, pops that frame as RETURN does and goes on in the caller's
 * generated code too while the caller is hot and of this instance (the thread's entry function's
 * code leaves to the interpreter at its return). Leaves FN_OUT saying where the interpreter goes on:
 * where the code left to it, or the return point in the first caller it does not run. Kept out of
 * run(), as loopHead is.
 */
function runHot(inst: Instance, index: number, first: FunctionCode, label: number, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, fp: number, fuel: number, depth: number, frames: Int32Array, maxDepth: number): void {
	const {code, funcs} = inst.compiled;
	const imported = inst.module.importedFuncCount;
	let spent = 0;
	let fn = first;
	for (;;) {
		const lim = nestLimit(depth, frames, maxDepth);
		const f0 = fuel - spent > 0x3fffffff ? 0x3fffffff : fuel - spent;
		const left = callHot(fn, i32, f32, f64, mem, acc, inst.globals, fp, f0, depth, frames, inst.id, lim, label, funcs);
		if (left < 0) {
			if (FN_OUT[0] < 0) throw new Error(`function tier: no way on in function ${index}`);
			FN_OUT[4] = spent + f0 - FN_OUT[4];
			return;
		}
		spent += f0 - left;
		// It returned (results at fp): back in the caller, at its return point.
		const at = --depth * FRAME_WORDS;
		let pc = frames[at];
		fp = frames[at + 1];
		const func = frames[at + 2];
		if (code[pc] === 0x100 && fuel - spent >= code[pc + 1]) {
			spent += code[pc + 1];
			pc = code[pc + 3];
			const caller = funcs[func - imported];
			const next = caller.hot === null || !callerOk(inst, depth, frames) ? -1 : caller.hotLabels![pc - caller.entry];
			if (next >= 0) {
				index = func;
				fn = caller.hot!;
				label = next;
				continue;
			}
		}
		FN_OUT[0] = pc;
		FN_OUT[1] = fp;
		FN_OUT[2] = func;
		FN_OUT[3] = depth;
		FN_OUT[4] = spent;
		return;
	}
}

/**
 * The interpreter is about to run fast-code position pc (its block charged) in the frame (fp, func,
 * depth) of a function the function tier has translated: runHot from there when the generated code
 * can go on at pc and the frame's caller is of this instance; false (nothing done) otherwise.
 */
function resumeHot(inst: Instance, func: number, pc: number, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, fp: number, fuel: number, depth: number, frames: Int32Array, maxDepth: number): boolean {
	const cf = inst.compiled.funcs[func - inst.module.importedFuncCount];
	const label = cf.hotLabels![pc - cf.entry];
	if (!(label >= 0) || !callerOk(inst, depth, frames)) return false;
	runHot(inst, func, cf.hot!, label, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
	return true;
}

/**
 * The interpreter is about to run precise-code position pc (a FUEL_P op: a block the fuel cannot pay
 * for, or a slice starting mid-block) in the frame (fp, func, depth) of a function that has slice-edge
 * code (tier/edge-source.ts): runHot from there in that code, as resumeHot does; false (nothing done)
 * when the function has none or the frame's caller is of another instance.
 */
function resumeEdge(inst: Instance, func: number, pc: number, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, fp: number, fuel: number, depth: number, frames: Int32Array, maxDepth: number): boolean {
	const cf = inst.compiled.funcs[func - inst.module.importedFuncCount];
	if (cf.edgeLabels === null) return false;
	const label = cf.edgeLabels[pc - cf.fastEnd];
	const edge = label >= 0 ? cf.edges[label >> EDGE_PART_SHIFT] : null;
	if (!edge || !callerOk(inst, depth, frames)) return false;
	runHot(inst, func, edge, label, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
	return true;
}

/** Calls generated code through a site of its own that has seen several functions (below), as enterTier. */
function callHot(fn: FunctionCode, i32: Int32Array, f32: Float32Array, f64: Float64Array, mem: DataView, acc: Uint8Array | null, globals: Instance['globals'], fp: number, fuel: number, depth: number, frames: Int32Array, iid: number, lim: number, label: number, funcs: readonly CompiledFunc[]): number {
	setContext(i32, f32, f64, mem, acc, globals, frames, iid, lim, funcs);
	return fn(fp, fuel, label, depth);
}
for (let k = 0; k < 64; k++) {
	const fn = ([() => 0, () => 1, () => 2] as unknown as FunctionCode[])[k % 3];
	callHot(fn, new Int32Array(0), new Float32Array(0), new Float64Array(0), EMPTY_VIEW, null, [], 0, 0, 0, new Int32Array(0), 0, 0, 0, []);
}

export class Thread {
	status: ThreadStatus = 'idle';
	/** Instructions executed since start(). */
	instructions = 0;
	readonly maxCallDepth: number;
	readonly maxStackSlots: number;

	// Position: which instance and function, where in the code, and the frame.
	inst: Instance | null = null;
	func = -1;
	pc = 0;
	fp = 0;
	depth = 0;
	/** Stopped inside a bulk instruction that has done part of its work (its operands say what is left). */
	midInstr = false;
	/**
	 * -1, or: the last slice ended having paid for the first `owed` instructions of the block whose
	 * FUEL op is at pc, without running them (a deferred stop: tier/quiet.ts says why that is safe).
	 * The thread's position and stack are then the block's start's until settle() runs them; every
	 * reader of the thread's state calls it (position(), state.ts). The next run() instead runs the
	 * whole block, with `owed` added to its budget.
	 */
	private owed = -1;

	stack = new ArrayBuffer(0);
	i32 = new Int32Array(0);
	f32 = new Float32Array(0);
	f64 = new Float64Array(0);
	frames: Int32Array = new Int32Array(64 * FRAME_WORDS);

	/** The entry function's type (results are read with it). */
	entryType: FuncType | null = null;
	/** The host function the thread is blocked in, with where its results go (slot). */
	blocked: {call: BlockedCall; resultSlot: number} | null = null;
	/** The entry is a host function (called when the thread first runs). */
	private hostEntry: {func: HostFunc; args: readonly Value[]} | null = null;
	trap: Trap | null = null;
	results: readonly Value[] | null = null;
	/**
	 * When set, run() executes the precise code only (slower) and counts the instructions each wasm
	 * function executes: profile.get(instance id)[function index].
	 */
	profile: Map<number, Float64Array> | null = null;

	constructor(
		readonly store: Store,
		options: ThreadOptions = {},
	) {
		this.maxCallDepth = options.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
		this.maxStackSlots = options.maxStackSlots ?? DEFAULT_MAX_STACK_SLOTS;
		this.setStack(new ArrayBuffer(4096 * 8));
	}

	private setStack(buffer: ArrayBuffer): void {
		this.stack = buffer;
		this.i32 = new Int32Array(buffer);
		this.f32 = new Float32Array(buffer);
		this.f64 = new Float64Array(buffer);
	}

	/** Makes room for `slots` slots; false when that would pass the limit. */
	ensureSlots(slots: number): boolean {
		if (slots * 2 <= this.i32.length) return true;
		if (slots > this.maxStackSlots) return false;
		const size = Math.min(this.maxStackSlots, Math.max(slots, (this.i32.length / 2) * 2));
		const buffer = new ArrayBuffer(size * 8);
		new Int32Array(buffer).set(this.i32);
		this.setStack(buffer);
		return true;
	}

	/** Prepares a call of `func` with `args`; run() then executes it. */
	start(func: FuncRef, args: readonly Value[]): void {
		this.instructions = 0;
		this.owed = -1;
		this.trap = null;
		this.results = null;
		this.blocked = null;
		this.midInstr = false;
		this.depth = 0;
		this.fp = 0;
		this.entryType = func.type;
		if (func.kind === 'host') {
			this.hostEntry = {func, args};
			this.inst = null;
			this.status = 'ready';
			return;
		}
		this.hostEntry = null;
		const inst = func.instance;
		const cf = compiledFunc(inst, func.index);
		if (!this.ensureSlots(Math.max(cf.frameSize, func.type.results.length))) throw new Trap('call stack exhausted');
		func.type.params.forEach((t, k) => writeValue(this.i32, k * 2, t, args[k]));
		this.i32.fill(0, cf.params * 2, cf.locals * 2);
		this.inst = inst;
		this.func = func.index;
		this.pc = cf.entry;
		this.status = 'ready';
	}

	/** Completes a blocked host call with its results. */
	complete(results: readonly Value[] = []): void {
		if (this.status !== 'blocked' || this.blocked === null) throw new Error('complete: the thread is not blocked');
		const {call, resultSlot} = this.blocked;
		call.func.type.results.forEach((t, k) => writeValue(this.i32, (resultSlot + k) * 2, t, results[k]));
		this.blocked = null;
		if (this.inst === null) {
			this.finish(this.readResults(0));
			return;
		}
		this.status = 'ready';
	}

	/** Ends a blocked host call with a trap. */
	fail(trap: Trap): void {
		if (this.status !== 'blocked') throw new Error('fail: the thread is not blocked');
		this.blocked = null;
		this.trap = trap;
		this.status = 'trapped';
	}

	private readResults(slot: number): Value[] {
		return this.entryType!.results.map((t, k) => readValue(this.i32, (slot + k) * 2, t));
	}

	private finish(results: Value[]): RunOutcome {
		releaseContext(this.i32);
		this.results = results;
		this.status = 'finished';
		return {reason: 'finished', results};
	}

	/**
	 * The thread will not run again (its process was killed, say): the tier context stops holding its
	 * stacks, memory and module, as when it finishes or traps.
	 */
	release(): void {
		this.owed = -1;
		releaseContext(this.i32);
	}

	/** Where the thread continues: function index and byte offset of the next instruction (null when not running wasm). */
	position(): {readonly func: number; readonly offset: number; readonly mid: boolean} | null {
		this.settle();
		const inst = this.inst;
		if (inst === null || (this.status !== 'ready' && this.status !== 'blocked')) return null;
		return {func: this.func, offset: instrOffset(inst, this.func, inst.compiled.opInstr[this.pc]), mid: this.midInstr};
	}

	/** Executes one instruction. */
	step(): RunOutcome {
		return this.run(1);
	}

	/** The wasm stack at the trapping op `pc`: that instruction, then each caller's call instruction. */
	private traceAt(pc: number): TraceFrame[] {
		const inst = this.inst!;
		const trace: TraceFrame[] = [];
		const frame = (owner: Instance, func: number, index: number) =>
			trace.push({func, label: funcLabel(owner.module, func), offset: instrOffset(owner, func, index)});
		frame(inst, this.func, inst.compiled.opInstr[pc]);
		for (let d = this.depth - 1; d >= 0; d--) {
			const at = d * FRAME_WORDS;
			const owner = this.store.instances[this.frames[at + 3]];
			// The return point is the instruction after the call.
			frame(owner, this.frames[at + 2], owner.compiled.opInstr[this.frames[at]] - 1);
		}
		return trace;
	}

	private trapped(trap: Trap): RunOutcome {
		releaseContext(this.i32);
		this.trap = trap;
		this.status = 'trapped';
		return {reason: 'trapped', trap};
	}

	/** Calls a host function whose arguments sit at `slot`; results go to the same place. */
	private callHost(func: HostFunc, slot: number): RunOutcome | null {
		const args = func.type.params.map((t, k) => readValue(this.i32, (slot + k) * 2, t));
		const out = func.impl(args);
		if (out !== undefined && !Array.isArray(out)) {
			const call: BlockedCall = {func, args, wait: (out as {block: unknown}).block};
			this.blocked = {call, resultSlot: slot};
			this.status = 'blocked';
			return {reason: 'blocked', call};
		}
		const results = (out ?? []) as readonly Value[];
		func.type.results.forEach((t, k) => writeValue(this.i32, (slot + k) * 2, t, results[k]));
		return null;
	}

	/** Records where run() stopped and what it executed. */
	private stopAt(pc: number, fp: number, func: number, inst: Instance, executed: number): void {
		this.pc = pc;
		this.fp = fp;
		this.func = func;
		this.inst = inst;
		this.instructions += executed;
	}

	private growFrames(): Int32Array {
		const bigger = new Int32Array(this.frames.length * 2);
		bigger.set(this.frames);
		this.frames = bigger;
		return bigger;
	}

	/**
	 * A call that leaves the instance or the engine: another instance's function, a host function, or
	 * any call_indirect. The caller's position is passed in; on return (null) the thread's fields say
	 * where to continue; a blocked host call returns its outcome with the thread stopped after the call.
	 */
	private callSlow(target: FuncRef, fp: number, func: number, inst: Instance, base: number, returnPc: number, executed: number): RunOutcome | null {
		if (target.kind === 'host') {
			this.stopAt(returnPc, fp, func, inst, 0);
			const out = this.callHost(target, fp + base);
			if (out !== null) this.instructions += executed;
			return out;
		}
		const callee = compiledFunc(target.instance, target.index);
		if (this.depth >= this.maxCallDepth) throw new Trap('call stack exhausted');
		const newFp = fp + base;
		if (!this.ensureSlots(newFp + callee.frameSize)) throw new Trap('call stack exhausted');
		const at = this.depth * FRAME_WORDS;
		const fr = at + FRAME_WORDS > this.frames.length ? this.growFrames() : this.frames;
		fr[at] = returnPc;
		fr[at + 1] = fp;
		fr[at + 2] = func;
		fr[at + 3] = inst.id;
		this.depth++;
		this.i32.fill(0, (newFp + callee.params) * 2, (newFp + callee.locals) * 2);
		this.stopAt(callee.entry, newFp, callee.index, target.instance, 0);
		return null;
	}

	/**
	 * The entry is a host function: call it. Kept out of run(): a closure there would capture `this`
	 * and make V8 keep it in a heap context that every `this.` of the hot loop then goes through.
	 */
	private runHostEntry({func, args}: {func: HostFunc; args: readonly Value[]}): RunOutcome {
		this.hostEntry = null;
		func.type.params.forEach((t, k) => writeValue(this.i32, k * 2, t, args[k]));
		try {
			const out = this.callHost(func, 0);
			return out ?? this.finish(this.readResults(0));
		} catch (error) {
			if (error instanceof Trap) return this.trapped(error);
			throw error;
		}
	}

	/** Executes at most `budget` instructions. */
	run(budget: number): RunOutcome {
		if (this.status !== 'ready') throw new Error(`run: the thread is ${this.status}`);
		if (this.hostEntry !== null) return this.runHostEntry(this.hostEntry);
		this.midInstr = false;
		// A deferred stop (owed): this slice runs the whole block when it can pay for the rest of it.
		if (this.owed >= 0 && (this.profile !== null || budget + this.owed < this.inst!.compiled.code[this.pc + 1])) this.settle();
		if (this.profile !== null) return this.interpret(budget, budget);
		const fuel = this.edges(budget);
		return fuel < 0 ? BUDGET : this.interpret(budget, fuel);
	}

	/**
	 * Runs the instructions a deferred stop owes (see `owed`), one at a time, so that the thread's
	 * position and stack are exactly where the slice ended; nothing when there are none. They were
	 * counted with that slice, and cannot trap or end it (tier/quiet.ts).
	 */
	settle(): void {
		const owed = this.owed;
		if (owed < 0) return;
		this.owed = -1;
		const counted = this.instructions;
		const outcome = this.interpret(owed, owed);
		this.instructions = counted;
		if (outcome !== BUDGET) throw new Error(`settle: the ${owed} instructions owed at ${this.pc} ended in ${outcome.reason}`);
	}

	/**
	 * The start of a slice, when it starts and ends in generated code (the usual case once a program's
	 * functions are translated): a stop mid-block goes on in the function's slice-edge code
	 * (tier/edge-source.ts), which hands over to its main code, which leaves at the block the fuel
	 * cannot pay, whose edge code runs to the last instruction paid for. Done here rather than in
	 * interpret(), whose entry and dispatch, cold after a slice in generated code, cost about 130 ns
	 * per slice (hash) for a few dispatches. Returns -1 when the slice stopped for the budget (the
	 * position saved), else the fuel left, the thread's position being where interpret() goes on.
	 */
	private edges(budget: number): number {
		const inst = this.inst!;
		let fuel = budget;
		// After a deferred stop, the block's instructions it paid for are run here, with the rest.
		const owedAt = this.owed >= 0 ? this.pc : -1;
		if (owedAt >= 0) {
			fuel += this.owed;
			this.owed = -1;
		}
		if (inst.compiled.functions === null) return fuel;
		const code = inst.compiled.code;
		const mem = inst.memories.length > 0 ? inst.memories[0].view : EMPTY_VIEW;
		const acc = inst.memories.length > 0 ? inst.memories[0].access : null;
		let pc = this.pc;
		let fp = this.fp;
		let func = this.func;
		let depth = this.depth;
		// Each pass runs edge code (and the main code it hands over to) until it leaves; a few passes
		// cover where it leaves at another edge (runHot: a caller's block after the call returns that the
		// fuel cannot pay); the interpreter takes whatever else is left.
		for (let k = 0; k < 4; k++) {
			FN_OUT[5] = 0;
			if (k === 0 && pc === owedAt && fuel >= code[pc + 1] && resumeHot(inst, func, code[pc + 3], this.i32, this.f32, this.f64, mem, acc, fp, fuel - code[pc + 1], depth, this.frames, this.maxCallDepth)) {
				// The owed block, charged, in the function's main code where that has a label for it (a
				// loop's body, say), touching no edge code.
				fuel -= code[pc + 1];
			} else {
				// A block the fuel cannot pay: the interpreter would go on in its precise copy. So does the
				// owed block (which the fuel pays): the copy's first instruction starts it, and its edge
				// code then goes on in fast code, as the interpreter would.
				const at = code[pc] === 0x100 && (fuel < code[pc + 1] || (pc === owedAt && code[code[pc + 2] + 1] === pc)) ? code[pc + 2] : pc;
				if (at < 0 || code[at] !== 0x101) break;
				if (fuel === 0) {
					this.depth = depth;
					this.stopAt(at, fp, func, inst, budget);
					return -1;
				}
				if (!resumeEdge(inst, func, at, this.i32, this.f32, this.f64, mem, acc, fp, fuel, depth, this.frames, this.maxCallDepth)) break;
			}
			fuel -= FN_OUT[4];
			pc = FN_OUT[0];
			fp = FN_OUT[1];
			func = FN_OUT[2];
			depth = FN_OUT[3];
			if (FN_OUT[5] === 1) {
				// Stopped at a block the fuel left cannot pay, whose instructions it does pay for are quiet: owe them.
				this.owed = fuel;
				this.depth = depth;
				this.stopAt(pc, fp, func, inst, budget);
				return -1;
			}
		}
		this.pc = pc;
		this.fp = fp;
		this.func = func;
		this.depth = depth;
		return fuel;
	}

	/** Runs from the thread's position with `fuel` of the slice's `budget` left (run()). */
	private interpret(budget: number, fuelLeft: number): RunOutcome {
		let fuel = fuelLeft;
		let inst = this.inst!;
		let code = inst.compiled.code;
		let funcs = inst.compiled.funcs;
		let imported = inst.module.importedFuncCount;
		let mem = inst.memories.length > 0 ? inst.memories[0].view : EMPTY_VIEW;
		/** Page-access map of memory 0 when tracking is on (memory.ts), else null. */
		let acc = inst.memories.length > 0 ? inst.memories[0].access : null;
		let i32 = this.i32;
		let f32 = this.f32;
		let f64 = this.f64;
		let pc = this.pc;
		let fp = this.fp;
		let func = this.func;
		/** Call depth and frame stack live in locals while running; written back before leaving or calling out. */
		let depth = this.depth;
		let frames = this.frames;
		const maxDepth = this.maxCallDepth;
		/** Profiling: run precise code only and count every instruction per function. */
		const prof = this.profile;
		// Stopped inside a loop the tier has translated: go on in its code (precise to the end of the
		// block, then fast) rather than op by op here. (A stop in a function with slice-edge code was
		// already taken up by run() → edges().)
		if (inst.compiled.tier !== null && prof === null) {
			pc = resumeTier(inst, pc, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
			fuel -= TIER_OUT[0];
			if (pc === -2) {
				pc = FN_OUT[0];
				fp = FN_OUT[1];
				func = FN_OUT[2];
				depth = FN_OUT[3];
			}
		}

		try {
			for (;;) {
				switch (code[pc]) {
					case 0x100: {
						// Op.FUEL
						const n = code[pc + 1];
						if (fuel < n || prof !== null) {
							pc = code[pc + 2];
							if (prof !== null) break;
							// The budget ends in this block: finish it in the function's slice-edge code, or the
							// loop tier's precise copy of it, where there is one.
							// Either way a position in FN_OUT comes back as pc -2.
							if (resumeEdge(inst, func, pc, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth)) {
								fuel -= FN_OUT[4];
								pc = -2;
							} else if (inst.compiled.tier !== null) {
								pc = resumeTier(inst, pc, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
								fuel -= TIER_OUT[0];
							}
							if (pc === -2) {
								pc = FN_OUT[0];
								fp = FN_OUT[1];
								func = FN_OUT[2];
								depth = FN_OUT[3];
							}
							break;
						}
						fuel -= n;
						pc = code[pc + 3];
						break;
					}
					case 0x101: {
						// Op.FUEL_P
						if (fuel === 0) {
							this.depth = depth;
							this.stopAt(pc, fp, func, inst, budget - fuel);
							return BUDGET;
						}
						if (prof !== null) countInstruction(prof, inst, func);
						const fast = code[pc + 1];
						if (fast >= 0 && fuel >= code[fast + 1] && prof === null) {
							pc = fast;
							// A function the function tier has translated: go on in its code from this block.
							if (funcs[func - imported].hot !== null) {
								fuel -= code[fast + 1];
								pc = code[fast + 3];
								if (resumeHot(inst, func, pc, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth)) {
									fuel -= FN_OUT[4];
									pc = FN_OUT[0];
									fp = FN_OUT[1];
									func = FN_OUT[2];
									depth = FN_OUT[3];
								}
							}
							break;
						}
						fuel--;
						pc += 2;
						break;
					}
					// ---- fast code: branches that charge their target block, folded constants ----
					case 0x420: // BR_F
						{
							const t = code[pc + 1];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						}
						break;
					case 0x421: // BR_IF_F
						if (i32[(fp + code[pc + 1]) << 1] !== 0) {
							const t = code[pc + 2];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 3;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x422: // BR_UNLESS_F
						if (i32[(fp + code[pc + 1]) << 1] === 0) {
							const t = code[pc + 2];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 3;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x400: // BRC + 0
						if (i32[(fp + code[pc + 1]) << 1] === i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x410: // BRCI + 0
						if (i32[(fp + code[pc + 1]) << 1] === code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x401: // BRC + 1
						if (i32[(fp + code[pc + 1]) << 1] !== i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x411: // BRCI + 1
						if (i32[(fp + code[pc + 1]) << 1] !== code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x402: // BRC + 2
						if (i32[(fp + code[pc + 1]) << 1] < i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x412: // BRCI + 2
						if (i32[(fp + code[pc + 1]) << 1] < code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x403: // BRC + 3
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 < i32[(fp + code[pc + 2]) << 1] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x413: // BRCI + 3
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 < code[pc + 2] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x404: // BRC + 4
						if (i32[(fp + code[pc + 1]) << 1] > i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x414: // BRCI + 4
						if (i32[(fp + code[pc + 1]) << 1] > code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x405: // BRC + 5
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 > i32[(fp + code[pc + 2]) << 1] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x415: // BRCI + 5
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 > code[pc + 2] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x406: // BRC + 6
						if (i32[(fp + code[pc + 1]) << 1] <= i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x416: // BRCI + 6
						if (i32[(fp + code[pc + 1]) << 1] <= code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x407: // BRC + 7
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 <= i32[(fp + code[pc + 2]) << 1] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x417: // BRCI + 7
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 <= code[pc + 2] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x408: // BRC + 8
						if (i32[(fp + code[pc + 1]) << 1] >= i32[(fp + code[pc + 2]) << 1]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x418: // BRCI + 8
						if (i32[(fp + code[pc + 1]) << 1] >= code[pc + 2]) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x409: // BRC + 9
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 >= i32[(fp + code[pc + 2]) << 1] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x419: // BRCI + 9
						if (i32[(fp + code[pc + 1]) << 1] >>> 0 >= code[pc + 2] >>> 0) {
							const t = code[pc + 3];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 4;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					case 0x430: // BRC_PLAIN + 0
						pc = i32[(fp + code[pc + 1]) << 1] === i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x440: // BRCI_PLAIN + 0
						pc = i32[(fp + code[pc + 1]) << 1] === code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x431: // BRC_PLAIN + 1
						pc = i32[(fp + code[pc + 1]) << 1] !== i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x441: // BRCI_PLAIN + 1
						pc = i32[(fp + code[pc + 1]) << 1] !== code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x432: // BRC_PLAIN + 2
						pc = i32[(fp + code[pc + 1]) << 1] < i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x442: // BRCI_PLAIN + 2
						pc = i32[(fp + code[pc + 1]) << 1] < code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x433: // BRC_PLAIN + 3
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 < i32[(fp + code[pc + 2]) << 1] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x443: // BRCI_PLAIN + 3
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 < code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x434: // BRC_PLAIN + 4
						pc = i32[(fp + code[pc + 1]) << 1] > i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x444: // BRCI_PLAIN + 4
						pc = i32[(fp + code[pc + 1]) << 1] > code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x435: // BRC_PLAIN + 5
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 > i32[(fp + code[pc + 2]) << 1] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x445: // BRCI_PLAIN + 5
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 > code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x436: // BRC_PLAIN + 6
						pc = i32[(fp + code[pc + 1]) << 1] <= i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x446: // BRCI_PLAIN + 6
						pc = i32[(fp + code[pc + 1]) << 1] <= code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x437: // BRC_PLAIN + 7
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 <= i32[(fp + code[pc + 2]) << 1] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x447: // BRCI_PLAIN + 7
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 <= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x438: // BRC_PLAIN + 8
						pc = i32[(fp + code[pc + 1]) << 1] >= i32[(fp + code[pc + 2]) << 1] ? code[pc + 3] : pc + 4;
						break;
					case 0x448: // BRCI_PLAIN + 8
						pc = i32[(fp + code[pc + 1]) << 1] >= code[pc + 2] ? code[pc + 3] : pc + 4;
						break;
					case 0x439: // BRC_PLAIN + 9
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 >= i32[(fp + code[pc + 2]) << 1] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					case 0x449: // BRCI_PLAIN + 9
						pc = i32[(fp + code[pc + 1]) << 1] >>> 0 >= code[pc + 2] >>> 0 ? code[pc + 3] : pc + 4;
						break;
					// ---- fused ops chosen by profile (ir.ts) ----
					case 0x450: // F64_ADD_LOAD
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] + mem.getFloat64(touch(acc, (i32[(fp + code[pc + 3]) << 1] >>> 0) + (code[pc + 4] >>> 0), READ), true);
						pc += 5;
						break;
					case 0x451: // F64_MUL_LOAD
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] * mem.getFloat64(touch(acc, (i32[(fp + code[pc + 3]) << 1] >>> 0) + (code[pc + 4] >>> 0), READ), true);
						pc += 5;
						break;
					case 0x452: // STORE8_IMM_ADD
						mem.setInt8(touch(acc, ((i32[(fp + code[pc + 1]) << 1] + i32[(fp + code[pc + 2]) << 1]) >>> 0) + (code[pc + 4] >>> 0), WRITTEN), code[pc + 3]);
						pc += 5;
						break;
					case 0x453: {
						// ADD_BRCI_LTU
						const x = (i32[(fp + code[pc + 2]) << 1] + i32[(fp + code[pc + 3]) << 1]) | 0;
						i32[(fp + code[pc + 1]) << 1] = x;
						if (x >>> 0 < code[pc + 4] >>> 0) {
							const t = code[pc + 5];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 6;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					}
					case 0x454: {
						// ADDI_BRCI_NE
						const x = (i32[(fp + code[pc + 2]) << 1] + code[pc + 3]) | 0;
						i32[(fp + code[pc + 1]) << 1] = x;
						if (x !== code[pc + 4]) {
							const t = code[pc + 5];
							const n = code[t + 1];
							if (fuel >= n) {
								fuel -= n;
								pc = code[t + 3];
							} else {
								pc = code[t + 2];
							}
						} else {
							pc += 6;
							if (code[pc] === 0x100 && fuel >= code[pc + 1]) {
								fuel -= code[pc + 1];
								pc = code[pc + 3];
							}
						}
						break;
					}
					case 0x455: {
						// ADD_BRCI_LTU_PLAIN
						const x = (i32[(fp + code[pc + 2]) << 1] + i32[(fp + code[pc + 3]) << 1]) | 0;
						i32[(fp + code[pc + 1]) << 1] = x;
						pc = x >>> 0 < code[pc + 4] >>> 0 ? code[pc + 5] : pc + 6;
						break;
					}
					case 0x456: {
						// ADDI_BRCI_NE_PLAIN
						const x = (i32[(fp + code[pc + 2]) << 1] + code[pc + 3]) | 0;
						i32[(fp + code[pc + 1]) << 1] = x;
						pc = x !== code[pc + 4] ? code[pc + 5] : pc + 6;
						break;
					}
					case 0x457: {
						// I64_LOAD_ADDI
						const x = (i32[(fp + code[pc + 3]) << 1] + code[pc + 4]) | 0;
						i32[(fp + code[pc + 2]) << 1] = x;
						const ea = touch(acc, (x >>> 0) + (code[pc + 5] >>> 0), READ);
						const d = (fp + code[pc + 1]) << 1;
						i32[d + 1] = mem.getInt32(ea + 4, true);
						i32[d] = mem.getInt32(ea, true);
						pc += 6;
						break;
					}
					case 0x458: {
						// I64_STORE_ADDI
						const x = (i32[(fp + code[pc + 2]) << 1] + code[pc + 3]) | 0;
						i32[(fp + code[pc + 1]) << 1] = x;
						const ea = touch(acc, (x >>> 0) + (code[pc + 5] >>> 0), WRITTEN);
						const s = (fp + code[pc + 4]) << 1;
						mem.setInt32(ea + 4, i32[s + 1], true);
						mem.setInt32(ea, i32[s], true);
						pc += 6;
						break;
					}
					case 0x459: {
						// F64_ADD_LOAD_STORE
						const ea = touch(acc, (i32[(fp + code[pc + 3]) << 1] >>> 0) + (code[pc + 4] >>> 0), READ | WRITTEN);
						const v = f64[fp + code[pc + 2]] + mem.getFloat64(ea, true);
						f64[fp + code[pc + 1]] = v;
						mem.setFloat64(ea, v, true);
						pc += 5;
						break;
					}
					case 0x45a: {
						// F64_MUL_LOAD_ADDI
						const x = (i32[(fp + code[pc + 4]) << 1] + code[pc + 5]) | 0;
						i32[(fp + code[pc + 3]) << 1] = x;
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] * mem.getFloat64(touch(acc, (x >>> 0) + (code[pc + 6] >>> 0), READ), true);
						pc += 7;
						break;
					}
					case 0x45b: // LOOP_HEAD: hot loops run in the loop tier (tier/tier.ts), which says where to go on.
						pc = loopHead(inst, pc, i32, f32, f64, mem, acc, fp, fuel, prof === null, depth, frames, maxDepth);
						fuel -= TIER_OUT[0];
						if (pc === -2) {
							// A function the loop's code called left to the interpreter mid-way: go on there.
							pc = FN_OUT[0];
							fp = FN_OUT[1];
							func = FN_OUT[2];
							depth = FN_OUT[3];
						}
						break;
					case 0x246: // IMM + 0x46
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] === code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x247: // IMM + 0x47
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] !== code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x248: // IMM + 0x48
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] < code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x249: // IMM + 0x49
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 < code[pc + 3] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x24a: // IMM + 0x4a
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] > code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x24b: // IMM + 0x4b
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 > code[pc + 3] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x24c: // IMM + 0x4c
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] <= code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x24d: // IMM + 0x4d
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 <= code[pc + 3] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x24e: // IMM + 0x4e
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >= code[pc + 3] ? 1 : 0;
						pc += 4;
						break;
					case 0x24f: // IMM + 0x4f
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 >= code[pc + 3] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x26a: // IMM + 0x6a
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] + code[pc + 3];
						pc += 4;
						break;
					case 0x26c: // IMM + 0x6c
						i32[(fp + code[pc + 1]) << 1] = Math.imul(i32[(fp + code[pc + 2]) << 1], code[pc + 3]);
						pc += 4;
						break;
					case 0x271: // IMM + 0x71
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] & code[pc + 3];
						pc += 4;
						break;
					case 0x272: // IMM + 0x72
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] | code[pc + 3];
						pc += 4;
						break;
					case 0x273: // IMM + 0x73
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] ^ code[pc + 3];
						pc += 4;
						break;
					case 0x274: // IMM + 0x74
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] << code[pc + 3];
						pc += 4;
						break;
					case 0x275: // IMM + 0x75
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >> code[pc + 3];
						pc += 4;
						break;
					case 0x276: // IMM + 0x76
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> code[pc + 3];
						pc += 4;
						break;
					case 0x251: // IMM + 0x51
					case 0x252: {
						// IMM + 0x52
						const a = (fp + code[pc + 2]) << 1;
						const eq = i32[a] === code[pc + 3] && i32[a + 1] === code[pc + 4];
						i32[(fp + code[pc + 1]) << 1] = eq === (code[pc] === IMM + 0x51) ? 1 : 0;
						pc += 5;
						break;
					}
					case 0x27c: {
						// IMM + 0x7c
						const a = (fp + code[pc + 2]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						const lo = (i32[a] >>> 0) + (code[pc + 3] >>> 0);
						i32[d + 1] = i32[a + 1] + code[pc + 4] + (lo > 0xffffffff ? 1 : 0);
						i32[d] = lo;
						pc += 5;
						break;
					}
					case 0x283: // IMM + 0x83
					case 0x284: // IMM + 0x84
					case 0x285: {
						// IMM + 0x85
						const a = (fp + code[pc + 2]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						const op = code[pc];
						i32[d] = op === IMM + 0x83 ? i32[a] & code[pc + 3] : op === IMM + 0x84 ? i32[a] | code[pc + 3] : i32[a] ^ code[pc + 3];
						i32[d + 1] = op === IMM + 0x83 ? i32[a + 1] & code[pc + 4] : op === IMM + 0x84 ? i32[a + 1] | code[pc + 4] : i32[a + 1] ^ code[pc + 4];
						pc += 5;
						break;
					}
					case 0x286: // IMM + 0x86
					case 0x287: // IMM + 0x87
					case 0x288: {
						// IMM + 0x88
						const a = (fp + code[pc + 2]) << 1;
						const op = code[pc];
						if (op === IMM + 0x86) shl64(i32[a], i32[a + 1], code[pc + 3]);
						else if (op === IMM + 0x87) shrS64(i32[a], i32[a + 1], code[pc + 3]);
						else shrU64(i32[a], i32[a + 1], code[pc + 3]);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = OUT[0];
						i32[d + 1] = OUT[1];
						pc += 5;
						break;
					}
					case 0x336: // STORE_IMM + 0x36
						mem.setInt32(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), code[pc + 2], true);
						pc += 4;
						break;
					case 0x33a: // STORE_IMM + 0x3a
						mem.setInt8(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), code[pc + 2]);
						pc += 4;
						break;
					case 0x33b: // STORE_IMM + 0x3b
						mem.setInt16(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), code[pc + 2], true);
						pc += 4;
						break;
					case 0x102: {
						// Op.COPY
						const d = (fp + code[pc + 1]) << 1;
						const s = (fp + code[pc + 2]) << 1;
						i32[d] = i32[s];
						i32[d + 1] = i32[s + 1];
						pc += 3;
						break;
					}
					case 0x103: // Op.CONST32
						i32[(fp + code[pc + 1]) << 1] = code[pc + 2];
						pc += 3;
						break;
					case 0x104: {
						// Op.CONST64
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = code[pc + 2];
						i32[d + 1] = code[pc + 3];
						pc += 4;
						break;
					}
					case 0x105: // Op.BR
						pc = code[pc + 1];
						break;
					case 0x106: // Op.BR_IF
						pc = i32[(fp + code[pc + 1]) << 1] !== 0 ? code[pc + 2] : pc + 3;
						break;
					case 0x107: // Op.BR_UNLESS
						pc = i32[(fp + code[pc + 1]) << 1] === 0 ? code[pc + 2] : pc + 3;
						break;
					case 0x108: {
						// Op.BR_TABLE
						const index = i32[(fp + code[pc + 1]) << 1] >>> 0;
						const n = code[pc + 2];
						pc = code[pc + 3 + (index < n ? index : n)];
						break;
					}
					case 0x109: {
						// Op.COPY_N
						const d = (fp + code[pc + 1]) << 1;
						const s = (fp + code[pc + 2]) << 1;
						const n = code[pc + 3] << 1;
						for (let k = 0; k < n; k++) i32[d + k] = i32[s + k];
						pc += 4;
						break;
					}
					case 0x10a: {
						// Op.CALL
						const index = code[pc + 1];
						if (index < imported) {
							this.depth = depth;
							const out = this.callSlow(inst.funcs[index], fp, func, inst, code[pc + 2], pc + 3, budget - fuel);
							if (out !== null) return out;
							({pc, fp, func, depth, frames} = this);
							if (this.inst !== inst) {
								inst = this.inst!;
								code = inst.compiled.code;
								funcs = inst.compiled.funcs;
								imported = inst.module.importedFuncCount;
							}
							mem = inst.memories.length > 0 ? inst.memories[0].view : EMPTY_VIEW;
							acc = inst.memories.length > 0 ? inst.memories[0].access : null;
							i32 = this.i32;
							f32 = this.f32;
							f64 = this.f64;
							break;
						}
						// A call within the instance: push a frame, the arguments become the callee's first locals.
						const callee = funcs[index - imported];
						if (depth >= maxDepth) throw new Trap('call stack exhausted');
						const newFp = fp + code[pc + 2];
						if ((newFp + callee.frameSize) << 1 > i32.length) {
							if (!this.ensureSlots(newFp + callee.frameSize)) throw new Trap('call stack exhausted');
							i32 = this.i32;
							f32 = this.f32;
							f64 = this.f64;
						}
						const at = depth * FRAME_WORDS;
						if (at + FRAME_WORDS > frames.length) frames = this.growFrames();
						frames[at] = pc + 3;
						frames[at + 1] = fp;
						frames[at + 2] = func;
						frames[at + 3] = inst.id;
						depth++;
						fp = newFp;
						for (let k = (fp + callee.params) << 1, end = (fp + callee.locals) << 1; k < end; k++) i32[k] = 0;
						func = callee.index;
						// Charge the callee's entry block here rather than in a FUEL dispatch of its own.
						if (fuel >= callee.entryFuel && prof === null) {
							fuel -= callee.entryFuel;
							const hot = callee.hot;
							if (hot !== null) {
								// Function tier: the call runs in generated code (tier/functions.ts), and callers it returns to too.
								runHot(inst, callee.index, hot, 0, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth);
								fuel -= FN_OUT[4];
								pc = FN_OUT[0];
								fp = FN_OUT[1];
								func = FN_OUT[2];
								depth = FN_OUT[3];
								break;
							}
							pc = callee.body;
							if (callee.countdown > 0 && --callee.countdown === 0) inst.compiled.functions!.compile(inst.compiled, callee);
						} else {
							pc = callee.entry;
						}
						break;
					}
					case 0x10b: {
						// Op.CALL_INDIRECT
						const table = inst.tables[code[pc + 2]];
						const at = i32[(fp + code[pc + 4]) << 1] >>> 0;
						if (at >= table.size) throw new Trap('undefined element', `undefined element: index ${at} is outside the table (size ${table.size})`);
						const handle = table.elements[at];
						if (handle === 0) throw new Trap('uninitialized element', `uninitialized element ${at}`);
						const target = this.store.funcs[handle]!;
						if (target.typeId !== inst.typeIds[code[pc + 1]]) throw new Trap('indirect call type mismatch');
						this.depth = depth;
						const out = this.callSlow(target, fp, func, inst, code[pc + 3], pc + 5, budget - fuel);
						if (out !== null) return out;
						({pc, fp, func, depth, frames} = this);
						if (this.inst !== inst) {
							inst = this.inst!;
							code = inst.compiled.code;
							funcs = inst.compiled.funcs;
							imported = inst.module.importedFuncCount;
						}
						mem = inst.memories.length > 0 ? inst.memories[0].view : EMPTY_VIEW;
						acc = inst.memories.length > 0 ? inst.memories[0].access : null;
						i32 = this.i32;
						f32 = this.f32;
						f64 = this.f64;
						break;
					}
					case 0x10c: {
						// Op.RETURN
						const s = (fp + code[pc + 1]) << 1;
						const n = code[pc + 2];
						const d = fp << 1;
						if (n === 1) {
							i32[d] = i32[s];
							i32[d + 1] = i32[s + 1];
						} else for (let k = 0; k < n << 1; k++) i32[d + k] = i32[s + k];
						if (depth === 0) {
							this.depth = depth;
							this.stopAt(pc, fp, func, inst, budget - fuel);
							return this.finish(this.readResults(fp));
						}
						const at = --depth * FRAME_WORDS;
						pc = frames[at];
						fp = frames[at + 1];
						func = frames[at + 2];
						if (frames[at + 3] !== inst.id) {
							inst = this.store.instances[frames[at + 3]];
							code = inst.compiled.code;
							funcs = inst.compiled.funcs;
							imported = inst.module.importedFuncCount;
							mem = inst.memories.length > 0 ? inst.memories[0].view : EMPTY_VIEW;
							acc = inst.memories.length > 0 ? inst.memories[0].access : null;
						}
						// In fast code the caller continues with a FUEL op: charge it here.
						if (code[pc] === 0x100 && fuel >= code[pc + 1] && prof === null) {
							fuel -= code[pc + 1];
							pc = code[pc + 3];
							// The caller is a function the function tier has translated: go on in its code.
							if (funcs[func - imported].hot !== null && resumeHot(inst, func, pc, i32, f32, f64, mem, acc, fp, fuel, depth, frames, maxDepth)) {
								fuel -= FN_OUT[4];
								pc = FN_OUT[0];
								fp = FN_OUT[1];
								func = FN_OUT[2];
								depth = FN_OUT[3];
							}
						}
						break;
					}
					case 0x10d: {
						// Op.SELECT
						const d = (fp + code[pc + 1]) << 1;
						const s = i32[(fp + code[pc + 4]) << 1] !== 0 ? (fp + code[pc + 2]) << 1 : (fp + code[pc + 3]) << 1;
						i32[d] = i32[s];
						i32[d + 1] = i32[s + 1];
						pc += 5;
						break;
					}
					case 0x10e: // Op.UNREACHABLE
						throw new Trap('unreachable', 'unreachable executed');
					case 0x10f: {
						// Op.GLOBAL_GET
						const cell = inst.globals[code[pc + 2]].cell;
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = cell[0];
						i32[d + 1] = cell[1];
						pc += 3;
						break;
					}
					case 0x110: {
						// Op.GLOBAL_SET
						const cell = inst.globals[code[pc + 1]].cell;
						const s = (fp + code[pc + 2]) << 1;
						cell[0] = i32[s];
						cell[1] = i32[s + 1];
						pc += 3;
						break;
					}
					case 0x111: // Op.MEMORY_SIZE
						i32[(fp + code[pc + 1]) << 1] = inst.memories[0].pages;
						pc += 2;
						break;
					case 0x112: {
						// Op.MEMORY_GROW
						const memory = inst.memories[0];
						i32[(fp + code[pc + 1]) << 1] = memory.grow(i32[(fp + code[pc + 2]) << 1] >>> 0);
						mem = memory.view;
						acc = memory.access;
						pc += 3;
						break;
					}
					case 0x113: // Op.REF_NULL
						i32[(fp + code[pc + 1]) << 1] = 0;
						pc += 2;
						break;
					case 0x114: // Op.REF_IS_NULL
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] === 0 ? 1 : 0;
						pc += 3;
						break;
					case 0x115: // Op.REF_FUNC
						i32[(fp + code[pc + 1]) << 1] = inst.funcs[code[pc + 2]].handle;
						pc += 3;
						break;
					case 0x116: {
						// Op.TABLE_GET
						const table = inst.tables[code[pc + 2]];
						const at = i32[(fp + code[pc + 3]) << 1] >>> 0;
						if (at >= table.size) throw new Trap('out of bounds table access', `out of bounds table access: index ${at}, table size ${table.size}`);
						i32[(fp + code[pc + 1]) << 1] = table.elements[at];
						pc += 4;
						break;
					}
					case 0x117: {
						// Op.TABLE_SET
						const table = inst.tables[code[pc + 1]];
						const at = i32[(fp + code[pc + 2]) << 1] >>> 0;
						if (at >= table.size) throw new Trap('out of bounds table access', `out of bounds table access: index ${at}, table size ${table.size}`);
						table.elements[at] = i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					}
					case 0x118: // Op.TABLE_SIZE
						i32[(fp + code[pc + 1]) << 1] = inst.tables[code[pc + 2]].size;
						pc += 3;
						break;
					case 0x119: {
						// Op.TABLE_GROW
						const table = inst.tables[code[pc + 2]];
						i32[(fp + code[pc + 1]) << 1] = table.grow(i32[(fp + code[pc + 4]) << 1] >>> 0, i32[(fp + code[pc + 3]) << 1]);
						pc += 5;
						break;
					}
					case 0x11d: // Op.ELEM_DROP
						inst.elems[code[pc + 1]] = null;
						pc += 2;
						break;
					case 0x11f: // Op.DATA_DROP
						inst.datas[code[pc + 1]] = null;
						pc += 2;
						break;
					case 0x121: // Op.MEMORY_FILL
					case 0x120: // Op.MEMORY_COPY
					case 0x11e: // Op.MEMORY_INIT
					case 0x11a: // Op.TABLE_FILL
					case 0x11b: // Op.TABLE_COPY
					case 0x11c: {
						// Op.TABLE_INIT
						// Bulk work: bounds first, then as many 64-unit chunks as the fuel pays for.
						const left = bulk(inst, code, pc, i32, fp, fuel);
						if (left < 0) {
							this.midInstr = true;
							this.depth = depth;
							this.stopAt(pc, fp, func, inst, budget);
							return BUDGET;
						}
						fuel = left;
						pc += bulkSize(code[pc]);
						break;
					}

					// ---- loads and stores -------------------------------------------------
					case 0x28:
						i32[(fp + code[pc + 1]) << 1] = mem.getInt32(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ), true);
						pc += 4;
						break;
					case 0x29:
					case 0x2b: {
						const ea = touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ);
						const d = (fp + code[pc + 1]) << 1;
						i32[d + 1] = mem.getInt32(ea + 4, true);
						i32[d] = mem.getInt32(ea, true);
						pc += 4;
						break;
					}
					case 0x2a:
						i32[(fp + code[pc + 1]) << 1] = mem.getInt32(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ), true);
						pc += 4;
						break;
					case 0x2c:
						i32[(fp + code[pc + 1]) << 1] = mem.getInt8(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ));
						pc += 4;
						break;
					case 0x2d:
						i32[(fp + code[pc + 1]) << 1] = mem.getUint8(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ));
						pc += 4;
						break;
					case 0x2e:
						i32[(fp + code[pc + 1]) << 1] = mem.getInt16(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ), true);
						pc += 4;
						break;
					case 0x2f:
						i32[(fp + code[pc + 1]) << 1] = mem.getUint16(touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ), true);
						pc += 4;
						break;
					case 0x30:
					case 0x32:
					case 0x34: {
						const ea = touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ);
						const op = code[pc];
						const v = op === 0x30 ? mem.getInt8(ea) : op === 0x32 ? mem.getInt16(ea, true) : mem.getInt32(ea, true);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = v;
						i32[d + 1] = v >> 31;
						pc += 4;
						break;
					}
					case 0x31:
					case 0x33:
					case 0x35: {
						const ea = touch(acc, (i32[(fp + code[pc + 2]) << 1] >>> 0) + (code[pc + 3] >>> 0), READ);
						const op = code[pc];
						const v = op === 0x31 ? mem.getUint8(ea) : op === 0x33 ? mem.getUint16(ea, true) : mem.getInt32(ea, true);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = v;
						i32[d + 1] = 0;
						pc += 4;
						break;
					}
					case 0x36:
					case 0x38:
					case 0x3e:
						mem.setInt32(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), i32[(fp + code[pc + 2]) << 1], true);
						pc += 4;
						break;
					case 0x37:
					case 0x39: {
						// The high word first: if it is out of bounds nothing has been written.
						const ea = touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN);
						const s = (fp + code[pc + 2]) << 1;
						mem.setInt32(ea + 4, i32[s + 1], true);
						mem.setInt32(ea, i32[s], true);
						pc += 4;
						break;
					}
					case 0x3a:
					case 0x3c:
						mem.setInt8(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), i32[(fp + code[pc + 2]) << 1]);
						pc += 4;
						break;
					case 0x3b:
					case 0x3d:
						mem.setInt16(touch(acc, (i32[(fp + code[pc + 1]) << 1] >>> 0) + (code[pc + 3] >>> 0), WRITTEN), i32[(fp + code[pc + 2]) << 1], true);
						pc += 4;
						break;

					// ---- i32 -------------------------------------------------------------
					case 0x45:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] === 0 ? 1 : 0;
						pc += 3;
						break;
					case 0x46:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] === i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x47:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] !== i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x48:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] < i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x49:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 < i32[(fp + code[pc + 3]) << 1] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x4a:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] > i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x4b:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 > i32[(fp + code[pc + 3]) << 1] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x4c:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] <= i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x4d:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 <= i32[(fp + code[pc + 3]) << 1] >>> 0 ? 1 : 0;
						pc += 4;
						break;
					case 0x4e:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >= i32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x4f:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0 >= i32[(fp + code[pc + 3]) << 1] >>> 0 ? 1 : 0;
						pc += 4;
						break;

					// ---- i64 comparisons ---------------------------------------------------
					case 0x50: {
						const a = (fp + code[pc + 2]) << 1;
						i32[(fp + code[pc + 1]) << 1] = (i32[a] | i32[a + 1]) === 0 ? 1 : 0;
						pc += 3;
						break;
					}
					case 0x51:
					case 0x52: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const eq = i32[a] === i32[b] && i32[a + 1] === i32[b + 1];
						i32[(fp + code[pc + 1]) << 1] = eq === (code[pc] === 0x51) ? 1 : 0;
						pc += 4;
						break;
					}
					case 0x53:
					case 0x54:
					case 0x55:
					case 0x56:
					case 0x57:
					case 0x58:
					case 0x59:
					case 0x5a: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const op = code[pc];
						const signed = (op & 1) === 1;
						const ah = signed ? i32[a + 1] : i32[a + 1] >>> 0;
						const bh = signed ? i32[b + 1] : i32[b + 1] >>> 0;
						// -1, 0 or 1 as a compares to b
						const cmp = ah !== bh ? (ah < bh ? -1 : 1) : i32[a] === i32[b] ? 0 : i32[a] >>> 0 < i32[b] >>> 0 ? -1 : 1;
						const r = op <= 0x54 ? cmp < 0 : op <= 0x56 ? cmp > 0 : op <= 0x58 ? cmp <= 0 : cmp >= 0;
						i32[(fp + code[pc + 1]) << 1] = r ? 1 : 0;
						pc += 4;
						break;
					}

					// ---- f32 / f64 comparisons ----------------------------------------------
					case 0x5b:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] === f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x5c:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] !== f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x5d:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] < f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x5e:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] > f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x5f:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] <= f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x60:
						i32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] >= f32[(fp + code[pc + 3]) << 1] ? 1 : 0;
						pc += 4;
						break;
					case 0x61:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] === f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;
					case 0x62:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] !== f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;
					case 0x63:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] < f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;
					case 0x64:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] > f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;
					case 0x65:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] <= f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;
					case 0x66:
						i32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]] >= f64[fp + code[pc + 3]] ? 1 : 0;
						pc += 4;
						break;

					// ---- i32 arithmetic -------------------------------------------------------
					case 0x67:
						i32[(fp + code[pc + 1]) << 1] = Math.clz32(i32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x68:
						i32[(fp + code[pc + 1]) << 1] = ctz32(i32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x69:
						i32[(fp + code[pc + 1]) << 1] = popcnt32(i32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x6a:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] + i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x6b:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] - i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x6c:
						i32[(fp + code[pc + 1]) << 1] = Math.imul(i32[(fp + code[pc + 2]) << 1], i32[(fp + code[pc + 3]) << 1]);
						pc += 4;
						break;
					case 0x6d: {
						const a = i32[(fp + code[pc + 2]) << 1];
						const b = i32[(fp + code[pc + 3]) << 1];
						if (b === 0) throw new Trap('integer divide by zero');
						if (a === -0x80000000 && b === -1) throw new Trap('integer overflow');
						i32[(fp + code[pc + 1]) << 1] = (a / b) | 0;
						pc += 4;
						break;
					}
					case 0x6e: {
						const b = i32[(fp + code[pc + 3]) << 1] >>> 0;
						if (b === 0) throw new Trap('integer divide by zero');
						i32[(fp + code[pc + 1]) << 1] = (i32[(fp + code[pc + 2]) << 1] >>> 0) / b;
						pc += 4;
						break;
					}
					case 0x6f: {
						const b = i32[(fp + code[pc + 3]) << 1];
						if (b === 0) throw new Trap('integer divide by zero');
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] % b;
						pc += 4;
						break;
					}
					case 0x70: {
						const b = i32[(fp + code[pc + 3]) << 1] >>> 0;
						if (b === 0) throw new Trap('integer divide by zero');
						i32[(fp + code[pc + 1]) << 1] = (i32[(fp + code[pc + 2]) << 1] >>> 0) % b;
						pc += 4;
						break;
					}
					case 0x71:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] & i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x72:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] | i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x73:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] ^ i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x74:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] << i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x75:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >> i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x76:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> i32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x77: {
						const a = i32[(fp + code[pc + 2]) << 1];
						const n = i32[(fp + code[pc + 3]) << 1] & 31;
						i32[(fp + code[pc + 1]) << 1] = (a << n) | (a >>> ((32 - n) & 31));
						pc += 4;
						break;
					}
					case 0x78: {
						const a = i32[(fp + code[pc + 2]) << 1];
						const n = i32[(fp + code[pc + 3]) << 1] & 31;
						i32[(fp + code[pc + 1]) << 1] = (a >>> n) | (a << ((32 - n) & 31));
						pc += 4;
						break;
					}

					// ---- i64 arithmetic (two halves) -------------------------------------------
					case 0x79:
					case 0x7a: {
						const a = (fp + code[pc + 2]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = code[pc] === 0x79 ? clz64(i32[a], i32[a + 1]) : ctz64(i32[a], i32[a + 1]);
						i32[d + 1] = 0;
						pc += 3;
						break;
					}
					case 0x7b: {
						const a = (fp + code[pc + 2]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = popcnt32(i32[a]) + popcnt32(i32[a + 1]);
						i32[d + 1] = 0;
						pc += 3;
						break;
					}
					case 0x7c: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						const lo = (i32[a] >>> 0) + (i32[b] >>> 0);
						i32[d + 1] = i32[a + 1] + i32[b + 1] + (lo > 0xffffffff ? 1 : 0);
						i32[d] = lo;
						pc += 4;
						break;
					}
					case 0x7d: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						const lo = (i32[a] >>> 0) - (i32[b] >>> 0);
						i32[d + 1] = i32[a + 1] - i32[b + 1] - (lo < 0 ? 1 : 0);
						i32[d] = lo;
						pc += 4;
						break;
					}
					case 0x7e:
					case 0x7f:
					case 0x80:
					case 0x81:
					case 0x82: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const op = code[pc];
						const al = i32[a], ah = i32[a + 1], bl = i32[b], bh = i32[b + 1];
						if (op === 0x7e) mul64(al, ah, bl, bh);
						else if (op === 0x7f) divS64(al, ah, bl, bh);
						else if (op === 0x80) divU64(al, ah, bl, bh);
						else if (op === 0x81) remS64(al, ah, bl, bh);
						else remU64(al, ah, bl, bh);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = OUT[0];
						i32[d + 1] = OUT[1];
						pc += 4;
						break;
					}
					case 0x83:
					case 0x84:
					case 0x85: {
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						const d = (fp + code[pc + 1]) << 1;
						const op = code[pc];
						const lo = op === 0x83 ? i32[a] & i32[b] : op === 0x84 ? i32[a] | i32[b] : i32[a] ^ i32[b];
						const hi = op === 0x83 ? i32[a + 1] & i32[b + 1] : op === 0x84 ? i32[a + 1] | i32[b + 1] : i32[a + 1] ^ i32[b + 1];
						i32[d] = lo;
						i32[d + 1] = hi;
						pc += 4;
						break;
					}
					case 0x86:
					case 0x87:
					case 0x88:
					case 0x89:
					case 0x8a: {
						const a = (fp + code[pc + 2]) << 1;
						const n = i32[(fp + code[pc + 3]) << 1];
						const op = code[pc];
						if (op === 0x86) shl64(i32[a], i32[a + 1], n);
						else if (op === 0x87) shrS64(i32[a], i32[a + 1], n);
						else if (op === 0x88) shrU64(i32[a], i32[a + 1], n);
						else if (op === 0x89) rotl64(i32[a], i32[a + 1], n);
						else rotr64(i32[a], i32[a + 1], n);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = OUT[0];
						i32[d + 1] = OUT[1];
						pc += 4;
						break;
					}

					// ---- f32 arithmetic ---------------------------------------------------------
					case 0x8b:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] & 0x7fffffff;
						pc += 3;
						break;
					case 0x8c:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] ^ -0x80000000;
						pc += 3;
						break;
					case 0x8d:
						f32[(fp + code[pc + 1]) << 1] = Math.ceil(f32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x8e:
						f32[(fp + code[pc + 1]) << 1] = Math.floor(f32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x8f:
						f32[(fp + code[pc + 1]) << 1] = Math.trunc(f32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x90:
						f32[(fp + code[pc + 1]) << 1] = nearest(f32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x91:
						f32[(fp + code[pc + 1]) << 1] = Math.sqrt(f32[(fp + code[pc + 2]) << 1]);
						pc += 3;
						break;
					case 0x92:
						f32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] + f32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x93:
						f32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] - f32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x94:
						f32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] * f32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x95:
						f32[(fp + code[pc + 1]) << 1] = f32[(fp + code[pc + 2]) << 1] / f32[(fp + code[pc + 3]) << 1];
						pc += 4;
						break;
					case 0x96:
						f32[(fp + code[pc + 1]) << 1] = Math.min(f32[(fp + code[pc + 2]) << 1], f32[(fp + code[pc + 3]) << 1]);
						pc += 4;
						break;
					case 0x97:
						f32[(fp + code[pc + 1]) << 1] = Math.max(f32[(fp + code[pc + 2]) << 1], f32[(fp + code[pc + 3]) << 1]);
						pc += 4;
						break;
					case 0x98:
						i32[(fp + code[pc + 1]) << 1] = (i32[(fp + code[pc + 2]) << 1] & 0x7fffffff) | (i32[(fp + code[pc + 3]) << 1] & -0x80000000);
						pc += 4;
						break;

					// ---- f64 arithmetic ---------------------------------------------------------
					case 0x99: {
						const d = (fp + code[pc + 1]) << 1;
						const a = (fp + code[pc + 2]) << 1;
						i32[d] = i32[a];
						i32[d + 1] = i32[a + 1] & 0x7fffffff;
						pc += 3;
						break;
					}
					case 0x9a: {
						const d = (fp + code[pc + 1]) << 1;
						const a = (fp + code[pc + 2]) << 1;
						i32[d] = i32[a];
						i32[d + 1] = i32[a + 1] ^ -0x80000000;
						pc += 3;
						break;
					}
					case 0x9b:
						f64[fp + code[pc + 1]] = Math.ceil(f64[fp + code[pc + 2]]);
						quietNaN(i32, fp + code[pc + 1]);
						pc += 3;
						break;
					case 0x9c:
						f64[fp + code[pc + 1]] = Math.floor(f64[fp + code[pc + 2]]);
						quietNaN(i32, fp + code[pc + 1]);
						pc += 3;
						break;
					case 0x9d:
						f64[fp + code[pc + 1]] = Math.trunc(f64[fp + code[pc + 2]]);
						quietNaN(i32, fp + code[pc + 1]);
						pc += 3;
						break;
					case 0x9e:
						f64[fp + code[pc + 1]] = nearest(f64[fp + code[pc + 2]]);
						quietNaN(i32, fp + code[pc + 1]);
						pc += 3;
						break;
					case 0x9f:
						f64[fp + code[pc + 1]] = Math.sqrt(f64[fp + code[pc + 2]]);
						pc += 3;
						break;
					case 0xa0:
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] + f64[fp + code[pc + 3]];
						pc += 4;
						break;
					case 0xa1:
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] - f64[fp + code[pc + 3]];
						pc += 4;
						break;
					case 0xa2:
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] * f64[fp + code[pc + 3]];
						pc += 4;
						break;
					case 0xa3:
						f64[fp + code[pc + 1]] = f64[fp + code[pc + 2]] / f64[fp + code[pc + 3]];
						pc += 4;
						break;
					case 0xa4:
						f64[fp + code[pc + 1]] = Math.min(f64[fp + code[pc + 2]], f64[fp + code[pc + 3]]);
						pc += 4;
						break;
					case 0xa5:
						f64[fp + code[pc + 1]] = Math.max(f64[fp + code[pc + 2]], f64[fp + code[pc + 3]]);
						pc += 4;
						break;
					case 0xa6: {
						const d = (fp + code[pc + 1]) << 1;
						const a = (fp + code[pc + 2]) << 1;
						const b = (fp + code[pc + 3]) << 1;
						i32[d] = i32[a];
						i32[d + 1] = (i32[a + 1] & 0x7fffffff) | (i32[b + 1] & -0x80000000);
						pc += 4;
						break;
					}

					// ---- conversions --------------------------------------------------------
					case 0xa7:
					case 0xbc:
					case 0xbe:
						i32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1];
						pc += 3;
						break;
					case 0xbd:
					case 0xbf: {
						const d = (fp + code[pc + 1]) << 1;
						const a = (fp + code[pc + 2]) << 1;
						i32[d] = i32[a];
						i32[d + 1] = i32[a + 1];
						pc += 3;
						break;
					}
					case 0xa8:
						i32[(fp + code[pc + 1]) << 1] = checkTrunc(f32[(fp + code[pc + 2]) << 1], -2147483649, 2147483648);
						pc += 3;
						break;
					case 0xa9:
						i32[(fp + code[pc + 1]) << 1] = checkTrunc(f32[(fp + code[pc + 2]) << 1], -1, 4294967296);
						pc += 3;
						break;
					case 0xaa:
						i32[(fp + code[pc + 1]) << 1] = checkTrunc(f64[fp + code[pc + 2]], -2147483649, 2147483648);
						pc += 3;
						break;
					case 0xab:
						i32[(fp + code[pc + 1]) << 1] = checkTrunc(f64[fp + code[pc + 2]], -1, 4294967296);
						pc += 3;
						break;
					case 0xac:
					case 0xc4: {
						const d = (fp + code[pc + 1]) << 1;
						const v = i32[(fp + code[pc + 2]) << 1];
						i32[d] = v;
						i32[d + 1] = v >> 31;
						pc += 3;
						break;
					}
					case 0xad: {
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = i32[(fp + code[pc + 2]) << 1];
						i32[d + 1] = 0;
						pc += 3;
						break;
					}
					case 0xae:
					case 0xaf:
					case 0xb0:
					case 0xb1: {
						const op = code[pc];
						const v = op <= 0xaf ? f32[(fp + code[pc + 2]) << 1] : f64[fp + code[pc + 2]];
						const signed = op === 0xae || op === 0xb0;
						writeI64FromDouble(signed ? checkTrunc(v, -9223372036854777856, 9223372036854775808) : checkTrunc(v, -1, 18446744073709551616));
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = OUT[0];
						i32[d + 1] = OUT[1];
						pc += 3;
						break;
					}
					case 0xb2:
						f32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1];
						pc += 3;
						break;
					case 0xb3:
						f32[(fp + code[pc + 1]) << 1] = i32[(fp + code[pc + 2]) << 1] >>> 0;
						pc += 3;
						break;
					case 0xb4:
					case 0xb5: {
						const a = (fp + code[pc + 2]) << 1;
						f32[(fp + code[pc + 1]) << 1] = i64ToF32(i32[a], i32[a + 1], code[pc] === 0xb4);
						pc += 3;
						break;
					}
					case 0xb6:
						f32[(fp + code[pc + 1]) << 1] = f64[fp + code[pc + 2]];
						pc += 3;
						break;
					case 0xb7:
						f64[fp + code[pc + 1]] = i32[(fp + code[pc + 2]) << 1];
						pc += 3;
						break;
					case 0xb8:
						f64[fp + code[pc + 1]] = i32[(fp + code[pc + 2]) << 1] >>> 0;
						pc += 3;
						break;
					case 0xb9:
					case 0xba: {
						const a = (fp + code[pc + 2]) << 1;
						f64[fp + code[pc + 1]] = i64ToF64(i32[a], i32[a + 1], code[pc] === 0xb9);
						pc += 3;
						break;
					}
					case 0xbb:
						f64[fp + code[pc + 1]] = f32[(fp + code[pc + 2]) << 1];
						pc += 3;
						break;
					case 0xc0:
						i32[(fp + code[pc + 1]) << 1] = (i32[(fp + code[pc + 2]) << 1] << 24) >> 24;
						pc += 3;
						break;
					case 0xc1:
						i32[(fp + code[pc + 1]) << 1] = (i32[(fp + code[pc + 2]) << 1] << 16) >> 16;
						pc += 3;
						break;
					case 0xc2:
					case 0xc3: {
						const d = (fp + code[pc + 1]) << 1;
						const a = i32[(fp + code[pc + 2]) << 1];
						const v = code[pc] === 0xc2 ? (a << 24) >> 24 : (a << 16) >> 16;
						i32[d] = v;
						i32[d + 1] = v >> 31;
						pc += 3;
						break;
					}
					case 0xe0: // SAT_BASE
					case 0xe1: // SAT_BASE + 1
					case 0xe2: // SAT_BASE + 2
					case 0xe3: {
						// SAT_BASE + 3
						const op = code[pc] - SAT_BASE;
						const v = op < 2 ? f32[(fp + code[pc + 2]) << 1] : f64[fp + code[pc + 2]];
						i32[(fp + code[pc + 1]) << 1] = truncSat32(v, (op & 1) === 0);
						pc += 3;
						break;
					}
					case 0xe4: // SAT_BASE + 4
					case 0xe5: // SAT_BASE + 5
					case 0xe6: // SAT_BASE + 6
					case 0xe7: {
						// SAT_BASE + 7
						const op = code[pc] - SAT_BASE;
						const v = op < 6 ? f32[(fp + code[pc + 2]) << 1] : f64[fp + code[pc + 2]];
						truncSat64(v, (op & 1) === 0);
						const d = (fp + code[pc + 1]) << 1;
						i32[d] = OUT[0];
						i32[d + 1] = OUT[1];
						pc += 3;
						break;
					}
					default:
						throw new Error(`interpreter: unknown IR op ${code[pc]} at ${pc}`);
				}
			}
		} catch (error) {
			const trap = error instanceof Trap ? error : error instanceof RangeError ? new Trap('out of bounds memory access') : null;
			if (trap === null) throw error;
			// Fast code charged the whole block: give back what the trapping instruction did not reach.
			fuel += unexecuted(inst, func, pc);
			this.depth = depth;
			this.stopAt(pc, fp, func, inst, budget - fuel);
			trap.trace = this.traceAt(pc);
			return this.trapped(trap);
		}
	}
}

/** Length in words of a bulk op (the op and its operands). */
function bulkSize(op: number): number {
	switch (op) {
		case 0x121: // Op.MEMORY_FILL
		case 0x120: // Op.MEMORY_COPY
			return 4;
		case 0x11e: // Op.MEMORY_INIT
		case 0x11a: // Op.TABLE_FILL
			return 5;
		default:
			return 6;
	}
}

/**
 * Math.ceil and friends pass a signalling NaN through unchanged, but the spec wants an arithmetic
 * (quiet) NaN from them: set the quiet bit of an f64 NaN in `slot`.
 */
function quietNaN(i32: Int32Array, slot: number): void {
	const hi = i32[(slot << 1) + 1];
	if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | i32[slot << 1]) !== 0) i32[(slot << 1) + 1] = hi | 0x80000;
}

/**
 * What a trap at pc gives back: fast code charges a whole block when it enters it, so the block's
 * instructions after the trapping one were paid for and not executed; precise code charges one at a
 * time. The block is the one that runs from the last FUEL op before pc in the function's fast code
 * (entered there or at a label inside it, its stub charging from the label to the same end).
 */
function unexecuted(inst: Instance, func: number, pc: number): number {
	const cf = compiledFunc(inst, func);
	if (pc < cf.entry || pc >= cf.fastEnd) return 0;
	const code = inst.compiled.code;
	let block = -1;
	for (let p = cf.entry; p < pc; ) {
		if (code[p] === 0x100) block = p;
		const n = opLength(code, p);
		if (n <= 0) throw new Error(`interpreter: unknown IR op ${code[p]} at ${p}`);
		p += n;
	}
	if (block < 0) return 0;
	const opInstr = inst.compiled.opInstr;
	return code[block + 1] - (opInstr[pc] - opInstr[block] + 1);
}

function countInstruction(profile: Map<number, Float64Array>, inst: Instance, func: number): void {
	let counts = profile.get(inst.id);
	if (counts === undefined) {
		counts = new Float64Array(inst.funcs.length);
		profile.set(inst.id, counts);
	}
	counts[func]++;
}

/** Marks the 4 KiB page of `ea` in the access map (when tracking) and passes `ea` through. */
function touch(acc: Uint8Array | null, ea: number, bit: number): number {
	if (acc !== null) acc[ea >>> PAGE_SHIFT] |= bit;
	return ea;
}

function markPages(access: Uint8Array, from: number, count: number, bit: number): void {
	for (let p = from >>> PAGE_SHIFT; p <= (from + count - 1) >>> PAGE_SHIFT; p++) access[p] |= bit;
}

/** Byte offset of instruction `index` of wasm function `func`. */
export function instrOffset(inst: Instance, func: number, index: number): number {
	return inst.module.funcs[func - inst.module.importedFuncCount].body.instrs[index].pos;
}

export function compiledFunc(inst: Instance, index: number): CompiledFunc {
	return inst.compiled.funcs[index - inst.module.importedFuncCount];
}

/**
 * Runs (part of) a bulk memory/table op at pc. Returns the fuel left, or -1 when the fuel ran out
 * first: then the op's operand slots have been advanced past the work done, and running the same op
 * again finishes it. Costs one (already charged by the block) plus one per BULK_UNIT units.
 */
function bulk(inst: Instance, code: Int32Array, pc: number, i32: Int32Array, fp: number, fuel: number): number {
	const op = code[pc];
	const slot = (k: number) => (fp + code[pc + k]) << 1;
	const isTable = op === Op.TABLE_FILL || op === Op.TABLE_COPY || op === Op.TABLE_INIT;
	// Operand layout: [op, (table|data|elem...)*, dst, src|value, count]
	const first = op === Op.MEMORY_FILL || op === Op.MEMORY_COPY ? 1 : op === Op.MEMORY_INIT || op === Op.TABLE_FILL ? 2 : 3;
	const ds = slot(first);
	const ss = slot(first + 1);
	const ns = slot(first + 2);
	const d = i32[ds] >>> 0;
	const s = i32[ss] >>> 0;
	const n = i32[ns] >>> 0;
	let limitD: number;
	let limitS = Infinity;
	if (isTable) {
		const table = inst.tables[code[pc + 1]];
		limitD = table.size;
		if (op === Op.TABLE_COPY) limitS = inst.tables[code[pc + 2]].size;
		if (op === Op.TABLE_INIT) limitS = inst.elems[code[pc + 2]]?.length ?? 0;
	} else {
		limitD = inst.memories[0].buffer.byteLength;
		if (op === Op.MEMORY_COPY) limitS = limitD;
		if (op === Op.MEMORY_INIT) limitS = inst.datas[code[pc + 1]]?.length ?? 0;
	}
	const kind = isTable ? 'out of bounds table access' : 'out of bounds memory access';
	if (d + n > limitD || (limitS !== Infinity && s + n > limitS)) throw new Trap(kind);
	const units = Math.floor(n / BULK_UNIT);
	const whole = units <= fuel;
	const count = whole ? n : fuel * BULK_UNIT;
	const backward = (op === Op.MEMORY_COPY || op === Op.TABLE_COPY) && d > s;
	// A backward copy (overlap with dst above src) does its last `count` units first.
	const at = backward ? n - count : 0;
	switch (op) {
		case 0x121: // Op.MEMORY_FILL
			inst.memories[0].bytes.fill(s & 0xff, d, d + count);
			break;
		case 0x120: // Op.MEMORY_COPY
			inst.memories[0].bytes.copyWithin(d + at, s + at, s + at + count);
			break;
		case 0x11e: // Op.MEMORY_INIT
			if (count > 0) inst.memories[0].bytes.set(inst.datas[code[pc + 1]]!.subarray(s, s + count), d);
			break;
		case 0x11a: // Op.TABLE_FILL
			inst.tables[code[pc + 1]].elements.fill(i32[ss], d, d + count);
			break;
		case 0x11b: {
						// Op.TABLE_COPY
			// TypedArray.set copies as if through a temporary, so overlap within one table is safe.
			const source = inst.tables[code[pc + 2]].elements;
			inst.tables[code[pc + 1]].elements.set(source.subarray(s + at, s + at + count), d + at);
			break;
		}
		case 0x11c: // Op.TABLE_INIT
			if (count > 0) inst.tables[code[pc + 1]].elements.set(inst.elems[code[pc + 2]]!.subarray(s, s + count), d);
			break;
	}
	const access = isTable ? null : inst.memories[0].access;
	if (access !== null && count > 0) {
		markPages(access, d + at, count, WRITTEN);
		if (op === Op.MEMORY_COPY) markPages(access, s + at, count, READ);
	}
	if (whole) return fuel - units;
	if (!backward) {
		i32[ds] = d + count;
		if (op !== Op.MEMORY_FILL && op !== Op.TABLE_FILL) i32[ss] = s + count;
	}
	i32[ns] = n - count;
	return -1;
}
