/*
 * The internal form the interpreter runs: one flat Int32Array per module holding every function
 * twice, as "fast" code and as "precise" code (compiler.ts explains why). An op is its number followed
 * by its operands. Operands named like `dst`, `a`, `src` are frame slots, relative to the frame
 * pointer: slot k of a frame holds local k for k < locals, and the wasm operand stack at height h sits
 * in slot locals + h, so every stack value has a fixed slot known at compile time (a register IR).
 * Slots are 8 bytes: an i32 or f32 is the low word, an i64 or f64 both words, a reference a handle in
 * the low word (0 for null).
 *
 * Numeric wasm instructions keep their wasm opcode as their IR number:
 *   unary   0x45..0xc4 with one param      [op, dst, a]
 *   binary  0x46..0xc4 with two params     [op, dst, a, b]
 *   loads   0x28..0x35                     [op, dst, addr, offset]
 *   stores  0x36..0x3e                     [op, addr, value, offset]
 *   the saturating truncations 0xfc 0x00..0x07 become 0xe0..0xe7, unary.
 * Everything else is numbered from 0x100, listed below with its operands. `target` operands are
 * absolute positions in the code array.
 */

export const Op = {
	/**
	 * Fast code: a basic block's start. Charges `n` instructions and continues at `body` (the next op,
	 * or for a label's stub the op after the label: compiler.ts), or moves to the precise copy when
	 * fewer remain.
	 */
	FUEL: 0x100, // n, precisePc, body
	/** Precise code: before each wasm instruction. Stops when no fuel is left; enters fast code at a block start. */
	FUEL_P: 0x101, // fastPc (-1 when this instruction does not start a fast block)
	COPY: 0x102, // dst, src
	CONST32: 0x103, // dst, value
	CONST64: 0x104, // dst, lo, hi
	BR: 0x105, // target
	BR_IF: 0x106, // cond, target
	BR_UNLESS: 0x107, // cond, target
	BR_TABLE: 0x108, // index, n, target * n, default target
	COPY_N: 0x109, // dst, src, count   (ascending; dst <= src)
	CALL: 0x10a, // function index, argument base slot
	CALL_INDIRECT: 0x10b, // type index, table index, argument base slot, element index slot
	RETURN: 0x10c, // src, count
	SELECT: 0x10d, // dst, a, b, cond
	UNREACHABLE: 0x10e,
	GLOBAL_GET: 0x10f, // dst, global index
	GLOBAL_SET: 0x110, // global index, src
	MEMORY_SIZE: 0x111, // dst
	MEMORY_GROW: 0x112, // dst, delta
	REF_NULL: 0x113, // dst
	REF_IS_NULL: 0x114, // dst, src
	REF_FUNC: 0x115, // dst, function index
	TABLE_GET: 0x116, // dst, table, index
	TABLE_SET: 0x117, // table, index, value
	TABLE_SIZE: 0x118, // dst, table
	TABLE_GROW: 0x119, // dst, table, init value, delta
	TABLE_FILL: 0x11a, // table, start, value, count
	TABLE_COPY: 0x11b, // dst table, src table, dst, src, count
	TABLE_INIT: 0x11c, // table, elem index, dst, src, count
	ELEM_DROP: 0x11d, // elem index
	MEMORY_INIT: 0x11e, // data index, dst, src, count
	DATA_DROP: 0x11f, // data index
	MEMORY_COPY: 0x120, // dst, src, count
	MEMORY_FILL: 0x121, // dst, value, count
} as const;

/**
 * Fast code only (compiler.ts folds them):
 *   IMM + op        a binary i32/i64 op whose second operand is a constant   [op, dst, a, imm]  (i64: imm lo, imm hi)
 *                   for i32: add, mul, and, or, xor, shl, shr_s, shr_u, and every comparison;
 *                   for i64: add, and, or, xor, shl, shr_s, shr_u, eq, ne
 *   STORE_IMM + op  an i32 store of a constant (i32.store, store8, store16)  [op, addr, imm, offset]
 *   BRC + op        compare two i32 and branch when true                     [op, a, b, target]
 *   BRCI + op       compare an i32 with a constant and branch when true      [op, a, imm, target]
 *                   (op - 0x46 indexes the ten i32 comparisons eq..ge_u)
 *   BR_F, BR_IF_F, BR_UNLESS_F   branches that charge the target block's fuel themselves, so a hot
 *                   loop's back-edge needs no separate FUEL dispatch; the fused compare-branches do too.
 * Not taken, a conditional branch charges the FUEL op that follows it (the next block's) and skips
 * it; CALL charges the callee's entry block (CompiledFunc.entryFuel) and RETURN the caller's
 * continuation block. So a FUEL op is dispatched only where a block is entered by running into a
 * label, and where fewer instructions remain than the block needs (it then moves to precise code).
 */
