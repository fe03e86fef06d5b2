/*
 * Function body validation: the specification's validation algorithm (appendix "Validation
 * Algorithm"), one linear pass over the decoded instructions with an explicit operand stack and
 * control stack (stack.ts) — no JavaScript recursion, so nesting depth is bounded only by memory.
 *
 * Instructions with one fixed type (numeric ops, loads and stores, bulk memory) take it from the
 * opcode table after their immediates are checked; the rest are typed one by one in `step`.
 */

import {ValidationError} from '../errors.js';
import {isSimd, opCodeText, opInfo} from '../opcodes.js';
import {type FuncType, type Instr, type Module, type ValType, funcLabel, valTypeName} from '../types.js';
import {SIMD_UNSUPPORTED, UNKNOWN, V128, signatureText, typeList} from './describe.js';
import {Immediates} from './immediates.js';
import {type Frame, FrameKind, Stacks, labelTypes} from './stack.js';

const I32 = 0x7f;
const FUNCREF = 0x70;
const EXTERNREF = 0x6f;
const EMPTY: readonly ValType[] = [];

/** What the operands being checked are for; it chooses the wording of a type mismatch. */
const Role = {Operands: 0, Condition: 1, Params: 2, Branch: 3, Return: 4, End: 5, Select: 6} as const;
type Role = (typeof Role)[keyof typeof Role];

/** Operand lists of the table instructions and typed select, one per element or value type. */
const operandLists = (make: (t: ValType) => ValType[]): ReadonlyMap<number, readonly ValType[]> =>
	new Map(([0x7f, 0x7e, 0x7d, 0x7c, FUNCREF, EXTERNREF] as const).map((t) => [t, make(t)]));
const TABLE_SET = operandLists((t) => [I32, t]);
const TABLE_GROW = operandLists((t) => [t, I32]);
const TABLE_FILL = operandLists((t) => [I32, t, I32]);
const SELECT_TYPED = operandLists((t) => [t, t, I32]);

/** Validates the bodies of one module's functions, reusing its stacks between them. */
export class BodyValidator {
	private readonly stacks = new Stacks((expected, found) => this.stackMismatch(expected, found));
	private readonly index: Immediates;
	private funcIndex = 0;
	private params: readonly ValType[] = EMPTY;
	private locals: readonly ValType[] = EMPTY;
	private results: readonly ValType[] = EMPTY;
	private instr: Instr | null = null;
	private role: Role = Role.Operands;
	/** The frame a branch being checked targets (Role.Branch). */
	private target: Frame | null = null;

	constructor(
		private readonly module: Module,
		/** Functions that `ref.func` may name (C.refs). */
		private readonly refs: ReadonlySet<number>,
	) {
		this.index = new Immediates(module, (reason) => this.fail(reason));
	}

	/** Validates the body of function `funcIndex` (in the function index space, so imports come first). */
	validate(funcIndex: number): void {
		this.walk(funcIndex, -1);
	}

	/** For a function this validator has passed: the operand stack's types just before instruction `instr` of its body. */
	typesBefore(funcIndex: number, instr: number): Uint8Array {
		this.walk(funcIndex, instr);
		return this.stacks.types();
	}

	/** Validates function `funcIndex`'s body, or its instructions before `stop` (-1: all of it). */
	private walk(funcIndex: number, stop: number): void {
		const module = this.module;
		const func = module.funcs[funcIndex - module.importedFuncCount];
		const type = module.types[func.typeIndex];
		this.funcIndex = funcIndex;
		this.params = type.params;
		this.locals = func.locals;
		this.results = type.results;
		this.instr = null;
		for (const group of func.localGroups) {
			if (group.type === V128) this.fail(`${SIMD_UNSUPPORTED} (a v128 local)`, func.body.start);
		}
		const stacks = this.stacks;
		stacks.reset();
		stacks.enter(FrameKind.Function, func.body.start, EMPTY, type.results);
		const instrs = func.body.instrs;
		for (let i = 0; i < instrs.length; i++) {
			if (i === stop) return;
			const instr = instrs[i];
			this.instr = instr;
			if (stacks.depth === 0) this.fail('instructions follow the end of the function body');
			this.step(instr);
		}
		if (stacks.depth > 0) {
			this.instr = null;
			this.fail(`the body ends inside ${this.frameText(stacks.frame())}, which has no end`, func.body.end);
		}
	}

