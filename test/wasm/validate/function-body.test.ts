import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/module.js';
import {assemble, instrOffset, oneFunction, validationError, watError} from './helpers.js';

describe('operand typing', () => {
	it('accepts a well-typed function', async () => {
		expect(await watError(`(module
			(func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
			(func (result f64) (local f32) (f64.promote_f32 (local.tee 0 (f32.const 1)))))`)).toBeNull();
	});

	it('names the function, the offset and the expected and found operand types', async () => {
		const bytes = await assemble(`(module
			(func $helper)
			(func $parse_line (param i32) (result i32) (i32.add (local.get 0) (f64.const 1))))`);
		const error = validationError(bytes);
		const pos = instrOffset(decodeModule(bytes), 1, 0x6a);
		expect(error?.funcIndex).toBe(1);
		expect(error?.offset).toBe(pos);
		expect(error?.message).toBe(
			`function 1 \`parse_line\` at 0x${pos.toString(16)}: i32.add expects [i32 i32], found [i32 f64]`,
		);
	});

	it('reports a missing operand', async () => {
		expect(await watError('(module (func (result i32) (i32.eqz)))')).toMatch(/i32\.eqz expects \[i32\], found \[\]$/);
	});

	it('reports values left over at the end of the body', async () => {
		expect(await watError('(module (func (i32.const 1)))')).toMatch(
			/the function body must end with exactly \[\] on the stack, found \[i32\]/,
		);
	});

	it('treats the stack after unreachable, br and return as polymorphic', async () => {
		expect(await watError(`(module (func (result i32)
			(unreachable) (i32.add) (drop) (f32.const 0) (f32.neg) (drop) (i32.const 0)))`)).toBeNull();
		expect(await watError('(module (func (result i64) (return (i64.const 1)) (i32.add)))')).toMatch(
			/must end with exactly \[i64\] on the stack, found \[i32\]/,
		);
		expect(await watError('(module (func (unreachable) (f32.const 0) (i32.eqz) (drop)))')).toMatch(
			/i32\.eqz expects \[i32\], found \[f32\]/,
		);
	});
});

describe('locals and globals', () => {
	it('reports an unknown local with how many there are', async () => {
		expect(await watError('(module (func (param i32) (local f32 f64) (drop (local.get 5))))')).toMatch(
			/unknown local 5: function has 3 locals \(1 parameter and 2 declared\)/,
		);
	});

	it('checks local.set against the local type', async () => {
		expect(await watError('(module (func (local i64) (local.set 0 (i32.const 1))))')).toMatch(
			/local\.set 0 expects \[i64\], found \[i32\]/,
		);
	});

	it('rejects global.set of an immutable global and an unknown global', async () => {
		expect(await watError('(module (global i32 (i32.const 0)) (func (global.set 0 (i32.const 1))))')).toMatch(
			/global is immutable: global 0/,
		);
		expect(await watError('(module (func (drop (global.get 3))))')).toMatch(/unknown global 3: the module has no globals/);
	});
});

