/*
 * Function tier, code generation: the fast IR of one whole wasm function (compile/ir.ts) → the
 * source of a JavaScript function that runs a call of it, op for op as the interpreter would, with
 * the loop tier's translation of every op (codegen.ts, class Gen) plus calls and returns.
 *
 *   generateFunctionSource(code, region) → {source, labels, entries} | null   (null: too big for V8 to optimise)
 *
 * The generated function (functions.ts builds it; thread.ts and other generated functions call it):
 *
 *   (fp, fuel, label, depth) → fuel left | -1     (build.ts's GeneratedCode, as loop code)
 *
 * runs a call of the function whose frame is at `fp` from `label`, `depth` frames being on the frame
 * stack: label 0 is the op after the entry FUEL op (the caller has charged the entry block and
 * pushed the frame, as the interpreter's CALL does); the others are block starts and return points
 * where the interpreter hands a call it was running back (`labels`; thread.ts). It returns the fuel left when the function returns (results in the
 * frame's first slots, as the interpreter's RETURN leaves them; the caller pops the frame). It
 * returns -1 when it left to the interpreter mid-way, with out = [pc, fp, function index, depth, fuel
 * left]: at an op that would trap, an op not translated, a call it does not make itself (codegen.ts,
 * Gen.call), or a block the fuel cannot pay. Every generated caller below it then returns -1 at
 * once: their frames are already on the frame stack, with the return positions the interpreter
 * pushes, so the interpreter goes on from `out` exactly as if it had run everything itself. Counts,
 * stop positions, traps and snapshots are the interpreter's; nothing of the tier is ever saved.
 *
 * `lim`: a call is made here only while depth < lim, the smallest of the thread's depth limit (the
 * interpreter then traps), the frame array's room (the interpreter grows it) and a bound on JavaScript
 * nesting (thread.ts), so deep wasm recursion never overflows the JavaScript stack.
 *
 * Safety: as codegen.ts, the source holds only templates and integers read from an Int32Array.
 */

import {LOOP_HEAD, opLength} from '../compile/ir.js';
import {Gen, functionHead, MAX_TIER_SOURCE, MAX_TIER_WORDS, branchTargets, edgeTail, exitTail, landing, type FunctionMode} from './codegen.js';
import {edgeLabelsOf} from './edge-source.js';

export interface FunctionRegion extends FunctionMode {
	/** The function's fast code [from, to): its entry FUEL op (if metered) to its last label or head stub. */
	readonly from: number;
	readonly to: number;
	/** Where a call enters: the first op after the entry FUEL op. */
	readonly body: number;
	readonly metered: boolean;
	/** End of its precise code (which starts at `to`), when it has slice-edge code to go on in (edge-source.ts). */
	readonly preciseTo?: number;
}

export interface FunctionSource {
	/** Body of a function of build.ts's PARAMS. */
	readonly source: string;
	/**
	 * Where the interpreter may go on in this function's generated code instead (thread.ts): for
	 * fast-code positions it is about to run with their block charged (a FUEL op's `body`) where the
	 * code has a label, the label to pass. A call enters at label 0, the body. (Code without metering
	 * never stops mid-way for the budget, and has none.)
	 */
	readonly labels: ReadonlyMap<number, number>;
	/** Every label by the fast-code position it starts at (what edge-source.ts hands over at). */
	readonly entries: ReadonlyMap<number, number>;
}

export function generateFunctionSource(code: Int32Array, region: FunctionRegion): FunctionSource | null {
	const {from, to, body, metered} = region;
	if (to - from > MAX_TIER_WORDS || body < from || body >= to) return null;
	const inside = (at: number) => at >= from && at < to;
	// Where control arrives other than by running into it: the body, where branches land, and the
	// block after each call, where the interpreter hands back a caller a callee of
	// which it ran (after a stop for the budget, or a callee not translated). Labels only there: each
	// one costs (measured: a label at every block start made fib 10% slower, sort 7%).
	const targets = new Set<number>();
	/** Each FUEL op (block start) and where it lands. */
	const blocks: Array<readonly [number, number]> = [];
	for (let pc = from, prev = -1; pc < to; ) {
		const n = opLength(code, pc);
		if (n < 0) return null;
		for (const t of branchTargets(code, pc)) {
			const {at} = landing(code, t, metered);
			if (inside(at)) targets.add(at);
		}
		if (metered && code[pc] === 0x100) {
			const {at} = landing(code, pc, true);
			if (inside(at)) {
				blocks.push([pc, at]);
				if (code[pc + 3] !== pc + 4 || (prev >= 0 && code[prev] === 0x10a)) targets.add(at);
			}
		}
		prev = pc;
		pc += n;
	}
	/** Continuation position (as the interpreter holds it: a FUEL op's body) → where it lands, for every block start that has a label. */
	const continuations = new Map<number, number>();
	for (const [t, at] of blocks) if (targets.has(at) || at === body) continuations.set(code[t + 3], at);
	// Loop heads (the interpreter passes their stub with the block charged, or without metering just
	// passes it): the loop body, a branch target.
	for (let pc = from; pc < to; pc += opLength(code, pc)) {
		if (code[pc] === LOOP_HEAD && (targets.has(code[pc + 2]) || code[pc + 2] === body)) continuations.set(pc, code[pc + 2]);
	}
	targets.delete(body);
	const labelOf = new Map<number, number>([[body, 0]]);
	for (const t of [...targets].sort((x, y) => x - y)) labelOf.set(t, labelOf.size);

	const g = new Gen(code, metered, labelOf, region);
	const edgeLabels = metered && region.preciseTo !== undefined ? edgeLabelsOf(code, to, region.preciseTo) : null;
	if (edgeLabels !== null) g.edgeLabel = (p) => edgeLabels.get(p) ?? -1;
	for (let pc = from; pc < to; pc += opLength(code, pc)) {
		const label = labelOf.get(pc);
		if (label !== undefined) g.line(`case ${label}:`);
		g.op(pc);
	}
	g.leave(to);
	const source = [
		...functionHead(g),
		// Without metering, back-edges are counted and the code returns to the interpreter now and
		// then (codegen.ts, UNMETERED_TICKS), which enters it again at the loop's head: a call that
		// loops for long then runs in the code V8 has optimised meanwhile (the process runs without OSR).
		metered ? '' : `let passes = 0;`,
		`let $x = -1;`,
		g.edgeLabel !== null ? `let $e = -1; let $q = 0;` : '',
		`e: for (;;) switch (label) {`,
		`case -1:`,
		...g.lines,
		// Not reached (labels are only ever set to cases above); a position the interpreter rejects.
		`default: out[0] = -1; return -1;`,
		`}`,
		g.edgeLabel !== null ? edgeTail(region.index - region.imported) : '',
		exitTail(region.index),
	].join('\n');
	if (source.length > MAX_TIER_SOURCE) return null;
	const labels = new Map<number, number>();
	for (const [p, at] of continuations) labels.set(p, labelOf.get(at)!);
	return {source, labels, entries: labelOf};
}