export const IMM = 0x200;
export const STORE_IMM = 0x300;
export const BRC = 0x400;
export const BRCI = 0x410;
export const BR_F = 0x420; // target
export const BR_IF_F = 0x421; // cond, target
export const BR_UNLESS_F = 0x422; // cond, target
/**
 * Fused ops chosen by profile (each one more case in the interpreter's switch, which costs every op a
 * little, so only shapes that are hot in the benchmarks):
 *   F64_ADD_LOAD, F64_MUL_LOAD   f64.add / f64.mul whose second operand an f64.load just produced
 *                                 [op, dst, a, addr, offset]              (matmul's inner loop)
 *   STORE8_IMM_ADD                i32.store8 of a constant at an address an i32.add just produced
 *                                 [op, x, y, imm, offset]  stores at (x + y) + offset  (sieve)
 *   ADD_BRCI_LTU                  x = a + b, branch when x <u imm     [op, x, a, b, imm, target]  (sieve)
 *   ADDI_BRCI_NE                  x = a + k, branch when x != imm     [op, x, a, k, imm, target]  (matmul, hash)
 *                                 (the loop back-edges `i += step; if (i != end) continue`)
 *   I64_LOAD_ADDI                 i64.load at the address an i32.add of a constant just wrote to slot s
 *                                 (a temp or a local.tee'd local)   [op, dst, s, x, k, offset]
 *                                 s = x + k, then loads at (s >>> 0) + offset   (sort)
 *   I64_STORE_ADDI                the same for i64.store            [op, s, x, k, value, offset]
 *   F64_ADD_LOAD_STORE            F64_ADD_LOAD whose sum an f64.store writes back where it loaded
 *                                 (`c[j] += v`)                  [op, dst, a, addr, offset]  (matmul)
 *   F64_MUL_LOAD_ADDI             F64_MUL_LOAD loading at s = x + k (an i32.add of a constant just
 *                                 wrote s)              [op, dst, a, s, x, k, offset]   (matmul)
 * Their numbers continue the dense range below: V8 turns the switch into a jump table only while
 * the case values span little more than a few times the number of cases.
 */
export const F64_ADD_LOAD = 0x450;
export const F64_MUL_LOAD = 0x451;
export const STORE8_IMM_ADD = 0x452;
export const ADD_BRCI_LTU = 0x453;
export const ADDI_BRCI_NE = 0x454;
/** ADD_BRCI_LTU and ADDI_BRCI_NE that charge nothing (fast code compiled without metering). */
export const ADD_BRCI_LTU_PLAIN = 0x455;
export const ADDI_BRCI_NE_PLAIN = 0x456;
export const I64_LOAD_ADDI = 0x457;
export const I64_STORE_ADDI = 0x458;
export const F64_ADD_LOAD_STORE = 0x459;
export const F64_MUL_LOAD_ADDI = 0x45a;
/**
 * LOOP_HEAD [op, head, next]: fast code, placed after a function's fast code; every back-edge of a
 * loop passes it on its way to the loop body at `next` (compiler.ts, HeadStub). Counts nothing.
 * `head` numbers the module's loops. The interpreter counts passes and, once a loop is hot, runs its
 * function in the loop tier (tier/) from here. Not emitted when the tier is off.
 */
export const LOOP_HEAD = 0x45b;
/** BRC and BRCI that charge nothing: fast code compiled without metering (compiler.ts, CompileOptions). */
export const BRC_PLAIN = 0x430;
export const BRCI_PLAIN = 0x440;