describe('blocks and branches', () => {
	it('accepts multi-value blocks with parameters', async () => {
		expect(await watError(`(module (type $t (func (param i32 i64) (result i64 i32)))
			(func (result i64 i32) (local i64)
				(i32.const 1) (i64.const 2)
				(block (type $t) (param i32 i64) (result i64 i32)
					(local.set 0 (i64.const 0)) (drop) (drop) (i64.const 3) (i32.const 4))))`)).toBeNull();
	});

	it('checks block parameters against the stack', async () => {
		expect(await watError(`(module (func
			(f32.const 1) (block (param i32) (drop))))`)).toMatch(/block expects its parameters \[i32\], found \[f32\]/);
	});

	it('reports an unknown block type index', async () => {
		const error = validationError(oneFunction([0x02, 0x05, 0x0b, 0x0b]));
		expect(error?.message).toMatch(/unknown type 5: the module has 1 type$/);
	});

	it('reports an unknown label with the labels in scope', async () => {
		expect(await watError('(module (func (block (br 2))))')).toMatch(/unknown label 2: only labels 0 to 1 are in scope/);
	});

	it('names the branch target in a mismatch', async () => {
		expect(await watError(`(module (func (result i32)
			(block (result i32) (br 0 (f32.const 1)))))`)).toMatch(/br 0 to the block at 0x[0-9a-f]+ expects \[i32\], found \[f32\]/);
	});

	it('passes a loop its parameters, not its results', async () => {
		expect(await watError(`(module (func (param i32) (result f32)
			(local.get 0) (loop (param i32) (result f32) (br_if 0 (local.get 0)) (drop) (f32.const 0))))`)).toBeNull();
	});

	it('requires an if without else to leave its parameters unchanged', async () => {
		expect(await watError('(module (func (result i32) (if (result i32) (i32.const 1) (then (i32.const 2)))))')).toMatch(
			/has type \[\] -> \[i32\] but no else branch/,
		);
	});

	it('checks both branches of an if', async () => {
		expect(await watError(`(module (func (result i32)
			(if (result i32) (i32.const 1) (then (i32.const 2)) (else (i64.const 3)))))`)).toMatch(
			/the else branch of the if at 0x[0-9a-f]+ must end with exactly \[i32\] on the stack, found \[i64\]/,
		);
	});

	it('requires the same arity for every br_table target', async () => {
		expect(await watError(`(module (func (result i32)
			(block (result i32) (block (br_table 0 1 (i32.const 7) (i32.const 0)))) ))`)).toMatch(
			/br_table targets must all take the same number of values/,
		);
	});

	it('lets br_table targets of the same arity differ in type when the operands are unknown', async () => {
		expect(await watError(`(module (func
			(block (result f32) (block (result i64) (unreachable) (br_table 0 1 (i32.const 0))) (drop) (f32.const 0))
			(drop)))`)).toBeNull();
		expect(await watError(`(module (func
			(block (result f32) (block (result i64) (i64.const 1) (br_table 0 1 (i32.const 0))) (drop) (f32.const 0))
			(drop)))`)).toMatch(/br_table to the block at 0x[0-9a-f]+ expects \[f32\], found \[i64\]/);
	});
});

describe('calls', () => {
	it('checks call arguments and names the callee', async () => {
		expect(await watError(`(module (func $callee (param i32 i64))
			(func (call $callee (i32.const 1) (i32.const 2))))`)).toMatch(/call 0 `callee` expects \[i32 i64\], found \[i32 i32\]/);
	});

	it('requires a funcref table for call_indirect', async () => {
		expect(await watError(`(module (type (func)) (table 1 externref)
			(func (call_indirect (type 0) (i32.const 0))))`)).toMatch(/call_indirect needs a funcref table, table 0 holds externref/);
		expect(await watError('(module (type (func)) (func (call_indirect (type 0) (i32.const 0))))')).toMatch(
			/unknown table 0: the module has no tables/,
		);
	});

	it('reports an unknown function', async () => {
		const error = validationError(oneFunction([0x10, 0x07, 0x0b]));
		expect(error?.message).toMatch(/unknown function 7: the module has 1 function$/);
	});
});

describe('select', () => {
	it('allows untyped select on numbers only', async () => {
		expect(await watError('(module (func (result f64) (select (f64.const 1) (f64.const 2) (i32.const 0))))')).toBeNull();
		expect(await watError(`(module (func (result funcref)
			(select (ref.null func) (ref.null func) (i32.const 0))))`)).toMatch(/select without a type works only on numeric values/);
		expect(await watError('(module (func (result i32) (select (i32.const 1) (i64.const 2) (i32.const 0))))')).toMatch(
			/select expects two operands of the same type, found \[i32 i64\]/,
		);
	});

	it('accepts typed select on references and rejects a type vector of another length', async () => {
		expect(await watError(`(module (func (result externref)
			(select (result externref) (ref.null extern) (ref.null extern) (i32.const 0))))`)).toBeNull();
		const twoTypes = [0x41, 0, 0x41, 0, 0x41, 0, 0x41, 0, 0x41, 1, 0x1c, 0x02, 0x7f, 0x7f, 0x0b];
		expect(validationError(oneFunction(twoTypes, [0x7f, 0x7f]))?.message).toMatch(
			/invalid result arity: select must name exactly one result type, it names \[i32 i32\]/,
		);
		const noType = [0x01, 0x01, 0x41, 1, 0x1c, 0x00, 0x0b];
		expect(validationError(oneFunction(noType))?.message).toMatch(/invalid result arity/);
	});
});

