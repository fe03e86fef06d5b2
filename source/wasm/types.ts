/*
 * The module model: what the decoder produces and what every later stage (validator, compiler,
 * instantiation, `inspect`) reads. Plain data only; nothing here executes.
 *
 * Numbers follow the binary format so that a byte read from the module is already the value:
 *   - value types are their type codes (0x7f i32, 0x7e i64, 0x7d f32, 0x7c f64, 0x7b v128,
 *     0x70 funcref, 0x6f externref);
 *   - a block type is the s33 of the binary format: -64 (0x40) for "no result", the negative
 *     single-byte value type code for one result (-1 i32, -2 i64, -3 f32, -4 f64, -5 v128,
 *     -16 funcref, -17 externref), a type index (>= 0) for a function-type signature;
 *   - an opcode is its byte, or (prefix << 16) | sub-opcode for the 0xFC and 0xFD prefixes
 *     (0xfc0008 is memory.init, 0xfd000c is v128.const).
 * Byte offsets (`pos`, `offset`) are absolute offsets in the module's bytes, the way wasm-objdump
 * and V8's stack traces show them.
 */

export const ValType = {
	i32: 0x7f,
	i64: 0x7e,
	f32: 0x7d,
	f64: 0x7c,
	v128: 0x7b,
	funcref: 0x70,
	externref: 0x6f,
} as const;
export type NumType = 0x7f | 0x7e | 0x7d | 0x7c;
export type RefType = 0x70 | 0x6f;
export type ValType = NumType | 0x7b | RefType;

/** Printable name of a value type ("i32", "funcref"); "?" never appears for a decoded type. */
export function valTypeName(t: number): string {
	switch (t) {
		case 0x7f: return 'i32';
		case 0x7e: return 'i64';
		case 0x7d: return 'f32';
		case 0x7c: return 'f64';
		case 0x7b: return 'v128';
		case 0x70: return 'funcref';
		case 0x6f: return 'externref';
		default: return `type 0x${t.toString(16)}`;
	}
}

export interface FuncType {
	readonly params: readonly ValType[];
	readonly results: readonly ValType[];
}

/** `max` is null when the limits have no maximum. */
export interface Limits {
	readonly min: number;
	readonly max: number | null;
}

export interface TableType {
	readonly elemType: RefType;
	readonly limits: Limits;
}

export interface MemoryType {
	readonly limits: Limits;
}

export interface GlobalType {
	readonly valType: ValType;
	readonly mutable: boolean;
}

export type ExternKind = 'func' | 'table' | 'memory' | 'global';

export type ImportDesc =
	| {readonly kind: 'func'; readonly typeIndex: number}
	| {readonly kind: 'table'; readonly type: TableType}
	| {readonly kind: 'memory'; readonly type: MemoryType}
	| {readonly kind: 'global'; readonly type: GlobalType};

export interface Import {
	readonly module: string;
	readonly name: string;
	readonly desc: ImportDesc;
	/** Offset of the import entry. */
	readonly offset: number;
}

export interface Export {
	readonly name: string;
	readonly kind: ExternKind;
	readonly index: number;
	readonly offset: number;
}

/**
 * One decoded instruction. The meaning of a, b, c and ext depends on the opcode:
 *   block/loop/if          a = block type (see header)
 *   br, br_if              a = label depth
 *   br_table               ext = label depths (number[]), a = default depth
 *   call                   a = function index
 *   call_indirect          a = type index, b = table index
 *   local.*, global.*      a = index
 *   select (typed, 0x1c)   ext = the value types of the vector (valid only when length is 1)
 *   table.get/set/size/grow/fill   a = table index
 *   loads and stores       a = alignment exponent, b = offset (u32, may exceed 2^31)
 *   memory.size/grow       a = memory index
 *   i32.const              a = the value (signed 32-bit)
 *   i64.const              a = low 32 bits, b = high 32 bits (each as a signed 32-bit number)
 *   f32.const              a = the bit pattern (signed 32-bit)
 *   f64.const              a = low 32 bits, b = high 32 bits of the bit pattern
 *   ref.null               a = reference type
 *   ref.func               a = function index
 *   memory.init            a = data index, b = memory index
 *   data.drop              a = data index
 *   memory.copy            a = destination memory, b = source memory
 *   memory.fill            a = memory index
 *   table.init             a = element index, b = table index
 *   elem.drop              a = element index
 *   table.copy             a = destination table, b = source table
 *   SIMD memory ops        a = alignment, b = offset, c = lane (lane ops only)
 *   SIMD lane ops          c = lane
 *   v128.const, i8x16.shuffle   ext = the 16 immediate bytes (Uint8Array)
 * Unused fields are 0 (ext null).
 */
