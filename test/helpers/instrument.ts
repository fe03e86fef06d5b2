/*
 * An independent check of the engine's instruction count: a binary rewriter that gives a module an
 * exported mutable i64 global counter and bumps it before every instruction of every function body,
 *
 *     global.get $count  i64.const 1  i64.add  global.set $count
 *
 * including before `else` (at the end of the then-arm), before every `end` (at the end of the
 * block's instruction sequence) and before the body's final `end`. Run on any engine (Node's own
 * WebAssembly in the tests), the counter then says how many instructions ran in the sense of
 * DESIGN.md ("What one instruction is"): an instruction reached in sequence counts once, a branch
 * to a block skips its `end`, an `else` counts only when the then-arm runs into it, a trapping
 * instruction counts (its bump ran before it).
 *
 * Bulk memory and table instructions (memory.fill/copy/init, table.fill/copy/init) cost one plus
 * one per `bulkUnit` bytes or elements they touch (DESIGN.md: 64). The rewriter adds that extra
 * after the instruction, from its count operand saved in a new i32 local with `local.tee`:
 *
 *     local.tee $n  <bulk op>  global.get $count  local.get $n  i64.extend_i32_u
 *     i64.const bulkUnit  i64.div_u  i64.add  global.set $count
 *
 * so an instruction that traps (out of bounds: checked before any work, as the spec does) costs
 * only its one.
 *
 * Nothing shifts: the counter is appended after every existing global (imported globals come first
 * in the index space, so it is the last index), the temporary local after every existing local, and
 * the export after every existing export. Sections are copied byte for byte except the global,
 * export and code sections, which are re-encoded (and created in their place when absent);
 * instructions are copied verbatim from the module's bytes between the decoder's `pos` offsets.
 */

import {decodeModule} from '../../source/wasm/decode/index.js';
import type {Func, Module, SectionInfo} from '../../source/wasm/types.js';

export const COUNTER_EXPORT = '__count';
/** DESIGN.md: bulk instructions count one plus one per 64 bytes or elements. */
export const DEFAULT_BULK_UNIT = 64;

export interface InstrumentOptions {
	/** Name under which the counter global is exported. */
	readonly exportName?: string;
	/** Bytes or elements per extra instruction of a bulk memory/table op. */
	readonly bulkUnit?: number;
}

const SECTION_GLOBAL = 6;
const SECTION_EXPORT = 7;
const SECTION_CODE = 10;
/** Known section ids in the order the binary format requires (custom sections, id 0, go anywhere). */
const SECTION_ORDER = [1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11];

/** memory.init, memory.copy, memory.fill, table.init, table.copy, table.fill: the count is their last operand. */
const BULK_OPS = new Set([0xfc0008, 0xfc000a, 0xfc000b, 0xfc000c, 0xfc000e, 0xfc0011]);

const OP = {
	localGet: 0x20,
	localTee: 0x22,
	globalGet: 0x23,
	globalSet: 0x24,
	i64Const: 0x42,
	i64Add: 0x7c,
	i64DivU: 0x80,
	i64ExtendI32U: 0xad,
	i32: 0x7f,
	i64: 0x7e,
	mutable: 0x01,
	end: 0x0b,
	exportGlobal: 0x03,
} as const;

/** A copy of `bytes` whose exported global `__count` counts executed instructions (see header). */
export function instrument(bytes: Uint8Array, options: InstrumentOptions = {}): Uint8Array {
	const module = decodeModule(bytes);
	const exportName = options.exportName ?? COUNTER_EXPORT;
	const bulkUnit = options.bulkUnit ?? DEFAULT_BULK_UNIT;
	const counter = module.globals.length;
	const bump = [OP.globalGet, ...uleb(counter), OP.i64Const, 1, OP.i64Add, OP.globalSet, ...uleb(counter)];

	const globalEntry = [OP.i64, OP.mutable, OP.i64Const, 0, OP.end];
	const exportEntry = [...name(exportName), OP.exportGlobal, ...uleb(counter)];
	const rewritten = new Map<number, number[]>([
		[SECTION_GLOBAL, appendToVector(module, SECTION_GLOBAL, globalEntry)],
		[SECTION_EXPORT, appendToVector(module, SECTION_EXPORT, exportEntry)],
	]);
	if (module.funcs.length > 0) rewritten.set(SECTION_CODE, codeSection(module, bump, counter, bulkUnit));

	const out: number[] = [...bytes.subarray(0, 8)];
	const pending = new Set(rewritten.keys());
	// Copies sections in order; a rewritten one replaces the original, or is placed before the
	// first section that must follow it when the module has none.
	const flushBefore = (id: number) => {
		for (const missing of [...pending].sort(byOrder)) {
			if (byOrder(missing, id) >= 0) continue;
			append(out, section(missing, rewritten.get(missing)!));
			pending.delete(missing);
		}
	};
	for (const info of module.sections) {
		if (info.id !== 0) flushBefore(info.id);
		if (rewritten.has(info.id)) {
			append(out, section(info.id, rewritten.get(info.id)!));
			pending.delete(info.id);
		} else {
			append(out, bytes.subarray(info.offset, info.contentOffset + info.size));
		}
	}
	for (const missing of [...pending].sort(byOrder)) append(out, section(missing, rewritten.get(missing)!));
	return Uint8Array.from(out);
}

