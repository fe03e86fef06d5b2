/*
 * Compiler: validated wasm function bodies → the register IR of ir.ts.
 *
 *   compileModule(module) → CompiledModule {code, opInstr, funcs}
 *
 * Every function is compiled twice into the same code array:
 *   - fast code: local.get folded into the operands of the op that consumes it, the result of an op
 *     retargeted into the local a following local.set writes, and one FUEL op per basic block that
 *     charges the block's whole instruction count at once;
 *   - precise code: one op per wasm instruction and a FUEL_P before each, charging one at a time.
 * Both keep the wasm operand stack at height h in slot locals + h, so at every basic-block boundary
 * (where all folded values have been written to their slots) the two are in the same state. The
 * interpreter runs fast code and drops into precise code only for the block in which the budget
 * runs out, or to resume from a position in the middle of a block; so `run(budget)` stops after
 * exactly `budget` instructions and a stopped thread is always at a wasm instruction boundary.
 *
 * What one instruction is (DESIGN.md): each opcode reached in sequence counts once. A branch to a
 * block's label skips its `end`; a branch to a loop goes to the first instruction inside it; `else`
 * counts when the then-arm runs into it; `if` without `else` skips its `end` when false. This is
 * what a copy of the module with a counter bumped before every instruction would count.
 *
 * Basic blocks start at the function entry, at every branch target, after every branch, call,
 * return and unreachable, and around bulk memory/table instructions (which may stop part-way, see
 * ir.ts). `opInstr[pc]` gives, for each op, the index in its function's body of the instruction it
 * implements (for a FUEL op, the block's first instruction): traps, stack traces and the state
 * export translate IR positions to wasm positions with it.
 */

import type {Instr, Module} from '../types.js';
import {blockSignature} from '../types.js';
import {opInfo} from '../opcodes.js';
import {HEAD_WORDS, LoopTier} from '../tier/tier.js';
import {FunctionTier, type FunctionCode} from '../tier/functions.js';
import {BR_F, BR_IF_F, BR_UNLESS_F, BRC, BRC_PLAIN, BRCI, BRCI_PLAIN, ADD_BRCI_LTU, ADD_BRCI_LTU_PLAIN, ADDI_BRCI_NE, ADDI_BRCI_NE_PLAIN, COMMUTATIVE, LOOP_HEAD, F64_ADD_LOAD, F64_ADD_LOAD_STORE, F64_MUL_LOAD, F64_MUL_LOAD_ADDI, I64_LOAD_ADDI, I64_STORE_ADDI, STORE8_IMM_ADD, I32_IMM_OPS, I64_IMM_OPS, IMM, NEGATED_CMP, Op, SAT_BASE, STORE_IMM, SWAPPED_CMP} from './ir.js';

export interface CompiledFunc {
	/** Index in the module's function index space. */
	readonly index: number;
	readonly params: number;
	readonly results: number;
	/** Params plus declared locals. */
	readonly locals: number;
	/** Slots a frame needs: locals plus the deepest operand stack. */
	readonly frameSize: number;
	/** Position of the FUEL op at the function's entry (the first op, when compiled without metering). */
	readonly entry: number;
	/** What the entry block charges (0 without metering): a call charges it and jumps to `body` itself. */
	readonly entryFuel: number;
	/** The first op after the entry's FUEL op. */
	readonly body: number;
	/** For each instruction of the body, the position of its FUEL_P op in precise code (-1: never reached). */
	readonly preciseAt: Int32Array;
	/** End of the function's fast code (its label stubs included); precise code starts here. */
	readonly fastEnd: number;
	/** End of the function's precise code. */
	readonly preciseEnd: number;
	/** Function tier (tier/functions.ts): the generated code a call runs once the function is hot, else null. */
	hot: FunctionCode | null;
	/**
	 * With `hot`: where the interpreter can hand a call of this function back to it (function-source.ts,
	 * `labels`): the label for fast-code position `entry + k` at [k], -1 where there is none.
	 */
	hotLabels: Int32Array | null;
	/**
	 * With `hot`, metered: the function's slice-edge code (tier/edge-source.ts), in parts (empty: none), which runs a block the
	 * fuel cannot pay for and a slice that starts mid-block, or null.
	 */
	edges: ReadonlyArray<FunctionCode | null>;
	/**
	 * With `edges`: its label for precise-code position `fastEnd + k` at [k], -1 where there is none;
	 * the label's part is edges[label >> EDGE_PART_SHIFT] (exec/tier-context.ts).
	 */
	edgeLabels: Int32Array | null;
	/** Interpreted calls left before the function tier translates it; 0: never (tier off, or already tried). */
	countdown: number;
}

export interface CompileOptions {
	/**
	 * false: fast code without metering — no FUEL ops, branches that charge nothing — for measuring
	 * what metering costs (`npm run bench`). Such code never stops for the budget and counts no
	 * instructions; the kernel always meters.
	 */
	readonly metering?: boolean;
	/**
	 * Tiers (tier/): a loop whose head stub is passed this many times, and a function called this many
	 * times, is translated to JavaScript (0: at the first pass or call; null: never, and no head stubs
	 * are emitted). Default: TIER_THRESHOLD for loops, FUNCTION_TIER_THRESHOLD for functions.
	 */
	readonly tierThreshold?: number | null;
	/**
	 * false: no function tier (tier/functions.ts); hot loops then run in the loop tier alone (tests
	 * use it to run the loop tier, which otherwise runs only loops of functions too big for the other).
	 */
	readonly functionTier?: boolean;
}

/** Head-stub passes before a loop enters the loop tier (translating and compiling it costs about a millisecond). */
export const TIER_THRESHOLD = 2000;
/** Calls before a function enters the function tier (tier/functions.ts), unless CompileOptions.tierThreshold says otherwise. */
export const FUNCTION_TIER_THRESHOLD = 1000;

