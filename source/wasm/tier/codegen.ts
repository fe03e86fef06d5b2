/*
 * Loop tier, code generation: the fast IR of one loop (compile/ir.ts) → the source of a JavaScript
 * function that does what the interpreter would do with that code, op for op, with the operands as
 * constants. Control flow becomes a `switch` over labels inside `for (;;)`, so V8 sees one compiled
 * function per loop and no dispatch per op; a branch out of the loop leaves to the interpreter.
 *
 *   generateTierSource(code, region) → {source, entries, resumes} | null
 *     the loop whose fast code is [from, to) (and, for an innermost loop, its precise code
 *     [preciseFrom, preciseTo)) in the function whose fast code is [funcFrom, funcTo); null when it
 *     is too big for V8 to optimise or has no loop head to enter by
 *
 * The generated function (see tier.ts for how it is built and called):
 *
 *   (fp, fuel, label, depth) → pc | -2      (build.ts: the rest comes from the tier context, X:
 *                                            i32, mem, acc (the page map, or null), frames, ...)
 *
 * runs the frame at `fp` (`depth` frames on the frame stack) from `label` until something it does
 * not do itself: a call it does not make (below), a return, an op that would trap, an op this file
 * does not translate, a branch out of the loop, or the end of the fuel (where the loop's precise
 * code is part of it, a block the fuel cannot pay for runs there instruction by instruction, as in
 * the interpreter, down to the last one the fuel pays for). It then returns the IR position where
 * the interpreter goes on, with `out[0]` = fuel spent and `out[1]` = how many back-edges it took
 * (tier.ts gives back loops that keep leaving at once, such as a loop around a call it does not
 * make, where going in and out costs more than it saves). A call of a function the function tier
 * has translated is made here, as the function tier's code makes it (Gen.call, with `frames`, `iid`,
 * `lim`); when the callee leaves to the interpreter mid-way, this code returns -2: the position is
 * then in `fout` (function-source.ts), the fuel spent in out[0]. All state lives where the
 * interpreter keeps it (the value stack, the frame stack, memory, global cells), so stopping at any
 * exit leaves the thread exactly as the interpreter would have left it at that op: counts stay
 * exact, and nothing of the tier is ever part of a snapshot.
 *
 * Traps are never raised here: an op that would trap (out-of-bounds access, division by zero, an
 * invalid conversion) exits at itself before doing anything, and the interpreter runs it again and
 * traps with the right count, position and message.
 *
 * Safety: the source is built only from this file's templates and integers read from an
 * Int32Array, so nothing of a (possibly hostile) module can inject code.
 */

import {IMM, LOOP_HEAD, opLength} from '../compile/ir.js';
import {PAGE_SHIFT, READ, WRITTEN} from '../exec/memory.js';
import {EDGE_PART_SHIFT} from '../exec/tier-context.js';
import {preamble} from './build.js';
import {quietPrefix} from './quiet.js';

export interface TierSource {
	/** Body of a function of build.ts's PARAMS. */
	readonly source: string;
	/** Label to enter at for each loop head (by the position of its LOOP_HEAD op). */
	readonly entries: ReadonlyMap<number, number>;
	/** Label to enter at for each instruction of the loop's precise code (by its FUEL_P position). */
	readonly resumes: ReadonlyMap<number, number>;
}

/** Comparisons 0x46..0x4f (i32 eq..ge_u) as JS expressions of two i32 operand expressions. */
function cmp32(op: number, a: string, b: string): string {
	switch (op) {
		case 0x46:
			return `${a} === ${b}`;
		case 0x47:
			return `${a} !== ${b}`;
		case 0x48:
			return `${a} < ${b}`;
		case 0x49:
			return `${a} >>> 0 < ${b} >>> 0`;
		case 0x4a:
			return `${a} > ${b}`;
		case 0x4b:
			return `${a} >>> 0 > ${b} >>> 0`;
		case 0x4c:
			return `${a} <= ${b}`;
		case 0x4d:
			return `${a} >>> 0 <= ${b} >>> 0`;
		case 0x4e:
			return `${a} >= ${b}`;
		default:
			return `${a} >>> 0 >= ${b} >>> 0`;
	}
}

/** i32 binary ops that are one JS operator (`*` stands for Math.imul); their IMM forms are IMM + op. */
const I32_BINARY: Readonly<Record<number, string>> = {0x6a: '+', 0x6b: '-', 0x6c: '*', 0x71: '&', 0x72: '|', 0x73: '^', 0x74: '<<', 0x75: '>>', 0x76: '>>>'};


/** Loads: [byte size, DataView getter, how the value lands in the slot]. */
const LOADS: Readonly<Record<number, readonly [number, string, 'i32' | 'i64' | 'i64s' | 'i64u']>> = {
	0x28: [4, 'getInt32(ea, true)', 'i32'],
	0x29: [8, '', 'i64'],
	0x2a: [4, 'getInt32(ea, true)', 'i32'],
	0x2b: [8, '', 'i64'],
	0x2c: [1, 'getInt8(ea)', 'i32'],
	0x2d: [1, 'getUint8(ea)', 'i32'],
	0x2e: [2, 'getInt16(ea, true)', 'i32'],
	0x2f: [2, 'getUint16(ea, true)', 'i32'],
	0x30: [1, 'getInt8(ea)', 'i64s'],
	0x31: [1, 'getUint8(ea)', 'i64u'],
	0x32: [2, 'getInt16(ea, true)', 'i64s'],
	0x33: [2, 'getUint16(ea, true)', 'i64u'],
	0x34: [4, 'getInt32(ea, true)', 'i64s'],
	0x35: [4, 'getInt32(ea, true)', 'i64u'],
};

/** Stores: [byte size, DataView setter name]; 8 = an i64/f64 store as two words. */
const STORES: Readonly<Record<number, readonly [number, string]>> = {
	0x36: [4, 'setInt32'],
	0x37: [8, ''],
	0x38: [4, 'setInt32'],
	0x39: [8, ''],
	0x3a: [1, 'setInt8'],
	0x3b: [2, 'setInt16'],
	0x3c: [1, 'setInt8'],
	0x3d: [2, 'setInt16'],
	0x3e: [4, 'setInt32'],
};

