/* An idle machine: headless it jumps to the next wake-up; driven by a UI it waits for the driver. */

import {describe, expect, it} from 'vitest';
import {loadProgram} from '../../source/kernel/kernel.js';
import {assemble, machine, sleepAbi} from './helpers.js';

const SLEEP_5MS = '(module (import "test" "sleep" (func $sleep (param i32))) (func (export "_start") (call $sleep (i32.const 5000000))))';

async function sleeper(idle: 'jump' | 'wait') {
	const kernel = machine({idle});
	kernel.registerAbi(sleepAbi);
	const pid = kernel.spawn({program: loadProgram(await assemble(SLEEP_5MS), 'sleeper')});
	return {kernel, pid};
}

describe('an idle machine', () => {
	it('headless: jumps the clock to the next wake-up and logs the idle stretch', async () => {
		const {kernel, pid} = await sleeper('jump');
		const result = kernel.tick(1_000);
		expect(result.status).toBe('empty');
		expect(kernel.process(pid)!.exit?.status).toBe(0);
		expect(kernel.events().filter(e => e.type === 'idle')).toMatchObject([{from: 2, to: 5_000_002}]);
		expect(kernel.machine()).toMatchObject({clock: 5_000_003, idleTicks: 5_000_000});
		expect(kernel.process(pid)!.ticks).toMatchObject({blocked: 5_000_000, running: 3});
	});

	it('driven by a UI: says when the next wake-up is and waits until the driver passes the time', async () => {
		const {kernel, pid} = await sleeper('wait');
		expect(kernel.tick(1_000)).toEqual({ran: 2, status: 'sleeping', nextWakeup: 5_000_002});
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', blockedOn: 'sleep until 5 ms'});
		expect(kernel.tick(1_000)).toMatchObject({ran: 0, status: 'sleeping'});
		// The driver waited (5 ms of virtual time) × its speed in wall time, then passes it.
		kernel.advanceClock(3_000_000);
		expect(kernel.tick(1_000).status).toBe('sleeping');
		kernel.advanceClock(9_000_000); // never past the wake-up
		expect(kernel.machine().clock).toBe(5_000_002);
		expect(kernel.tick(1_000).status).toBe('empty');
	});

	it('refuses to pass idle time while a process can run', async () => {
		const {kernel} = await sleeper('wait');
		expect(() => kernel.advanceClock(10)).toThrow('the machine is not idle');
	});
});