export interface CompiledModule {
	readonly code: Int32Array;
	/** Parallel to code: at each op's position, the index of the wasm instruction it implements. */
	readonly opInstr: Int32Array;
	/** Defined functions only, indexed by (function index - imported function count). */
	readonly funcs: readonly CompiledFunc[];
	/** The loop tier's counters and translated loops (null when the tier is off or there is no loop). */
	readonly tier: LoopTier | null;
	/** The function tier (null when the tier is off). */
	readonly functions: FunctionTier | null;
}

/** A growable Int32Array with a parallel array of instruction indices. */
class Emitter {
	code = new Int32Array(1024);
	instr = new Int32Array(1024);
	length = 0;
	/** Position of the last op appended. */
	last = -1;

	/** Appends an op and its operands, attributed to wasm instruction `at`; returns its position. */
	op(at: number, ...words: number[]): number {
		const pos = this.length;
		if (pos + words.length > this.code.length) this.grow(pos + words.length);
		this.instr[pos] = at;
		for (let i = 0; i < words.length; i++) this.code[pos + i] = words[i];
		this.length += words.length;
		this.last = pos;
		return pos;
	}

	private grow(need: number): void {
		const size = Math.max(need, this.code.length * 2);
		const code = new Int32Array(size);
		code.set(this.code);
		const instr = new Int32Array(size);
		instr.set(this.instr);
		this.code = code;
		this.instr = instr;
	}
}

type FrameKind = 'func' | 'block' | 'loop' | 'if' | 'else';

/** One entry of the compile-time control stack. */
interface Control {
	kind: FrameKind;
	/** Operand stack height below the block's params. */
	readonly height: number;
	readonly params: number;
	readonly results: number;
	/** Whether the code after a br/return/unreachable in this block is dead. */
	unreachable: boolean;
	/** Loop: position of the loop body's first op (branch target). */
	loopTarget: number;
	/** Loop in metered fast code: the stub branches to it go through (see Stub). */
	loopStub: Stub | null;
	/** Loop with the tier on: its head stub (without metering, back-edges go through it). */
	head: HeadStub | null;
	/** Loop in precise code with the tier on: where its range is in FunctionCompiler.loops. */
	preciseLoop: number;
	/** Positions of operands to patch with the position after `end` (forward branches). */
	readonly fixups: number[];
	/** If: position of the BR_UNLESS target operand, patched at `else` or `end`. */
	elseFixup: number;
	/** Entered inside dead code: nothing of it is emitted. */
	dead: boolean;
}

/**
 * Metered fast code: a label that the code before it runs into does not end the block (its
 * instructions are charged by the block's FUEL op, which then needs no second dispatch at the label).
 * Branches to it enter through a stub instead: a FUEL op placed after the function's fast code that
 * charges from the label to the end of the block and continues at the label (`body`).
 */
interface Stub {
	/** Index of the label's first instruction. */
	readonly instr: number;
	/** Position of the first op after the label. */
	readonly body: number;
	/** The block's instruction count when the label was bound. */
	readonly countAt: number;
	/** Operands to patch with the stub's position (branches to the label). */
	readonly refs: number[];
	/** Instructions from the label to the end of its block. */
	n: number;
	/** The label is a loop's with a head stub: the stub continues there instead of at `body`. */
	head: HeadStub | null;
}

/**
 * Tier on: a loop's back-edges continue through a LOOP_HEAD op placed after the function's fast code
 * ([LOOP_HEAD, head, next], `next` being the loop body's first op), which counts passes and enters
 * the loop tier; code that runs into the loop does not pass it. A loop the tier gives back is taken
 * out of the way by pointing everything that continues at the head stub at `next` (tier/tier.ts).
 * In metered code what continues there is the FUEL op that a back-edge charges (the loop's stub, or
 * the FUEL op at the loop's start); without metering, the back-edges themselves (`refs`).
 */
interface HeadStub {
	readonly instr: number;
	next: number;
	/** The loop's code: from its first op (its FUEL op, or where it starts inside a block) to after its end. */
	readonly start: number;
	end: number;
	/** Where the head stub was placed (-1 before). */
	pos: number;
	/** Operands to patch with the head stub's position. */
	readonly refs: number[];
}

/** Marks a stack entry that is a constant (see FunctionCompiler.src). */
const CONST = -1;

const BULK_OPS = new Set([0xfc0008, 0xfc000a, 0xfc000b, 0xfc000c, 0xfc000e, 0xfc0011]);

/** Compiles one function body, fast (fuse = true) or precise. */
class FunctionCompiler {
	private readonly ctrl: Control[] = [];
	/**
	 * For each operand stack height, the slot that holds the value now (a local's slot while folded),
	 * or CONST for a constant not yet written anywhere (its value in kLo/kHi; kHi null for an i32).
	 */
	private readonly src: number[] = [];
	private readonly kLo: number[] = [];
	private readonly kHi: Array<number | null> = [];
	private maxHeight = 0;
	/** Fast code: the current block's FUEL op and how many instructions it has so far. */
	private fuelPos = -1;
	private fuelCount = 0;
	/** Set after a branch or call: the next reachable instruction starts a new block. */
	private blockEnded = true;
	/** Every label stub of the function, and those inside the block being compiled (count not known yet). */
	private readonly stubs: Stub[] = [];
	private openStubs: Stub[] = [];
	/** The position of the last op's dst operand and the slot it wrote, for local.set retargeting. */
	private lastDst = -1;
	/** Ops before this position may not be fused with later ones (a label or block boundary lies between). */
	private fuseFrom = 0;
	/** Position of the last i32.add (or its IMM form) emitted, for fuseAddBranch. */
	private lastAdd = -1;
	/** Head stubs of the function's loops (tier on). */
	private readonly headStubs: HeadStub[] = [];
	/** A loop whose FUEL op is not emitted yet (metered, the block ended before it): its head stub. */
	private pendingHead: HeadStub | null = null;

