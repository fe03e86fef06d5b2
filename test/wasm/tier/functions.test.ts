/*
 * The function tier (tier/functions.ts) changes nothing a program or the kernel can see: hot
 * functions that call each other in generated code stop after the same number of instructions at
 * the same position with the same saved state as the interpreter alone, in random slices
 * (lockstep.ts), through recursion deeper than one entry may nest on the JavaScript stack, a value
 * stack and a frame stack that must grow, memory that grows in a callee, calls it leaves to the
 * interpreter (host functions, call_indirect), several results, and traps deep in generated calls
 * (same kind, count and wasm stack trace); the call-depth limit traps at the same depth.
 */

import {execFileSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compileModule, type CompileOptions} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {exportInstance, exportThread, importInstance, importThread} from '../../../source/wasm/exec/state.js';
import {Thread, type RunOutcome} from '../../../source/wasm/exec/thread.js';
import {TIER_CONTEXT} from '../../../source/wasm/exec/tier-context.js';
import type {Value} from '../../../source/wasm/exec/values.js';
import type {Module} from '../../../source/wasm/types.js';
import {watModule} from '../../helpers/wat.js';
import {lockstep, threadOf} from './lockstep.js';

/** Every export is deterministic and recomputes from its arguments; `twice` is a host import. */
const CALLS = `(module
  (import "env" "twice" (func $twice (param i32) (result i32)))
  (memory 1)
  (table 2 funcref)
  (elem (i32.const 0) $inc $dec)
  ;; n + (n-1) + ... + 1, one call per level
  (func $sum (export "sum") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (local.get $n) (call $sum (i32.sub (local.get $n) (i32.const 1)))))))
  ;; recursion with a big frame: twenty i64 locals (cleared on every call) kept live across the call
  (func $wide (param $n i32) (result i64)
    (local $a i64) (local $b i64) (local $c i64) (local $d i64) (local $e i64) (local $f i64) (local $g i64)
    (local $h i64) (local $i i64) (local $j i64) (local $k i64) (local $l i64) (local $m i64) (local $o i64)
    (local $p i64) (local $q i64) (local $r i64) (local $s i64) (local $t i64) (local $u i64)
    (local.set $a (i64.extend_i32_u (local.get $n)))
    (local.set $u (i64.add (local.get $u) (local.get $a)))
    (if (result i64) (i32.eqz (local.get $n))
      (then (local.get $u))
      (else (i64.add (i64.mul (local.get $u) (i64.const 3))
                     (call $wide (i32.sub (local.get $n) (i32.const 1)))))))
  ;; twice, so the second descent meets the first one's values in the slots of its locals
  (func (export "wide") (param $n i32) (result i64)
    (i64.add (call $wide (local.get $n)) (call $wide (local.get $n))))
  ;; small helpers called from a loop
  ;; reads its locals before writing them: they must be 0 on every call (the slots held the last call's)
  (func $inc (param i32) (result i32) (local i32 i64)
    (i32.add (i32.add (local.get 0) (i32.const 1)) (i32.add (local.get 1) (i32.wrap_i64 (local.get 2))))
    (local.set 1 (i32.const 77))
    (local.set 2 (i64.const 0x500000005)))
  (func $dec (param i32) (result i32) (i32.sub (local.get 0) (i32.const 1)))
  (func $pair (param $x i32) (result i32 i64 f64)
    (local.get $x) (i64.extend_i32_s (local.get $x)) (f64.convert_i32_s (local.get $x)))
  (func $mix (param $x i32) (result i32)
    (local $i i64) (local $d f64)
    (call $pair (call $inc (local.get $x)))
    (local.set $d) (local.set $i)
    (i32.add (i32.add (i32.wrap_i64 (local.get $i)) (i32.trunc_f64_s (local.get $d))))
    ;; every 8th value through the host, every 4th through the table
    (if (param i32) (result i32) (i32.eqz (i32.and (local.get $x) (i32.const 7)))
      (then (call $twice)))
    (if (param i32) (result i32) (i32.eqz (i32.and (local.get $x) (i32.const 3)))
      (then (call_indirect (param i32) (result i32) (i32.and (local.get $x) (i32.const 1)))))
    (call $store (local.get $x)))
  (func $store (param $x i32) (param $v i32) (result i32)
    (i32.store (i32.shl (i32.and (local.get $x) (i32.const 1023)) (i32.const 2)) (local.get $v))
    (i32.add (local.get $v) (i32.load (i32.const 64))))
  (func (export "calls") (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (local.set $acc (i32.add (local.get $acc) (call $mix (local.get $n))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; memory grows in a callee; the caller then writes into the new page
  (func $grow (result i32) (memory.grow (i32.const 1)))
  (func $use (param $k i32) (result i32)
    (local $old i32)
    (local.set $old (call $grow))
    (i32.store (i32.sub (i32.mul (i32.add (local.get $old) (i32.const 1)) (i32.const 65536)) (i32.const 4)) (local.get $k))
    (i32.add (local.get $old) (memory.size)))
  (func (export "grows") (param $n i32) (result i32)
    (local $acc i32)
    (loop $next
      (local.set $acc (i32.add (local.get $acc) (call $use (local.get $n))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $acc))
  ;; at recursion depth $n divides 1 by $k - 1: by zero when $k is 1
  (func $down (param $n i32) (param $k i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.div_s (i32.const 1) (i32.sub (local.get $k) (i32.const 1))))
      (else (i32.add (local.get $k) (call $down (i32.sub (local.get $n) (i32.const 1)) (local.get $k))))))
  (func (export "deep_trap") (param $n i32) (result i32)
    ;; $down is hot (translated) after its first call; then it traps at depth $n
    (drop (call $down (i32.const 3) (i32.const 2)))
    (call $down (local.get $n) (i32.const 1))))`;

