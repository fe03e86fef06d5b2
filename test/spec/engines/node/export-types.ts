/**
 * Reads the types of a module's exports from its binary: function signatures and global types, which
 * Node 20's WebAssembly API does not reveal but the trampolines need. Only for modules that Node has
 * already validated: it reads the type, import, function, global and export sections, skips the rest,
 * and does not re-check anything.
 */
import type {ValType} from '../../engine.js';
import {EXTERN, SECTION, VALTYPE} from './binary-writer.js';

export interface FuncType {
	readonly params: readonly ValType[];
	readonly results: readonly ValType[];
}

export type ExportType =
	| {readonly kind: 'func'; readonly type: FuncType}
	| {readonly kind: 'global'; readonly type: ValType; readonly mutable: boolean}
	| {readonly kind: 'table'}
	| {readonly kind: 'memory'};

const VALTYPE_BY_CODE = new Map<number, ValType>(Object.entries(VALTYPE).map(([type, code]): [number, ValType] => [code, type as ValType]));

/** The operand of each constant-expression opcode: a LEB128 number or a fixed number of bytes. */
const CONST_EXPR_OPERAND = new Map<number, 'leb' | number>([
	[0x41, 'leb'], // i32.const
	[0x42, 'leb'], // i64.const
	[0x43, 4], // f32.const
	[0x44, 8], // f64.const
	[0x23, 'leb'], // global.get
	[0xd0, 1], // ref.null t
	[0xd2, 'leb'], // ref.func
]);

/** Names are decoded as written: a leading U+FEFF is part of the name, not a byte-order mark. */
const UTF8 = new TextDecoder('utf-8', {ignoreBOM: true});

class Reader {
	offset = 0;
	constructor(private readonly bytes: Uint8Array) {}

	get done(): boolean {
		return this.offset >= this.bytes.length;
	}

	byte(): number {
		const byte = this.bytes[this.offset++];
		if (byte === undefined) throw new Error('export-types: unexpected end of module');
		return byte;
	}

	/** An unsigned LEB128 number (also skips a signed one, whose value is never needed). */
	leb(): number {
		let value = 0;
		let factor = 1;
		// Seven bits per byte, low first, while the continuation bit is set.
		for (;;) {
			const byte = this.byte();
			value += (byte & 0x7f) * factor;
			factor *= 128;
			if ((byte & 0x80) === 0) return value;
		}
	}

	skip(count: number): void {
		this.offset += count;
	}

	name(): string {
		const length = this.leb();
		const text = UTF8.decode(this.bytes.subarray(this.offset, this.offset + length));
		this.offset += length;
		return text;
	}

	valtype(): ValType {
		const code = this.byte();
		const type = VALTYPE_BY_CODE.get(code);
		if (type === undefined) throw new Error(`export-types: unknown value type 0x${code.toString(16)}`);
		return type;
	}

	/** `count` items read by `item`, after the vector's length. */
	vec<T>(item: () => T): T[] {
		return Array.from({length: this.leb()}, item);
	}

	skipLimits(): void {
		const flags = this.byte();
		this.leb();
		if (flags & 1) this.leb();
	}

	/** Skips a constant expression up to and including its `end`. */
	skipConstExpr(): void {
		// Constant expressions are a flat list of operand-carrying opcodes ending in `end` (0x0b).
		for (let opcode = this.byte(); opcode !== 0x0b; opcode = this.byte()) {
			if (opcode === 0xfd) {
				this.leb(); // the only SIMD constant is v128.const with 16 bytes
				this.skip(16);
				continue;
			}
			const operand = CONST_EXPR_OPERAND.get(opcode);
			if (operand === undefined) throw new Error(`export-types: unexpected opcode 0x${opcode.toString(16)} in a constant`);
			if (typeof operand === 'number') this.skip(operand);
			else this.leb();
		}
	}
}

/** Export name → its kind and type. */
export function readExportTypes(bytes: Uint8Array): Map<string, ExportType> {
	const reader = new Reader(bytes);
	reader.skip(8); // magic and version
	const types: FuncType[] = [];
	const funcs: FuncType[] = []; // the function index space: imports first
	const globals: {type: ValType; mutable: boolean}[] = []; // the global index space: imports first
	const exports = new Map<string, ExportType>();
	// One section per step: read the ones that describe exports, skip the others by their size.
	while (!reader.done) {
		const id = reader.byte();
		const size = reader.leb();
		const end = reader.offset + size;
		if (id === SECTION.type) {
			types.push(
				...reader.vec(() => {
					reader.byte(); // 0x60, the function type form
					return {params: reader.vec(() => reader.valtype()), results: reader.vec(() => reader.valtype())};
				}),
			);
		} else if (id === SECTION.import) {
			reader.vec(() => {
				reader.name();
				reader.name();
				const kind = reader.byte();
				if (kind === EXTERN.func) funcs.push(types[reader.leb()]!);
				else if (kind === EXTERN.table) {
					reader.byte(); // element type
					reader.skipLimits();
				} else if (kind === EXTERN.memory) reader.skipLimits();
				else globals.push({type: reader.valtype(), mutable: reader.byte() === 1});
			});
		} else if (id === SECTION.function) {
			funcs.push(...reader.vec(() => types[reader.leb()]!));
		} else if (id === SECTION.global) {
			globals.push(
				...reader.vec(() => {
					const global = {type: reader.valtype(), mutable: reader.byte() === 1};
					reader.skipConstExpr();
					return global;
				}),
			);
		} else if (id === SECTION.export) {
			reader.vec(() => {
				const exportName = reader.name();
				const kind = reader.byte();
				const index = reader.leb();
				if (kind === EXTERN.func) exports.set(exportName, {kind: 'func', type: funcs[index]!});
				else if (kind === EXTERN.global) exports.set(exportName, {kind: 'global', ...globals[index]!});
				else exports.set(exportName, {kind: kind === EXTERN.table ? 'table' : 'memory'});
			});
		}
		reader.offset = end;
	}
	return exports;
}