/** The i32 binary ops that have an IMM form (i32.sub folds into add with the constant negated). */
export const I32_IMM_OPS = new Set([0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x6a, 0x6c, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76]);
export const I64_IMM_OPS = new Set([0x51, 0x52, 0x7c, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88]);
/** For a comparison with its operands swapped: lt ↔ gt, le ↔ ge; eq and ne stay. */
export const SWAPPED_CMP: Readonly<Record<number, number>> = {0x46: 0x46, 0x47: 0x47, 0x48: 0x4a, 0x49: 0x4b, 0x4a: 0x48, 0x4b: 0x49, 0x4c: 0x4e, 0x4d: 0x4f, 0x4e: 0x4c, 0x4f: 0x4d};
/** The comparison that is true exactly when this one is false. */
export const NEGATED_CMP: Readonly<Record<number, number>> = {0x46: 0x47, 0x47: 0x46, 0x48: 0x4e, 0x49: 0x4f, 0x4a: 0x4c, 0x4b: 0x4d, 0x4c: 0x4a, 0x4d: 0x4b, 0x4e: 0x48, 0x4f: 0x49};
/** i32 (and i64) ops whose operands may be swapped. */
export const COMMUTATIVE = new Set([0x46, 0x47, 0x6a, 0x6c, 0x71, 0x72, 0x73, 0x51, 0x52, 0x7c, 0x83, 0x84, 0x85]);

/** IR number of a saturating truncation 0xfc 0x00..0x07. */
export const SAT_BASE = 0xe0;

/**
 * Bulk memory and table instructions cost one instruction plus one per 64 bytes or elements they
 * touch (DESIGN.md), so one huge fill cannot hide inside a quantum.
 */
export const BULK_UNIT = 64;

/** Words of the op at `pc` (the op and its operands); -1 for a number that is not an op. */
export function opLength(code: Int32Array, pc: number): number {
	const op = code[pc];
	if (op >= 0x28 && op <= 0x3e) return 4;
	if (op >= 0x45 && op <= 0xc4) return UNARY.has(op) ? 3 : 4;
	if (op >= 0xe0 && op <= 0xe7) return 3;
	if (op === 0x251 || op === 0x252 || op === 0x27c || (op >= 0x283 && op <= 0x288)) return 5;
	if (op >= 0x246 && op <= 0x276) return 4;
	if ((op >= 0x400 && op <= 0x419) || (op >= 0x430 && op <= 0x449)) return 4;
	switch (op) {
		case 0x336:
		case 0x33a:
		case 0x33b:
			return 4;
		case 0x100: // FUEL
			return 4;
		case 0x101: // FUEL_P
		case 0x105: // BR
		case 0x111: // MEMORY_SIZE
		case 0x113: // REF_NULL
		case 0x11d: // ELEM_DROP
		case 0x11f: // DATA_DROP
		case 0x420: // BR_F
			return 2;
		case 0x45b: // LOOP_HEAD
			return 3;
		case 0x10e: // UNREACHABLE
			return 1;
		case 0x102: // COPY
		case 0x103: // CONST32
		case 0x106: // BR_IF
		case 0x107: // BR_UNLESS
		case 0x10a: // CALL
		case 0x10c: // RETURN
		case 0x10f: // GLOBAL_GET
		case 0x110: // GLOBAL_SET
		case 0x112: // MEMORY_GROW
		case 0x114: // REF_IS_NULL
		case 0x115: // REF_FUNC
		case 0x118: // TABLE_SIZE
		case 0x421: // BR_IF_F
		case 0x422: // BR_UNLESS_F
			return 3;
		case 0x104: // CONST64
		case 0x109: // COPY_N
		case 0x116: // TABLE_GET
		case 0x117: // TABLE_SET
		case 0x120: // MEMORY_COPY
		case 0x121: // MEMORY_FILL
			return 4;
		case 0x10b: // CALL_INDIRECT
		case 0x10d: // SELECT
		case 0x119: // TABLE_GROW
		case 0x11a: // TABLE_FILL
		case 0x11e: // MEMORY_INIT
		case 0x450:
		case 0x451:
		case 0x452:
		case 0x459:
			return 5;
		case 0x11b: // TABLE_COPY
		case 0x11c: // TABLE_INIT
		case 0x453:
		case 0x454:
		case 0x455:
		case 0x456:
		case 0x457:
		case 0x458:
			return 6;
		case 0x45a:
			return 7;
		case 0x108: // BR_TABLE
			return 4 + code[pc + 2];
		default:
			return -1;
	}
}

/** Numeric wasm opcodes in 0x45..0xc4 that take one operand. */
const UNARY = new Set([
	0x45, 0x50, 0x67, 0x68, 0x69, 0x79, 0x7a, 0x7b, 0x8b, 0x8c, 0x8d, 0x8e, 0x8f, 0x90, 0x91, 0x99, 0x9a, 0x9b, 0x9c, 0x9d, 0x9e, 0x9f,
	...Array.from({length: 0xc4 - 0xa7 + 1}, (_, k) => 0xa7 + k),
]);