	constructor(
		private readonly module: Module,
		private readonly e: Emitter,
		private readonly funcIndex: number,
		private readonly fuse: boolean,
		/** Fast code only: emit FUEL ops and fuel-charging branches. */
		private readonly meter: boolean,
		private readonly locals: number,
		/** Fast compile: filled with block starts. Precise compile: read to link FUEL_P to them. */
		private readonly fastAt: Int32Array,
		private readonly preciseAt: Int32Array,
		/**
		 * Fast code, tier on: the module's loop heads so far, HEAD_WORDS numbers each (defined-function
		 * index, LOOP_HEAD position, loop start and end in fast code, then in precise code, filled in
		 * from the precise compile's `loops`); else null.
		 */
		private readonly heads: number[] | null,
		/** Precise code, tier on: start and end of each loop's precise code, in the order the loops come. */
		readonly loops: number[] | null = null,
	) {}

	get frameSize(): number {
		return this.locals + this.maxHeight;
	}

	compile(): void {
		const module = this.module;
		const func = module.funcs[this.funcIndex - module.importedFuncCount];
		const type = module.types[func.typeIndex];
		this.ctrl.push(this.control('func', 0, 0, type.results.length));
		const instrs = func.body.instrs;
		for (let i = 0; i < instrs.length; i++) {
			const top = this.ctrl[this.ctrl.length - 1];
			const ins = instrs[i];
			if (top.unreachable) {
				this.skipDead(ins, i);
				continue;
			}
			this.beforeInstr(ins, i);
			this.instr(ins, i);
		}
		this.closeBlock();
		const heads = this.heads;
		for (const head of this.headStubs) {
			const pos = this.e.op(head.instr, LOOP_HEAD, heads!.length / HEAD_WORDS, head.next);
			heads!.push(this.funcIndex - this.module.importedFuncCount, pos, head.start, head.end, -1, -1);
			for (const at of head.refs) this.e.code[at] = pos;
			head.pos = pos;
		}
		for (const stub of this.stubs) {
			const pos = this.e.op(stub.instr, Op.FUEL, stub.n, -1, stub.head === null ? stub.body : stub.head.pos);
			if (this.fastAt[stub.instr] < 0) this.fastAt[stub.instr] = pos;
			for (const at of stub.refs) this.e.code[at] = pos;
		}
	}

	// ---- blocks and fuel -------------------------------------------------------------------

	private control(kind: FrameKind, height: number, params: number, results: number): Control {
		return {kind, height, params, results, unreachable: false, loopTarget: -1, loopStub: null, head: null, preciseLoop: -1, fixups: [], elseFixup: -1, dead: false};
	}

	/** Emits the metering op that precedes instruction i, starting a new fast block if needed. */
	private beforeInstr(ins: Instr, i: number): void {
		const bulk = BULK_OPS.has(ins.op);
		if (bulk) this.endBlock();
		if (this.fuse) {
			if (this.blockEnded) this.startBlock(i);
			this.fuelCount++;
			if (this.pendingHead !== null) {
				// The loop's FUEL op was just emitted: back-edges charge it and go on through the head stub.
				this.pendingHead.next = this.fuelPos + 4;
				this.pendingHead.refs.push(this.fuelPos + 3);
				this.pendingHead = null;
			}
		} else {
			this.lastDst = -1;
			this.preciseAt[i] = this.e.op(i, Op.FUEL_P, this.fastAt[i]);
		}
		if (bulk) this.endBlock();
	}

	/** Sets up the head stub of loop c (tier on, fast code); see HeadStub. */
	private loopHead(c: Control): void {
		const head: HeadStub = {instr: this.at + 1, next: c.loopTarget, start: c.loopTarget, end: -1, pos: -1, refs: []};
		this.headStubs.push(head);
		c.head = head;
		if (!this.meter) return;
		if (c.loopStub !== null) c.loopStub.head = head;
		else this.pendingHead = head;
	}

	private startBlock(i: number): void {
		this.closeBlock();
		if (this.meter) {
			this.fuelPos = this.e.op(i, Op.FUEL, 0, -1, this.e.length + 4);
			this.fastAt[i] = this.fuelPos;
		}
		this.fuelCount = 0;
		this.blockEnded = false;
		this.lastDst = -1;
	}

	private closeBlock(): void {
		if (this.fuelPos >= 0) this.e.code[this.fuelPos + 1] = this.fuelCount;
		this.fuelPos = -1;
		for (const stub of this.openStubs) stub.n = this.fuelCount - stub.countAt;
		this.openStubs = [];
	}

	/** The next reachable instruction starts a new basic block. */
	private endBlock(): void {
		this.blockEnded = true;
		this.lastDst = -1;
		this.fuseFrom = this.e.length;
	}

	/**
	 * Binds a label here. `fallsInto`: the code before it runs into it. Then, in metered fast code,
	 * the block goes on and branches enter through a stub (returned); otherwise forward branches land
	 * on the next op, which starts a block.
	 */
	private bindLabel(fixups: readonly number[], fallsInto: boolean): Stub | null {
		if (this.meter && fallsInto && !this.blockEnded) {
			const stub: Stub = {instr: this.at + 1, body: this.e.length, countAt: this.fuelCount, refs: [...fixups], n: 0, head: null};
			this.stubs.push(stub);
			this.openStubs.push(stub);
			this.lastDst = -1;
			this.fuseFrom = this.e.length;
			return stub;
		}
		this.endBlock();
		const here = this.e.length;
		for (const at of fixups) this.e.code[at] = here;
		return null;
	}