	private step(instr: Instr): void {
		const info = opInfo(instr.op);
		if (info === undefined) this.fail(`unknown opcode ${opCodeText(instr.op)}`);
		if (isSimd(instr.op)) this.fail(`${SIMD_UNSUPPORTED} (${info.name})`);
		if (info.params !== null && info.results !== null) {
			this.index.checkFixed(info, instr);
			this.role = Role.Operands;
			this.stacks.pop(info.params);
			this.stacks.pushAll(info.results);
			return;
		}
		const stacks = this.stacks;
		const a = instr.a;
		switch (instr.op) {
			case 0x00: // unreachable
				stacks.setUnreachable();
				return;
			case 0x02: // block
			case 0x03: // loop
			case 0x04: { // if
				const sig = this.index.blockType(a);
				if (instr.op === 0x04) this.popCondition();
				this.role = Role.Params;
				stacks.pop(sig.params);
				const kind = instr.op === 0x02 ? FrameKind.Block : instr.op === 0x03 ? FrameKind.Loop : FrameKind.If;
				stacks.enter(kind, instr.pos, sig.params, sig.results);
				return;
			}
			case 0x05: { // else
				const frame = stacks.frame();
				if (frame.kind !== FrameKind.If) this.fail(`else without a matching if (it is inside ${this.frameText(frame)})`);
				this.role = Role.End;
				stacks.leave();
				stacks.enter(FrameKind.Else, frame.pos, frame.params, frame.results);
				return;
			}
			case 0x0b: { // end
				this.role = Role.End;
				const frame = stacks.leave();
				if (frame.kind === FrameKind.If && !sameTypes(frame.params, frame.results)) {
					this.fail(
						`type mismatch: the if at 0x${frame.pos.toString(16)} has type ` +
							`${signatureText(frame.params, frame.results)} but no else branch; without one, ` +
							'its results must equal its parameters',
					);
				}
				if (stacks.depth > 0) stacks.pushAll(frame.results);
				return;
			}
			case 0x0c: // br
				this.popBranch(this.label(a));
				stacks.setUnreachable();
				return;
			case 0x0d: { // br_if
				const target = this.label(a);
				this.popCondition();
				this.popBranch(target);
				stacks.pushAll(labelTypes(target));
				return;
			}
			case 0x0e:
				this.brTable(instr);
				return;
			case 0x0f: // return
				this.role = Role.Return;
				stacks.pop(this.results);
				stacks.setUnreachable();
				return;
			case 0x10: // call
				this.call(this.index.funcType(a));
				return;
			case 0x11: // call_indirect
				this.callIndirect(a, instr.b);
				return;
			case 0xd0: // ref.null
				stacks.push(a);
				return;
			case 0xd1: { // ref.is_null
				this.role = Role.Operands;
				const t = stacks.popAny();
				if (t !== UNKNOWN && t !== FUNCREF && t !== EXTERNREF) {
					this.fail(`ref.is_null expects a reference (funcref or externref), found [${valTypeName(t)}]`);
				}
				stacks.push(I32);
				return;
			}
			case 0xd2: // ref.func
				this.index.funcType(a);
				if (!this.refs.has(a)) {
					this.fail(
						`undeclared function reference: ${funcLabel(this.module, a)} must be declared — ` +
							'named in an element segment, an export or a global initialiser — before ref.func can use it',
					);
				}
				stacks.push(FUNCREF);
				return;
			case 0x1a: // drop
				this.role = Role.Operands;
				stacks.popAny();
				return;
			case 0x1b:
				this.selectUntyped();
				return;
			case 0x1c:
				this.selectTyped(instr);
				return;
			case 0x20: // local.get
				stacks.push(this.localType(a));
				return;
			case 0x21: // local.set
				this.role = Role.Operands;
				stacks.pop1(this.localType(a));
				return;
			case 0x22: { // local.tee
				const t = this.localType(a);
				this.role = Role.Operands;
				stacks.pop1(t);
				stacks.push(t);
				return;
			}
			case 0x23: // global.get
				stacks.push(this.index.global(a).valType);
				return;
			case 0x24: { // global.set
				const global = this.index.global(a);
				if (!global.mutable) this.fail(`global is immutable: global ${a} is not declared mut, so global.set cannot change it`);
				this.role = Role.Operands;
				stacks.pop1(global.valType);
				return;
			}
			case 0x25: // table.get
				this.role = Role.Operands;
				stacks.pop1(I32);
				stacks.push(this.index.tableType(a));
				return;
			case 0x26: // table.set
				this.tableOp(a, TABLE_SET, false);
				return;
			case 0xfc000f: // table.grow
				this.tableOp(a, TABLE_GROW, true);
				return;
			case 0xfc0011: // table.fill
				this.tableOp(a, TABLE_FILL, false);
				return;
			default:
				this.fail(`${info.name} has no validation rule`);
		}
	}

