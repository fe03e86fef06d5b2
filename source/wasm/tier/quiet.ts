/*
 * Quiet prefixes, for deferred stops (thread.ts, `owed`): how many of a block's first instructions
 * only compute on the thread's own value stack. They cannot trap, and they read or write no memory,
 * global, table or anything else outside the thread. A slice that ends after k of them (k ≤ the prefix) can
 * stop at the block's start without running them: nothing can see the difference until something
 * reads the thread's state, and that runs them first (Thread.settle). The next slice then runs the
 * whole block in fast code. The other way runs them one instruction at a time in precise code at the
 * slice's end, and the rest of the block the same way at the next slice's start; touching that
 * cold code is most of what a slice costs (measured: exec/thread.ts, the notes on speed).
 *
 *   quietPrefix(code, fuelPc) → k    for the block whose FUEL op is at fuelPc (0 ≤ k ≤ its cost)
 */

import {Op, SAT_BASE, opLength} from '../compile/ir.js';

/**
 * Precise-code ops (other than numeric ones) that only move or make values in slots. Not global.get,
 * memory.size or table.size: a global, memory or table can be shared with another instance, whose
 * thread may change it between two slices of this one.
 */
const QUIET_OPS = new Set<number>([Op.COPY, Op.CONST32, Op.CONST64, Op.COPY_N, Op.SELECT, Op.REF_NULL, Op.REF_IS_NULL, Op.REF_FUNC]);

/** Numeric ops that can trap: integer division and remainder, and the trapping float-to-int truncations. */
const TRAPPING_NUMERIC = new Set<number>([0x6d, 0x6e, 0x6f, 0x70, 0x7f, 0x80, 0x81, 0x82, 0xa8, 0xa9, 0xaa, 0xab, 0xae, 0xaf, 0xb0, 0xb1]);

/** Whether an op of precise code only computes on value-stack slots (or reads the instance). */
function isQuiet(op: number): boolean {
	if (op >= 0x45 && op <= 0xc4) return !TRAPPING_NUMERIC.has(op);
	if (op >= SAT_BASE && op <= SAT_BASE + 7) return true;
	return QUIET_OPS.has(op);
}

/**
 * The number of the block's first instructions that are quiet, walking its precise copy (one
 * FUEL_P op before each instruction, then the instruction's ops). 0 when the copy is not there or
 * not laid out as expected.
 */
export function quietPrefix(code: Int32Array, fuelPc: number): number {
	const n = code[fuelPc + 1];
	let pc = code[fuelPc + 2];
	if (pc < 0) return 0;
	for (let k = 0; k < n; k++) {
		if (code[pc] !== Op.FUEL_P) return k;
		pc += 2;
		while (code[pc] !== Op.FUEL_P) {
			if (!isQuiet(code[pc])) return k;
			const len = opLength(code, pc);
			if (len < 0) return k;
			pc += len;
		}
	}
	return n;
}
