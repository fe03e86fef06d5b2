/*
 * The fused ops of fast code (source/wasm/compile/ir.ts: an f64.load folded into f64.add/f64.mul,
 * i32.store8 of a constant at an i32.add address, an add + compare + br_if
 * loop back-edge, i64.load/i64.store at an i32.add-of-a-constant address, `c[j] += a * b[j + k]`
 * as F64_MUL_LOAD_ADDI + F64_ADD_LOAD_STORE) and code compiled without metering. Each program is checked against Node's
 * WebAssembly running a copy instrumented to count instructions: same results, same traps, same
 * counts, also when the call is cut into random slices (so a budget can run out right at a fused op)
 * and when a fused op traps.
 */

import {describe, expect, it} from 'vitest';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {ADD_BRCI_LTU, ADDI_BRCI_NE, F64_ADD_LOAD, F64_ADD_LOAD_STORE, F64_MUL_LOAD, F64_MUL_LOAD_ADDI, I64_LOAD_ADDI, I64_STORE_ADDI, Op, STORE8_IMM_ADD} from '../../../source/wasm/compile/ir.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {instantiate} from '../../../source/wasm/exec/instance.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {nativeWebAssembly} from '../../bench/wasm-api.js';
import {COUNTER_EXPORT, instrument} from '../../helpers/instrument.js';
import {call, callResult, exportedFunc, finish, load, prng, startThread} from '../../helpers/wasmos.js';
import {assemble} from '../validate/helpers.js';

const WAT = `(module
  (memory 1)
  ;; the sum of a[i] + 0.5 * b[i] over f64 arrays at 0 and 4096: f64.load into f64.add and f64.mul
  (func (export "dot") (param $n i32) (result i64) (local $i i32) (local $s f64)
    block $done
      local.get $n
      i32.eqz
      br_if $done
      loop $next
        local.get $s
        local.get $i
        f64.load offset=0
        f64.add
        f64.const 0.5
        local.get $i
        f64.load offset=4096
        f64.mul
        f64.add
        local.set $s
        local.get $i
        i32.const 8
        i32.add
        local.tee $i
        local.get $n
        i32.const 3
        i32.shl
        i32.ne
        br_if $next
      end
    end
    local.get $s
    i64.reinterpret_f64)
  ;; n times: mem[p] += a * mem[p + 8] (that address local.tee'd to $q), then mem[p] += a * mem[p + 16]
  ;; (a temp), p = q: f64.load at an i32.add of a constant into f64.mul, f64.add + f64.store at p
  ;; (a = k / 2)
  (func (export "axpy") (param $p i32) (param $n i32) (param $k i32) (result i32) (local $q i32) (local $a f64)
    local.get $k
    f64.convert_i32_s
    f64.const 0.5
    f64.mul
    local.set $a
    loop $next
      local.get $p
      local.get $a
      local.get $p
      i32.const 8
      i32.add
      local.tee $q
      f64.load
      f64.mul
      local.get $p
      f64.load
      f64.add
      f64.store
      local.get $p
      local.get $a
      local.get $p
      i32.const 16
      i32.add
      f64.load
      f64.mul
      local.get $p
      f64.load
      f64.add
      f64.store
      local.get $q
      local.set $p
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if $next
    end
    local.get $p)
  ;; fills f64 arrays: a[i] = i, b[i] = n - i (as f64)
  (func (export "fill") (param $n i32) (local $i i32)
    loop $next
      local.get $i
      i32.const 3
      i32.shl
      local.get $i
      f64.convert_i32_s
      f64.store
      local.get $i
      i32.const 3
      i32.shl
      local.get $n
      local.get $i
      i32.sub
      f64.convert_i32_s
      f64.store offset=4096
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_s
      br_if $next
    end)
  ;; marks every step-th byte from base+start while m <u 4096: i32.store8 of 1 at base + m
  (func (export "mark") (param $base i32) (param $start i32) (param $step i32) (result i32) (local $m i32) (local $count i32)
    local.get $start
    local.set $m
    loop $next
      local.get $base
      local.get $m
      i32.add
      i32.const 1
      i32.store8
      local.get $count
      i32.const 1
      i32.add
      local.set $count
      local.get $m
      local.get $step
      i32.add
      local.tee $m
      i32.const 4096
      i32.lt_u
      br_if $next
    end
    local.get $count)
  ;; counts down with br_if on the decremented value; sums the bytes it passes
  (func (export "countdown") (param $k i32) (result i32) (local $sum i32)
    loop $next
      local.get $sum
      local.get $k
      i32.load8_u
      i32.add
      local.set $sum
      local.get $k
      i32.const -1
      i32.add
      local.tee $k
      br_if $next
    end
    local.get $sum)
  ;; walks p up by 8 per step: i64.load at a local.tee'd p + 8 and at a temp p + 8, i64.store of a
  ;; local at a temp p + 16 (fused), and of a constant at p - 8 (not fused)
  (func (export "walk") (param $p i32) (param $n i32) (param $s i64) (result i64)
    loop $next
      local.get $s
      local.get $p
      i32.const 8
      i32.add
      local.tee $p
      i64.load offset=4
      i64.xor
      local.set $s
      local.get $s
      local.get $p
      i32.const 8
      i32.add
      i64.load
      i64.add
      local.set $s
      local.get $p
      i32.const 16
      i32.add
      local.get $s
      i64.store offset=8
      local.get $p
      i32.const -8
      i32.add
      i64.const 7
      i64.store
      local.get $n
      i32.const -1
      i32.add
      local.tee $n
      br_if $next
    end
    local.get $s)
  ;; compares a, b, c with x (i64.lt_s, ge_s, gt_s, le_s in br_if and if) into a bit pattern
  (func (export "rank") (param $x i64) (param $a i64) (param $b i64) (param $c i64) (result i32) (local $r i32)
    block $b1
      local.get $a
      local.get $x
      i64.lt_s
      br_if $b1
      local.get $r
      i32.const 1
      i32.add
      local.set $r
    end
    local.get $b
    local.get $x
    i64.ge_s
    if
      local.get $r
      i32.const 2
      i32.add
      local.set $r
    end
    block $b3
      local.get $c
      local.get $x
      i64.gt_s
      br_if $b3
      local.get $r
      i32.const 4
      i32.add
      local.set $r
    end
    local.get $c
    local.get $a
    i64.le_s
    if
      local.get $r
      i32.const 8
      i32.add
      local.set $r
    end
    block $b5
      local.get $b
      local.get $c
      i64.lt_s
      i32.eqz
      br_if $b5
      local.get $r
      i32.const 16
      i32.add
      local.set $r
    end
    local.get $r)
)`;