	/** Tracks structure through dead code so that labels stay balanced; dead code emits nothing. */
	private skipDead(ins: Instr, i: number): void {
		const op = ins.op;
		const top = this.ctrl[this.ctrl.length - 1];
		if (op === 0x02 || op === 0x03 || op === 0x04) {
			const c = this.control('block', this.stackHeight(), 0, 0);
			c.unreachable = true;
			c.dead = true;
			this.ctrl.push(c);
		} else if (op === 0x0b && top.dead) {
			this.ctrl.pop();
		} else if ((op === 0x05 && !top.dead) || op === 0x0b) {
			// The end (or else) of a construct that was entered alive: its label may be reached.
			this.instr(ins, i);
		}
	}

	// ---- the operand stack ----------------------------------------------------------------

	private stackHeight(): number {
		return this.src.length;
	}

	private slotOf(h: number): number {
		return this.locals + h;
	}

	/** Pushes a value produced into its canonical slot; returns that slot. */
	private push(): number {
		const h = this.src.length;
		const slot = this.slotOf(h);
		this.src.push(slot);
		if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
		return slot;
	}

	/** Pops a value; returns the slot that holds it (maybe a local's, when folded; a constant is written out first). */
	private pop(): number {
		const h = this.src.length - 1;
		if (this.src[h] === CONST) this.writeOut(h);
		return this.src.pop()!;
	}

	/** Pushes a constant without emitting anything (fast code); it is written out when something needs a slot. */
	private pushConst(lo: number, hi: number | null): void {
		const h = this.src.length;
		this.src.push(CONST);
		this.kLo[h] = lo;
		this.kHi[h] = hi;
		if (h + 1 > this.maxHeight) this.maxHeight = h + 1;
		this.lastDst = -1;
	}

	/** The top value's constant (i32 or i64 as given), or null when it is not a known constant. */
	private topConst(kind: 'i32' | 'i64', depth = 0): {lo: number; hi: number} | null {
		const h = this.src.length - 1 - depth;
		if (this.src[h] !== CONST || (this.kHi[h] === null) !== (kind === 'i32')) return null;
		return {lo: this.kLo[h], hi: this.kHi[h] ?? 0};
	}

	/** Writes the value at height h into its own slot. */
	private writeOut(h: number): void {
		const slot = this.slotOf(h);
		if (this.src[h] === CONST) {
			const hi = this.kHi[h];
			if (hi === null) this.e.op(this.at, Op.CONST32, slot, this.kLo[h]);
			else this.e.op(this.at, Op.CONST64, slot, this.kLo[h], hi);
		} else {
			this.e.op(this.at, Op.COPY, slot, this.src[h]);
		}
		this.src[h] = slot;
		this.lastDst = -1;
	}

	/** Writes every folded value still on the stack into its own slot (before control flow). */
	private materialize(from = 0): void {
		for (let h = from; h < this.src.length; h++) {
			if (this.src[h] !== this.slotOf(h)) this.writeOut(h);
		}
		this.lastDst = -1;
	}

	/** Before local `slot` changes: folded copies of it on the stack must be written out first. */
	private materializeLocal(slot: number): void {
		for (let h = 0; h < this.src.length; h++) {
			if (this.src[h] === slot) {
				const own = this.slotOf(h);
				this.e.op(this.at, Op.COPY, own, slot);
				this.src[h] = own;
				this.lastDst = -1;
			}
		}
	}

	/** Truncates the stack to `height` (leaving a block). */
	private truncate(height: number): void {
		this.src.length = height;
	}

	/** Index of the instruction being compiled (ops are attributed to it). */
	private at = 0;

	// ---- instructions ---------------------------------------------------------------------

	private emitValue(op: number, operands: number[]): void {
		// An op that produces one value: operands are popped slots, dst is the new top.
		const dst = this.push();
		const pos = this.e.op(this.at, op, dst, ...operands);
		this.lastDst = pos + 1;
		if (op === 0x6a || op === IMM + 0x6a) this.lastAdd = pos;
	}

	/**
	 * Fast code: the loop back-edges `x = a + b; if (x <u k) continue` and `x = a + k1; if (x != k2)
	 * continue` (also `x = a + k1; br_if x`) as one op. `p` is the compare-branch's position, rewritten
	 * in place; returns the position of its target operand, or -1 when the add before it does not fit.
	 */
	private fuseAddBranch(p: number, test: number, limit: number): number {
		const e = this.e;
		const q = this.lastAdd;
		if (q < this.fuseFrom || q + 4 !== p || e.code[q + 1] !== e.code[p + 1]) return -1;
		const reg = e.code[q] === 0x6a;
		if (!(reg ? test === 0x49 : e.code[q] === IMM + 0x6a && test === 0x47)) return -1;
		e.code[q] = this.meter ? (reg ? ADD_BRCI_LTU : ADDI_BRCI_NE) : reg ? ADD_BRCI_LTU_PLAIN : ADDI_BRCI_NE_PLAIN;
		e.code[q + 4] = limit;
		e.length = q + 6;
		e.last = q;
		return q + 5;
	}