export interface Instr {
	readonly op: number;
	readonly pos: number;
	readonly a: number;
	readonly b: number;
	readonly c: number;
	readonly ext: readonly number[] | Uint8Array | null;
}

/** A decoded expression: a function body, or a constant expression; it always ends with `end`. */
export interface Expr {
	readonly instrs: readonly Instr[];
	/** Offset of the first instruction, and one past the final `end`. */
	readonly start: number;
	readonly end: number;
}

export interface LocalGroup {
	readonly count: number;
	readonly type: ValType;
}

export interface Func {
	readonly typeIndex: number;
	/** Local declarations as encoded (count, type), and expanded to one entry per local (params excluded). */
	readonly localGroups: readonly LocalGroup[];
	readonly locals: readonly ValType[];
	readonly body: Expr;
	/** Offset of the body's size field, and one past the body. */
	readonly offset: number;
	readonly size: number;
}

export interface Global {
	readonly type: GlobalType;
	readonly init: Expr;
}

export type SegmentMode = 'active' | 'passive' | 'declarative';

export interface ElemSegment {
	readonly mode: SegmentMode;
	/** Table and offset of an active segment (table 0 and null otherwise). */
	readonly table: number;
	readonly offsetExpr: Expr | null;
	readonly type: RefType;
	/** One constant expression per element (function-index forms become `ref.func i; end`). */
	readonly init: readonly Expr[];
	readonly offset: number;
}

export interface DataSegment {
	readonly mode: 'active' | 'passive';
	readonly memory: number;
	readonly offsetExpr: Expr | null;
	readonly bytes: Uint8Array;
	readonly offset: number;
}

export interface CustomSection {
	readonly name: string;
	readonly bytes: Uint8Array;
	readonly offset: number;
}

/** The `name` custom section, when present and well-formed (a malformed one is ignored, as the spec allows). */
export interface NameMap {
	readonly module: string | null;
	readonly functions: ReadonlyMap<number, string>;
	readonly locals: ReadonlyMap<number, ReadonlyMap<number, string>>;
}

/** Where each section sits in the file (for `inspect` and error messages). */
export interface SectionInfo {
	readonly id: number;
	readonly name: string;
	/** Offset of the section id byte, and of the section's contents, and the contents' size. */
	readonly offset: number;
	readonly contentOffset: number;
	readonly size: number;
}

export interface Module {
	readonly bytes: Uint8Array;
	readonly sections: readonly SectionInfo[];
	readonly types: readonly FuncType[];
	readonly imports: readonly Import[];
	/** Index spaces: imported entries come first, then the module's own definitions. */
	readonly funcTypeIndices: readonly number[];
	readonly funcs: readonly Func[];
	readonly importedFuncCount: number;
	readonly tables: readonly TableType[];
	readonly importedTableCount: number;
	readonly memories: readonly MemoryType[];
	readonly importedMemoryCount: number;
	readonly globals: readonly GlobalType[];
	readonly globalInits: readonly Expr[];
	readonly importedGlobalCount: number;
	readonly exports: readonly Export[];
	readonly start: number | null;
	readonly elems: readonly ElemSegment[];
	readonly datas: readonly DataSegment[];
	/** The data count section's value, or null when the section is absent. */
	readonly dataCount: number | null;
	readonly customs: readonly CustomSection[];
	readonly names: NameMap;
}

/** The signature of a block type (see header) in the context of a module's types. */
export function blockSignature(module: Module, blockType: number): FuncType {
	if (blockType >= 0) return module.types[blockType];
	if (blockType === -64) return EMPTY_SIG;
	return {params: [], results: [(blockType & 0x7f) as ValType]};
}

const EMPTY_SIG: FuncType = {params: [], results: []};

/** Printable function name for messages: "function 7 `parse_line`" or "function 7". */
export function funcLabel(module: Module, index: number): string {
	const name = module.names.functions.get(index);
	return name === undefined ? `function ${index}` : `function ${index} \`${name}\``;
}
