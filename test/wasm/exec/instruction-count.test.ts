/*
 * The engine's instruction count, checked independently: every call is made on our engine and on
 * Node's own WebAssembly running a copy of the module instrumented to count every instruction it
 * executes (test/helpers/instrument.ts); results and counts must be equal, traps included (the
 * count read after Node's trap). Bulk memory/table instructions count one plus one per 64 bytes or
 * elements on both sides (DESIGN.md; the instrumented copy adds the extra after the instruction, so
 * a bulk op that traps costs one). The full-size benchmarks get the same check from
 * `npm run bench -- --engine wasmos --engine node-counted`.
 */

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {COUNTER_EXPORT, instrument} from '../../helpers/instrument.js';
import {call, load, type CallResult} from '../../helpers/wasmos.js';
import {nativeWebAssembly, type NativeInstance} from '../../bench/wasm-api.js';
import {assemble} from '../validate/helpers.js';

type Arg = number | bigint;

function fixture(name: string): Uint8Array {
	return new Uint8Array(readFileSync(new URL(`../../../fixtures/exec/${name}`, import.meta.url)));
}

/** Node's WebAssembly on the instrumented copy. */
function loadNative(bytes: Uint8Array, imports: object = {}): NativeInstance {
	const wasm = nativeWebAssembly();
	if (!wasm) throw new Error('these tests need Node\'s WebAssembly');
	return new wasm.Instance(new wasm.Module(instrument(bytes)), imports);
}

function counter(instance: NativeInstance): bigint {
	return (instance.exports[COUNTER_EXPORT] as {value: bigint}).value;
}

/** A call on Node in the shape of our CallResult (trap messages differ between engines: not compared). */
interface Outcome {
	readonly trapped: boolean;
	readonly value?: Arg;
	readonly instructions: number;
}

function callNative(instance: NativeInstance, name: string, args: readonly Arg[]): Outcome {
	const before = counter(instance);
	let value: Arg | undefined;
	let trapped = false;
	try {
		value = (instance.exports[name] as (...a: readonly Arg[]) => Arg | undefined)(...args);
	} catch (error) {
		if (!(error instanceof Error) || error.constructor.name !== 'RuntimeError') throw error;
		trapped = true;
	}
	return {trapped, value, instructions: Number(counter(instance) - before)};
}

function outcome(result: CallResult): Outcome {
	if (result.reason === 'blocked') throw new Error('blocked');
	return {trapped: result.reason === 'trapped', value: result.results?.[0] ?? undefined, instructions: result.instructions};
}

/** Makes the calls in order, each engine on one instance of its own; returns both sides' outcomes. */
function compare(bytes: Uint8Array, calls: ReadonlyArray<readonly [string, ...Arg[]]>): {ours: Outcome[]; node: Outcome[]} {
	const native = loadNative(bytes);
	const instance = load(bytes);
	return {
		ours: calls.map(([name, ...args]) => outcome(call(instance, name, args))),
		node: calls.map(([name, ...args]) => callNative(native, name, args)),
	};
}

/** Each argument list on a fresh pair of instances. */
function expectSameCounts(bytes: Uint8Array, name: string, argLists: ReadonlyArray<readonly Arg[]>): void {
	for (const args of argLists) {
		const {ours, node} = compare(bytes, [[name, ...args]]);
		expect({call: `${name}(${args.join(', ')})`, ...ours[0]}).toEqual({call: `${name}(${args.join(', ')})`, ...node[0]});
	}
}