function byOrder(a: number, b: number): number {
	return SECTION_ORDER.indexOf(a) - SECTION_ORDER.indexOf(b);
}

function sectionInfo(module: Module, id: number): SectionInfo | undefined {
	return module.sections.find((info) => info.id === id);
}

/** A vector section's contents with one more entry (or a new vector of that one entry). */
function appendToVector(module: Module, id: number, entry: readonly number[]): number[] {
	const info = sectionInfo(module, id);
	if (info === undefined) return [...uleb(1), ...entry];
	const {value: count, next} = readUleb(module.bytes, info.contentOffset);
	const out = uleb(count + 1);
	append(out, module.bytes.subarray(next, info.contentOffset + info.size));
	append(out, entry);
	return out;
}

function codeSection(module: Module, bump: readonly number[], counter: number, bulkUnit: number): number[] {
	const out = [...uleb(module.funcs.length)];
	for (const func of module.funcs) {
		const body = functionBody(module, func, bump, counter, bulkUnit);
		append(out, uleb(body.length));
		append(out, body);
	}
	return out;
}

/** One function body: its local declarations (plus the temporary, when needed) and its instructions with the bumps. */
function functionBody(module: Module, func: Func, bump: readonly number[], counter: number, bulkUnit: number): number[] {
	const {bytes} = module;
	const instrs = func.body.instrs;
	const hasBulk = instrs.some(({op}) => BULK_OPS.has(op));
	const temp = module.types[func.typeIndex].params.length + func.locals.length;
	const groups = hasBulk ? [...func.localGroups, {count: 1, type: OP.i32}] : func.localGroups;
	const out = [...uleb(groups.length)];
	for (const {count, type} of groups) out.push(...uleb(count), type);
	const extra = [OP.globalGet, ...uleb(counter), OP.localGet, ...uleb(temp), OP.i64ExtendI32U, OP.i64Const, ...sleb(bulkUnit), OP.i64DivU, OP.i64Add, OP.globalSet, ...uleb(counter)];
	for (let i = 0; i < instrs.length; i++) {
		const original = bytes.subarray(instrs[i].pos, i + 1 < instrs.length ? instrs[i + 1].pos : func.body.end);
		append(out, bump);
		if (BULK_OPS.has(instrs[i].op)) {
			append(out, [OP.localTee, ...uleb(temp)]);
			append(out, original);
			append(out, extra);
		} else {
			append(out, original);
		}
	}
	return out;
}

function section(id: number, contents: readonly number[]): number[] {
	const out = [id, ...uleb(contents.length)];
	append(out, contents);
	return out;
}

/** Appends one by one: spreading a big section into push() would pass the engine's argument limit. */
function append(out: number[], items: ArrayLike<number>): void {
	for (let i = 0; i < items.length; i++) out.push(items[i]);
}

function name(text: string): number[] {
	const encoded = new TextEncoder().encode(text);
	return [...uleb(encoded.length), ...encoded];
}

/** Unsigned LEB128. */
function uleb(value: number): number[] {
	const out: number[] = [];
	let rest = value;
	do {
		const low = rest & 0x7f;
		rest = Math.floor(rest / 128);
		out.push(rest === 0 ? low : low | 0x80);
	} while (rest !== 0);
	return out;
}

/** Signed LEB128 (for a small non-negative i64.const immediate). */
function sleb(value: number): number[] {
	const out: number[] = [];
	let rest = value;
	for (;;) {
		const low = rest & 0x7f;
		rest = Math.floor(rest / 128);
		const done = (rest === 0 && (low & 0x40) === 0) || (rest === -1 && (low & 0x40) !== 0);
		out.push(done ? low : low | 0x80);
		if (done) return out;
	}
}

function readUleb(bytes: Uint8Array, at: number): {value: number; next: number} {
	let value = 0;
	let scale = 1;
	let pos = at;
	for (;;) {
		const byte = bytes[pos++];
		value += (byte & 0x7f) * scale;
		if ((byte & 0x80) === 0) return {value, next: pos};
		scale *= 128;
	}
}