describe('memory, tables and bulk operations', () => {
	it('requires a memory for loads and stores', async () => {
		expect(await watError('(module (func (drop (i32.load (i32.const 0)))))')).toMatch(/unknown memory 0: the module has no memories/);
	});

	it('rejects an alignment above the natural one', async () => {
		expect(await watError('(module (memory 1) (func (drop (i64.load32_u align=8 (i32.const 0)))))')).toMatch(
			/alignment must not be larger than natural: i64\.load32_u accesses 4 bytes, so its align may be at most 4, found align=8/,
		);
		expect(await watError('(module (memory 1) (func (drop (i64.load align=8 (i32.const 0)))))')).toBeNull();
	});

	it('checks data segment indices of memory.init and data.drop', async () => {
		expect(await watError(`(module (memory 1) (data "x")
			(func (memory.init 1 (i32.const 0) (i32.const 0) (i32.const 1))))`)).toMatch(
			/unknown data segment 1: the module has 1 data segment$/,
		);
	});

	it('checks element segments and table types of table.init and table.copy', async () => {
		expect(await watError(`(module (table 1 funcref) (elem externref (ref.null extern))
			(func (table.init 0 (i32.const 0) (i32.const 0) (i32.const 1))))`)).toMatch(
			/type mismatch: elem segment 0 holds externref but table 0 holds funcref/,
		);
		expect(await watError(`(module (table $a 1 funcref) (table $b 1 externref)
			(func (table.copy $a $b (i32.const 0) (i32.const 0) (i32.const 1))))`)).toMatch(
			/table\.copy from table 1 \(externref\) to table 0 \(funcref\)/,
		);
		expect(await watError('(module (func (elem.drop 4)))')).toMatch(/unknown elem segment 4: the module has no elem segments/);
	});

	it('types table.get, table.set, table.grow and table.fill by the element type', async () => {
		expect(await watError(`(module (table 1 externref) (func (param externref)
			(table.set 0 (i32.const 0) (table.get 0 (i32.const 0)))
			(drop (table.grow 0 (local.get 0) (i32.const 1)))
			(table.fill 0 (i32.const 0) (local.get 0) (i32.const 1))))`)).toBeNull();
		expect(await watError(`(module (table 1 externref)
			(func (table.set 0 (i32.const 0) (ref.null func))))`)).toMatch(/table\.set 0 expects \[i32 externref\], found \[i32 funcref\]/);
	});
});

describe('references', () => {
	it('requires ref.func to name a declared function', async () => {
		expect(await watError('(module (func $f (drop (ref.func $f))))')).toMatch(
			/undeclared function reference: function 0 `f` must be declared/,
		);
		expect(await watError('(module (func $f (drop (ref.func $f))) (elem declare func $f))')).toBeNull();
		expect(await watError('(module (func $f (export "f") (drop (ref.func $f))))')).toBeNull();
		expect(await watError('(module (global funcref (ref.func $f)) (func $f (drop (ref.func $f))))')).toBeNull();
	});

	it('requires a reference operand for ref.is_null', async () => {
		expect(await watError('(module (func (result i32) (ref.is_null (i32.const 0))))')).toMatch(
			/ref\.is_null expects a reference \(funcref or externref\), found \[i32\]/,
		);
	});
});

describe('SIMD', () => {
	it('refuses SIMD instructions and v128 types with a clear message', async () => {
		expect(await watError('(module (func (drop (v128.const i32x4 0 0 0 0))))')).toMatch(/SIMD is not supported yet \(v128\.const\)/);
		expect(await watError('(module (func (param v128)))')).toMatch(/type 0 at 0x[0-9a-f]+: SIMD is not supported yet/);
		expect(await watError('(module (func (local v128)))')).toMatch(/SIMD is not supported yet \(a v128 local\)/);
		expect(await watError('(module (global v128 (v128.const i32x4 0 0 0 0)))')).toMatch(/SIMD is not supported yet/);
	});
});
