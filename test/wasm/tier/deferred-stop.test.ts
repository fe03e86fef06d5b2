/*
 * Deferred stops (thread.ts, Thread.owed; tier/quiet.ts): a slice that ends after the first
 * instructions of a block in function-tier code may leave them to run later only when they cannot
 * trap or touch anything outside the thread. Here each loop iteration is one block whose first
 * instructions are arithmetic (deferred) followed by a load, a store, a global write or a division
 * that traps in the end; in random small slices, side by side with the interpreter alone, the slice
 * that traps, the instruction count, the position and the saved state are the interpreter's.
 */

import {describe, expect, it} from 'vitest';
import {exportInstance, exportThread} from '../../../source/wasm/exec/state.js';
import {watModule} from '../../helpers/wat.js';
import {instanceOf, lockstep, threadOf} from './lockstep.js';

/** A loop whose block does `quiet` arithmetic and then `effect` (which traps once i reaches `limit`). */
function walker(effect: string): string {
	return `(module
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (func (export "walk") (param $n i32) (result i32)
    (local $i i32) (local $acc i32) (local $t i32)
    (loop $l
      local.get $acc
      local.get $i
      i32.const 7
      i32.mul
      i32.add
      i32.const 3
      i32.xor
      local.set $acc
      ${effect}
      local.get $i
      i32.const 1
      i32.add
      local.tee $i
      local.get $n
      i32.lt_u
      br_if $l)
    local.get $acc))`;
}

// Each traps when i reaches 4096 (memory: 16 iterations per page of the one page; division: by 4096 - i).
const EFFECTS = {
	load: `local.get $acc local.get $i i32.const 4 i32.shl i32.load offset=0 i32.add local.set $acc`,
	store: `local.get $i i32.const 4 i32.shl local.get $acc i32.store offset=0`,
	'global write, then a load': `local.get $acc global.set $g local.get $i i32.const 4 i32.shl i32.load local.get $acc i32.add local.set $acc`,
	division: `local.get $acc i32.const 4096 local.get $i i32.sub i32.div_u local.set $t`,
};

describe('a slice that ends after a block’s first instructions', () => {
	it.each(Object.entries(EFFECTS))('traps in the same slice as the interpreter when they are followed by a %s', async (_, effect) => {
		const module = await watModule(walker(effect));
		// Where the interpreter alone traps.
		const alone = threadOf(instanceOf(module, {tierThreshold: null}), 'walk', [5000]);
		expect(alone.run(1e9).reason).toBe('trapped');
		const trapAt = alone.instructions;
		// The first slices translate the function and end mid-block, so the fourth starts in its
		// slice-edge code (thread.ts, edges()) and runs out of fuel in the block that traps: before the
		// trapping instruction, at it, or past it.
		for (let past = -6; past <= 6; past++) {
			const tiered = instanceOf(module, {tierThreshold: 0});
			const plain = instanceOf(module, {tierThreshold: null});
			const a = threadOf(tiered, 'walk', [5000]);
			const b = threadOf(plain, 'walk', [5000]);
			for (const budget of [37, 500, 37, trapAt - 574 + past, 1e9]) {
				const outcome = a.run(budget);
				expect(outcome).toEqual(b.run(budget));
				expect(a.instructions).toBe(b.instructions);
				if (outcome.reason !== 'budget') break;
			}
			expect(a.status).toBe('trapped');
			expect(exportThread(a)).toEqual(exportThread(b));
			expect(exportInstance(tiered)).toEqual(exportInstance(plain));
		}
	});

	it('stops where the interpreter does, slice after slice, with the same state', async () => {
		for (const effect of ['', ...Object.values(EFFECTS)]) {
			const module = await watModule(walker(effect));
			for (const seed of [1, 2]) {
				const {outcome, functions} = lockstep(module, 'walk', [effect === '' ? 3000 : 5000], seed, 120, 40);
				expect(outcome.reason).toBe(effect === '' ? 'finished' : 'trapped');
				expect(functions!.compiledCount).toBeGreaterThan(0);
			}
		}
	});
});