/**
 * Loops with more code than this (IR words) are not translated, nor those whose generated source is
 * longer than MAX_TIER_SOURCE characters: V8 does not optimise a function of more than 60 KB of
 * bytecode, and unoptimised generated code runs slower than the interpreter (measured: sieve's
 * outer loop with its precise code, 2,946 words, 85,523 characters, ran a slice 7× slower). The
 * generated code takes about 0.85 bytes of bytecode per character of source (8,049 bytes for 9,681
 * characters, sieve's inner loop), so 40,000 characters stay well inside the limit.
 */
export const MAX_TIER_WORDS = 3000;
export const MAX_TIER_SOURCE = 40_000;

/** Loop-head passes between returns to the interpreter in code without metering (no fuel ends a run there). */
export const UNMETERED_TICKS = 4096;

/** What to translate: a loop's fast code (and, metered, its precise code) in a function's fast code. */
export interface TierRegion {
	/** The function's fast code (label stubs and head stubs included). */
	readonly funcFrom: number;
	readonly funcTo: number;
	/** The loop's fast code. */
	readonly from: number;
	readonly to: number;
	/** The loop's precise code (-1 when not translated: code without metering has none). */
	readonly preciseFrom: number;
	readonly preciseTo: number;
	readonly metered: boolean;
	/** Calls of translated functions made in the loop's code (null: every call leaves to the interpreter). */
	readonly calls: CallContext | null;
}

export function generateTierSource(code: Int32Array, region: TierRegion): TierSource | null {
	const {funcFrom, funcTo, from, to, preciseFrom, preciseTo, metered, calls} = region;
	const precise = preciseFrom >= 0 && preciseTo > preciseFrom;
	const size = to - from + (precise ? preciseTo - preciseFrom : 0);
	if (size > MAX_TIER_WORDS || from < funcFrom || to > funcTo || from >= to) return null;
	const inside = (at: number) => (at >= from && at < to) || (precise && at >= preciseFrom && at < preciseTo);
	// Pass 1: where control can arrive in the region other than by running into it: branch targets
	// of its ops, the precise copy of its blocks (where fuel runs short), every instruction of its
	// precise code (where a stopped thread resumes), and the loop bodies of the head stubs.
	const targets = new Set<number>();
	const resumes: number[] = [];
	const scan = (a: number, b: number): boolean => {
		for (let pc = a; pc < b; ) {
			const n = opLength(code, pc);
			if (n < 0) return false;
			for (const t of branchTargets(code, pc)) {
				const {at} = landing(code, t, metered);
				if (inside(at)) targets.add(at);
				if (metered && code[t] === 0x100 && inside(code[t + 2])) targets.add(code[t + 2]);
			}
			if (code[pc] === 0x100 && inside(code[pc + 2])) targets.add(code[pc + 2]);
			if (code[pc] === 0x101) {
				resumes.push(pc);
				targets.add(pc);
				if (code[pc + 1] >= 0) {
					const {at} = landing(code, code[pc + 1], metered);
					if (inside(at)) targets.add(at);
				}
			}
			pc += n;
		}
		return true;
	};
	if (!scan(from, to) || (precise && !scan(preciseFrom, preciseTo))) return null;
	const heads: number[] = [];
	for (let pc = to; pc < funcTo; ) {
		const n = opLength(code, pc);
		if (n < 0) return null;
		if (code[pc] === LOOP_HEAD && inside(code[pc + 2])) {
			heads.push(pc);
			targets.add(code[pc + 2]);
		}
		pc += n;
	}
	if (heads.length === 0) return null;
	// Precise code only for innermost loops: an outer loop's would hold its inner loops' too, and
	// such functions ran far slower (matmul 2.3-3.5x: V8 kept deoptimising and recompiling them).
	if (precise && heads.length > 1) return null;
	const labelOf = new Map<number, number>();
	for (const t of [...targets].sort((x, y) => x - y)) labelOf.set(t, labelOf.size);

	const g = new Gen(code, metered, labelOf, calls);
	const emit = (a: number, b: number) => {
		for (let pc = a; pc < b; pc += opLength(code, pc)) {
			const label = labelOf.get(pc);
			if (label !== undefined) g.line(`case ${label}:`);
			g.op(pc);
		}
		// Running out of the loop: the interpreter goes on after it.
		g.leave(b);
	};
	emit(from, to);
	if (precise) emit(preciseFrom, preciseTo);
	const source = [
		...codeHead(g, true),
		`let passes = 0;`,
		// Fuel as a small integer V8 keeps in a register (f0 - f is what this call spent, handed back
		// in an Int32Array so that the interpreter's own fuel stays a small integer too). A call given
		// more fuel than that stops early at a precise op, where the interpreter goes on.
		`const f0 = fuel > 0x3fffffff ? 0x3fffffff : fuel;`,
		`let f = f0 | 0;`,
		`let $x = -1;`,
		`e: for (;;) switch (label) {`,
		// The code is entered only at labels; this case just keeps what comes before the first one
		// (the start of the loop's block, which only the interpreter runs into) inside the switch.
		`case -1:`,
		...g.lines,
		`default: return -1;`,
		`}`,
		`out[0] = f0 - f; out[1] = passes; return $x;`,
	].join('\n');
	if (source.length > MAX_TIER_SOURCE) return null;
	const entries = new Map(heads.map((pc) => [pc, labelOf.get(code[pc + 2])!]));
	return {source, entries, resumes: new Map(resumes.map((pc) => [pc, labelOf.get(pc)!]))};
}

/**
 * The first lines of generated code: the context as locals (build.ts), the frame's base, and what
 * `g`'s ops read (the value stack's size, global cells).
 */
function codeHead(g: Gen, loop: boolean): string[] {
	return [
		`'use strict';`,
		preamble(loop),
		`const B = fp << 1;`,
		g.usesCalls ? `const SL = i32.length >> 1;` : '',
		...[...g.globals].map((k) => `const g${k} = G[${k}].cell;`),
	];
}

/** The first lines of a whole function's code (function-source.ts, edge-source.ts): codeHead, and the fuel as a small integer. */
export function functionHead(g: Gen): string[] {
	return [...codeHead(g, false), `let f = fuel | 0;`];
}

/**
 * A whole function's way out after its `e:` statement (Gen.exit): out = [pc, fp, function index,
 * depth, fuel left], then -1.
 */
export function exitTail(index: number): string {
	return `out[0] = $x; out[1] = fp; out[2] = ${index}; out[3] = depth; out[4] = f; return -1;`;
}

