/* Clocks and random bytes: virtual, so the same on every run. */

import {describe, expect, it} from 'vitest';
import {program, runWat, u64} from './helpers.js';

const CLOCKS = program(
	`(import "wasi_snapshot_preview1" "clock_time_get" (func $time (param i32 i64 i32) (result i32)))
	 (import "wasi_snapshot_preview1" "clock_res_get" (func $res (param i32 i32) (result i32)))`,
	`(func (export "_start")
	   (drop (call $time (i32.const 1) (i64.const 0) (i32.const 0)))
	   (drop (call $time (i32.const 1) (i64.const 0) (i32.const 8)))
	   (drop (call $time (i32.const 0) (i64.const 0) (i32.const 16)))
	   (drop (call $time (i32.const 2) (i64.const 0) (i32.const 24)))
	   (drop (call $res (i32.const 1) (i32.const 32)))
	   (i64.store (i32.const 40) (i64.extend_i32_u (call $time (i32.const 9) (i64.const 0) (i32.const 48))))
	   (call $dump (i32.const 0) (i32.const 48)))`,
);

describe('clocks', () => {
	it('count one nanosecond per instruction executed', async () => {
		const {out, calls} = await runWat(CLOCKS);
		const first = u64(out, 0);
		// Between the two readings: i32.const, i64.const, i32.const, call = 4 instructions (and a drop before).
		expect(u64(out, 8) - first).toBe(5n);
		expect(u64(out, 16)).toBe(1_735_689_600_000_000_000n + first + 10n);
		expect(u64(out, 24)).toBe(first + 15n);
		expect(u64(out, 32)).toBe(1n);
		expect(u64(out, 40)).toBe(28n); // EINVAL for clock 9
		expect(calls[0].args).toBe(`id=monotonic, precision=0, time=0x0 → ${first} ns`);
		expect(calls[5]).toMatchObject({result: 'EINVAL', args: 'id=9 (unknown), precision=0, time=0x30'});
	});

	it('read the same on every run', async () => {
		const a = await runWat(CLOCKS);
		const b = await runWat(CLOCKS);
		expect(a.out).toEqual(b.out);
	});
});

describe('random_get', () => {
	const RANDOM = program(
		'(import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))',
		`(func (export "_start")
		   (drop (call $random (i32.const 0) (i32.const 32)))
		   (call $dump (i32.const 0) (i32.const 32))
		   (call $exit (call $random (i32.const 65530) (i32.const 100))))`,
	);

	it('draws from the seeded PRNG: the same seed gives the same bytes', async () => {
		const one = await runWat(RANDOM, {machine: {seed: 1}});
		const again = await runWat(RANDOM, {machine: {seed: 1}});
		const other = await runWat(RANDOM, {machine: {seed: 2}});
		expect(one.out).toEqual(again.out);
		expect(one.out).not.toEqual(other.out);
		expect(new Set(one.out).size).toBeGreaterThan(16);
	});

	it('answers EFAULT for a buffer past the end of memory', async () => {
		const {exit} = await runWat(RANDOM);
		expect(exit.status).toBe(21);
	});
});
