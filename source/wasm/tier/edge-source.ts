/*
 * Function tier, slice edges: for a function the function tier has translated (function-source.ts,
 * its "main" code), a second JavaScript function that runs what the interpreter would otherwise run
 * op by op where a slice ends or starts inside the function:
 *
 *   generateEdgeSource(code, region, main) → {sources, labels} | null   (one source per part of
 *                                              256 instructions, null where a part is too big)
 *
 * A slice ends in the block the fuel cannot pay for: the interpreter would run that block's precise
 * code (compile/ir.ts: one instruction at a time) down to the last instruction the fuel pays for.
 * The next slice starts there: the interpreter would finish the block precisely, go on in fast code,
 * and hand the call back to the main code only where that has a label (branch targets and return
 * points: function-source.ts keeps labels few, as each costs the main code speed). Measured before
 * this code existed: 20–34 interpreter dispatches per slice, at about 12 ns each (a dispatch loop
 * that has gone cold), most of what a slice cost (hash 0.58 µs, fib 0.25 µs per slice).
 *
 * The edge code is the function's precise code, entered at any instruction (a `switch` on the
 * label, one case per instruction, falling through). Where an instruction starts a fast block the
 * fuel pays for, it goes on in that block's fast code, as the interpreter would, up to the first
 * position the main code has a label for, and calls the main code there (`return F[k].hot(…)`),
 * returning what that returns. Control only ever goes forward: a branch hands over to the main code
 * (or leaves to the interpreter where that has no label), so the code is a loop-free graph, which V8
 * compiles in time proportional to its size (the first version, a `for (;;) switch` like the main
 * code's with a label at every instruction, took TurboFan 240 ms for sort's quicksort and kept the
 * early calls slow until then).
 *
 * It does exactly what the interpreter does, op for op (the same code, fast or precise, runs in the
 * same place, so counts, stops and every slot of the value stack are the interpreter's), and its
 * contract is the main code's (function-source.ts): it returns the fuel left when the call returns,
 * or -1 when it left to the interpreter, with the position in `out`. thread.ts enters it at a FUEL op
 * the fuel cannot pay (at the block's precise copy) and when a slice starts at a precise position.
 *
 * Safety: as codegen.ts, the source holds only templates and integers read from an Int32Array.
 */

import {opLength} from '../compile/ir.js';
import {EDGE_PART_SHIFT} from '../exec/tier-context.js';
import {Gen, functionHead, MAX_TIER_SOURCE, exitTail, landing, type FunctionMode} from './codegen.js';

export interface EdgeRegion extends FunctionMode {
	/** The function's fast code [from, to), as for its main code. */
	readonly from: number;
	readonly to: number;
	/** Its precise code [preciseFrom, preciseTo). */
	readonly preciseFrom: number;
	readonly preciseTo: number;
}

export interface EdgeSource {
	/** Bodies of functions of build.ts's PARAMS, one per part (null: too big). */
	readonly sources: ReadonlyArray<string | null>;
	/** The label to enter at for each precise-code position (a FUEL_P op); its part is label >> EDGE_PART_SHIFT. */
	readonly labels: ReadonlyMap<number, number>;
}

/** Fast ops run in a row after a precise instruction before the code leaves to the interpreter instead (bounds the source). */
const MAX_CHAIN = 16;

/**
 * `main`: the main code's labels (fast-code position → label), function-source.ts `entries`.
 * The generated code hands over to the main code, read as F[index - imported].hot when it runs.
 * The function's precise instructions are numbered in order (their labels); part p of the edge code
 * holds those numbered [p << EDGE_PART_SHIFT, (p + 1) << EDGE_PART_SHIFT) and leaves to the
 * interpreter where control runs past them. `sources[p]` is null for a part too big to translate.
 */