	private instr(ins: Instr, i: number): void {
		this.at = i;
		const op = ins.op;
		const e = this.e;
		switch (op) {
			case 0x00: // unreachable
				this.materialize();
				e.op(i, Op.UNREACHABLE);
				this.setUnreachable();
				return;
			case 0x01: // nop
				return;
			case 0x02: // block
			case 0x03: // loop
			case 0x04: {
				// if
				const sig = blockSignature(this.module, ins.a);
				// For if: the branch to the else-arm (or past the end) when the condition is false.
				const elseFixup = op === 0x04 ? this.condBranch(false) : -1;
				this.materialize();
				const height = this.stackHeight() - sig.params.length;
				const kind = op === 0x02 ? 'block' : op === 0x03 ? 'loop' : 'if';
				const c = this.control(kind, height, sig.params.length, sig.results.length);
				if (op === 0x03) {
					c.loopStub = this.bindLabel([], true);
					c.loopTarget = e.length;
					if (this.fuse && this.heads !== null) this.loopHead(c);
					if (this.loops !== null) {
						c.preciseLoop = this.loops.length;
						this.loops.push(e.length, -1);
					}
				} else if (op === 0x04) {
					c.elseFixup = elseFixup;
					this.endBlock();
				}
				this.ctrl.push(c);
				return;
			}
			case 0x05: {
				// else: the then-arm runs into it and jumps past the end
				const c = this.ctrl[this.ctrl.length - 1];
				if (!c.unreachable) {
					this.materialize();
					c.fixups.push(e.op(i, this.meter ? BR_F : Op.BR, -1) + 1);
				}
				this.bindLabel([c.elseFixup], false);
				c.elseFixup = -1;
				this.truncate(c.height);
				for (let k = 0; k < c.params; k++) this.push();
				c.kind = 'else';
				c.unreachable = false;
				return;
			}
			case 0x0b: {
				// end
				const c = this.ctrl[this.ctrl.length - 1];
				if (c.kind === 'func') {
					if (!c.unreachable) this.emitReturn();
					return;
				}
				this.ctrl.pop();
				if (!c.unreachable) this.materialize();
				if (c.head !== null) c.head.end = e.length;
				if (c.preciseLoop >= 0) this.loops![c.preciseLoop + 1] = e.length;
				const fixups = c.elseFixup >= 0 ? [...c.fixups, c.elseFixup] : c.fixups;
				// Only a label something branches to starts a new block.
				if (fixups.length > 0) this.bindLabel(fixups, !c.unreachable);
				this.truncate(c.height);
				for (let k = 0; k < c.results; k++) this.push();
				return;
			}
			case 0x0c: // br
				this.branch(ins.a, i);
				this.setUnreachable();
				return;
			case 0x0d: {
				// br_if
				const target = this.ctrl[this.ctrl.length - 1 - ins.a];
				if (this.branchCopy(target, 1) === null && target.kind !== 'func') {
					this.addTarget(target, this.condBranch(true));
				} else {
					const skip = this.condBranch(false);
					this.branch(ins.a, i);
					e.code[skip] = e.length;
				}
				this.endBlock();
				return;
			}
			case 0x0e: {
				// br_table
				const index = this.pop();
				this.materialize();
				const labels = [...(ins.ext as readonly number[]), ins.a];
				const pos = e.op(i, Op.BR_TABLE, index, labels.length - 1, ...labels.map(() => -1));
				// Each entry jumps straight to its label, or to a stub that moves the values first.
				const stubs: Array<[number, number]> = [];
				labels.forEach((depth, k) => {
					const target = this.ctrl[this.ctrl.length - 1 - depth];
					if (this.branchCopy(target) === null && target.kind !== 'func') this.addTarget(target, pos + 3 + k);
					else stubs.push([depth, pos + 3 + k]);
				});
				for (const [depth, at] of stubs) {
					e.code[at] = e.length;
					this.branch(depth, i);
				}
				this.setUnreachable();
				return;
			}
			case 0x0f: // return
				this.materialize();
				this.emitReturn();
				this.setUnreachable();
				return;
			case 0x10: {
				// call
				const type = this.module.types[this.module.funcTypeIndices[ins.a]];
				this.materialize();
				const base = this.stackHeight() - type.params.length;
				e.op(i, Op.CALL, ins.a, this.slotOf(base));
				this.truncate(base);
				for (let k = 0; k < type.results.length; k++) this.push();
				this.endBlock();
				return;
			}
			case 0x11: {
				// call_indirect
				const type = this.module.types[ins.a];
				this.materialize();
				const index = this.slotOf(this.stackHeight() - 1);
				this.pop();
				const base = this.stackHeight() - type.params.length;
				e.op(i, Op.CALL_INDIRECT, ins.a, ins.b, this.slotOf(base), index);
				this.truncate(base);
				for (let k = 0; k < type.results.length; k++) this.push();
				this.endBlock();
				return;
			}
			case 0x1a: // drop
				this.pop();
				this.lastDst = -1;
				return;
			case 0x1b:
			case 0x1c: {
				// select
				const cond = this.pop();
				const b = this.pop();
				const a = this.pop();
				this.emitValue(Op.SELECT, [a, b, cond]);
				return;
			}
			case 0x20: {
				// local.get
				if (this.fuse) {
					this.src.push(ins.a);
					if (this.src.length > this.maxHeight) this.maxHeight = this.src.length;
					this.lastDst = -1;
				} else {
					this.emitValue(Op.COPY, [ins.a]);
				}
				return;
			}
			case 0x21: // local.set
				this.setLocal(ins.a, false);
				return;
			case 0x22: // local.tee
				this.setLocal(ins.a, true);
				return;
			case 0x23:
				this.emitValue(Op.GLOBAL_GET, [ins.a]);
				return;
			case 0x24:
				e.op(i, Op.GLOBAL_SET, ins.a, this.pop());
				this.lastDst = -1;
				return;
			case 0x25: {
				const index = this.pop();
				this.emitValue(Op.TABLE_GET, [ins.a, index]);
				return;
			}
			case 0x26: {
				const value = this.pop();
				const index = this.pop();
				e.op(i, Op.TABLE_SET, ins.a, index, value);
				this.lastDst = -1;
				return;
			}
			case 0x3f:
				this.emitValue(Op.MEMORY_SIZE, []);
				return;
			case 0x40:
				this.emitValue(Op.MEMORY_GROW, [this.pop()]);
				return;
			case 0x41:
				if (this.fuse) this.pushConst(ins.a, null);
				else this.emitValue(Op.CONST32, [ins.a]);
				return;
			case 0x42:
				if (this.fuse) this.pushConst(ins.a, ins.b);
				else this.emitValue(Op.CONST64, [ins.a, ins.b]);
				return;
			case 0x43:
				this.emitValue(Op.CONST32, [ins.a]);
				return;
			case 0x44:
				this.emitValue(Op.CONST64, [ins.a, ins.b]);
				return;
			case 0xd0:
				this.emitValue(Op.REF_NULL, []);
				return;
			case 0xd1:
				this.emitValue(Op.REF_IS_NULL, [this.pop()]);
				return;
			case 0xd2:
				this.emitValue(Op.REF_FUNC, [ins.a]);
				return;
			case 0xfc000f: {
				// table.grow
				const n = this.pop();
				const init = this.pop();
				this.emitValue(Op.TABLE_GROW, [ins.a, init, n]);
				return;
			}
			case 0xfc0010:
				this.emitValue(Op.TABLE_SIZE, [ins.a]);
				return;
			case 0xfc0009:
				e.op(i, Op.DATA_DROP, ins.a);
				return;
			case 0xfc000d:
				e.op(i, Op.ELEM_DROP, ins.a);
				return;
		}
		if (BULK_OPS.has(op)) {
			this.bulk(ins, i);
			return;
		}
		if (op >= 0x28 && op <= 0x35) {
			if (op === 0x29 && this.fuse && this.addImmTop(0)) {
				// i64.load at s = x + k (s a temp or a local.tee'd local): one op that also writes s,
				// attributed to the load (a trap in it counts both).
				const p = e.last;
				const addrSlot = this.pop();
				e.length = p;
				this.lastAdd = -1;
				this.emitValue(I64_LOAD_ADDI, [addrSlot, e.code[p + 2], e.code[p + 3], ins.b]);
				return;
			}
			const addr = this.pop();
			this.emitValue(op, [addr, ins.b]);
			return;
		}
		if (op >= 0x36 && op <= 0x3e) {
			const k = op === 0x36 || op === 0x3a || op === 0x3b ? this.topConst('i32') : null;
			if (this.fuse && k !== null) {
				this.src.pop();
				const h = this.stackHeight() - 1;
				const p = e.last;
				// The address is a stack temp that an i32.add just computed: store at the sum directly.
				if (op === 0x3a && p >= this.fuseFrom && e.code[p] === 0x6a && e.length === p + 4 && this.src[h] === this.slotOf(h) && e.code[p + 1] === this.src[h]) {
					this.src.pop();
					const x = e.code[p + 2];
					const y = e.code[p + 3];
					e.length = p;
					// Attributed to the store: only the store can trap.
					e.op(i, STORE8_IMM_ADD, x, y, k.lo, ins.b);
					this.lastDst = -1;
					return;
				}
				e.op(i, STORE_IMM + op, this.pop(), k.lo, ins.b);
				this.lastDst = -1;
				return;
			}
			if (op === 0x37 && this.fuse && this.src[this.stackHeight() - 1] !== CONST && this.addImmTop(1)) {
				// i64.store at s = x + k (then a value that emitted nothing): one op that also writes s,
				// attributed to the store.
				const p = e.last;
				const value = this.pop();
				const addrSlot = this.pop();
				e.length = p;
				this.lastAdd = -1;
				e.op(i, I64_STORE_ADDI, addrSlot, e.code[p + 2], e.code[p + 3], value, ins.b);
				this.lastDst = -1;
				return;
			}
			if (op === 0x39 && this.fuse && this.addLoadStore(ins.b)) return;
			const value = this.pop();
			const addr = this.pop();
			e.op(i, op, addr, value, ins.b);
			this.lastDst = -1;
			return;
		}
		const info = opInfo(op);
		if (info === undefined || info.params === null || info.results === null || info.results.length !== 1) {
			throw new Error(`compiler: no translation for opcode ${op.toString(16)} (validator let it through)`);
		}
		const irOp = op >>> 16 === 0xfc ? SAT_BASE + (op & 0xff) : op;
		if (info.params.length === 1) {
			this.emitValue(irOp, [this.pop()]);
		} else if (this.fuse && (op === 0xa0 || op === 0xa2) && this.binaryLoad(op)) {
			return;
		} else if (!this.fuse || !this.binaryImm(op)) {
			const b = this.pop();
			const a = this.pop();
			this.emitValue(irOp, [a, b]);
		}
	}

