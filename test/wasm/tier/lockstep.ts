/*
 * Runs a module's export with the tiers translating every loop and function at once (tierThreshold 0) and with
 * the interpreter alone (tierThreshold null), side by side in the same random slices, and expects
 * the same outcome and instruction count, the same position after a random half of the slices, and
 * (every `saveEvery` slices) the same saved state.
 */

import {expect} from 'vitest';
import {compileModule, type CompileOptions} from '../../../source/wasm/compile/compiler.js';
import {instantiate, type Instance} from '../../../source/wasm/exec/instance.js';
import {exportInstance, exportThread} from '../../../source/wasm/exec/state.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {Thread, type RunOutcome} from '../../../source/wasm/exec/thread.js';
import type {Value} from '../../../source/wasm/exec/values.js';
import type {Module} from '../../../source/wasm/types.js';
import {prng} from '../../helpers/prng.js';

export function instanceOf(module: Module, options: CompileOptions): Instance {
	return instantiate(new Store(), module, compileModule(module, options), () => undefined, {});
}

export function threadOf(instance: Instance, name: string, args: readonly Value[]): Thread {
	const ext = instance.exports.get(name);
	if (ext?.kind !== 'func') throw new Error(`no export ${name}`);
	const thread = new Thread(instance.store);
	thread.start(ext.func, args);
	return thread;
}

/**
 * Runs both in the same slices, comparing after each (saved state every `saveEvery` slices and at
 * the end); after `smallSlices` slices of at most `maxSlice` the rest runs in slices of up to 20,000.
 */
export function lockstep(
	module: Module,
	name: string,
	args: readonly Value[],
	seed: number,
	maxSlice: number,
	saveEvery: number,
	smallSlices = Infinity,
	make: (module: Module, options: CompileOptions) => Instance = instanceOf,
	tiers: CompileOptions = {},
) {
	const tiered = make(module, {...tiers, tierThreshold: 0});
	const plain = make(module, {tierThreshold: null});
	const a = threadOf(tiered, name, args);
	const b = threadOf(plain, name, args);
	const random = prng(seed);
	const looks = prng(seed + 1);
	let outcomeA: RunOutcome;
	let slices = 0;
	for (;;) {
		const budget = 1 + Math.floor(random() * (slices < smallSlices ? maxSlice : 20_000));
		outcomeA = a.run(budget);
		const outcomeB = b.run(budget);
		slices++;
		expect(outcomeA).toEqual(outcomeB);
		expect(a.instructions).toBe(b.instructions);
		// Reading the position settles a deferred stop (thread.ts, Thread.owed): half the slices leave
		// theirs to the next slice, as the kernel does, and half are looked at right away.
		if (looks() < 0.5 || outcomeA.reason !== 'budget') expect(a.position()).toEqual(b.position());
		if (slices % saveEvery === 0 || outcomeA.reason !== 'budget') {
			expect(exportThread(a)).toEqual(exportThread(b));
			expect(exportInstance(tiered)).toEqual(exportInstance(plain));
		}
		if (outcomeA.reason !== 'budget') break;
	}
	return {outcome: outcomeA, slices, tier: tiered.compiled.tier, functions: tiered.compiled.functions, instructions: a.instructions, a, b};
}

