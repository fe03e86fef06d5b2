/*
 * Decodes an expression (a function body or a constant expression) into Instr objects.
 *
 * The decoder checks structure, as the binary format defines it: every opcode exists, immediates
 * are well-formed, blocks nest (`else` only once inside an `if`, every block closed by `end`), and
 * the expression ends with the `end` that closes its outermost block. Types, indices, alignment and
 * lane numbers are the validator's.
 *
 * Nesting is tracked in an explicit stack of block kinds, not by recursion, so a body nested
 * 100,000 deep decodes like a flat one.
 */

import type {Expr, Instr} from '../types.js';
import {opCodeText, opInfo} from '../opcodes.js';
import {isValTypeCode} from './value-types.js';
import type {Reader} from './reader.js';

/** One decoded instruction; a class so that every Instr has the same shape (see types.ts). */
export class Instruction implements Instr {
	constructor(
		readonly op: number,
		readonly pos: number,
		readonly a: number,
		readonly b: number,
		readonly c: number,
		readonly ext: readonly number[] | Uint8Array | null,
	) {}
}

const OP_END = 0x0b;
const OP_ELSE = 0x05;
const OP_MEMORY_INIT = 0xfc0008;
const OP_DATA_DROP = 0xfc0009;

// Kinds of open blocks on the nesting stack.
const BLOCK = 0;
const IF = 1;
const IF_ELSE = 2;

/**
 * Decodes instructions from `r.pos` up to and including the `end` that closes the expression.
 * `hasDataCount` says whether the module has a data count section, which `memory.init` and
 * `data.drop` require; when it has none, the first such instruction is recorded in the reader for
 * the module decoder's check at the end (see module.ts).
 */
export function decodeExpr(r: Reader, hasDataCount: boolean): Expr {
	const bytes = r.bytes;
	const start = r.pos;
	const instrs: Instr[] = [];
	const blocks: number[] = [BLOCK];
	for (;;) {
		if (r.pos >= r.end) {
			r.opcode = -1;
			r.fail(`the expression ends with ${blocks.length} block(s) still open (END opcode expected)`);
		}
		const pos = r.pos;
		let op = bytes[r.pos++];
		if (op === 0xfc || op === 0xfd) {
			const sub = r.u32();
			if (sub > 0xff) {
				r.opcode = -1;
				r.fail(`illegal opcode 0x${op.toString(16)} 0x${sub.toString(16)}`, pos);
			}
			op = (op << 16) | sub;
		}
		r.opcode = op;
		const info = opInfo(op);
		if (info === undefined) {
			r.opcode = -1;
			r.fail(`illegal opcode ${opCodeText(op)}`, pos);
		}
		let a = 0;
		let b = 0;
		let c = 0;
		let ext: readonly number[] | Uint8Array | null = null;
		switch (info.imm) {
			case 'none':
				if (op === OP_END) {
					blocks.pop();
					if (blocks.length === 0) {
						instrs.push(new Instruction(op, pos, 0, 0, 0, null));
						r.opcode = -1;
						return {instrs, start, end: r.pos};
					}
				} else if (op === OP_ELSE) {
					if (blocks[blocks.length - 1] !== IF) {
						r.fail('else without an open if, or a second else (END opcode expected)', pos);
					}
					blocks[blocks.length - 1] = IF_ELSE;
				}
				break;
			case 'localidx':
			case 'globalidx':
			case 'labelidx':
			case 'funcidx':
			case 'tableidx':
			case 'data':
			case 'elem':
				a = r.u32();
				break;
			case 'i32':
				a = r.s32();
				break;
			case 'memarg':
				a = r.u32();
				b = r.u32();
				break;
			case 'blocktype':
				a = readBlockType(r);
				blocks.push(op === 0x04 ? IF : BLOCK);
				break;
			case 'i64':
				r.s64();
				a = r.lo;
				b = r.hi;
				break;
			case 'f32':
				a = r.bits32();
				break;
			case 'f64':
				a = r.bits32();
				b = r.bits32();
				break;
			case 'call_indirect':
			case 'elem+table':
			case 'table+table':
				a = r.u32();
				b = r.u32();
				break;
			case 'br_table': {
				const n = r.count('branch targets');
				const targets = new Array<number>(n);
				for (let i = 0; i < n; i++) targets[i] = r.u32();
				ext = targets;
				a = r.u32();
				break;
			}
			case 'memidx':
				zeroByte(r);
				break;
			case 'data+mem':
				a = r.u32();
				zeroByte(r);
				break;
			case 'mem+mem':
				zeroByte(r);
				zeroByte(r);
				break;
			case 'reftype': {
				const at = r.pos;
				a = r.u8();
				if (a !== 0x70 && a !== 0x6f) r.fail(`malformed reference type 0x${a.toString(16)}`, at);
				break;
			}
			case 'select_types': {
				const n = r.count('value types');
				const types = new Array<number>(n);
				for (let i = 0; i < n; i++) {
					const at = r.pos;
					const t = r.u8();
					if (!isValTypeCode(t)) r.fail(`malformed value type 0x${t.toString(16)}`, at);
					types[i] = t;
				}
				ext = types;
				break;
			}
			case 'v128const':
			case 'shuffle':
				ext = r.bytesOf(16, 'immediate');
				break;
			case 'lane':
				c = r.u8();
				break;
			case 'memarg+lane':
				a = r.u32();
				b = r.u32();
				c = r.u8();
				break;
		}
		if ((op === OP_MEMORY_INIT || op === OP_DATA_DROP) && !hasDataCount && r.firstDataInstr < 0) {
			r.firstDataInstr = pos;
			r.firstDataInstrWhere = r.context();
		}
		instrs.push(new Instruction(op, pos, a, b, c, ext));
	}
}

/**
 * A block type: 0x40 (no result) or a value type as one byte, both returned as the negative s33
 * they encode, else an s33 type index that must not be negative.
 */
function readBlockType(r: Reader): number {
	const b = r.bytes[r.pos];
	if (r.pos < r.end && (b === 0x40 || isValTypeCode(b))) {
		r.pos++;
		return b - 0x80;
	}
	const start = r.pos;
	const t = r.s33();
	if (t < 0) r.fail(`malformed block type ${t}`, start);
	return t;
}

/** The reserved memory index byte of memory instructions; 2.0 has one memory, so it is 0x00. */
function zeroByte(r: Reader): void {
	const at = r.pos;
	const b = r.u8();
	if (b !== 0) r.fail(`memory index byte is 0x${b.toString(16)} (zero byte expected)`, at);
}