type Arg = number | bigint;

const CALLS: ReadonlyArray<readonly [string, ...Arg[]]> = [
	['fill', 200],
	['dot', 200],
	['dot', 0],
	['mark', 0, 2, 3],
	['countdown', 20_000],
	['mark', 65_000, 3, 7], // the store8 at base + m leaves the page: a trap in the fused op
	['dot', 8000], // the f64.load in the fused add/mul leaves the page: a trap in the fused op
	['axpy', 0, 150, 1],
	['dot', 200], // reads what axpy wrote
	['axpy', 65_512, 3, 4], // the second step's load at p + 16 leaves the page: a trap in F64_MUL_LOAD_ADDI (temp form)
	['axpy', 65_528, 2, 4], // the load at p + 8 leaves the page (local.tee form)
	['axpy', -8, 1, 4], // p + 8 and p + 16 wrap around 2^32 to 0 and 8; the load at p traps in F64_ADD_LOAD_STORE
	['dot', 200], // nothing was stored by the trapping steps
	['mark', -8, 8, 1], // base + m wraps around 2^32 to addresses 0..4087: no trap
	['walk', 0, 2000, 0x123456789n],
	['walk', 8192, 300, -5n],
	['walk', 65_520, 3, 1n], // the first load at p + 8 + 4 leaves the page: a trap in I64_LOAD_ADDI (tee form)
	['walk', 65_516, 3, 1n], // the load at p + 16 leaves the page (temp form)
	['walk', 65_512, 3, 1n], // the store at p + 32 leaves the page: a trap in I64_STORE_ADDI
	['walk', 65_000, 100, 3n], // runs off the page after some steps
	['walk', -8, 50, 9n], // p + 8 wraps around 2^32 to 0: no trap
	['walk', -12, 5, 9n], // p + 8 = 2^32 - 4 and the offset 4 takes it to 2^32: a trap, not a wrap to 0
	['rank', 5n, 4n, 6n, 5n],
	['rank', -1n, -(2n ** 40n), 2n ** 40n, -1n],
	['rank', 2n ** 33n, 2n ** 33n + 1n, 2n ** 32n, 1n - 2n ** 63n],
	['rank', 0n, 0xffffffffn, -0x100000000n, 1n],
];