	/** br_table: every target takes as many values as the default, and the operands suit each. */
	private brTable(instr: Instr): void {
		const stacks = this.stacks;
		const fallback = this.label(instr.a);
		const arity = labelTypes(fallback).length;
		const depths = instr.ext ?? EMPTY;
		this.popCondition();
		for (let i = 0; i < depths.length; i++) {
			const target = this.label(depths[i]);
			const types = labelTypes(target);
			if (types.length !== arity) {
				this.fail(
					`type mismatch: br_table targets must all take the same number of values; label ` +
						`${depths[i]} (${this.frameText(target)}) takes ${typeList(types)} but the default ` +
						`label ${instr.a} (${this.frameText(fallback)}) takes ${typeList(labelTypes(fallback))}`,
				);
			}
			this.role = Role.Branch;
			this.target = target;
			stacks.check(types, false);
		}
		this.popBranch(fallback);
		stacks.setUnreachable();
	}

	private call(type: FuncType): void {
		this.role = Role.Operands;
		this.stacks.pop(type.params);
		this.stacks.pushAll(type.results);
	}

	private callIndirect(typeIndex: number, table: number): void {
		const elemType = this.index.tableType(table);
		if (elemType !== FUNCREF) {
			this.fail(`type mismatch: call_indirect needs a funcref table, table ${table} holds ${valTypeName(elemType)}`);
		}
		const type = this.index.type(typeIndex);
		this.popCondition();
		this.call(type);
	}

	/** select without types: two operands of one numeric type (references need `select (result t)`). */
	private selectUntyped(): void {
		const stacks = this.stacks;
		this.popCondition();
		this.role = Role.Select;
		const t1 = stacks.popAny();
		const t2 = stacks.popAny();
		if (isReference(t1) || isReference(t2)) {
			this.fail(
				`select without a type works only on numeric values, found ${typeList([t2, t1])}; ` +
					'references need a typed select, select (result funcref) or select (result externref)',
			);
		}
		if (t1 !== t2 && t1 !== UNKNOWN && t2 !== UNKNOWN) {
			this.fail(`select expects two operands of the same type, found ${typeList([t2, t1])}`);
		}
		stacks.push(t1 === UNKNOWN ? t2 : t1);
	}

	private selectTyped(instr: Instr): void {
		const types = instr.ext ?? EMPTY;
		if (types.length !== 1) {
			this.fail(`invalid result arity: select must name exactly one result type, it names ${typeList(types)}`);
		}
		const t = types[0];
		if (t === V128) this.fail(`${SIMD_UNSUPPORTED} (select of v128)`);
		const operands = SELECT_TYPED.get(t);
		if (operands === undefined) this.fail(`select names an unknown value type 0x${t.toString(16)}`);
		this.role = Role.Operands;
		this.stacks.pop(operands);
		this.stacks.push(t);
	}

	/** table.set, table.grow and table.fill: operands depend on the table's element type. */
	private tableOp(table: number, lists: ReadonlyMap<number, readonly ValType[]>, pushesSize: boolean): void {
		const operands = lists.get(this.index.tableType(table)) ?? EMPTY;
		this.role = Role.Operands;
		this.stacks.pop(operands);
		if (pushesSize) this.stacks.push(I32);
	}

