/*
 * State round trip: stop a program part-way, export its instance and thread to JSON text, import
 * them into a fresh store (new objects, only the JSON), finish there — same result and same
 * instruction count as a run that never stopped.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {StateError} from '../../../source/wasm/errors.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {exportInstance, exportThread, importInstance, importThread} from '../../../source/wasm/exec/state.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {Thread, type RunOutcome} from '../../../source/wasm/exec/thread.js';
import type {Module} from '../../../source/wasm/types.js';
import {prng} from '../../helpers/prng.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {watModule} from '../../helpers/wat.js';

const FIXTURE = fileURLToPath(new URL('../../../fixtures/exec/mix.wat', import.meta.url));

function load(): Promise<Module> {
	return watModule(readFileSync(FIXTURE, 'utf8'), 'mix.wat');
}

function fresh(module: Module, initialize = true): Instance {
	return instantiate(new Store(), module, compileModule(module), () => undefined, {initialize});
}

function runOf(instance: Instance, n: number): Thread {
	const ext = instance.exports.get('run');
	if (ext?.kind !== 'func') throw new Error('no run export');
	const thread = new Thread(instance.store);
	thread.start(ext.func, [n]);
	return thread;
}

function finish(thread: Thread): RunOutcome {
	let outcome: RunOutcome;
	do outcome = thread.run(1_000_000);
	while (outcome.reason === 'budget');
	return outcome;
}

describe.each([3, 12, 20])('mix.wat run(%i): export mid-run, import into a fresh engine, finish', n => {
	it('gives the uninterrupted result and instruction count', async () => {
		const module = await load();
		const whole = runOf(fresh(module), n);
		const expected = finish(whole);
		expect(expected.reason).toBe('finished');

		// Stops at the start, inside the bulk fill, in the middle and just before the end.
		for (const stopAt of [1, 9, 23, 7_919, Math.floor(whole.instructions / 3), whole.instructions - 1]) {
			const original = fresh(module);
			const thread = runOf(original, n);
			expect(thread.run(stopAt).reason).toBe('budget');
			expect(thread.instructions).toBe(stopAt);
			const saved = JSON.parse(JSON.stringify({instance: exportInstance(original), thread: exportThread(thread)}));

			const restored = fresh(module, false);
			importInstance(restored, saved.instance);
			const resumed = importThread(restored.store, saved.thread);
			const outcome = finish(resumed);
			expect(outcome).toEqual(expected);
			expect(resumed.instructions).toBe(whole.instructions);
		}
	});
});

// The benchmark kernels at test sizes (fixtures/exec/kernels.c, the bulk-memory build).
const KERNELS = fileURLToPath(new URL('../../../fixtures/exec/kernels-bulk.wasm', import.meta.url));

describe.each([
	['fib', 15],
	['sieve', 5000],
	['matmul', 12],
	['sort', 500],
	['hash', 2000],
	['bulk', 5000],
])('benchmark kernel %s(%i): saved at random points, finished in a fresh engine', (name, n) => {
	it('gives the uninterrupted result and instruction count', () => {
		const module = decodeModule(readFileSync(KERNELS));
		validateModule(module);
		const start = (instance: Instance) => {
			const ext = instance.exports.get(name);
			if (ext?.kind !== 'func') throw new Error(`no export ${name}`);
			const thread = new Thread(instance.store);
			thread.start(ext.func, [n]);
			return thread;
		};
		const whole = start(fresh(module));
		const expected = finish(whole);
		expect(expected.reason).toBe('finished');
		const random = prng(n);
		for (let k = 0; k < 5; k++) {
			const stopAt = 1 + Math.floor(random() * (whole.instructions - 1));
			const original = fresh(module);
			const thread = start(original);
			thread.run(stopAt);
			const saved = JSON.parse(JSON.stringify({instance: exportInstance(original), thread: exportThread(thread)}));
			const restored = fresh(module, false);
			importInstance(restored, saved.instance);
			const resumed = importThread(restored.store, saved.thread);
			expect(finish(resumed)).toEqual(expected);
			expect(resumed.instructions).toBe(whole.instructions);
		}
	});
});

describe('a stop inside a bulk instruction', () => {
	it('saves the part-done memory.fill and finishes it after import', async () => {
		const module = await load();
		const whole = runOf(fresh(module), 3);
		const expected = finish(whole);
		let midStops = 0;
		// Every stop point through the start of the sieve, whose memory.fill of 1,500 bytes costs 24.
		for (let stopAt = 1; stopAt < 200; stopAt++) {
			const original = fresh(module);
			const thread = runOf(original, 3);
			thread.run(stopAt);
			const saved = JSON.parse(JSON.stringify({instance: exportInstance(original), thread: exportThread(thread)}));
			if (saved.thread.position.mid) midStops++;
			const restored = fresh(module, false);
			importInstance(restored, saved.instance);
			const resumed = importThread(restored.store, saved.thread);
			expect(finish(resumed)).toEqual(expected);
			expect(resumed.instructions).toBe(whole.instructions);
		}
		expect(midStops).toBe(23);
	});
});

describe('a corrupt saved state', () => {
	it('is refused with a StateError naming the field', async () => {
		const module = await load();
		const original = fresh(module);
		const thread = runOf(original, 10);
		thread.run(100);
		const saved = exportThread(thread);
		const restored = fresh(module, false);
		importInstance(restored, exportInstance(original));
		expect(() => importThread(restored.store, {...saved, position: {...saved.position!, offset: saved.position!.offset + 100000}})).toThrow(StateError);
		expect(() => importThread(restored.store, {...saved, position: {...saved.position!, func: 99}})).toThrow(/function 99/);
		expect(() => importThread(restored.store, {...saved, stack: 'not base64!'})).toThrow(/base64/);
		expect(() => importInstance(restored, {...exportInstance(original), memories: []})).toThrow(/0 memories saved, the module has 1/);
	});
});

describe('a saved stack', () => {
	it('holds each value as its type fills a slot, and nothing of the slots no value holds', async () => {
		const module = await watModule(`(module
			(func (export "run") (param $p i32) (result i32)
				(local $x i64)
				i64.const 0x1111111122222222
				local.set $x
				i64.const 0x3333333344444444
				drop
				i32.const 5
				i32.const 7
				i32.add
				local.get $p
				i32.add))`, 'slots.wat');
		const instance = instantiate(new Store(), module, compileModule(module, {tierThreshold: null}), () => undefined, {});
		const thread = runOf(instance, -1);
		// Stopped after i32.const 5, written over the slot the dropped i64 had: its high word still
		// holds 0x33333333 there, and the slot above holds what the i64 left.
		expect(thread.run(5).reason).toBe('budget');
		const words = new Int32Array(Uint8Array.from(Buffer.from(exportThread(thread).stack, 'base64')).buffer);
		// $p = -1 (an i32: its high word 0), $x both words, the operand 5, the free slot.
		expect([...words]).toEqual([-1, 0, 0x22222222, 0x11111111, 5, 0, 0, 0]);
	});
});