interface Outcome {
	readonly call: string;
	readonly trapped: boolean;
	readonly value?: Arg;
	readonly instructions: number;
}

function label([name, ...args]: readonly [string, ...Arg[]]): string {
	return `${name}(${args.join(', ')})`;
}

function nodeOutcomes(bytes: Uint8Array): Outcome[] {
	const wasm = nativeWebAssembly();
	if (!wasm) throw new Error('this test needs Node\'s WebAssembly');
	const instance = new wasm.Instance(new wasm.Module(instrument(bytes)), {});
	const counter = instance.exports[COUNTER_EXPORT] as {value: bigint};
	return CALLS.map((entry) => {
		const [name, ...args] = entry;
		const before = counter.value;
		let value: Arg | undefined;
		let trapped = false;
		try {
			value = (instance.exports[name] as (...a: readonly Arg[]) => Arg | undefined)(...args);
		} catch (error) {
			if (!(error instanceof Error) || error.constructor.name !== 'RuntimeError') throw error;
			trapped = true;
		}
		return {call: label(entry), trapped, value, instructions: Number(counter.value - before)};
	});
}

function ourOutcomes(bytes: Uint8Array, nextBudget?: () => number): Outcome[] {
	const instance = load(bytes);
	return CALLS.map((entry) => {
		const [name, ...args] = entry;
		const result = call(instance, name, args, nextBudget);
		return {call: label(entry), trapped: result.reason === 'trapped', value: result.results?.[0] ?? undefined, instructions: result.instructions};
	});
}

describe('fused ops', () => {
	it('are what the compiler makes of these shapes', async () => {
		const module = decodeModule(await assemble(WAT));
		validateModule(module);
		const ops = new Set(compileModule(module).code);
		for (const op of [F64_ADD_LOAD, F64_MUL_LOAD, STORE8_IMM_ADD, ADD_BRCI_LTU, ADDI_BRCI_NE, I64_LOAD_ADDI, I64_STORE_ADDI, F64_ADD_LOAD_STORE, F64_MUL_LOAD_ADDI]) expect({op, present: ops.has(op)}).toEqual({op, present: true});
	});

	it('compute and count what Node computes and counts, traps included', async () => {
		const bytes = await assemble(WAT);
		expect(ourOutcomes(bytes)).toEqual(nodeOutcomes(bytes));
	});

	it('give the same results and counts when the call is cut into random slices', async () => {
		const bytes = await assemble(WAT);
		const expected = nodeOutcomes(bytes);
		for (const [seed, most] of [
			[1, 8],
			[2, 40],
			[3, 700],
		] as const) {
			const random = prng(seed);
			expect({seed, outcomes: ourOutcomes(bytes, () => 1 + Math.floor(random() * most))}).toEqual({seed, outcomes: expected});
		}
	});
});

describe('code compiled without metering', () => {
	it('has no fuel ops and computes the same results, counting nothing', async () => {
		const bytes = await assemble(WAT);
		const module = decodeModule(bytes);
		validateModule(module);
		const compiled = compileModule(module, {metering: false});
		expect(compiled.funcs.map(({entry, body, entryFuel}) => ({entry, body, entryFuel}))).toEqual(compiled.funcs.map(({entry}) => ({entry, body: entry, entryFuel: 0})));
		expect(compiled.code[compiled.funcs[0].entry]).not.toBe(Op.FUEL);
		const instance = instantiate(new Store(), module, compiled, () => undefined);
		const expected = nodeOutcomes(bytes);
		const results = CALLS.map((entry) => {
			const [name, ...args] = entry;
			const thread = startThread(instance.store, exportedFunc(instance, name), args);
			const result = callResult(thread, finish(thread, () => 2 ** 30));
			return {call: label(entry), trapped: result.reason === 'trapped', value: result.results?.[0] ?? undefined, instructions: result.instructions};
		});
		expect(results).toEqual(expected.map((outcome) => ({...outcome, instructions: 0})));
	});
});