/**
 * Main function code's way out for a block the fuel cannot pay (Gen.short: $e is the edge label of
 * the block's precise copy, -3 when it has none, and $q how many of its first instructions are
 * quiet; or $e is -2 when all that the fuel can pay for are).
 * When the instructions the fuel pays for are all quiet, it leaves at the block's FUEL op with
 * out[5] = 1: a slice that ends there owes them (thread.ts, Thread.owed). Else the function's
 * slice-edge code runs them, from the block's precise copy (and returns as the main code would);
 * without edge code, the interpreter does. The test is made here, once for all the ways out, so
 * that no way out needs type feedback of its own (Gen.exit).
 */
export function edgeTail(k: number): string {
	return `if ($e !== -1) { if ($e === -2 || f <= $q) out[5] = 1; else if ($e >= 0) { const edge = F[${k}].edges[$e >> ${EDGE_PART_SHIFT}]; if (edge) return edge(fp, f, $e, depth); } }`;
}

/**
 * Where control lands when it goes to t: past the FUEL op there (metered code charges it on the way)
 * and through a loop's head stub (which counts a pass); `head` is the head stub passed, or -1.
 */
export function landing(code: Int32Array, t: number, metered: boolean): {at: number; head: number} {
	let at = metered && code[t] === 0x100 ? code[t + 3] : t;
	let head = -1;
	if (code[at] === LOOP_HEAD) {
		head = at;
		at = code[at + 2];
	}
	return {at, head};
}

/** The branch targets (absolute positions) of the op at pc. */
export function branchTargets(code: Int32Array, pc: number): number[] {
	return targetOperands(code, pc).map((at) => code[at]);
}

/** Positions of the operands of the op at pc that hold a branch target. */
function targetOperands(code: Int32Array, pc: number): number[] {
	const op = code[pc];
	if ((op >= 0x400 && op <= 0x419) || (op >= 0x430 && op <= 0x449)) return [pc + 3];
	switch (op) {
		case 0x105:
		case 0x420:
			return [pc + 1];
		case 0x106:
		case 0x107:
		case 0x421:
		case 0x422:
			return [pc + 2];
		case 0x108:
			return Array.from({length: code[pc + 2] + 1}, (_, k) => pc + 3 + k);
		case 0x453:
		case 0x454:
		case 0x455:
		case 0x456:
			return [pc + 5];
		default:
			return [];
	}
}

/**
 * Makes everything in the fast code [from, to) that continues at the head stub at `head` (branch
 * targets, and FUEL ops' `body`) continue at the loop body instead, so the interpreter never passes it.
 */
export function skipLoopHead(code: Int32Array, from: number, to: number, head: number): void {
	const next = code[head + 2];
	for (let pc = from; pc < to; pc += opLength(code, pc)) {
		for (const at of targetOperands(code, pc)) if (code[at] === head) code[at] = next;
		if (code[pc] === 0x100 && code[pc + 3] === head) code[pc + 3] = next;
	}
}

/**
 * What calls need (the function tier's code, function-source.ts, and loops that call): the function's
 * own index and the module's functions, so that a call of a translated function within the module
 * is a JavaScript call of its generated code (Gen.call).
 */
export interface CallContext {
	/** The function's index in the module's function index space. */
	readonly index: number;
	readonly imported: number;
	/** Every defined function (by index - imported): what a call of it needs. */
	readonly callees: readonly CalleeShape[];
}

/**
 * A whole function's translation (function-source.ts) runs as a function of its own: it returns
 * (RETURN) and leaves with the whole position (pc, fp, function, depth, fuel left in `out`), not just a pc.
 */
export interface FunctionMode extends CallContext {
	readonly whole: true;
}

/** The numbers of a defined function a call needs (compiler.ts, CompiledFunc). */
export interface CalleeShape {
	readonly params: number;
	readonly locals: number;
	readonly frameSize: number;
	readonly entryFuel: number;
}

/** A callee's locals beyond its params cleared one store each up to this many words, else with fill(). */
const UNROLLED_ZEROES = 16;

/** Emits the translation of one op at a time. */
export class Gen {
	readonly lines: string[] = [];
	readonly globals = new Set<number>();
	/** Whether the code reads SL (calls): the preamble computes it only then. */
	usesCalls = false;
	/**
	 * Edge code (edge-source.ts): the statement that hands over to the function's main code at
	 * fast-code position `at` (its block paid for), or null where the main code has no label. Set,
	 * control never jumps within the generated code: a branch hands over or leaves to the interpreter.
	 */
	handover: ((at: number) => string | null) | null = null;
	/**
	 * Main function code (function-source.ts): the label of precise-code position p in the function's
	 * slice-edge code (edge-source.ts numbers its instructions in order), so that a block the fuel
	 * cannot pay goes on in that code directly (EDGE_TAIL) instead of leaving to the interpreter first.
	 */
	edgeLabel: ((p: number) => number) | null = null;
	/** Whether the last op() always transfers control (a branch, an exit, a return): nothing after it runs. */
	ends = false;

	constructor(
		private readonly code: Int32Array,
		private readonly metered: boolean,
		private readonly labelOf: ReadonlyMap<number, number>,
		/** Calls within the module made here (null: every call leaves to the interpreter). */
		private readonly calls: CallContext | FunctionMode | null = null,
	) {}

	/** The whole-function translation, or null for a loop's. */
	private get fn(): FunctionMode | null {
		return this.calls !== null && 'whole' in this.calls ? this.calls : null;
	}

	line(s: string): void {
		this.lines.push(s);
	}

	/** Emits a statement that always transfers control (op() then reports `ends`). */
	private end(s: string): void {
		this.lines.push(s);
		this.ends = true;
	}

	/** Low word (an i32, or an i64's low half) of slot operand k of the op at pc. */
	private I(pc: number, k: number): string {
		return `i32[B + ${this.code[pc + k] * 2}]`;
	}

	/** High word of an i64 slot. */
	private H(pc: number, k: number): string {
		return `i32[B + ${this.code[pc + k] * 2 + 1}]`;
	}

	private F(pc: number, k: number): string {
		return `f32[B + ${this.code[pc + k] * 2}]`;
	}

	private D(pc: number, k: number): string {
		return `f64[fp + ${this.code[pc + k]}]`;
	}