	/** Pops the i32 condition of if, br_if and select, the index of br_table and call_indirect. */
	private popCondition(): void {
		this.role = Role.Condition;
		this.stacks.pop1(I32);
	}

	private popBranch(target: Frame): void {
		this.role = Role.Branch;
		this.target = target;
		this.stacks.pop(labelTypes(target));
	}

	/** The frame of branch label `depth`. */
	private label(depth: number): Frame {
		const count = this.stacks.depth;
		if (depth >= count) {
			const scope = count === 1 ? 'only label 0 (the function body) is' : `only labels 0 to ${count - 1} are`;
			this.fail(`unknown label ${depth}: ${scope} in scope here`);
		}
		return this.stacks.frame(depth);
	}

	private localType(index: number): ValType {
		const params = this.params;
		const count = params.length + this.locals.length;
		if (index >= count) {
			this.fail(
				`unknown local ${index}: function has ${count} local${count === 1 ? '' : 's'} ` +
					`(${params.length} parameter${params.length === 1 ? '' : 's'} and ${this.locals.length} declared)`,
			);
		}
		return index < params.length ? params[index] : this.locals[index - params.length];
	}

	/** Words a type mismatch found by the stacks, from the role of the operands being checked. */
	private stackMismatch(expected: string, found: string): never {
		const stacks = this.stacks;
		switch (this.role) {
			case Role.Operands:
				return this.fail(`${this.instrText()} expects ${expected}, found ${found}`);
			case Role.Condition: {
				const what = this.instr?.op === 0x0e ? 'index' : this.instr?.op === 0x11 ? 'table index' : 'condition';
				return this.fail(`${this.instrText()} expects an i32 ${what} on top of the stack, found ${found}`);
			}
			case Role.Params:
				return this.fail(`${this.instrText()} expects its parameters ${expected}, found ${found}`);
			case Role.Branch:
				return this.fail(
					`${this.instrText()} to ${this.frameText(this.target ?? stacks.frame())} expects ${expected}, found ${found}`,
				);
			case Role.Return:
				return this.fail(`return expects the function's results ${expected}, found ${found}`);
			case Role.End: {
				const frame = stacks.frame();
				const place = this.instr?.op === 0x05 ? `the then branch of ${this.frameText(frame)}` : this.frameText(frame);
				return this.fail(`${place} must end with exactly ${expected} on the stack, found ${found}`);
			}
			case Role.Select:
				return this.fail('select expects two operands besides its i32 condition, found fewer');
		}
	}

	/** "the block at 0x1f", "the function body" */
	private frameText(frame: Frame): string {
		const at = `at 0x${frame.pos.toString(16)}`;
		switch (frame.kind) {
			case FrameKind.Function: return 'the function body';
			case FrameKind.Block: return `the block ${at}`;
			case FrameKind.Loop: return `the loop ${at}`;
			case FrameKind.If: return `the if ${at}`;
			case FrameKind.Else: return `the else branch of the if ${at}`;
		}
	}

	/** The current instruction with its index immediate: "call 3 `parse`", "local.set 2", "i32.add". */
	private instrText(): string {
		const instr = this.instr;
		if (instr === null) return 'the function';
		const info = opInfo(instr.op);
		const name = info?.name ?? opCodeText(instr.op);
		switch (info?.imm) {
			case 'funcidx': {
				const fname = this.module.names.functions.get(instr.a);
				return fname === undefined ? `${name} ${instr.a}` : `${name} ${instr.a} \`${fname}\``;
			}
			case 'call_indirect':
				return `${name} (type ${instr.a})`;
			case 'labelidx':
			case 'localidx':
			case 'globalidx':
			case 'tableidx':
				return `${name} ${instr.a}`;
			default:
				return name;
		}
	}

	private fail(reason: string, offset = this.instr?.pos ?? 0): never {
		throw new ValidationError(reason, this.funcIndex, offset, funcLabel(this.module, this.funcIndex));
	}
}

function sameTypes(a: readonly ValType[], b: readonly ValType[]): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}

function isReference(t: number): boolean {
	return t === FUNCREF || t === EXTERNREF;
}
