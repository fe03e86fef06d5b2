/*
 * The element section (id 9): element segments, which initialise tables (active), wait for
 * table.init (passive), or only declare functions referable by ref.func (declarative).
 *
 * The segment's first field is a flags number whose bits say: bit 0 passive or declarative,
 * bit 1 an explicit table index (active) or declarative (otherwise), bit 2 elements as expressions
 * rather than function indices.
 *
 *   flags  mode         table     element type      elements
 *   0      active       0         funcref           vec(funcidx)
 *   1      passive      -         elemkind 0x00     vec(funcidx)
 *   2      active       tableidx  elemkind 0x00     vec(funcidx)
 *   3      declarative  -         elemkind 0x00     vec(funcidx)
 *   4      active       0         funcref           vec(expr)
 *   5      passive      -         reftype           vec(expr)
 *   6      active       tableidx  reftype           vec(expr)
 *   7      declarative  -         reftype           vec(expr)
 */

import type {Expr, RefType, SegmentMode} from '../../types.js';
import type {ModuleBuilder} from '../builder.js';
import {Instruction, decodeExpr} from '../instructions.js';
import type {Reader} from '../reader.js';
import {readRefType} from '../value-types.js';

const FUNCREF: RefType = 0x70;
const OP_REF_FUNC = 0xd2;
const OP_END = 0x0b;

export function decodeElementSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('element segments');
	for (let i = 0; i < n; i++) {
		r.at('element segment', i);
		const offset = r.pos;
		const flags = r.u32();
		if (flags > 7) r.fail(`malformed elements segment kind ${flags} (expected 0-7)`, offset);
		const mode: SegmentMode = (flags & 1) === 0 ? 'active' : (flags & 2) === 0 ? 'passive' : 'declarative';
		const table = mode === 'active' && (flags & 2) !== 0 ? r.u32() : 0;
		const offsetExpr = mode === 'active' ? decodeExpr(r, false) : null;
		const asExprs = (flags & 4) !== 0;
		let type: RefType = FUNCREF;
		if (flags !== 0 && flags !== 4) type = asExprs ? readRefType(r) : readElemKind(r);
		const count = r.count('elements');
		const init = new Array<Expr>(count);
		for (let k = 0; k < count; k++) init[k] = asExprs ? decodeExpr(r, false) : funcIndexExpr(r);
		m.elems.push({mode, table, offsetExpr, type, init, offset});
	}
}

/** The element kind of the function-index forms: 0x00, which means funcref. */
function readElemKind(r: Reader): RefType {
	const at = r.pos;
	const kind = r.u8();
	if (kind !== 0x00) r.fail(`malformed element kind 0x${kind.toString(16)} (expected 0x00, funcref)`, at);
	return FUNCREF;
}

/** A function index element, as the expression `ref.func i; end` spanning the index's bytes. */
function funcIndexExpr(r: Reader): Expr {
	const start = r.pos;
	const index = r.u32();
	const instrs = [new Instruction(OP_REF_FUNC, start, index, 0, 0, null), new Instruction(OP_END, start, 0, 0, 0, null)];
	return {instrs, start, end: r.pos};
}
