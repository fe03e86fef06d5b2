/*
 * The immediates of instructions that name something in the module: block types, functions,
 * globals, tables, memories, element and data segments, and memory alignment. Each lookup fails
 * with the index, and how many the module has, through the body validator's `fail`.
 */

import {type Imm, type OpInfo} from '../opcodes.js';
import {type FuncType, type GlobalType, type Instr, type Module, type ValType, valTypeName} from '../types.js';
import {SIMD_UNSUPPORTED, V128, unknownIndex} from './describe.js';

const FUNCREF = 0x70;
const EXTERNREF = 0x6f;

/** Block types that are a single value type (or none), as signatures, so no block allocates. */
const EMPTY: readonly ValType[] = [];
const SHORT_BLOCK_TYPES: ReadonlyMap<number, FuncType> = new Map([
	[-64, {params: EMPTY, results: EMPTY}],
	...([0x7f, 0x7e, 0x7d, 0x7c, FUNCREF, EXTERNREF] as const).map(
		(t): [number, FuncType] => [t - 0x80, {params: EMPTY, results: [t]}],
	),
]);

export class Immediates {
	constructor(
		private readonly module: Module,
		private readonly fail: (reason: string) => never,
	) {}

	/** Immediates of the fixed-type instructions: memory, data, element and table indices, alignment. */
	checkFixed(info: OpInfo, instr: Instr): void {
		const imm: Imm = info.imm;
		switch (imm) {
			case 'memarg':
				this.memory(0);
				if (instr.a > info.align) {
					const natural = 2 ** info.align;
					const given = instr.a < 32 ? `align=${2 ** instr.a}` : `alignment 2^${instr.a}`;
					this.fail(
						`alignment must not be larger than natural: ${info.name} accesses ${natural} ` +
							`byte${natural === 1 ? '' : 's'}, so its align may be at most ${natural}, found ${given}`,
					);
				}
				return;
			case 'memidx':
				this.memory(instr.a);
				return;
			case 'mem+mem':
				this.memory(instr.a);
				this.memory(instr.b);
				return;
			case 'data+mem':
				this.memory(instr.b);
				this.dataSegment(instr.a);
				return;
			case 'data':
				this.dataSegment(instr.a);
				return;
			case 'tableidx':
				this.tableType(instr.a);
				return;
			case 'elem':
				this.elemType(instr.a);
				return;
			case 'elem+table': {
				const tableType = this.tableType(instr.b);
				const elemType = this.elemType(instr.a);
				if (elemType !== tableType) {
					this.fail(
						`type mismatch: elem segment ${instr.a} holds ${valTypeName(elemType)} but table ` +
							`${instr.b} holds ${valTypeName(tableType)}`,
					);
				}
				return;
			}
			case 'table+table': {
				const dst = this.tableType(instr.a);
				const src = this.tableType(instr.b);
				if (dst !== src) {
					this.fail(
						`type mismatch: table.copy from table ${instr.b} (${valTypeName(src)}) to table ` +
							`${instr.a} (${valTypeName(dst)})`,
					);
				}
				return;
			}
			default:
				return;
		}
	}

	blockType(blockType: number): FuncType {
		if (blockType >= 0) return this.type(blockType);
		if (blockType === V128 - 0x80) this.fail(`${SIMD_UNSUPPORTED} (a block of type v128)`);
		const sig = SHORT_BLOCK_TYPES.get(blockType);
		if (sig === undefined) this.fail(`unknown block type ${blockType}`);
		return sig;
	}

	type(index: number): FuncType {
		const types = this.module.types;
		if (index >= types.length) this.fail(unknownIndex('type', index, types.length));
		return types[index];
	}

	funcType(index: number): FuncType {
		const module = this.module;
		const count = module.funcTypeIndices.length;
		if (index >= count) this.fail(unknownIndex('function', index, count));
		return module.types[module.funcTypeIndices[index]];
	}

	global(index: number): GlobalType {
		const globals = this.module.globals;
		if (index >= globals.length) this.fail(unknownIndex('global', index, globals.length));
		return globals[index];
	}

	tableType(index: number): ValType {
		const tables = this.module.tables;
		if (index >= tables.length) this.fail(unknownIndex('table', index, tables.length));
		return tables[index].elemType;
	}

	memory(index: number): void {
		const count = this.module.memories.length;
		if (index >= count) this.fail(unknownIndex('memory', index, count, 'memories'));
	}

	elemType(index: number): ValType {
		const elems = this.module.elems;
		if (index >= elems.length) this.fail(unknownIndex('elem segment', index, elems.length));
		return elems[index].type;
	}

	dataSegment(index: number): void {
		const count = this.module.datas.length;
		if (index >= count) this.fail(unknownIndex('data segment', index, count));
	}
}
