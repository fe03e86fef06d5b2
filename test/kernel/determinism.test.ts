/*
 * How the host slices a run never changes what the machine computes: the same workload run in
 * slices of 1, 997 and 1,000,000 instructions gives the same event log and the same output.
 */

import {createHash} from 'node:crypto';
import {describe, expect, it} from 'vitest';
import {eventJson} from '../../source/kernel/events.js';
import {loadProgram, type Kernel} from '../../source/kernel/kernel.js';
import {assemble, fixture, machine, runToEnd, sleepAbi} from './helpers.js';

const SLEEPER = `(module
  (import "test" "sleep" (func $sleep (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "zzz\\n")
  (func (export "_start")
    (local $n i32)
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 4))
    (loop $again
      (call $sleep (i32.const 2500000))
      (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $n) (i32.const 3))))))`;

async function workload(): Promise<Kernel> {
	const kernel = machine({quantum: 3_000, seed: 7});
	kernel.registerAbi(sleepAbi);
	const ticker = await fixture('ticker');
	kernel.spawn({program: ticker, argv: ['ticker', 'A', '3']});
	kernel.spawn({program: await fixture('clock')});
	kernel.spawn({program: ticker, argv: ['ticker', 'B', '2']});
	kernel.spawn({program: loadProgram(await assemble(SLEEPER), 'sleeper')});
	kernel.spawn({program: await fixture('yield')});
	return kernel;
}

async function runIn(slice: number) {
	const kernel = await workload();
	const hash = createHash('sha256');
	let events = 0;
	kernel.subscribe(event => {
		hash.update(eventJson(event));
		events++;
	});
	const {out} = runToEnd(kernel, slice, 100_000_000);
	return {hash: hash.digest('hex'), events, out, clock: kernel.machine().clock, status: kernel.machine().status};
}

describe('determinism', () => {
	it('gives the same event log and output for slices of 1, 997 and 1,000,000 instructions', async () => {
		const whole = await runIn(1_000_000);
		expect(whole.status).toBe('empty');
		expect(whole.out).toContain('zzz\n');
		expect(whole.events).toBeGreaterThan(100);
		// The sleeper sleeps 7.5 ms in all: the clock jumped over idle time.
		expect(whole.clock).toBeGreaterThan(7_500_000);
		for (const slice of [997, 1]) {
			const sliced = await runIn(slice);
			expect(sliced).toEqual(whole);
		}
	});
});
