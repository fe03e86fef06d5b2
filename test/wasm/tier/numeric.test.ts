/*
 * Every numeric instruction through the loop tier: for each one a function loops over pairs of
 * edge-case operands (zeros, ±1, extremes, NaNs with payloads, infinities, denormals, values just
 * outside the conversion ranges) and stores each result; the i32/i64 ops with an IMM form also run
 * with constant second operands (the compiler folds those). Run with the tier entering every loop at
 * once and with the interpreter alone, the memory written, the traps (kind, position, count) and the
 * instruction counts are the same. A trap ends a call; the next call goes on after the trapping pair,
 * so every pair is tried. (The interpreter's own answers are checked by the conformance suite.)
 */

import {describe, expect, it} from 'vitest';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {Thread} from '../../../source/wasm/exec/thread.js';
import {OPCODES, isSimd} from '../../../source/wasm/opcodes.js';
import {watModule} from '../../helpers/wat.js';

/** Edge-case bit patterns per type, 16 each (8 bytes apart in memory, little-endian). */
const VALUES: Record<string, readonly bigint[]> = {
	i: [0n, 1n, 0xffffffffn, 2n, 31n, 32n, 0x7fffffffn, 0x80000000n, 0x12345678n, 0xdeadbeefn, 100n, 0xffffff9cn, 7n, 0xfffffff9n, 0x10000n, 33n],
	I: [
		0n, 1n, 0xffffffffffffffffn, 63n, 64n, 0x7fffffffffffffffn, 0x8000000000000000n, 0x123456789abcdef0n,
		0xffffffffn, 0x100000000n, 0xfffffffffffffffbn, 7n, 0x80000000n, 0xffffffff80000000n, 65n, 0x00000001ffffffffn,
	],
	f: [
		0x00000000n, 0x80000000n, 0x3f800000n, 0xbfc00000n, 0x3f000000n, 0x40200000n, 0x7f800000n, 0xff800000n,
		0x7fc00000n, 0x7fa00001n, 0xffc00123n, 0x4f32d05en, 0xcf32d05en, 0x4f000000n, 0x00000001n, 0x7f7fffffn,
	],
	F: [
		0x0000000000000000n, 0x8000000000000000n, 0x3ff0000000000000n, 0xbff8000000000000n, 0x3fe0000000000000n,
		0x4004000000000000n, 0x7ff0000000000000n, 0xfff0000000000000n, 0x7ff8000000000000n, 0x7ff4000000000001n,
		0xfff8000000000123n, 0x41e0000000000000n, 0xc1e0000000200000n, 0x43e0000000000000n, 0x0000000000000001n,
		0x41efffffffe00000n,
	],
};
const TYPE = {i: 'i32', I: 'i64', f: 'f32', F: 'f64'} as const;
const RESULTS = 4096;

interface Case {
	readonly export: string;
	/** Operand pairs (or single operands) the loop goes through. */
	readonly count: number;
	readonly body: string;
}

/** The loop: for i in [from, to): progress = i; store op(a(i), b(i)) at RESULTS + 8 i. */
function loopFunc(name: string, body: string): string {
	return `(func (export "${name}") (param $from i32) (param $to i32) (local $i i32)
    (local.set $i (local.get $from))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $i) (local.get $to)))
      (global.set $progress (local.get $i))
      ${body}
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $next))))`;
}

const load = (t: string, index: string) => `(${TYPE[t as keyof typeof TYPE]}.load (i32.shl ${index} (i32.const 3)))`;
const dest = `(i32.add (i32.const ${RESULTS}) (i32.shl (local.get $i) (i32.const 3)))`;
const store = (t: string, value: string) => `(${TYPE[t as keyof typeof TYPE]}.store ${dest} ${value})`;
/** Operand tables: one per type, at 0, 128, 256, 384. */
const BASE = {i: 0, I: 16, f: 32, F: 48};
const operand = (t: string, index: string) => load(t, `(i32.add (i32.const ${BASE[t as keyof typeof BASE]}) ${index})`);

