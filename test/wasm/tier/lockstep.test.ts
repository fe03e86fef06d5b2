/*
 * The tiers change nothing a program or the kernel can see: the benchmark kernels and the
 * control-flow fixture, run with every loop and function entering the generated code at once (both
 * tiers, and the loop tier alone) and with the interpreter alone, side by side in the same random slices (lockstep.ts), stop after the same
 * number of instructions at the same wasm position every time, with the same saved state, and end
 * with the same result or trap.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import type {Module} from '../../../source/wasm/types.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {lockstep} from './lockstep.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../fixtures/exec/${name}`, import.meta.url));

function moduleOf(file: string): Module {
	const module = decodeModule(readFileSync(fixture(file)));
	validateModule(module);
	return module;
}

describe.each([
	['kernels.wasm', 'sieve', 3000],
	['kernels.wasm', 'matmul', 10],
	['kernels.wasm', 'sort', 400],
	['kernels.wasm', 'hash', 600],
	['kernels.wasm', 'fib', 14],
	['kernels.wasm', 'dispatch', 2000],
	['kernels.wasm', 'bulk', 3000],
	['kernels-bulk.wasm', 'bulk', 3000],
	['kernels-bulk.wasm', 'sieve', 3000],
])('%s %s(%i) with the tiers and without', (file, name, n) => {
	// Small slices stop inside blocks of the generated code; large ones let loops run on in it.
	const slicings = [
		[1, 50],
		[2, 20_000],
	] as const;

	it('stops at the same instruction, position and state in every slice (both tiers: loops run in their function’s code)', () => {
		const module = moduleOf(file);
		for (const [seed, maxSlice] of slicings) {
			const {outcome, functions} = lockstep(module, name, [n], seed, maxSlice, 400, 4000);
			expect(outcome.reason).toBe('finished');
			expect(functions!.compiledCount).toBeGreaterThan(0);
		}
	});

	it('stops at the same instruction, position and state in every slice (the loop tier alone)', () => {
		const module = moduleOf(file);
		for (const [seed, maxSlice] of slicings) {
			const {outcome, tier} = lockstep(module, name, [n], seed, maxSlice, 400, 4000, undefined, {functionTier: false});
			expect(outcome.reason).toBe('finished');
			// fib's only loop is around its recursive call, given back to the interpreter; the others loop.
			if (name !== 'fib') expect(tier!.compiledCount).toBeGreaterThan(0);
		}
	});
});

describe('control.wasm (every control path and nine kinds of trap)', () => {
	it('behaves the same with and without the tier, export by export', () => {
		const module = moduleOf('control.wasm');
		const exports = module.exports.filter((e) => e.kind === 'func').map((e) => e.name);
		expect(exports.length).toBeGreaterThan(5);
		for (const name of exports) {
			const func = module.funcs[module.exports.find((e) => e.name === name)!.index - module.importedFuncCount];
			const params = module.types[func.typeIndex].params;
			// The fixture's exports take small i32 selectors; try a few of each.
			for (const x of [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100]) {
				const args = params.map(() => x);
				lockstep(module, name, args, x + 1, 30, 200);
			}
		}
	});
});