/** An instance of the module with `env.twice` (doubles an i32) as a host function. */
function withHost(module: Module, options: CompileOptions): Instance {
	const store = new Store();
	const desc = module.imports[0].desc;
	if (desc.kind !== 'func') throw new Error('env.twice is not a function import');
	const twice = store.hostFunc('env.twice', module.types[desc.typeIndex], ([x]: readonly Value[]) => [(Number(x) * 2) | 0]);
	return instantiate(store, module, compileModule(module, options), (mod, name) => (mod === 'env' && name === 'twice' ? {kind: 'func', func: twice} : undefined), {});
}

/** Runs the export `sum`(n) on a thread with that depth limit, in slices of `slice`, to its end. */
function sumToEnd(instance: Instance, n: number, maxCallDepth: number, slice: number): {outcome: RunOutcome; thread: Thread} {
	const thread = new Thread(instance.store, {maxCallDepth});
	const sum = instance.exports.get('sum');
	if (sum?.kind !== 'func') throw new Error('no sum');
	thread.start(sum.func, [n]);
	let outcome: RunOutcome;
	do outcome = thread.run(slice);
	while (outcome.reason === 'budget');
	return {outcome, thread};
}

describe('calls in the function tier', () => {
	it('recursion deeper than one entry nests on the JavaScript stack, and a frame stack that grows', async () => {
		const module = await watModule(CALLS);
		for (const [seed, maxSlice] of [[1, 50], [2, 20_000], [3, 200_000]]) {
			const {outcome, functions} = lockstep(module, 'sum', [3000], seed, maxSlice, 100, 2000, withHost);
			expect(outcome).toEqual({reason: 'finished', results: [4_501_500]});
			expect(functions!.compiledCount).toBeGreaterThan(0);
		}
	});

	it('big frames: locals cleared on every call, a value stack that grows', async () => {
		const module = await watModule(CALLS);
		for (const [seed, maxSlice] of [[4, 40], [5, 100_000]]) {
			const {outcome} = lockstep(module, 'wide', [600], seed, maxSlice, 50, 2000, withHost);
			expect(outcome.reason).toBe('finished');
		}
	});

	it('helpers with several results, host calls, call_indirect and memory stores', async () => {
		const module = await watModule(CALLS);
		for (const [seed, maxSlice] of [[6, 30], [7, 5000]]) {
			const {outcome, functions} = lockstep(module, 'calls', [3000], seed, maxSlice, 100, 3000, withHost);
			expect(outcome.reason).toBe('finished');
			expect(functions!.compiledCount).toBeGreaterThanOrEqual(4);
		}
	});

	it('memory grown by a callee is seen by its caller at once', async () => {
		const module = await watModule(CALLS);
		const {outcome} = lockstep(module, 'grows', [40], 8, 25, 10, Infinity, withHost);
		// Pages 1..40 after the first: old size k, new size k + 1 for k = 1..40.
		expect(outcome).toEqual({reason: 'finished', results: [40 * 41 + 40]});
	});

	it('a trap deep in generated calls: same kind, count and wasm stack as the interpreter', async () => {
		const module = await watModule(CALLS);
		const {outcome, a, b} = lockstep(module, 'deep_trap', [500], 9, 5000, 10, Infinity, withHost);
		expect(outcome.reason).toBe('trapped');
		const [ta, tb] = [a.trap!, b.trap!];
		expect(ta.kind).toBe('integer divide by zero');
		expect(ta.trace).toEqual(tb.trace);
		expect(ta.trace.length).toBe(502);
	});

	it('recursion far deeper than the JavaScript stack could hold', async () => {
		const instance = withHost(await watModule(CALLS), {tierThreshold: 0});
		const {outcome} = sumToEnd(instance, 100_000, 200_000, 1_000_000);
		expect(outcome).toEqual({reason: 'finished', results: [Number(BigInt.asIntN(32, 5_000_050_000n))]});
	});

	it('the call-depth limit traps at the same depth and count', async () => {
		const module = await watModule(CALLS);
		const outcomes = [{tierThreshold: 0}, {tierThreshold: null}].map((options) => {
			const {outcome, thread} = sumToEnd(withHost(module, options), 5000, 700, 100_000);
			return {outcome, instructions: thread.instructions, depth: thread.trap?.trace.length};
		});
		expect(outcomes[0].outcome.reason).toBe('trapped');
		expect(outcomes[0]).toEqual(outcomes[1]);
		expect(outcomes[0].depth).toBe(701);
	});
});