function cases(): Case[] {
	const out: Case[] = [];
	for (const info of OPCODES) {
		const numeric = (info.code >= 0x45 && info.code <= 0xc4) || (info.code >= 0xfc0000 && info.code <= 0xfc0007);
		if (!numeric || isSimd(info.code) || info.sig === null) continue;
		const [params, results] = info.sig.split(':');
		const name = info.name;
		if (params.length === 1) {
			out.push({export: name, count: 16, body: store(results, `(${name} ${operand(params[0], '(local.get $i)')})`)});
		} else {
			const a = operand(params[0], '(i32.shr_u (local.get $i) (i32.const 4))');
			const b = operand(params[1], '(i32.and (local.get $i) (i32.const 15))');
			out.push({export: name, count: 256, body: store(results, `(${name} ${a} ${b})`)});
			// A constant second operand: the IMM forms of i32/i64 ops.
			if (params[1] === 'i' || params[1] === 'I') {
				for (const [k, v] of VALUES[params[1]].entries()) {
					if (k % 3 !== 0) continue;
					const konst = `(${TYPE[params[1] as 'i' | 'I']}.const ${v})`;
					const a1 = operand(params[0], '(local.get $i)');
					out.push({export: `${name}/k${k}`, count: 16, body: store(results, `(${name} ${a1} ${konst})`)});
				}
			}
		}
	}
	return out;
}

function wat(all: readonly Case[]): string {
	const data = (['i', 'I', 'f', 'F'] as const)
		.flatMap((t) => VALUES[t].map((v) => [...Array(8)].map((_, k) => `\\${((v >> BigInt(8 * k)) & 0xffn).toString(16).padStart(2, '0')}`).join('')))
		.join('');
	return `(module
  (memory (export "memory") 1)
  (global $progress (export "progress") (mut i32) (i32.const 0))
  (data (i32.const 0) "${data}")
  ${all.map((c) => loopFunc(c.export, c.body)).join('\n  ')})`;
}

/** Calls `name` over all its pairs, going on after each trap; the outcomes and the results written. */
function runAll(instance: Instance, c: Case): unknown[] {
	const ext = instance.exports.get(c.export);
	if (ext?.kind !== 'func') throw new Error(`no export ${c.export}`);
	const memory = instance.memories[0];
	memory.bytes.fill(0, RESULTS, RESULTS + 8 * 256);
	const seen: unknown[] = [];
	let from = 0;
	while (from < c.count) {
		const thread = new Thread(instance.store);
		thread.start(ext.func, [from, c.count]);
		let outcome;
		do outcome = thread.run(1000);
		while (outcome.reason === 'budget');
		const progress = instance.globals[0].cell[0];
		seen.push({reason: outcome.reason, trap: outcome.reason === 'trapped' ? [outcome.trap.message, outcome.trap.trace] : null, instructions: thread.instructions, progress});
		from = outcome.reason === 'trapped' ? progress + 1 : c.count;
	}
	seen.push(Buffer.from(memory.bytes.subarray(RESULTS, RESULTS + 8 * c.count)).toString('hex'));
	return seen;
}

describe.each([
	['the loop tier alone', false],
	['the function tier (which then runs the loops)', true],
])('numeric instructions in %s', (_name, functionTier) => {
	it('compute, trap and count exactly as in the interpreter', async () => {
		const all = cases();
		expect(all.length).toBeGreaterThan(150);
		const module = await watModule(wat(all), 'numeric.wat');
		const tiered = instantiate(new Store(), module, compileModule(module, {tierThreshold: 0, functionTier}), () => undefined, {});
		const plain = instantiate(new Store(), module, compileModule(module, {tierThreshold: null}), () => undefined, {});
		let traps = 0;
		let looped = 0;
		for (const c of all) {
			const expected = runAll(plain, c);
			const trapped = expected.filter((o) => (o as {reason?: string}).reason === 'trapped').length;
			traps += trapped;
			// A pair that does not trap ends with the back-edge, which enters the generated code.
			if (trapped < c.count) looped++;
			expect(runAll(tiered, c), c.export).toEqual(expected);
		}
		// Every function whose loop went round was compiled (those left are divisions by a constant 0)
		// and kept: none kept leaving at once, as a loop around an op the tier does not do would.
		expect(looped).toBe(all.length - 8);
		if (functionTier) {
			expect(tiered.compiled.functions!.compiledCount).toBe(looped);
			expect(tiered.compiled.tier!.compiledCount).toBe(0);
		} else {
			const tier = tiered.compiled.tier!;
			expect(tier.compiledCount).toBe(looped);
			expect(tier.fns.filter((fn) => fn !== null)).toHaveLength(looped);
		}
		// Division by zero, overflow and invalid conversions were met (and left to the interpreter).
		expect(traps).toBeGreaterThan(100);
	});
});