	/** Fast code: emits a binary i32/i64 op with a constant operand as its IMM form; false if it has none. */
	private binaryImm(op: number): boolean {
		const is32 = I32_IMM_OPS.has(op) || op === 0x6b;
		if (!is32 && !I64_IMM_OPS.has(op)) return false;
		const kind = is32 ? 'i32' : 'i64';
		let k = this.topConst(kind);
		let irOp = op;
		if (k === null) {
			// A constant first operand: swap when the op allows it.
			const first = this.topConst(kind, 1);
			if (first === null || this.topConst(kind) !== null) return false;
			if (op >= 0x46 && op <= 0x4f) irOp = SWAPPED_CMP[op];
			else if (!COMMUTATIVE.has(op)) return false;
			const b = this.pop();
			this.src.pop();
			k = first;
			this.emitImm(irOp, b, k, is32);
			return true;
		}
		if (op === 0x6b) {
			irOp = 0x6a;
			k = {lo: -k.lo | 0, hi: 0};
		}
		this.src.pop();
		const a = this.pop();
		this.emitImm(irOp, a, k, is32);
		return true;
	}

	/**
	 * Fast code: the last op emitted is an i32.add of a constant (IMM form) and the stack entry
	 * `depth` below the top holds exactly what it wrote (its temp, or a local it was retargeted to by
	 * local.tee), nothing having been emitted since.
	 */
	private addImmTop(depth: number): boolean {
		const e = this.e;
		const h = this.stackHeight() - 1 - depth;
		const p = e.last;
		return h >= 0 && p >= this.fuseFrom && e.length === p + 4 && e.code[p] === IMM + 0x6a && this.src[h] !== CONST && e.code[p + 1] === this.src[h];
	}