	/** Operand k as a constant. */
	private K(pc: number, k: number): string {
		return `${this.code[pc + k]}`;
	}

	/**
	 * The FUEL op at t cannot be paid for: go on in the block's precise copy, one instruction at a
	 * time, as the interpreter would (or leave to it, when that copy is not part of this code).
	 */
	private short(t: number): string {
		if (this.handover !== null) return this.exit(t);
		if (this.edgeLabel !== null && this.code[t + 2] >= 0) {
			// f < n here: edgeTail decides whether to owe the f instructions paid for or run them now.
			// -2: all of them are quiet whatever f is; -3: no edge code for this block.
			const quiet = quietPrefix(this.code, t);
			if (quiet >= this.code[t + 1] - 1) return `{ $x = ${t}; $e = -2; break e; }`;
			const label = this.edgeLabel(this.code[t + 2]);
			return `{ $x = ${t}; $e = ${label < 0 ? -3 : label}; $q = ${quiet}; break e; }`;
		}
		const label = this.labelOf.get(this.code[t + 2]);
		return label === undefined ? this.exit(t) : `{ label = ${label}; continue; }`;
	}

	/** From precise code to the fast block at `fast` (a FUEL op), its fuel paid for. */
	private toFast(fast: number): string {
		const label = this.labelOf.get(landing(this.code, fast, true).at);
		return label === undefined ? this.exit(fast) : `{ f = (f - ${this.code[fast + 1]}) | 0; label = ${label}; continue; }`;
	}

	/** Ends the code: leave to the interpreter at p. */
	leave(p: number): void {
		this.line(this.exit(p));
	}

	/**
	 * Leave to the interpreter at IR position p: a jump to the one way out after the code's `e:`
	 * statement (exitTail, or the loop code's own), with the position in `$x`. It needs no type
	 * feedback, so V8 does not deoptimise the code the first time an exit is taken (as it did for the
	 * stores each exit used to make: one deoptimisation for each block where a slice first ended).
	 */
	private exit(p: number): string {
		return `{ $x = ${p}; break e; }`;
	}

	/** Control goes to IR position t (a branch taken): charge its block when it is a FUEL op. */
	private goto(t: number): string {
		if (this.handover !== null) return this.handoverAt(t);
		const code = this.code;
		const {at, head} = landing(code, t, this.metered);
		const label = this.labelOf.get(at);
		// Out of the region: the interpreter goes on from there (and charges the block if it is one).
		if (label === undefined) return this.exit(t);
		// A back-edge: count the pass (code without metering also returns to the interpreter now and then).
		// (Function code counts none: metered, a stop ends every call; without metering it returns now and then too.)
		const pass = head < 0 || (this.fn !== null && this.metered) ? '' : this.metered ? '++passes; ' : `if (++passes === ${UNMETERED_TICKS}) ${this.exit(head)} `;
		const jump = `${pass}label = ${label}; continue;`;
		if (this.metered && code[t] === 0x100) {
			return `{ if (f >= ${code[t + 1]}) { f = (f - ${code[t + 1]}) | 0; ${jump} } ${this.short(t)} }`;
		}
		return `{ ${jump} }`;
	}

	/**
	 * Edge code: control goes to t, a fast block (FUEL op) or a precise instruction (FUEL_P, which
	 * goes on in its block's fast code when the fuel pays for the block): hand over to the main code
	 * there, or leave to the interpreter at t.
	 */
	private handoverAt(t: number): string {
		const code = this.code;
		const fast = code[t] === 0x101 ? code[t + 1] : t;
		const go = fast >= 0 && code[fast] === 0x100 ? this.handover!(landing(code, fast, true).at) : null;
		if (go === null) return this.exit(t);
		return `{ if (f >= ${code[fast + 1]}) { f = (f - ${code[fast + 1]}) | 0; ${go} } ${this.exit(t)} }`;
	}

	/** Effective address of a memory op: `ea` from the address operand k and the offset operand. */
	private ea(pc: number, k: number, off: number): string {
		return `const ea = (${this.I(pc, k)} >>> 0) + ${this.code[pc + off] >>> 0};`;
	}

	/**
	 * The bounds check of a `size`-byte access at `ea` (leave to the interpreter, which traps), then,
	 * while the memory map tracks pages (`acc`), the page marked as the interpreter marks it.
	 */
	private bounds(pc: number, size: number, bit: number): string {
		return `if (ea > ML - ${size}) ${this.exit(pc)} if (acc !== null) acc[ea >>> ${PAGE_SHIFT}] |= ${bit};`;
	}

	/** Operand k of the op at pc as: low word, high word, f32, f64 of its slot, or the constant itself. */
	private operands(pc: number) {
		return {
			I: (k: number) => this.I(pc, k),
			H: (k: number) => this.H(pc, k),
			F: (k: number) => this.F(pc, k),
			D: (k: number) => this.D(pc, k),
			K: (k: number) => this.K(pc, k),
		};
	}

