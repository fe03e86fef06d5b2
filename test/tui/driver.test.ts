/* The driver: runs the machine between turns of the event loop, paced by the speed; idle time is wall time. */

import {describe, expect, it, vi} from 'vitest';
import {loadProgram} from '../../source/kernel/kernel.js';
import {MachineDriver, SPEEDS} from '../../source/tui/driver.js';
import {assemble, sleepAbi} from '../kernel/helpers.js';
import {spinner, tick, tuiKernel} from './helpers.js';

const SLEEP_5MS = '(module (import "test" "sleep" (func $sleep (param i32))) (func (export "_start") (call $sleep (i32.const 5000000))))';

describe('the machine driver', () => {
	it('runs nothing while paused, and runs when resumed', async () => {
		const kernel = tuiKernel();
		kernel.spawn({program: await spinner()});
		const driver = new MachineDriver(kernel, {paused: true});
		driver.start();
		await tick(30);
		expect(kernel.machine().clock).toBe(0);
		driver.togglePause();
		await vi.waitFor(() => expect(kernel.machine().clock).toBeGreaterThan(0), {timeout: 3_000, interval: 5});
		driver.dispose();
	});

	it('shrinks its slices when what follows each one (the panes taking a flood of output) is slow', async () => {
		const kernel = tuiKernel();
		kernel.spawn({program: await spinner()});
		const budgets: number[] = [];
		const tickFn = kernel.tick.bind(kernel);
		kernel.tick = (budget: number) => (budgets.push(budget), tickFn(budget));
		const driver = new MachineDriver(kernel, {speedIndex: SPEEDS.indexOf(100)});
		// Each slice's listener takes 30 ms, well past the driver's aim of 8 ms a turn.
		driver.onSlice(() => {
			const until = performance.now() + 30;
			while (performance.now() < until);
		});
		driver.start();
		await vi.waitFor(() => expect(budgets.length).toBeGreaterThanOrEqual(8), {timeout: 5_000, interval: 10});
		driver.dispose();
		expect(budgets[0]).toBe(100_000);
		expect(budgets.at(-1)).toBeLessThan(budgets[0] / 8);
	});

	it('never lets virtual time run ahead of speed × wall time', async () => {
		const kernel = tuiKernel();
		kernel.spawn({program: await spinner()});
		const driver = new MachineDriver(kernel, {speedIndex: SPEEDS.indexOf(1e-4)});
		const started = performance.now();
		driver.start();
		await tick(200);
		const wall = performance.now() - started;
		driver.dispose();
		// 1e-4 virtual ns per wall ns: at most 100 instructions per wall millisecond (plus the first credit).
		expect(kernel.machine().clock).toBeLessThanOrEqual(Math.ceil(wall * 100) + 10_000);
		expect(kernel.machine().clock).toBeGreaterThan(0);
	});

	it('waits out a sleep in wall time at ×1, and ends it on time', async () => {
		const kernel = tuiKernel();
		kernel.registerAbi(sleepAbi);
		const pid = kernel.spawn({program: loadProgram(await assemble(SLEEP_5MS), 'sleeper')});
		const driver = new MachineDriver(kernel);
		// The state changes as the kernel logs them (polling could miss a short BLOCKED on a busy host).
		const states: string[] = [];
		kernel.subscribe(event => {
			if (event.type === 'state' && event.pid === pid) states.push(event.to);
		});
		const started = performance.now();
		driver.start();
		while (kernel.process(pid)!.state !== 'ZOMBIE' && performance.now() - started < 2_000) await tick(1);
		driver.dispose();
		expect(states).toContain('BLOCKED');
		expect(kernel.process(pid)!.state).toBe('ZOMBIE');
		expect(performance.now() - started).toBeGreaterThanOrEqual(4);
	});

	it('steps one instruction of a process and pauses', async () => {
		const kernel = tuiKernel();
		const pid = kernel.spawn({program: await spinner()});
		const driver = new MachineDriver(kernel);
		driver.stepInstruction(pid);
		expect(driver.paused).toBe(true);
		expect(kernel.process(pid)!.instructions).toBe(1);
		driver.dispose();
	});
});