	/** Fast code: f64.add/f64.mul whose second operand an f64.load just produced become one op; false otherwise. */
	private binaryLoad(op: number): boolean {
		const e = this.e;
		const h = this.stackHeight() - 1;
		const p = this.lastDst - 1;
		if (p < this.fuseFrom || e.code[p] !== 0x2b || e.length !== p + 4 || this.src[h] !== this.slotOf(h) || e.code[p + 1] !== this.src[h]) return false;
		const addr = e.code[p + 2];
		const offset = e.code[p + 3];
		const at = e.instr[p];
		this.src.pop();
		const a = this.pop();
		if (e.length !== p + 4) throw new Error('compiler: an f64 operand was a folded constant');
		// The load's address an i32.add of a constant just wrote (s = x + k): the multiply does the add too.
		const q = p - 4;
		if (op === 0xa2 && q >= this.fuseFrom && this.lastAdd === q && e.code[q] === IMM + 0x6a && e.code[q + 1] === addr) {
			e.length = q;
			this.lastAdd = -1;
			const dst = this.push();
			e.op(at, F64_MUL_LOAD_ADDI, dst, a, addr, e.code[q + 2], e.code[q + 3], offset);
			this.lastDst = q + 1;
			return true;
		}
		e.length = p;
		const dst = this.push();
		e.op(at, op === 0xa0 ? F64_ADD_LOAD : F64_MUL_LOAD, dst, a, addr, offset);
		this.lastDst = p + 1;
		return true;
	}

	/**
	 * Fast code: an f64.store of the sum an F64_ADD_LOAD just computed, at the address and offset it
	 * loaded from (`c[j] += v`), becomes part of that op (attributed to the load: the store cannot
	 * trap where the load did not). False when the shape does not fit.
	 */
	private addLoadStore(offset: number): boolean {
		const e = this.e;
		const h = this.stackHeight() - 1;
		const p = e.last;
		if (h < 1 || p < this.fuseFrom || e.code[p] !== F64_ADD_LOAD || e.length !== p + 5) return false;
		if (this.src[h] !== this.slotOf(h) || e.code[p + 1] !== this.src[h]) return false;
		if (this.src[h - 1] === CONST || this.src[h - 1] !== e.code[p + 3] || e.code[p + 4] !== offset) return false;
		this.src.pop();
		this.src.pop();
		e.code[p] = F64_ADD_LOAD_STORE;
		this.lastDst = -1;
		return true;
	}

	private emitImm(op: number, a: number, k: {lo: number; hi: number}, is32: boolean): void {
		if (is32) this.emitValue(IMM + op, [a, k.lo]);
		else this.emitValue(IMM + op, [a, k.lo, k.hi]);
	}

	private setLocal(local: number, tee: boolean): void {
		this.materializeLocal(local);
		const h = this.stackHeight() - 1;
		if (this.src[h] === CONST) {
			const hi = this.kHi[h];
			if (hi === null) this.e.op(this.at, Op.CONST32, local, this.kLo[h]);
			else this.e.op(this.at, Op.CONST64, local, this.kLo[h], hi);
			this.src.pop();
			if (tee) this.src.push(local);
			this.lastDst = -1;
			return;
		}
		const top = this.src[h];
		// Retarget: the op that just produced the top value writes the local directly.
		if (this.fuse && this.lastDst >= 0 && top === this.slotOf(h) && this.e.code[this.lastDst] === top) {
			this.e.code[this.lastDst] = local;
		} else {
			this.e.op(this.at, Op.COPY, local, top);
		}
		this.lastDst = -1;
		this.pop();
		if (tee) {
			if (this.fuse) {
				this.src.push(local);
			} else {
				this.emitValue(Op.COPY, [local]);
				this.lastDst = -1;
			}
		}
	}

	private bulk(ins: Instr, i: number): void {
		this.materialize();
		const n = this.pop();
		const b = this.pop();
		const a = this.pop();
		const e = this.e;
		switch (ins.op) {
			case 0xfc0008:
				e.op(i, Op.MEMORY_INIT, ins.a, a, b, n);
				break;
			case 0xfc000a:
				e.op(i, Op.MEMORY_COPY, a, b, n);
				break;
			case 0xfc000b:
				e.op(i, Op.MEMORY_FILL, a, b, n);
				break;
			case 0xfc000c:
				e.op(i, Op.TABLE_INIT, ins.b, ins.a, a, b, n);
				break;
			case 0xfc000e:
				e.op(i, Op.TABLE_COPY, ins.a, ins.b, a, b, n);
				break;
			case 0xfc0011:
				e.op(i, Op.TABLE_FILL, ins.a, a, b, n);
				break;
		}
		this.endBlock();
	}

	private setUnreachable(): void {
		const c = this.ctrl[this.ctrl.length - 1];
		c.unreachable = true;
		this.truncate(c.height);
		this.endBlock();
	}