export function generateEdgeSource(code: Int32Array, region: EdgeRegion, main: ReadonlyMap<number, number>): EdgeSource | null {
	const {preciseFrom, preciseTo} = region;
	if (preciseFrom !== region.to || preciseTo <= preciseFrom) return null;
	const labels = edgeLabelsOf(code, preciseFrom, preciseTo);
	if (labels === null) return null;
	const sources: Array<string | null> = [];
	for (let part = 0; part << EDGE_PART_SHIFT < labels.size; part++) sources.push(generatePart(code, region, main, labels, part));
	return {sources, labels};
}

/**
 * The edge code's labels: the precise instructions (FUEL_P ops) of [from, to) numbered in order, by
 * position; null when an op there has no known length. The main code (function-source.ts) names
 * the same labels when it goes on in the edge code.
 */
export function edgeLabelsOf(code: Int32Array, from: number, to: number): Map<number, number> | null {
	const labels = new Map<number, number>();
	for (let pc = from; pc < to; ) {
		const n = opLength(code, pc);
		if (n < 0) return null;
		if (code[pc] === 0x101) labels.set(pc, labels.size);
		pc += n;
	}
	return labels;
}

/** Part `part` of the edge code (see generateEdgeSource), or null when it is too big. */
function generatePart(code: Int32Array, region: EdgeRegion, main: ReadonlyMap<number, number>, labels: ReadonlyMap<number, number>, part: number): string | null {
	const {from, to, preciseFrom, preciseTo} = region;
	const first = part << EDGE_PART_SHIFT;
	const end = (part + 1) << EDGE_PART_SHIFT;
	const index = region.index;
	const k = index - region.imported;
	// Both ways out are jumps to the end (below): one call of the main code, one exit.
	const handover = (at: number): string | null => {
		const label = main.get(at);
		return label === undefined ? null : `{ $h = ${label}; break e; }`;
	};
	const g = new Gen(code, true, new Map(), region);
	g.handover = handover;
	const leave = (p: number) => g.line(`{ $x = ${p}; break e; }`);

	/** Fast code from `at` (its block paid for) up to a handover or a way out. */
	const chain = (at: number): void => {
		for (let pc = at, n = 0; ; pc += opLength(code, pc), n++) {
			if (pc < from || pc >= to || n === MAX_CHAIN) return leave(pc);
			const go = pc === at ? null : handover(pc);
			if (go !== null) return g.line(go);
			g.op(pc);
			if (g.ends) return;
		}
	};

	let inside = false;
	for (let pc = preciseFrom; pc < preciseTo; pc += opLength(code, pc)) {
		if (code[pc] !== 0x101) {
			if (inside) g.op(pc);
			continue;
		}
		const label = labels.get(pc)!;
		if (label === end) {
			// Past the last instruction of this part: the interpreter goes on.
			leave(pc);
			inside = false;
			break;
		}
		inside = label >= first;
		if (!inside) continue;
		g.line(`case ${label}:`);
		const fast = code[pc + 1];
		const cost = fast >= 0 ? code[fast + 1] : 0;
		if (fast >= 0 && (code[fast] !== 0x100 || cost <= 0)) {
			// Not a block this code knows how to enter: the interpreter goes on here.
			leave(pc);
			continue;
		}
		if (fast >= 0) {
			// A block start: its fast code when the fuel pays for the whole block, as the interpreter does.
			g.line(`if (f >= ${cost}) { f = (f - ${cost}) | 0;`);
			const {at} = landing(code, fast, true);
			const go = handover(at);
			if (go !== null) g.line(go);
			else chain(at);
			g.line(`}`);
		}
		// One instruction (a block of n > 0 is paid for only when f >= n, so f === 0 is f going below 0 here).
		g.line(`if (--f < 0) { $x = ${pc}; break e; }`);
	}
	if (inside) leave(preciseTo);
	const source = [
		...functionHead(g),
		`let $h = -1;`,
		`let $x = -1;`,
		`e: switch (label) {`,
		...g.lines,
		`}`,
		`if ($h >= 0) return F[${k}].hot(fp, f, $h, depth);`,
		// (A stop for the budget leaves f at -1: no fuel left.)
		`if (f < 0) f = 0;`,
		exitTail(index),
	].join('\n');
	return source.length > MAX_TIER_SOURCE * 2 ? null : source;
}
