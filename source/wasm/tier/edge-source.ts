/*
 * Function tier, slice edges: for a function the function tier has translated (function-source.ts,
 * its "main" code), a second JavaScript function that runs what the interpreter would otherwise run
 * op by op where a slice ends or starts inside the function:
 *
 *   generateEdgeSource(code, region, main) → {source, labels} | null   (null: too big)
 *
 * A slice ends in the block the fuel cannot pay for: the interpreter would run that block's precise
 * code (compile/ir.ts: one instruction at a time) down to the last instruction the fuel pays for.
 * The next slice starts there: the interpreter would finish the block precisely, go on in fast code,
 * and hand the call back to the main code only where that has a label (branch targets and return
 * points: function-source.ts keeps labels few, as each costs the main code speed). Measured before
 * this code existed: 20–34 interpreter dispatches per slice, at about 12 ns each (a dispatch loop
 * that has gone cold), most of what a slice cost (hash 0.58 µs, fib 0.25 µs per slice).
 *
 * The edge code holds the function's precise code, entered at any instruction, and its fast code,
 * entered at any block start; where the fast code reaches a position the main code has a label for,
 * it calls the main code there (`return F[k].hot(…)`) and returns what that returns. So it does
 * exactly what the interpreter does, op for op (the same code, fast or precise, runs in the same
 * place, so counts, stops and every slot of the value stack are the interpreter's), and its contract
 * is the main code's (function-source.ts): it returns the fuel left when the call returns, or -1 when
 * it left to the interpreter, with the position in `out`. thread.ts enters it at a FUEL op the fuel
 * cannot pay (at the block's precise copy) and when a slice starts at a precise position.
 *
 * Safety: as codegen.ts, the source holds only templates and integers read from an Int32Array.
 */

import {opLength} from '../compile/ir.js';
import {Gen, MAX_TIER_SOURCE, branchTargets, landing, type FunctionMode} from './codegen.js';

export interface EdgeRegion extends FunctionMode {
	/** The function's fast code [from, to), as for its main code. */
	readonly from: number;
	readonly to: number;
	/** Its precise code [preciseFrom, preciseTo). */
	readonly preciseFrom: number;
	readonly preciseTo: number;
}

export interface EdgeSource {
	/** Body of a function of build.ts's PARAMS. */
	readonly source: string;
	/** The label to enter at for each precise-code position (a FUEL_P op). */
	readonly labels: ReadonlyMap<number, number>;
}

/** Edge code is run a few times per slice only; V8 still has to compile it, so keep it within what it optimises. */
const MAX_EDGE_WORDS = 6000;

/**
 * `main`: the main code's labels (fast-code position → label), function-source.ts `entries`.
 * The generated code hands over to the main code, read as F[index - imported].hot when it runs.
 */
export function generateEdgeSource(code: Int32Array, region: EdgeRegion, main: ReadonlyMap<number, number>): EdgeSource | null {
	const {from, to, preciseFrom, preciseTo} = region;
	if (to - from + preciseTo - preciseFrom > MAX_EDGE_WORDS || preciseFrom !== to || preciseTo <= preciseFrom) return null;
	const inFast = (at: number) => at >= from && at < to;
	// Labels: every precise instruction, every fast block start (where precise code goes back to fast
	// code), every fast branch target, and the main code's labels (each one a handover).
	const targets = new Set<number>(main.keys());
	const precise: number[] = [];
	for (let pc = from; pc < preciseTo; ) {
		const n = opLength(code, pc);
		if (n < 0) return null;
		if (pc < to) {
			for (const t of branchTargets(code, pc)) {
				const {at} = landing(code, t, true);
				if (inFast(at)) targets.add(at);
			}
			if (code[pc] === 0x100) {
				const {at} = landing(code, pc, true);
				if (inFast(at)) targets.add(at);
			}
		} else if (code[pc] === 0x101) {
			precise.push(pc);
			targets.add(pc);
		}
		pc += n;
	}
	const labelOf = new Map<number, number>();
	for (const t of [...targets].sort((x, y) => x - y)) labelOf.set(t, labelOf.size);

	const k = region.index - region.imported;
	const g = new Gen(code, true, labelOf, region);
	g.compactExits = true;
	// Code after a handover up to the next label is never run here: leave it out.
	let live = false;
	for (let pc = from; pc < preciseTo; pc += opLength(code, pc)) {
		const label = labelOf.get(pc);
		if (label !== undefined) {
			g.line(`case ${label}:`);
			live = true;
		}
		const handover = main.get(pc);
		if (handover !== undefined) {
			g.line(`return F[${k}].hot(i32, f32, f64, mem, acc, G, fp, f, ${handover}, out, depth, frames, iid, lim, fout);`);
			live = false;
		} else if (live) {
			g.op(pc);
		}
		// The fast code's end: nothing runs from it into the precise code.
		if (pc + opLength(code, pc) === to && live) {
			g.leave(to);
			live = false;
		}
	}
	if (live) g.leave(preciseTo);
	const source = [
		`'use strict';`,
		`const B = fp << 1;`,
		g.usesMemory ? `const ML = mem.byteLength;` : '',
		g.usesCalls ? `const SL = i32.length >> 1;` : '',
		...[...g.globals].map((k) => `const g${k} = G[${k}].cell;`),
		`let f = fuel | 0;`,
		`for (;;) switch (label) {`,
		...g.lines,
		`default: out[0] = -1; return -1;`,
		`}`,
	].join('\n');
	if (source.length > MAX_TIER_SOURCE * 2) return null;
	return {source, labels: new Map(precise.map((pc) => [pc, labelOf.get(pc)!]))};
}