	/**
	 * Pops the condition on top of the stack, writes out folded values, and emits a branch taken when
	 * the condition is `whenTrue`; returns the position of its target operand. In fast code a
	 * comparison (or eqz) emitted just before is turned into a compare-and-branch in place.
	 */
	private condBranch(whenTrue: boolean): number {
		const e = this.e;
		const h = this.stackHeight() - 1;
		const p = this.lastDst - 1;
		const cmp = p >= 0 && this.src[h] === this.slotOf(h) && e.code[this.lastDst] === this.src[h] ? e.code[p] : -1;
		const fusable = this.fuse && (cmp === 0x45 || (cmp >= 0x46 && cmp <= 0x4f) || (cmp >= IMM + 0x46 && cmp <= IMM + 0x4f));
		const length = e.length;
		const cond = this.pop();
		this.materialize();
		if (fusable && e.length === length) {
			if (cmp === 0x45) {
				e.code[p] = this.meter ? (whenTrue ? BR_UNLESS_F : BR_IF_F) : whenTrue ? Op.BR_UNLESS : Op.BR_IF;
				e.code[p + 1] = e.code[p + 2];
				return p + 2;
			}
			const imm = cmp >= IMM;
			const base = imm ? cmp - IMM : cmp;
			const test = whenTrue ? base : NEGATED_CMP[base];
			e.code[p] = (this.meter ? (imm ? BRCI : BRC) : imm ? BRCI_PLAIN : BRC_PLAIN) + (test - 0x46);
			e.code[p + 1] = e.code[p + 2];
			e.code[p + 2] = e.code[p + 3];
			if (imm) {
				const at = this.fuseAddBranch(p, test, e.code[p + 2]);
				if (at >= 0) return at;
			}
			return p + 3;
		}
		if (this.fuse && whenTrue && e.length === length) {
			// br_if on a value an add just computed: as `value != 0`.
			const pos = e.op(this.at, Op.BR_IF, cond, -1);
			const at = this.fuseAddBranch(pos, 0x47, 0);
			if (at >= 0) return at;
			e.length = pos;
		}
		const op = whenTrue ? (this.meter ? BR_IF_F : Op.BR_IF) : this.meter ? BR_UNLESS_F : Op.BR_UNLESS;
		return e.op(this.at, op, cond, -1) + 2;
	}

	/** Label arity and where a branch to `target` must put its values; null when they are already there. */
	private branchCopy(target: Control, condition = 0): {src: number; dst: number; count: number} | null {
		// `condition`: 1 when a br_if's condition is still on top of the stack.
		const count = target.kind === 'loop' ? target.params : target.results;
		const src = this.slotOf(this.stackHeight() - condition - count);
		const dst = this.slotOf(target.height);
		return src === dst || count === 0 ? null : {src, dst, count};
	}

	private addTarget(target: Control, at: number): void {
		if (target.loopStub !== null) target.loopStub.refs.push(at);
		else if (target.head !== null && !this.meter) target.head.refs.push(at);
		else if (target.kind === 'loop') this.e.code[at] = target.loopTarget;
		else target.fixups.push(at);
	}

	/** An unconditional branch to label `depth` (values already materialized). */
	private branch(depth: number, i: number): void {
		this.materialize();
		const target = this.ctrl[this.ctrl.length - 1 - depth];
		if (target.kind === 'func') {
			this.emitReturn();
			return;
		}
		const copy = this.branchCopy(target);
		if (copy !== null) this.e.op(i, Op.COPY_N, copy.dst, copy.src, copy.count);
		this.addTarget(target, this.e.op(i, this.meter ? BR_F : Op.BR, -1) + 1);
	}

	private emitReturn(): void {
		this.materialize();
		const func = this.ctrl[0];
		const count = func.results;
		this.e.op(this.at, Op.RETURN, this.slotOf(this.stackHeight() - count), count);
	}
}

export function compileModule(module: Module, options: CompileOptions = {}): CompiledModule {
	const meter = options.metering ?? true;
	const threshold = options.tierThreshold === undefined ? TIER_THRESHOLD : options.tierThreshold;
	const heads: number[] | null = threshold === null ? null : [];
	const functions =
		threshold === null || options.functionTier === false ? null : new FunctionTier(module.importedFuncCount, options.tierThreshold === undefined ? FUNCTION_TIER_THRESHOLD : threshold, meter);
	const e = new Emitter();
	const funcs: CompiledFunc[] = [];
	for (let k = 0; k < module.funcs.length; k++) {
		const func = module.funcs[k];
		const index = module.importedFuncCount + k;
		const type = module.types[func.typeIndex];
		const locals = type.params.length + func.locals.length;
		const n = func.body.instrs.length;
		const fastAt = new Int32Array(n).fill(-1);
		const preciseAt = new Int32Array(n).fill(-1);
		const fast = new FunctionCompiler(module, e, index, true, meter, locals, fastAt, preciseAt, heads);
		const entry = e.length;
		const firstHead = heads === null ? 0 : heads.length;
		fast.compile();
		const fastEnd = e.length;
		const precise = new FunctionCompiler(module, e, index, false, false, locals, fastAt, preciseAt, null, heads === null ? null : []);
		precise.compile();
		// The precise compile meets the same loops in the same order: give each head its precise range.
		if (heads !== null && precise.loops !== null) {
			for (let k = 0; firstHead + k * HEAD_WORDS < heads.length; k++) {
				heads[firstHead + k * HEAD_WORDS + 4] = precise.loops[2 * k];
				heads[firstHead + k * HEAD_WORDS + 5] = precise.loops[2 * k + 1];
			}
		}
		// Link each fast block to the precise copy of its first instruction.
		for (let i = 0; i < n; i++) if (fastAt[i] >= 0) e.code[fastAt[i] + 2] = preciseAt[i];
		funcs.push({
			index,
			params: type.params.length,
			results: type.results.length,
			locals,
			frameSize: Math.max(fast.frameSize, precise.frameSize),
			entry,
			entryFuel: meter ? e.code[entry + 1] : 0,
			body: meter ? entry + 4 : entry,
			preciseAt,
			fastEnd,
			preciseEnd: e.length,
			hot: null,
			hotLabels: null,
			edges: [],
			edgeLabels: null,
			countdown: functions === null ? 0 : functions.initialCountdown,
		});
	}
	const tier = heads === null || heads.length === 0 ? null : new LoopTier(Int32Array.from(heads), threshold!, meter, module.importedFuncCount);
	return {code: e.code.slice(0, e.length), opInstr: e.instr.slice(0, e.length), funcs, tier, functions};
}