describe('the instrumented copy', () => {
	// Counts worked out by hand from DESIGN.md's rule, for both engines.
	const handCounted: ReadonlyArray<{what: string; wat: string; args: number[]; count: number}> = [
		{what: 'a constant and the final end', wat: '(func (export "f") (result i32) (i32.const 1))', args: [], count: 2},
		{
			what: 'if/else, then-arm: the else counts, the end is skipped',
			wat: '(func (export "f") (param i32) (result i32) (if (result i32) (local.get 0) (then (nop) (i32.const 1)) (else (i32.const 2))))',
			args: [1],
			count: 6,
		},
		{
			what: 'if/else, else-arm: the end counts',
			wat: '(func (export "f") (param i32) (result i32) (if (result i32) (local.get 0) (then (nop) (i32.const 1)) (else (i32.const 2))))',
			args: [0],
			count: 5,
		},
		{what: 'if without else, taken', wat: '(func (export "f") (param i32) (if (local.get 0) (then (nop))))', args: [1], count: 5},
		{what: 'if without else, not taken: the end is skipped', wat: '(func (export "f") (param i32) (if (local.get 0) (then (nop))))', args: [0], count: 3},
		{what: 'br to a block skips its end', wat: '(func (export "f") (block (br 0) (nop)))', args: [], count: 3},
		{
			what: 'br_if to a loop resumes inside it: the loop opcode counts once',
			wat: '(func (export "f") (param i32) (loop (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if 0 (local.get 0))))',
			args: [3],
			count: 1 + 3 * 6 + 1 + 1,
		},
		{what: 'return skips every end', wat: '(func (export "f") (result i32) (block (block (return (i32.const 7)))) (i32.const 0))', args: [], count: 4},
		{what: 'a trapping instruction counts', wat: '(func (export "f") (nop) (unreachable))', args: [], count: 2},
		{
			what: 'memory.fill of 200 bytes: 1 + floor(200 / 64)',
			wat: '(memory 1) (func (export "f") (memory.fill (i32.const 0) (i32.const 1) (i32.const 200)))',
			args: [],
			count: 3 + 1 + 3 + 1,
		},
		{
			what: 'memory.fill out of bounds traps before any work and costs 1',
			wat: '(memory 1) (func (export "f") (memory.fill (i32.const 65000) (i32.const 1) (i32.const 1000)))',
			args: [],
			count: 3 + 1,
		},
	];
	for (const {what, wat, args, count} of handCounted) {
		it(`counts ${what}`, async () => {
			const bytes = await assemble(`(module ${wat})`);
			expect(callNative(loadNative(bytes), 'f', args).instructions).toBe(count);
			expect(call(load(bytes), 'f', args).instructions).toBe(count);
		});
	}

	it('creates the global and export sections when the module has none, and counts the start function', async () => {
		const bytes = await assemble('(module (func $s (local i32) (local.set 0 (i32.const 1))) (start $s))');
		expect(counter(loadNative(bytes))).toBe(3n);
	});

	it('keeps existing globals, locals and exports where they were', async () => {
		const bytes = await assemble(`(module
			(global $g (export "g") (mut i32) (i32.const 5))
			(memory 1)
			(func (export "f") (param $n i32) (result i32) (local $x i32)
				(local.set $x (i32.const 3))
				(memory.fill (i32.const 0) (local.get $x) (local.get $n))
				(global.set $g (i32.add (global.get $g) (local.get $x)))
				(i32.add (global.get $g) (i32.load8_u (i32.const 0)))))`);
		const native = loadNative(bytes);
		expect(callNative(native, 'f', [10])).toEqual({trapped: false, value: 11, instructions: 15});
		expect((native.exports['g'] as {value: number}).value).toBe(8);
	});

	it('copies big sections whole', async () => {
		const bytes = await assemble(`(module (memory 8) (data (i32.const 0) "${'ab'.repeat(150_000)}")
			(func (export "f") (result i32) (i32.load8_u (i32.const 299999))))`);
		expect(callNative(loadNative(bytes), 'f', [])).toEqual({trapped: false, value: 0x62, instructions: 3});
	});

	it('numbers the counter after imported globals', async () => {
		const bytes = await assemble(`(module
			(import "env" "f" (func $f (result i32)))
			(import "env" "g" (global $g i32))
			(func (export "f") (result i32) (i32.add (call $f) (global.get $g))))`);
		const native = loadNative(bytes, {env: {f: () => 40, g: 2}});
		expect(callNative(native, 'f', [])).toEqual({trapped: false, value: 42, instructions: 4});
	});
});

describe('our instruction count equals the instrumented count on Node', () => {
	const control = fixture('control.wasm');

	it('uses control.wasm assembled from control.wat', async () => {
		const source = readFileSync(new URL('../../../fixtures/exec/control.wat', import.meta.url), 'utf8');
		expect(Buffer.from(await assemble(source)).equals(Buffer.from(control)), 'rebuild it: see fixtures/exec/README.md').toBe(true);
	});

	it('for if/else, if without else and an arm left by br', () => {
		expectSameCounts(control, 'branches', [[0], [1], [2], [3], [4], [6], [7], [-1]]);
	});

	it('for br and br_if to blocks and loops, taken and not taken', () => {
		expectSameCounts(control, 'loops', [[0], [1], [2], [7], [100], [1000]]);
	});

	it('for br_table to every target and the default', () => {
		expectSameCounts(control, 'table', [[-1], [0], [1], [2], [3], [4], [5], [100]]);
	});

	it('for return from inside nested blocks, loops and ifs', () => {
		expectSameCounts(control, 'find', [[0], [7], [19], [20], [-1]]);
	});

	it('for call and call_indirect, and their traps (type mismatch, null slot, outside the table)', () => {
		expectSameCounts(control, 'calls', [[0, 3], [1, 5], [2, 9], [3, 1], [4, 1], [8, 1]]);
	});

	it('for multi-value blocks and loops with params', () => {
		expectSameCounts(control, 'multi', [[0], [1], [6]]);
	});

	it('for traps of every kind, one call deep and fused with a following local.set', () => {
		expectSameCounts(control, 'trap', [[0], [1], [2], [3], [4], [5], [6], [7], [8], [9]]);
	});

	it('for memory.fill/copy/init of every size around the 64-byte unit, and a copy that traps after a big fill', () => {
		expectSameCounts(control, 'bulk', [[0], [1], [63], [64], [65], [127], [128], [1000], [65536], [262000]]);
	});

	it('for memory.init after data.drop (a trap), on one instance', () => {
		const {ours, node} = compare(control, [
			['bulk', 100],
			['drop_data'],
			['bulk', 100],
		]);
		expect(ours).toEqual(node);
		expect(ours.map(({trapped}) => trapped)).toEqual([false, false, true]);
	});

	it('for table.fill/copy/init, elem.drop, table.grow and memory.grow', () => {
		expectSameCounts(control, 'tables', [[0], [1], [10], [64], [65]]);
	});

	it('for a loop of page-sized fills and copies', () => {
		expectSameCounts(control, 'fills', [[3]]);
	});

	for (const file of ['kernels.wasm', 'kernels-bulk.wasm']) {
		it(`for the C kernels of ${file}, each called twice on one instance`, () => {
			const calls: Array<[string, ...Arg[]]> = [
				['fib', 15],
				['sieve', 5000],
				['matmul', 12],
				['sort', 500],
				['hash', 2000],
				['dispatch', 3000],
				['bulk', 5000],
			];
			const {ours, node} = compare(fixture(file), [...calls, ...calls]);
			expect(ours).toEqual(node);
			expect(ours.every(({trapped}) => !trapped)).toBe(true);
		});
	}
});
