/* Lottery: CPU shares follow ticket shares, and the draws replay from the seed. */

import {describe, expect, it} from 'vitest';
import {machine} from '../helpers.js';
import {program, recordEvents, schedEvents} from './helpers.js';

describe('lottery', () => {
	it.each([1, 2, 3])('gives three spinners with 100, 200 and 300 tickets CPU shares within 5 percent of 1/6, 2/6 and 3/6 over 10,000,000 ticks (seed %i)', async seed => {
		const kernel = machine({policy: 'lottery', quantum: 250, seed});
		const cpu = await program('cpu');
		const pids = [100, 200, 300].map(tickets => kernel.spawn({program: cpu, tickets}));
		kernel.tick(10_000_000);
		expect(kernel.machine().clock).toBe(10_000_000);
		const shares = pids.map(pid => kernel.process(pid)!.instructions / 10_000_000);
		shares.forEach((share, k) => expect(Math.abs(share / ((k + 1) / 6) - 1)).toBeLessThan(0.05));
		expect(kernel.process(pids[2])!.policyState).toEqual({tickets: 300});
	});

	it('makes the same draws from the same seed and other draws from another', async () => {
		const order = async (seed: number) => {
			const kernel = machine({policy: 'lottery', seed});
			const events = recordEvents(kernel);
			const cpu = await program('cpu');
			for (let k = 0; k < 3; k++) kernel.spawn({program: cpu});
			kernel.tick(500_000);
			return schedEvents(events).map(e => e.pid).join('');
		};
		expect(await order(7)).toBe(await order(7));
		expect(await order(7)).not.toBe(await order(8));
	});

	it('follows tickets changed while it runs', async () => {
		const kernel = machine({policy: 'lottery', quantum: 500});
		const cpu = await program('cpu');
		const a = kernel.spawn({program: cpu});
		const b = kernel.spawn({program: cpu});
		kernel.tick(1_000_000);
		kernel.setTickets(b, 900);
		const before = kernel.process(b)!.instructions;
		kernel.tick(4_000_000);
		const share = (kernel.process(b)!.instructions - before) / 4_000_000;
		expect(share).toBeGreaterThan(0.85);
		expect(share).toBeLessThan(0.95);
		expect(kernel.process(a)!.tickets).toBe(100);
		expect(() => kernel.setTickets(a, 0)).toThrow('tickets must be a whole number >= 1, got 0');
	});
});
