import {describe, expect, it} from 'vitest';
import {binary, section, uleb, validationError, vec, watError} from './helpers.js';

describe('constant expressions', () => {
	it('accepts constants, ref.null, ref.func and imported immutable globals', async () => {
		expect(await watError(`(module (import "m" "g" (global i64))
			(global i64 (global.get 0)) (global funcref (ref.func 0)) (global externref (ref.null extern))
			(func))`)).toBeNull();
	});

	it('allows global.get of imported globals only', async () => {
		expect(await watError('(module (global i32 (i32.const 0)) (global i32 (global.get 0)))')).toMatch(
			/global 1 at 0x[0-9a-f]+: unknown global 0: a constant expression may read only imported globals, and the module imports 0 globals \(global 0 is defined in this module\)/,
		);
		expect(await watError('(module (import "m" "g" (global (mut i32))) (global i32 (global.get 0)))')).toMatch(
			/constant expression required: global 0 is mutable/,
		);
	});

	it('rejects instructions that are not constant', async () => {
		expect(await watError('(module (global i32 (i32.add (i32.const 1) (i32.const 2))))')).toMatch(
			/global 0 at 0x[0-9a-f]+: constant expression required: i32\.add is not allowed here/,
		);
	});

	it('requires exactly one value of the declared type', async () => {
		expect(await watError('(module (global i32 (i64.const 0)))')).toMatch(
			/type mismatch: the constant expression must produce \[i32\], it produces \[i64\]/,
		);
		expect(await watError('(module (global i32 (i32.const 0) (i32.const 0)))')).toMatch(/it produces \[i32 i32\]/);
	});
});

describe('segments', () => {
	it('requires an existing table of the same element type for an active elem segment', async () => {
		expect(await watError('(module (elem (i32.const 0) func 0) (func))')).toMatch(
			/elem segment 0 at 0x[0-9a-f]+: unknown table 0: the module has no tables/,
		);
		expect(await watError('(module (table 1 externref) (elem (table 0) (i32.const 0) func 0) (func))')).toMatch(
			/type mismatch: the segment holds funcref but table 0 holds externref/,
		);
		expect(await watError('(module (table 1 funcref) (elem (i64.const 0) func) (func))')).toMatch(
			/elem segment 0 offset at 0x[0-9a-f]+: type mismatch: the constant expression must produce \[i32\]/,
		);
	});

	it('types element initialisers by the segment type', async () => {
		expect(await watError('(module (elem funcref (ref.null extern)))')).toMatch(
			/elem segment 0 element 0 at 0x[0-9a-f]+: type mismatch/,
		);
	});

	it('requires the memory of an active data segment', async () => {
		expect(await watError('(module (data (i32.const 0) "x"))')).toMatch(
			/data segment 0 at 0x[0-9a-f]+: unknown memory 0: the module has no memories/,
		);
	});
});

describe('limits', () => {
	it('bounds memory sizes to 65536 pages', async () => {
		expect(await watError('(module (memory 65537))')).toMatch(
			/memory 0 at 0x[0-9a-f]+: memory size must be at most 65536 pages \(4GiB\): the minimum is 65537/,
		);
		expect(await watError('(module (memory 0 65537))')).toMatch(/the maximum is 65537/);
		expect(await watError('(module (memory 0 65536))')).toBeNull();
	});

	it('requires min <= max for memories and tables, imported or not', async () => {
		expect(await watError('(module (memory 2 1))')).toMatch(/size minimum must not be greater than maximum: minimum 2 > maximum 1/);
		expect(await watError('(module (import "m" "t" (table 3 2 funcref)))')).toMatch(
			/import 0 "m" "t" at 0x[0-9a-f]+: size minimum must not be greater than maximum/,
		);
	});

	it('allows at most one memory but several tables', async () => {
		expect(await watError('(module (import "m" "mem" (memory 1)) (memory 1))')).toMatch(
			/memory 1 at 0x[0-9a-f]+: multiple memories: the module has 2 \(1 imported\)/,
		);
		expect(await watError('(module (table 1 funcref) (table 1 externref))')).toBeNull();
	});
});

describe('start function, exports and type indices', () => {
	it('requires the start function to have type [] -> []', async () => {
		expect(await watError('(module (func $main (param i32)) (start $main))')).toMatch(
			/start function at 0x[0-9a-f]+: function 0 `main` must have type \[\] -> \[\] to be the start function, it has \[i32\] -> \[\]/,
		);
	});

	it('reports an unknown start function', () => {
		const bytes = binary(section(8, uleb(3)));
		expect(validationError(bytes)?.message).toMatch(/start function at 0x[0-9a-f]+: unknown function 3: the module has no functions/);
	});

	it('rejects duplicate export names and unknown exported indices', async () => {
		expect(await watError('(module (func (export "run")) (func (export "run")))')).toMatch(
			/export "run" at 0x[0-9a-f]+: duplicate export name "run" \(first exported at 0x[0-9a-f]+\)/,
		);
		const exportGlobal = binary(section(7, vec([[0x01, 0x67, 0x03, 0x02]])));
		expect(validationError(exportGlobal)?.message).toMatch(/export "g" at 0x[0-9a-f]+: unknown global 2: the module has no globals/);
	});

	it('reports a function whose type index is out of range', () => {
		const bytes = binary(
			section(1, vec([[0x60, 0x00, 0x00]])),
			section(3, vec([[0x04]])),
			section(10, vec([[0x02, 0x00, 0x0b]])),
		);
		expect(validationError(bytes)?.message).toMatch(/function 0 at 0x[0-9a-f]+: unknown type 4: the module has 1 type$/);
	});
});