	op(pc: number): void {
		const code = this.code;
		const op = code[pc];
		const {I, H, F, D, K} = this.operands(pc);
		const emit = (s: string) => this.line(s);
		this.ends = false;

		// Compare-and-branch families: BRC/BRCI (metered, charging the target) and their PLAIN forms.
		if ((op >= 0x400 && op <= 0x409) || (op >= 0x430 && op <= 0x439)) {
			emit(`if (${cmp32(0x46 + (op & 0xf), I(1), I(2))}) ${this.goto(code[pc + 3])}`);
			return;
		}
		if ((op >= 0x410 && op <= 0x419) || (op >= 0x440 && op <= 0x449)) {
			emit(`if (${cmp32(0x46 + (op & 0xf), I(1), K(2))}) ${this.goto(code[pc + 3])}`);
			return;
		}
		// i32 binary ops with a constant second operand.
		if (op >= 0x246 && op <= 0x24f) {
			emit(`${I(1)} = ${cmp32(op - 0x200, I(2), K(3))} ? 1 : 0;`);
			return;
		}
		const load = LOADS[op];
		if (load !== undefined) {
			const [size, getter, kind] = load;
			let body: string;
			if (kind === 'i64') body = `${H(1)} = mem.getInt32(ea + 4, true); ${I(1)} = mem.getInt32(ea, true);`;
			else if (kind === 'i32') body = `${I(1)} = mem.${getter};`;
			else body = `const v = mem.${getter}; ${I(1)} = v; ${H(1)} = ${kind === 'i64s' ? 'v >> 31' : '0'};`;
			emit(`{ ${this.ea(pc, 2, 3)} ${this.bounds(pc, size, READ)} ${body} }`);
			return;
		}
		const store = STORES[op];
		if (store !== undefined) {
			const [size, setter] = store;
			const body =
				size === 8
					? `mem.setInt32(ea + 4, ${H(2)}, true); mem.setInt32(ea, ${I(2)}, true);`
					: `mem.${setter}(ea, ${I(2)}${size > 1 ? ', true' : ''});`;
			emit(`{ ${this.ea(pc, 1, 3)} ${this.bounds(pc, size, WRITTEN)} ${body} }`);
			return;
		}
		const expr = this.numeric(pc);
		if (expr !== null) {
			emit(expr);
			return;
		}
		switch (op) {
			case 0x100: {
				// FUEL reached in sequence (after a branch not taken, or a call's return point). What the
				// checks cost: without them (and without those at branches: unsafe, measured in one slice),
				// hash in one slice ran 1.002–1.018× its unmetered time, against 1.016–1.038× with them.
				emit(`if (f < ${K(1)}) ${this.short(pc)}`);
				emit(`f = (f - ${K(1)}) | 0;`);
				// Edge code hands over to the main code where that has a label; other code jumps to its own.
				const go = this.handover?.(landing(code, pc, true).at) ?? null;
				if (go !== null) this.end(go);
				else if (code[pc + 3] !== pc + 4) {
					const label = this.handover === null ? this.labelOf.get(landing(code, pc, true).at) : undefined;
					this.end(label === undefined ? this.exit(code[pc + 3]) : `{ label = ${label}; continue; }`);
				}
				return;
			}
			case 0x101: {
				// FUEL_P (precise code): stop when no fuel is left; at a block start, back to the fast
				// code when the fuel pays for the whole block; else one instruction.
				const fast = code[pc + 1];
				emit(`if (f === 0) ${this.exit(pc)}`);
				if (fast >= 0) emit(`if (f >= ${code[fast + 1]}) ${this.toFast(fast)}`);
				emit(`f = (f - 1) | 0;`);
				return;
			}
			case LOOP_HEAD:
				// Head stubs sit after the function's code: nothing runs into them, branches go through them (goto).
				this.end(this.exit(pc));
				return;
			case 0x105: // BR
			case 0x420: // BR_F
				this.end(this.goto(code[pc + 1]));
				return;
			case 0x106: // BR_IF
			case 0x421: // BR_IF_F
				emit(`if (${I(1)} !== 0) ${this.goto(code[pc + 2])}`);
				return;
			case 0x107: // BR_UNLESS
			case 0x422: // BR_UNLESS_F
				emit(`if (${I(1)} === 0) ${this.goto(code[pc + 2])}`);
				return;
			case 0x108: {
				// BR_TABLE
				const n = code[pc + 2];
				emit(`switch (${I(1)} >>> 0) {`);
				for (let k = 0; k < n; k++) emit(`case ${k}: ${this.goto(code[pc + 3 + k])}`);
				emit(`default: ${this.goto(code[pc + 3 + n])}`);
				this.end(`}`);
				return;
			}
			case 0x102: // COPY
				emit(`${I(1)} = ${I(2)}; ${H(1)} = ${H(2)};`);
				return;
			case 0x103: // CONST32
				emit(`${I(1)} = ${K(2)};`);
				return;
			case 0x104: // CONST64
				emit(`${I(1)} = ${K(2)}; ${H(1)} = ${K(3)};`);
				return;
			case 0x109: {
				// COPY_N (ascending, dst <= src)
				const d = code[pc + 1] * 2;
				const s = code[pc + 2] * 2;
				for (let k = 0; k < code[pc + 3] * 2; k++) emit(`i32[B + ${d + k}] = i32[B + ${s + k}];`);
				return;
			}
			case 0x10d: // SELECT
				emit(`if (${I(4)} !== 0) { ${I(1)} = ${I(2)}; ${H(1)} = ${H(2)}; } else { ${I(1)} = ${I(3)}; ${H(1)} = ${H(3)}; }`);
				return;
			case 0x10f: // GLOBAL_GET
				this.globals.add(code[pc + 2]);
				emit(`${I(1)} = g${code[pc + 2]}[0]; ${H(1)} = g${code[pc + 2]}[1];`);
				return;
			case 0x110: // GLOBAL_SET
				this.globals.add(code[pc + 1]);
				emit(`{ const lo = ${I(2)}, hi = ${H(2)}; g${code[pc + 1]}[0] = lo; g${code[pc + 1]}[1] = hi; }`);
				return;
			case 0x111: // MEMORY_SIZE (memory cannot grow while this code runs: MEMORY_GROW exits)
				emit(`${I(1)} = ML / 65536;`);
				return;
			case 0x113: // REF_NULL
				emit(`${I(1)} = 0;`);
				return;
			case 0x114: // REF_IS_NULL
				emit(`${I(1)} = ${I(2)} === 0 ? 1 : 0;`);
				return;
			case 0x336: // STORE_IMM i32.store
			case 0x33a: // STORE_IMM i32.store8
			case 0x33b: {
				// STORE_IMM i32.store16
				const [size, setter] = STORES[op - 0x300];
				emit(`{ ${this.ea(pc, 1, 3)} ${this.bounds(pc, size, WRITTEN)} mem.${setter}(ea, ${K(2)}${size > 1 ? ', true' : ''}); }`);
				return;
			}
			case 0x450: // F64_ADD_LOAD
			case 0x451: // F64_MUL_LOAD
				emit(`{ ${this.ea(pc, 3, 4)} ${this.bounds(pc, 8, READ)} ${D(1)} = ${D(2)} ${op === 0x450 ? '+' : '*'} mem.getFloat64(ea, true); }`);
				return;
			case 0x452: // STORE8_IMM_ADD
				emit(`{ const ea = ((${I(1)} + ${I(2)}) >>> 0) + ${code[pc + 4] >>> 0}; ${this.bounds(pc, 1, WRITTEN)} mem.setInt8(ea, ${K(3)}); }`);
				return;
			case 0x453: // ADD_BRCI_LTU
			case 0x455: // ADD_BRCI_LTU_PLAIN
				emit(`{ const x = (${I(2)} + ${I(3)}) | 0; ${I(1)} = x; if (x >>> 0 < ${code[pc + 4] >>> 0}) ${this.goto(code[pc + 5])} }`);
				return;
			case 0x454: // ADDI_BRCI_NE
			case 0x456: // ADDI_BRCI_NE_PLAIN
				emit(`{ const x = (${I(2)} + ${K(3)}) | 0; ${I(1)} = x; if (x !== ${K(4)}) ${this.goto(code[pc + 5])} }`);
				return;
			case 0x457: // I64_LOAD_ADDI
				emit(
					`{ const x = (${I(3)} + ${K(4)}) | 0; const ea = (x >>> 0) + ${code[pc + 5] >>> 0}; ${this.bounds(pc, 8, READ)} ${I(2)} = x; ` +
						`${H(1)} = mem.getInt32(ea + 4, true); ${I(1)} = mem.getInt32(ea, true); }`,
				);
				return;
			case 0x458: // I64_STORE_ADDI
				emit(
					`{ const x = (${I(2)} + ${K(3)}) | 0; const ea = (x >>> 0) + ${code[pc + 5] >>> 0}; ${this.bounds(pc, 8, WRITTEN)} ${I(1)} = x; ` +
						`mem.setInt32(ea + 4, ${H(4)}, true); mem.setInt32(ea, ${I(4)}, true); }`,
				);
				return;
			case 0x459: // F64_ADD_LOAD_STORE
				emit(`{ ${this.ea(pc, 3, 4)} ${this.bounds(pc, 8, READ | WRITTEN)} const v = ${D(2)} + mem.getFloat64(ea, true); ${D(1)} = v; mem.setFloat64(ea, v, true); }`);
				return;
			case 0x45a: // F64_MUL_LOAD_ADDI
				emit(
					`{ const x = (${I(4)} + ${K(5)}) | 0; const ea = (x >>> 0) + ${code[pc + 6] >>> 0}; ${this.bounds(pc, 8, READ)} ${I(3)} = x; ` +
						`${D(1)} = ${D(2)} * mem.getFloat64(ea, true); }`,
				);
				return;
			case 0x10a: // CALL
				if (this.calls === null || code[pc + 1] < this.calls.imported) this.end(this.exit(pc));
				else emit(this.call(pc, this.calls));
				return;
			case 0x10c: // RETURN
				this.end(this.fn === null ? this.exit(pc) : this.ret(pc));
				return;
			default:
				// Calls and returns (in a loop), memory.grow, bulk and table ops, call_indirect,
				// unreachable, and whatever else this file does not translate: the interpreter runs them.
				this.end(this.exit(pc));
		}
	}

