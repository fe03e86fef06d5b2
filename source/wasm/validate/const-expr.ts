/*
 * Constant expressions (global initialisers, segment offsets, element initialisers).
 *
 * WebAssembly 2.0 allows only `t.const`, `ref.null`, `ref.func` and `global.get` of an imported,
 * immutable global; the expression must leave exactly one value of the expected type.
 */

import {ValidationError} from '../errors.js';
import {type Expr, type Module, valTypeName} from '../types.js';
import {SIMD_UNSUPPORTED, typeList, unknownIndex} from './describe.js';
import {opName} from '../opcodes.js';

const END = 0x0b;
const GLOBAL_GET = 0x23;
const REF_NULL = 0xd0;
const REF_FUNC = 0xd2;
const CONST_TYPES: ReadonlyMap<number, number> = new Map([
	[0x41, 0x7f],
	[0x42, 0x7e],
	[0x43, 0x7d],
	[0x44, 0x7c],
]);

/**
 * Checks that `expr` is constant and produces one value of type `expected`.
 * `where` names the place for messages ("global 2", "data segment 0 offset").
 */
export function validateConstExpr(module: Module, expr: Expr, expected: number, where: string): void {
	const fail = (reason: string, offset: number): never => {
		throw new ValidationError(reason, null, offset, where);
	};
	// The types the expression pushes, in order; only constant instructions reach it, none pops.
	const produced: number[] = [];
	const instrs = expr.instrs;
	for (let i = 0; i < instrs.length; i++) {
		const instr = instrs[i];
		const op = instr.op;
		if (op === END && i === instrs.length - 1) break;
		const constType = CONST_TYPES.get(op);
		if (constType !== undefined) {
			produced.push(constType);
		} else if (op === REF_NULL) {
			produced.push(instr.a);
		} else if (op === REF_FUNC) {
			const funcCount = module.funcTypeIndices.length;
			if (instr.a >= funcCount) fail(unknownIndex('function', instr.a, funcCount), instr.pos);
			produced.push(0x70);
		} else if (op === GLOBAL_GET) {
			produced.push(importedGlobalType(module, instr.a, instr.pos, fail));
		} else if (op >>> 16 === 0xfd) {
			fail(`${SIMD_UNSUPPORTED} (${opName(op)} in a constant expression)`, instr.pos);
		} else {
			fail(
				`constant expression required: ${opName(op)} is not allowed here ` +
					'(only t.const, ref.null, ref.func and global.get of an imported immutable global are)',
				instr.pos,
			);
		}
	}
	if (produced.length !== 1 || produced[0] !== expected) {
		fail(
			`type mismatch: the constant expression must produce [${valTypeName(expected)}], ` +
				`it produces ${typeList(produced)}`,
			expr.start,
		);
	}
}

/** The type of imported global `index`, which a constant expression may read if it is immutable. */
function importedGlobalType(
	module: Module,
	index: number,
	pos: number,
	fail: (reason: string, offset: number) => never,
): number {
	const imported = module.importedGlobalCount;
	if (index >= imported) {
		const defined = index < module.globals.length ? ` (global ${index} is defined in this module)` : '';
		const imports = imported === 1 ? '1 global' : `${imported} globals`;
		return fail(
			`unknown global ${index}: a constant expression may read only imported globals, and the ` +
				`module imports ${imports}${defined}`,
			pos,
		);
	}
	const type = module.globals[index];
	if (type.mutable) {
		return fail(
			`constant expression required: global ${index} is mutable, and a constant expression may ` +
				'read only immutable globals',
			pos,
		);
	}
	return type.valType;
}