describe('slice edges and shared code', () => {
	it('a slice that ends and one that starts mid-block run in the function’s slice-edge code, stopping where the interpreter does', async () => {
		const module = await watModule(CALLS);
		// Slices of 1..7 instructions: nearly every stop and start falls inside a block.
		const {outcome, a, slices} = lockstep(module, 'sum', [200], 11, 7, 5, Infinity, withHost);
		expect(outcome).toEqual({reason: 'finished', results: [20_100]});
		expect(slices).toBeGreaterThan(500);
		const sum = a.inst!.compiled.funcs[0];
		expect(sum.hot).not.toBeNull();
		expect(sum.edges[0]).toBeTruthy();
	});

	it('the thread’s entry function, translated when its loop gets hot, leaves at its return as the interpreter does', async () => {
		const module = await watModule(CALLS);
		const {outcome, a} = lockstep(module, 'calls', [500], 12, 300, 20, Infinity, withHost);
		expect(outcome.reason).toBe('finished');
		const calls = module.exports.find((e) => e.name === 'calls')!.index - module.importedFuncCount;
		expect(a.inst!.compiled.funcs[calls].hot).not.toBeNull();
	});

	it('two instances of one module share their generated functions and keep their own state', async () => {
		const module = await watModule(CALLS);
		const [x, y] = [withHost(module, {tierThreshold: 0}), withHost(module, {tierThreshold: 0})];
		const threads = [x, y].map((instance, k) => threadOf(instance, 'calls', [k === 0 ? 300 : 200]));
		// Interleaved slices: each instance's memory and globals are its own.
		const outcomes: RunOutcome[] = [];
		for (let done = 0; done < 2; ) {
			done = 0;
			for (const [k, thread] of threads.entries()) {
				if (thread.status !== 'ready') {
					done++;
					continue;
				}
				outcomes[k] = thread.run(997);
			}
		}
		const plain = [300, 200].map((n) => {
			const instance = withHost(module, {tierThreshold: null});
			return {outcome: threadOf(instance, 'calls', [n]).run(100_000_000), memory: Buffer.from(instance.memories[0].bytes).toString('hex')};
		});
		expect(outcomes).toEqual(plain.map((p) => p.outcome));
		expect([x, y].map((instance) => Buffer.from(instance.memories[0].bytes).toString('hex'))).toEqual(plain.map((p) => p.memory));
		const hot = x.compiled.funcs.map((cf, k) => [cf.hot, y.compiled.funcs[k].hot] as const).filter(([a]) => a !== null);
		expect(hot.length).toBeGreaterThanOrEqual(4);
		for (const [a, b] of hot) expect(a).toBe(b);
	});

	it('a thread saved where edge code stopped it, restored into a fresh engine, finishes as one never stopped', () => {
		const module = decodeModule(readFileSync(fileURLToPath(new URL('../../../fixtures/exec/kernels.wasm', import.meta.url))));
		const fresh = (options: CompileOptions, initialize = true) => instantiate(new Store(), module, compileModule(module, options), () => undefined, {initialize});
		/** Slices of 1..97 instructions: nearly every one stops mid-block, in edge code once the tiers run. */
		const finish = (thread: Thread) => {
			let outcome: RunOutcome;
			let k = 0;
			do outcome = thread.run(1 + ((k++ * 37) % 97));
			while (outcome.reason === 'budget');
			return outcome;
		};
		for (const [name, n] of [['fib', 12], ['sort', 200], ['hash', 300]] as const) {
			const whole = threadOf(fresh({tierThreshold: null}), name, [n]);
			const expected = finish(whole);
			expect(expected.reason).toBe('finished');
			for (const at of [0.3, 0.7]) {
				const original = fresh({tierThreshold: 0});
				const thread = threadOf(original, name, [n]);
				const target = Math.floor(whole.instructions * at);
				while (thread.instructions < target) {
					expect(thread.run(Math.min(1 + (thread.instructions % 89), target - thread.instructions)).reason).toBe('budget');
				}
				expect(thread.instructions).toBe(target);
				// The translated functions have slice-edge code, where such stops are made.
				expect(original.compiled.funcs.some((cf) => cf.edges.length > 0)).toBe(true);
				const saved = JSON.parse(JSON.stringify({instance: exportInstance(original), thread: exportThread(thread)}));
				const restored = fresh({tierThreshold: 0}, false);
				importInstance(restored, saved.instance);
				const resumed = importThread(restored.store, saved.thread);
				expect(finish(resumed), `${name} saved at ${target}`).toEqual(expected);
				expect(resumed.instructions).toBe(whole.instructions);
			}
		}
	});

	it('a thread that ended leaves nothing of its stack, memory or module held by the tier context', async () => {
		const module = await watModule(CALLS);
		for (const end of ['finished', 'trapped'] as const) {
			const instance = withHost(module, {tierThreshold: 0});
			const {outcome, thread} = sumToEnd(instance, end === 'finished' ? 2000 : 5000, end === 'finished' ? 10_000 : 700, 997);
			expect(outcome.reason).toBe(end);
			expect(instance.compiled.funcs.some((cf) => cf.hot !== null)).toBe(true);
			expect(TIER_CONTEXT.i32).not.toBe(thread.i32);
			expect(TIER_CONTEXT.mem).not.toBe(instance.memories[0].view);
			expect(TIER_CONTEXT.F).not.toBe(instance.compiled.funcs);
		}
	});

	it('without metering, a translated loop of more back-edges than it takes between returns to the interpreter (4,096) counts right', async () => {
		const module = await watModule(`(module
		  (func (export "count") (param $n i32) (result i32) (local $i i32)
		    (loop $next
		      (local.set $i (i32.add (local.get $i) (i32.const 1)))
		      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))
		    (local.get $i)))`);
		const instance = instantiate(new Store(), module, compileModule(module, {metering: false, tierThreshold: 0}), () => undefined, {});
		expect(threadOf(instance, 'count', [100_000]).run(2 ** 30)).toEqual({reason: 'finished', results: [100_000]});
		expect(instance.compiled.funcs[0].hot).not.toBeNull();
	});
});

describe('without code generation', () => {
	it('a host that refuses it runs every call in the interpreter, with the same result', () => {
		const script = fileURLToPath(new URL('./no-codegen.ts', import.meta.url));
		const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', script, 'fib', '20'], {encoding: 'utf8'});
		const {outcome, instructions, translated, functions} = JSON.parse(out);
		expect(translated + functions).toBe(0);
		const module = decodeModule(readFileSync(fileURLToPath(new URL('../../../fixtures/exec/kernels.wasm', import.meta.url))));
		const instance = instantiate(new Store(), module, compileModule(module, {tierThreshold: null}), () => undefined, {});
		const fib = instance.exports.get('fib');
		if (fib?.kind !== 'func') throw new Error('no fib');
		const thread = new Thread(instance.store);
		thread.start(fib.func, [20]);
		expect(thread.run(100_000_000)).toEqual({reason: 'finished', results: [6765]});
		expect(outcome).toEqual({reason: 'finished', results: [6765]});
		expect(instructions).toBe(thread.instructions);
	});
});
