/*
 * The two stacks of the specification's validation algorithm (appendix "Validation Algorithm"):
 * the operand stack of value types and the control stack of enclosing blocks. Both are reused from
 * one function to the next, so validating a module allocates in proportion to its deepest nesting
 * and tallest stack, never per instruction.
 *
 * A mismatch is reported through `mismatch`, which the caller turns into a ValidationError: the
 * stacks know what was expected and found, the caller knows which instruction and function.
 */

import {type ValType} from '../types.js';
import {UNKNOWN, typeList} from './describe.js';

/** What opened a control frame. */
export const FrameKind = {Function: 0, Block: 1, Loop: 2, If: 3, Else: 4} as const;
export type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** One entry of the control stack: an enclosing block, loop, if/else or the function body. */
export interface Frame {
	kind: FrameKind;
	/** Offset of the instruction that opened it (the body's start for the function frame). */
	pos: number;
	params: readonly ValType[];
	results: readonly ValType[];
	/** Operand stack height when the frame was entered (its parameters excluded). */
	height: number;
	/** After `unreachable`, `br`, `br_table` or `return`: the rest of the frame's stack is polymorphic. */
	unreachable: boolean;
}

/** The types a branch to this frame passes: a loop's parameters, any other frame's results. */
export function labelTypes(frame: Frame): readonly ValType[] {
	return frame.kind === FrameKind.Loop ? frame.params : frame.results;
}

export class Stacks {
	/** Operand stack: value type codes, UNKNOWN for a value popped from a polymorphic stack. */
	private vals = new Uint8Array(256);
	private sp = 0;
	/** Control stack; entries above `depth` are kept for reuse. */
	private readonly frames: Frame[] = [];
	depth = 0;

	constructor(private readonly mismatch: (expected: string, found: string) => never) {}

	reset(): void {
		this.sp = 0;
		this.depth = 0;
	}

	/** The frame `label` levels out (0 = innermost); the caller checks label < depth. */
	frame(label = 0): Frame {
		return this.frames[this.depth - 1 - label];
	}

	push(type: number): void {
		if (this.sp === this.vals.length) {
			const grown = new Uint8Array(this.vals.length * 2);
			grown.set(this.vals);
			this.vals = grown;
		}
		this.vals[this.sp++] = type;
	}

	pushAll(types: readonly ValType[]): void {
		for (let i = 0; i < types.length; i++) this.push(types[i]);
	}

	/** Pops one operand of any type (UNKNOWN from a polymorphic stack). */
	popAny(): number {
		const frame = this.frame();
		if (this.sp === frame.height) {
			if (frame.unreachable) return UNKNOWN;
			this.mismatch('one operand', '[]');
		}
		return this.vals[--this.sp];
	}

	/** Pops operands of the given types (the last one on top). */
	pop(types: readonly ValType[]): void {
		this.check(types, false);
		this.sp = Math.max(this.frame().height, this.sp - types.length);
	}

	pop1(type: ValType): void {
		const frame = this.frame();
		if (this.sp === frame.height) {
			if (frame.unreachable) return;
			this.mismatch(typeList([type]), '[]');
		}
		const actual = this.vals[this.sp - 1];
		if (actual !== type && actual !== UNKNOWN) this.mismatch(typeList([type]), typeList([actual]));
		this.sp--;
	}

	/**
	 * Checks that the top of the stack holds `types` without popping; with `exact`, that the frame
	 * holds nothing else (the rule at `end`). A polymorphic frame supplies any missing operands.
	 */
	check(types: readonly ValType[], exact: boolean): void {
		const frame = this.frame();
		const available = this.sp - frame.height;
		const n = types.length;
		let ok = (available >= n || frame.unreachable) && (!exact || available <= n);
		for (let i = 0; ok && i < n && i < available; i++) {
			const actual = this.vals[this.sp - 1 - i];
			if (actual !== types[n - 1 - i] && actual !== UNKNOWN) ok = false;
		}
		if (!ok) this.mismatch(typeList(types), this.describeTop(exact ? available : Math.min(n, available)));
	}

	/** Enters a frame whose parameters have already been checked and popped, and pushes them back. */
	enter(kind: FrameKind, pos: number, params: readonly ValType[], results: readonly ValType[]): void {
		let frame = this.frames[this.depth];
		if (frame === undefined) {
			frame = {kind, pos, params, results, height: 0, unreachable: false};
			this.frames.push(frame);
		}
		frame.kind = kind;
		frame.pos = pos;
		frame.params = params;
		frame.results = results;
		frame.height = this.sp;
		frame.unreachable = false;
		this.depth++;
		this.pushAll(params);
	}

	/** Leaves the innermost frame (its results checked exactly), leaving the stack at its height. */
	leave(): Frame {
		const frame = this.frame();
		this.check(frame.results, true);
		this.sp = frame.height;
		this.depth--;
		return frame;
	}

	/** The rest of the innermost frame is unreachable: its stack becomes polymorphic. */
	setUnreachable(): void {
		const frame = this.frame();
		this.sp = frame.height;
		frame.unreachable = true;
	}

	/** The operand stack's types, bottom first. */
	types(): Uint8Array {
		return this.vals.slice(0, this.sp);
	}

	/** The top `count` operands of the innermost frame, at most 12 of them shown. */
	private describeTop(count: number): string {
		const shown = Math.min(count, 12);
		const text = typeList(this.vals.subarray(this.sp - shown, this.sp));
		return count > shown ? `[... ${text.slice(1)}` : text;
	}
}