	/**
	 * CALL [op, index, base] in a function's translation: a call within the module whose callee has
	 * generated code is a JavaScript call of it, with the frame pushed exactly as the interpreter
	 * pushes it (so a stop anywhere inside leaves a frame stack the interpreter goes on with). Leaves
	 * at the call (the interpreter does it) for a callee not translated (yet), an entry block the fuel
	 * cannot pay, and where the frame or value stack would have to grow, the depth limit would trap,
	 * or the JavaScript nesting limit (`lim`) is reached (op() leaves at a call of an imported
	 * function without coming here). The callee returns the fuel left, or -1 when it left to the
	 * interpreter: then this code leaves too, at once (a loop's code returns -2, with the fuel it
	 * spent in out[0] and the position in `fout`).
	 */
	private call(pc: number, fn: CallContext): string {
		const code = this.code;
		const index = code[pc + 1];
		const base = code[pc + 2];
		const k = index - fn.imported;
		const c = fn.callees[k];
		this.usesCalls = true;
		const exit = this.exit(pc);
		const charge = this.metered && c.entryFuel > 0 ? ` || f < ${c.entryFuel}` : '';
		const from = (base + c.params) * 2;
		const to = (base + c.locals) * 2;
		let zero = '';
		if (to - from > UNROLLED_ZEROES) zero = `i32.fill(0, B + ${from}, B + ${to}); `;
		else for (let w = from; w < to; w++) zero += `i32[B + ${w}] = 0; `;
		const fuel = this.metered && c.entryFuel > 0 ? `(f - ${c.entryFuel}) | 0` : 'f';
		return (
			`{ if (depth >= lim || fp + ${base + c.frameSize} > SL) ${exit} const callee = F[${k}].hot; if (callee === null${charge}) ${exit} ` +
			`const at = depth << 2; frames[at] = ${pc + 3}; frames[at + 1] = fp; frames[at + 2] = ${fn.index}; frames[at + 3] = iid; ${zero}` +
			`const r = callee(fp + ${base}, ${fuel}, 0, depth + 1); ` +
			`if (r < 0) ${this.fn === null ? '{ out[0] = f0 - fout[4]; out[1] = passes; return -2; }' : 'return -1;'} f = r; }`
		);
	}

	/** RETURN [op, src, count] in a function's translation: results to the frame's first slots, then back to the caller with the fuel left. */
	private ret(pc: number): string {
		const src = this.code[pc + 1] * 2;
		const words = this.code[pc + 2] * 2;
		let copy = '';
		if (src !== 0) for (let w = 0; w < words; w++) copy += `i32[B + ${w}] = i32[B + ${src + w}]; `;
		// The thread's entry frame has no caller to return to: the interpreter ends the thread there.
		return `{ if (depth === 0) ${this.exit(pc)} ${copy}return f; }`;
	}

