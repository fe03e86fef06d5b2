/*
 * What the loop tier does, as a program and the kernel see it: loops run in it are still stopped by
 * the budget to the instruction, traps in it are the interpreter's (kind, count, position, memory
 * written up to the trap), memory growth inside a loop is seen, loops around calls are given back to
 * the interpreter, and the pages it touches are marked for the memory map as the interpreter marks them.
 */

import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compileModule, type CompileOptions} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {Store} from '../../../source/wasm/exec/store.js';
import type {Module} from '../../../source/wasm/types.js';
import {watModule} from '../../helpers/wat.js';
import {lockstep, threadOf} from './lockstep.js';

const LOOPS_ONLY: CompileOptions = {functionTier: false};

/** The loop tier alone unless `options` say otherwise (with the function tier, loops run in their function's code). */
function instanceOf(module: Module, options: CompileOptions = {tierThreshold: 0}): Instance {
	return instantiate(new Store(), module, compileModule(module, {functionTier: false, ...options}), () => undefined, {});
}

const SPIN = `(module
  (global $n (export "n") (mut i32) (i32.const 0))
  (func (export "spin")
    (loop $forever
      (global.set $n (i32.add (global.get $n) (i32.const 1)))
      (br $forever))))`;

describe('a loop running in the tier', () => {
	it('stops after exactly the budget, slice after slice, and goes on from there', async () => {
		const instance = instanceOf(await watModule(SPIN));
		const thread = threadOf(instance, 'spin', []);
		let total = 0;
		for (const budget of [1, 2, 3, 10_000, 12_345, 7, 1_000_000]) {
			expect(thread.run(budget)).toEqual({reason: 'budget'});
			total += budget;
			expect(thread.instructions).toBe(total);
		}
		// The loop body is 5 instructions (global.get, i32.const, i32.add, global.set, br) after the loop's own 1.
		const n = instance.globals[0].cell[0];
		expect(n).toBe(Math.floor((total - 1) / 5));
		expect(instance.compiled.tier!.fns[0]).not.toBeNull();
		// Each stop is inside the translated loop's precise code, where the next run() resumes in the tier.
		expect(instance.compiled.tier!.resumeAt(thread.pc)).toBeDefined();
	});

	it('traps at the memory edge as the interpreter does: same count, place, and bytes written before it', async () => {
		// i64 stores walking up to the end of the one page; the last one straddles the edge.
		const module = await watModule(`(module
		  (memory (export "memory") 1)
		  (func (export "fill") (param $at i32) (param $step i32)
		    (loop $next
		      (i64.store (local.get $at) (i64.const 0x0102030405060708))
		      (local.set $at (i32.add (local.get $at) (local.get $step)))
		      (br $next))))`);
		for (const [start, step] of [
			[0, 8],
			[4, 8],
			[65_000, 3],
		]) {
			const {outcome, tier} = lockstep(module, 'fill', [start, step], start + step, 5000, 50, Infinity, undefined, LOOPS_ONLY);
			expect(outcome.reason).toBe('trapped');
			expect(outcome.reason === 'trapped' && outcome.trap.message).toMatch(/out of bounds memory access/);
			expect(tier!.compiledCount).toBe(1);
		}
	});

	it('sees memory grown inside the loop', async () => {
		const module = await watModule(`(module
		  (memory 1 10)
		  (func (export "grow") (result i32) (local $i i32) (local $sum i32)
		    (loop $next
		      (drop (memory.grow (i32.const 1)))
		      (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (local.get $i))
		      (local.set $sum (i32.add (local.get $sum) (i32.load (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)))))
		      (local.set $i (i32.add (local.get $i) (i32.const 1)))
		      (br_if $next (i32.lt_u (local.get $i) (i32.const 20))))
		    (i32.add (local.get $sum) (memory.size))))`);
		const {outcome} = lockstep(module, 'grow', [], 3, 40, 5, Infinity, undefined, LOOPS_ONLY);
		// Nine pages grown (to the maximum of 10) for i = 0..8, then memory.grow fails: the stores go to page 10.
		expect(outcome).toEqual({reason: 'finished', results: [190 + 10]});
	});

	it('gives a loop around a call it does not make (a host function) back to the interpreter, which then no longer passes its head', async () => {
		const module = await watModule(`(module
		  (import "env" "inc" (func $inc (param i32) (result i32)))
		  (func (export "calls") (param $n i32) (result i32) (local $i i32)
		    (loop $next
		      (local.set $i (call $inc (local.get $i)))
		      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
		    (local.get $i)))`);
		const withInc = (options: CompileOptions) => {
			const store = new Store();
			const desc = module.imports[0].desc;
			if (desc.kind !== 'func') throw new Error('env.inc is not a function import');
			const inc = store.hostFunc('env.inc', module.types[desc.typeIndex], ([x]) => [(Number(x) + 1) | 0]);
			return instantiate(store, module, compileModule(module, {functionTier: false, ...options}), () => ({kind: 'func', func: inc}), {});
		};
		const instance = withInc({tierThreshold: 0});
		const tier = instance.compiled.tier!;
		const thread = threadOf(instance, 'calls', [1000]);
		expect(thread.run(1_000_000)).toEqual({reason: 'finished', results: [1000]});
		expect(tier.compiledCount).toBe(1);
		expect(tier.fns[0]).toBeNull();
		const passes = tier.hits[0];
		expect(threadOf(instance, 'calls', [1000]).run(1_000_000)).toEqual({reason: 'finished', results: [1000]});
		expect(tier.hits[0]).toBe(passes);
		// Same count as the interpreter alone.
		const plain = threadOf(withInc({tierThreshold: null}), 'calls', [1000]);
		plain.run(1_000_000);
		expect(thread.instructions).toBe(plain.instructions);
	});

	it('keeps a loop around a call of a translated function, and makes the call itself', async () => {
		// `calls` is too big for the function tier (the code after its loop), so its loop is the loop tier's.
		const module = await watModule(`(module
		  (global $g (mut i32) (i32.const 0))
		  (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
		  (func (export "calls") (param $n i32) (result i32) (local $i i32)
		    (loop $next
		      (local.set $i (call $inc (local.get $i)))
		      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
		    ${'(global.set $g (i32.xor (global.get $g) (local.get $i)))'.repeat(400)}
		    (local.get $i)))`);
		const instance = instanceOf(module, {tierThreshold: 0, functionTier: true});
		const tier = instance.compiled.tier!;
		const thread = threadOf(instance, 'calls', [100_000]);
		expect(thread.run(10_000_000)).toEqual({reason: 'finished', results: [100_000]});
		expect(instance.compiled.funcs[1].hot).toBeNull();
		// Not given back: its entries did not leave at the call (a loop that did would be after 64 of them).
		expect(tier.fns[0]).not.toBeNull();
		expect(instance.compiled.funcs[0].hot).not.toBeNull();
		const plain = threadOf(instanceOf(module, {tierThreshold: null}), 'calls', [100_000]);
		plain.run(10_000_000);
		expect(thread.instructions).toBe(plain.instructions);
	});

	it('marks the pages it reads and writes, as the interpreter does, while the memory map tracks them', async () => {
		const module = await watModule(`(module
		  (memory (export "memory") 8)
		  (func (export "walk") (local $a i32)
		    (loop $next
		      (i32.store8 (local.get $a) (i32.const 1))
		      (drop (i64.load offset=0x40000 (local.get $a)))
		      (local.set $a (i32.add (local.get $a) (i32.const 8192)))
		      (br_if $next (i32.lt_u (local.get $a) (i32.const 0x40000))))))`);
		const maps = [0, null].map((tierThreshold) => {
			const instance = instanceOf(module, {tierThreshold});
			instance.memories[0].trackAccess(true);
			const thread = threadOf(instance, 'walk', []);
			expect(thread.run(1_000_000).reason).toBe('finished');
			if (tierThreshold === 0) expect(instance.compiled.tier!.fns[0]).not.toBeNull();
			return [...instance.memories[0].access!];
		});
		// Every other page of the first 256 KiB written, every other one of the next 256 KiB read.
		expect(maps[0].slice(0, 64).filter((bits) => bits === 2)).toHaveLength(32);
		expect(maps[0].slice(64, 128).filter((bits) => bits === 1)).toHaveLength(32);
		expect(maps[0]).toEqual(maps[1]);
	});

	it('leaves a function too big for V8 to optimise to the interpreter, which then no longer passes its loop heads', async () => {
		const body = '(local.set $x (i32.xor (i32.add (local.get $x) (i32.const 3)) (local.get $i)))\n'.repeat(1000);
		const module = await watModule(`(module
		  (func (export "big") (param $n i32) (result i32) (local $i i32) (local $x i32)
		    (loop $next
		      ${body}
		      (local.set $i (i32.add (local.get $i) (i32.const 1)))
		      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
		    (local.get $x)))`);
		const instance = instanceOf(module);
		const tier = instance.compiled.tier!;
		const thread = threadOf(instance, 'big', [50]);
		const outcome = thread.run(10_000_000);
		expect(tier.compiledCount).toBe(0);
		expect(tier.fns[0]).toBeNull();
		expect(tier.hits[0]).toBe(1);
		const plain = threadOf(instanceOf(module, {tierThreshold: null}), 'big', [50]);
		expect(plain.run(10_000_000)).toEqual(outcome);
		expect(thread.instructions).toBe(plain.instructions);
	});

	it('translates a small hot loop of a big function (only the loop), and an outer loop takes over the inner one', async () => {
		const body = '(local.set $x (i32.xor (i32.add (local.get $x) (i32.const 3)) (local.get $i)))\n'.repeat(1000);
		const module = await watModule(`(module
		  (func (export "mixed") (param $n i32) (result i32) (local $i i32) (local $j i32) (local $x i32)
		    ${body}
		    (loop $outer
		      (local.set $j (i32.const 0))
		      (loop $inner
		        (local.set $x (i32.add (local.get $x) (local.get $j)))
		        (local.set $j (i32.add (local.get $j) (i32.const 1)))
		        (br_if $inner (i32.lt_u (local.get $j) (i32.const 100))))
		      (local.set $i (i32.add (local.get $i) (i32.const 1)))
		      (br_if $outer (i32.lt_u (local.get $i) (local.get $n))))
		    (local.get $x)))`);
		const {outcome, tier} = lockstep(module, 'mixed', [300], 9, 3000, 20, Infinity, undefined, LOOPS_ONLY);
		expect(outcome.reason).toBe('finished');
		// The outer loop's code (translated after the inner one's, or first when the slices happen to
		// take its back-edge first) is entered at either head and runs both.
		expect(tier!.compiledCount).toBeGreaterThanOrEqual(1);
		expect(tier!.fns[0]?.name).toBe('tier_f0_loop0');
		expect(tier!.fns[1]).toBe(tier!.fns[0]);
	});

	it('counts the same without metering (the bench yardstick) as with it', async () => {
		const module = await watModule(SPIN.replace('(br $forever)', '(br_if $forever (i32.lt_u (global.get $n) (i32.const 100000)))'));
		for (const tierThreshold of [0, null]) {
			const instance = instanceOf(module, {metering: false, tierThreshold});
			expect(threadOf(instance, 'spin', []).run(2 ** 30)).toEqual({reason: 'finished', results: []});
			expect(instance.globals[0].cell[0]).toBe(100_000);
		}
	});

	it('leaves every loop to the interpreter on a host that refuses code generation, with the same result', () => {
		const script = fileURLToPath(new URL('./no-codegen.ts', import.meta.url));
		const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', script], {encoding: 'utf8'});
		const {outcome, instructions, translated} = JSON.parse(out);
		expect(translated).toBe(0);
		const module = decodeModule(readFileSync(fileURLToPath(new URL('../../../fixtures/exec/kernels.wasm', import.meta.url))));
		const thread = threadOf(instanceOf(module, {tierThreshold: null}), 'sieve', [5000]);
		const expected = thread.run(10_000_000);
		expect(outcome).toEqual({reason: expected.reason, results: expected.reason === 'finished' ? expected.results.map((v) => `${v}n`) : []});
		expect(instructions).toBe(thread.instructions);
	});
});