	/** A numeric op (wasm opcode as IR number, or its IMM form) as one statement; null when not numeric or left to the interpreter. */
	private numeric(pc: number): string | null {
		const code = this.code;
		const op = code[pc];
		const {I, H, F, D, K} = this.operands(pc);
		const exit = this.exit(pc);
		// i32 arithmetic and bitwise ops, on a slot or (IMM form) a constant second operand.
		const imm = op >= IMM && op < IMM + 0x100;
		const binary = I32_BINARY[imm ? op - IMM : op];
		if (binary !== undefined) {
			const b = imm ? K(3) : I(3);
			return binary === '*' ? `${I(1)} = Math.imul(${I(2)}, ${b});` : `${I(1)} = ${I(2)} ${binary} ${b};`;
		}
		// f32 (0x91..0x97) and f64 (0x9f..0xa5): sqrt, add, sub, mul, div, min, max on their own view.
		if ((op >= 0x91 && op <= 0x97) || (op >= 0x9f && op <= 0xa5)) {
			const X = op <= 0x97 ? F : D;
			const k = op - (op <= 0x97 ? 0x91 : 0x9f);
			if (k === 0) return `${X(1)} = Math.sqrt(${X(2)});`;
			if (k <= 4) return `${X(1)} = ${X(2)} ${['+', '-', '*', '/'][k - 1]} ${X(3)};`;
			return `${X(1)} = Math.${k === 5 ? 'min' : 'max'}(${X(2)}, ${X(3)});`;
		}
		// f32 (0xb2..0xb5) and f64 (0xb7..0xba) converted from i32 signed, unsigned, i64 signed, unsigned.
		if ((op >= 0xb2 && op <= 0xb5) || (op >= 0xb7 && op <= 0xba)) {
			const single = op <= 0xb5;
			const X = single ? F : D;
			const k = op - (single ? 0xb2 : 0xb7);
			if (k < 2) return `${X(1)} = ${I(2)}${k === 1 ? ' >>> 0' : ''};`;
			return `${X(1)} = h.${single ? 'i64ToF32' : 'i64ToF64'}(${I(2)}, ${H(2)}, ${k === 2});`;
		}
		switch (op) {
			// ---- i32 ----
			case 0x45:
				return `${I(1)} = ${I(2)} === 0 ? 1 : 0;`;
			case 0x46:
			case 0x47:
			case 0x48:
			case 0x49:
			case 0x4a:
			case 0x4b:
			case 0x4c:
			case 0x4d:
			case 0x4e:
			case 0x4f:
				return `${I(1)} = ${cmp32(op, I(2), I(3))} ? 1 : 0;`;
			case 0x67:
				return `${I(1)} = Math.clz32(${I(2)});`;
			case 0x68:
				return `${I(1)} = h.ctz32(${I(2)});`;
			case 0x69:
				return `${I(1)} = h.popcnt32(${I(2)});`;
			case 0x6d:
				return `{ const a = ${I(2)}, b = ${I(3)}; if (b === 0 || (a === -0x80000000 && b === -1)) ${exit} ${I(1)} = (a / b) | 0; }`;
			case 0x6e:
				return `{ const b = ${I(3)} >>> 0; if (b === 0) ${exit} ${I(1)} = (${I(2)} >>> 0) / b; }`;
			case 0x6f:
				return `{ const b = ${I(3)}; if (b === 0) ${exit} ${I(1)} = ${I(2)} % b; }`;
			case 0x70:
				return `{ const b = ${I(3)} >>> 0; if (b === 0) ${exit} ${I(1)} = (${I(2)} >>> 0) % b; }`;
			case 0x77:
				return `{ const a = ${I(2)}, n = ${I(3)} & 31; ${I(1)} = (a << n) | (a >>> ((32 - n) & 31)); }`;
			case 0x78:
				return `{ const a = ${I(2)}, n = ${I(3)} & 31; ${I(1)} = (a >>> n) | (a << ((32 - n) & 31)); }`;

			// ---- i64 (two i32 halves) ----
			case 0x50:
				return `${I(1)} = (${I(2)} | ${H(2)}) === 0 ? 1 : 0;`;
			case 0x51:
			case 0x52:
				return `${I(1)} = (${I(2)} === ${I(3)} && ${H(2)} === ${H(3)}) === ${op === 0x51} ? 1 : 0;`;
			case 0x251:
			case 0x252:
				return `${I(1)} = (${I(2)} === ${K(3)} && ${H(2)} === ${K(4)}) === ${op === 0x251} ? 1 : 0;`;
			case 0x53:
			case 0x54:
			case 0x55:
			case 0x56:
			case 0x57:
			case 0x58:
			case 0x59:
			case 0x5a: {
				// Signed ops are the odd ones: their high words compare as signed, low words always unsigned.
				const u = (op & 1) === 1 ? '' : ' >>> 0';
				const rel = op <= 0x54 ? '<' : op <= 0x56 ? '>' : op <= 0x58 ? '<=' : '>=';
				const strict = rel === '<=' ? '<' : rel === '>=' ? '>' : rel;
				return (
					`{ const ah = ${H(2)}${u}, bh = ${H(3)}${u}; ` +
					`${I(1)} = ah ${strict} bh || (ah === bh && ${I(2)} >>> 0 ${rel} ${I(3)} >>> 0) ? 1 : 0; }`
				);
			}
			case 0x79:
				return `{ const v = h.clz64(${I(2)}, ${H(2)}); ${I(1)} = v; ${H(1)} = 0; }`;
			case 0x7a:
				return `{ const v = h.ctz64(${I(2)}, ${H(2)}); ${I(1)} = v; ${H(1)} = 0; }`;
			case 0x7b:
				return `{ const v = h.popcnt32(${I(2)}) + h.popcnt32(${H(2)}); ${I(1)} = v; ${H(1)} = 0; }`;
			case 0x7c:
				return `{ const lo = (${I(2)} >>> 0) + (${I(3)} >>> 0); ${H(1)} = ${H(2)} + ${H(3)} + (lo > 0xffffffff ? 1 : 0); ${I(1)} = lo; }`;
			case 0x27c:
				return `{ const lo = (${I(2)} >>> 0) + ${code[pc + 3] >>> 0}; ${H(1)} = ${H(2)} + ${K(4)} + (lo > 0xffffffff ? 1 : 0); ${I(1)} = lo; }`;
			case 0x7d:
				return `{ const lo = (${I(2)} >>> 0) - (${I(3)} >>> 0); ${H(1)} = ${H(2)} - ${H(3)} - (lo < 0 ? 1 : 0); ${I(1)} = lo; }`;
			case 0x7e:
			case 0x7f:
			case 0x80:
			case 0x81:
			case 0x82: {
				// Division by zero and div_s overflow leave to the interpreter, which traps.
				const f = ['mul64', 'divS64', 'divU64', 'remS64', 'remU64'][op - 0x7e];
				const zero = op === 0x7e ? '' : `if ((bl | bh) === 0) ${exit} `;
				const overflow = op === 0x7f ? `if (al === 0 && ah === -0x80000000 && bl === -1 && bh === -1) ${exit} ` : '';
				return (
					`{ const al = ${I(2)}, ah = ${H(2)}, bl = ${I(3)}, bh = ${H(3)}; ${zero}${overflow}` +
					`h.${f}(al, ah, bl, bh); ${I(1)} = h.OUT[0]; ${H(1)} = h.OUT[1]; }`
				);
			}
			case 0x83:
			case 0x84:
			case 0x85: {
				const o = op === 0x83 ? '&' : op === 0x84 ? '|' : '^';
				return `{ const lo = ${I(2)} ${o} ${I(3)}, hi = ${H(2)} ${o} ${H(3)}; ${I(1)} = lo; ${H(1)} = hi; }`;
			}
			case 0x283:
			case 0x284:
			case 0x285: {
				const o = op === 0x283 ? '&' : op === 0x284 ? '|' : '^';
				return `{ const lo = ${I(2)} ${o} ${K(3)}, hi = ${H(2)} ${o} ${K(4)}; ${I(1)} = lo; ${H(1)} = hi; }`;
			}
			case 0x86:
			case 0x87:
			case 0x88:
			case 0x89:
			case 0x8a: {
				const f = ['shl64', 'shrS64', 'shrU64', 'rotl64', 'rotr64'][op - 0x86];
				return `{ h.${f}(${I(2)}, ${H(2)}, ${I(3)}); ${I(1)} = h.OUT[0]; ${H(1)} = h.OUT[1]; }`;
			}
			case 0x286:
			case 0x287:
			case 0x288: {
				const f = ['shl64', 'shrS64', 'shrU64'][op - 0x286];
				return `{ h.${f}(${I(2)}, ${H(2)}, ${K(3)}); ${I(1)} = h.OUT[0]; ${H(1)} = h.OUT[1]; }`;
			}

			// ---- f32 / f64 comparisons ----
			case 0x5b:
			case 0x5c:
			case 0x5d:
			case 0x5e:
			case 0x5f:
			case 0x60:
				return `${I(1)} = ${F(2)} ${['===', '!==', '<', '>', '<=', '>='][op - 0x5b]} ${F(3)} ? 1 : 0;`;
			case 0x61:
			case 0x62:
			case 0x63:
			case 0x64:
			case 0x65:
			case 0x66:
				return `${I(1)} = ${D(2)} ${['===', '!==', '<', '>', '<=', '>='][op - 0x61]} ${D(3)} ? 1 : 0;`;

			// ---- f32 arithmetic ----
			case 0x8b:
				return `${I(1)} = ${I(2)} & 0x7fffffff;`;
			case 0x8c:
				return `${I(1)} = ${I(2)} ^ -0x80000000;`;
			case 0x8d:
				return `${F(1)} = Math.ceil(${F(2)});`;
			case 0x8e:
				return `${F(1)} = Math.floor(${F(2)});`;
			case 0x8f:
				return `${F(1)} = Math.trunc(${F(2)});`;
			case 0x90:
				return `${F(1)} = h.nearest(${F(2)});`;
			case 0x98:
				return `${I(1)} = (${I(2)} & 0x7fffffff) | (${I(3)} & -0x80000000);`;

			// ---- f64 arithmetic ----
			case 0x99:
				return `{ const lo = ${I(2)}, hi = ${H(2)} & 0x7fffffff; ${I(1)} = lo; ${H(1)} = hi; }`;
			case 0x9a:
				return `{ const lo = ${I(2)}, hi = ${H(2)} ^ -0x80000000; ${I(1)} = lo; ${H(1)} = hi; }`;
			case 0x9b:
			case 0x9c:
			case 0x9d:
			case 0x9e: {
				// Math.ceil and friends pass a signalling NaN through; the spec wants it quiet.
				const f = ['Math.ceil', 'Math.floor', 'Math.trunc', 'h.nearest'][op - 0x9b];
				return (
					`{ ${D(1)} = ${f}(${D(2)}); const hi = ${H(1)}; ` +
					`if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | ${I(1)}) !== 0) ${H(1)} = hi | 0x80000; }`
				);
			}
			case 0xa6:
				return `{ const lo = ${I(2)}, hi = (${H(2)} & 0x7fffffff) | (${H(3)} & -0x80000000); ${I(1)} = lo; ${H(1)} = hi; }`;

			// ---- conversions ----
			case 0xa7:
			case 0xbc:
			case 0xbe:
				return `${I(1)} = ${I(2)};`;
			case 0xbd:
			case 0xbf:
				return `{ const lo = ${I(2)}, hi = ${H(2)}; ${I(1)} = lo; ${H(1)} = hi; }`;
			case 0xa8:
			case 0xa9:
			case 0xaa:
			case 0xab: {
				// Trapping truncations: out of range or NaN leaves to the interpreter, which traps.
				const v = op <= 0xa9 ? F(2) : D(2);
				const range = (op & 1) === 0 ? '-2147483649 && v < 2147483648' : '-1 && v < 4294967296';
				return `{ const v = ${v}; if (!(v > ${range})) ${exit} ${I(1)} = Math.trunc(v); }`;
			}
			case 0xac:
			case 0xc4:
				return `{ const v = ${I(2)}; ${I(1)} = v; ${H(1)} = v >> 31; }`;
			case 0xad:
				return `{ const v = ${I(2)}; ${I(1)} = v; ${H(1)} = 0; }`;
			case 0xb6:
				return `${F(1)} = ${D(2)};`;
			case 0xbb:
				return `${D(1)} = ${F(2)};`;
			case 0xc0:
				return `${I(1)} = (${I(2)} << 24) >> 24;`;
			case 0xc1:
				return `${I(1)} = (${I(2)} << 16) >> 16;`;
			case 0xc2:
			case 0xc3: {
				const s = op === 0xc2 ? 24 : 16;
				return `{ const v = (${I(2)} << ${s}) >> ${s}; ${I(1)} = v; ${H(1)} = v >> 31; }`;
			}
			case 0xe0:
			case 0xe1:
			case 0xe2:
			case 0xe3:
				return `${I(1)} = h.truncSat32(${op < 0xe2 ? F(2) : D(2)}, ${(op & 1) === 0});`;
			case 0xe4:
			case 0xe5:
			case 0xe6:
			case 0xe7:
				return `{ h.truncSat64(${op < 0xe6 ? F(2) : D(2)}, ${(op & 1) === 0}); ${I(1)} = h.OUT[0]; ${H(1)} = h.OUT[1]; }`;
			default:
				return null;
		}
	}
}
