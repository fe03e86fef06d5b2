/*
 * Runs a machine behind the TUI: kernel slices between turns of Node's event loop, so keys and
 * frames keep flowing while processes compute. Virtual time never runs faster than `speed` × wall
 * time (1: one virtual second per second; instruction throughput is usually the real limit), so a
 * slow speed shows a program crawl and `sleep 5` takes five seconds at ×1.
 *
 *   const driver = new MachineDriver(kernel, {paused: false});
 *   driver.onSlice(() => ...);      after every slice, step or idle advance: something may have changed
 *   driver.start();  driver.poke(); after a spawn, a key for the terminal, a signal
 *   driver.dispose();
 *
 * The machine is booted with idle 'wait': when every process sleeps, tick() says 'sleeping' and
 * the driver waits wall time, then passes it with advanceClock (never past the next wake-up).
 */

import {performance} from 'node:perf_hooks';
import {KernelError, type Kernel, type MachineStatus} from '../kernel/kernel.js';

/** Speed settings, slowest first: virtual nanoseconds per wall nanosecond. */
export const SPEEDS: readonly number[] = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100];
export const DEFAULT_SPEED_INDEX = SPEEDS.indexOf(1);

const FIRST_SLICE = 100_000;
const MIN_SLICE = 1_000;
const MAX_SLICE = 20_000_000;
/** Slices aim at this many milliseconds, so keys and frames are never held up for long. */
const TARGET_MS = 8;
/** The longest the driver sleeps before it looks again (time passes visibly while idle). */
const MAX_WAIT_MS = 50;

export interface DriverOptions {
	readonly paused?: boolean;
	readonly speedIndex?: number;
}

export class MachineDriver {
	paused: boolean;
	speedIndex: number;
	/** What the last slice said about the machine. */
	status: MachineStatus = 'empty';
	private slice = FIRST_SLICE;
	/** Instructions the speed allows to run now: grows with wall time, spent by slices. */
	private credit = 0;
	private lastCredit = performance.now();
	private timer: NodeJS.Timeout | NodeJS.Immediate | null = null;
	private disposed = false;
	private readonly listeners = new Set<() => void>();

	constructor(
		readonly kernel: Kernel,
		options: DriverOptions = {},
	) {
		this.paused = options.paused ?? false;
		this.speedIndex = options.speedIndex ?? DEFAULT_SPEED_INDEX;
		this.status = kernel.machine().status;
	}

	get speed(): number {
		return SPEEDS[this.speedIndex];
	}

	/** Calls `listener` after anything the driver did to the machine. */
	onSlice(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	start(): void {
		this.poke();
	}

	/** Something outside changed the machine (spawn, input, signal): run again if it was idle. */
	poke(): void {
		this.status = this.kernel.machine().status;
		if (this.paused || this.disposed) return;
		this.cancel();
		this.lastCredit = performance.now();
		this.schedule(0);
	}

	togglePause(): void {
		this.paused = !this.paused;
		if (this.paused) this.cancel();
		else this.poke();
		this.changed();
	}

	/** One quantum of the schedule; the machine pauses first. */
	stepQuantum(): void {
		this.pauseForStep();
		this.status = this.kernel.step().status;
		this.changed();
	}

	/** One instruction of `pid` only; the machine pauses first. */
	stepInstruction(pid: number): void {
		this.pauseForStep();
		this.status = this.kernel.step({pid, instructions: 1}).status;
		this.changed();
	}

	faster(): void {
		this.speedIndex = Math.min(SPEEDS.length - 1, this.speedIndex + 1);
		this.changed();
	}

	slower(): void {
		this.speedIndex = Math.max(0, this.speedIndex - 1);
		this.changed();
	}

	dispose(): void {
		this.disposed = true;
		this.cancel();
		this.listeners.clear();
	}

	private pauseForStep(): void {
		if (this.paused) return;
		this.paused = true;
		this.cancel();
	}

	private changed(): void {
		for (const listener of this.listeners) listener();
	}

	private cancel(): void {
		if (this.timer === null) return;
		clearTimeout(this.timer as NodeJS.Timeout);
		clearImmediate(this.timer as NodeJS.Immediate);
		this.timer = null;
	}

	private schedule(ms: number): void {
		if (this.disposed || this.paused) return;
		this.timer = ms <= 0 ? setImmediate(this.run) : setTimeout(this.run, ms);
	}

	/** Instructions per wall millisecond at the current speed. */
	private perMs(): number {
		return this.speed * 1e6;
	}

	private readonly run = (): void => {
		this.timer = null;
		if (this.paused || this.disposed) return;
		const now = performance.now();
		// Credit for at most a tenth of a second: a long pause never turns into a burst.
		this.credit = Math.min(this.credit + (now - this.lastCredit) * this.perMs(), Math.max(1, this.perMs() * 100));
		this.lastCredit = now;
		const budget = Math.min(this.slice, Math.floor(this.credit));
		if (budget < 1) {
			this.schedule(Math.min(MAX_WAIT_MS, Math.ceil((1 - this.credit) / this.perMs())));
			return;
		}
		const result = this.kernel.tick(budget);
		this.credit -= result.ran;
		this.status = result.status;
		this.changed();
		// What the slice's listeners did counts too (the session moving a flood of output into the
		// console): the slice shrinks until the whole turn fits, and keys and frames still get through.
		const took = performance.now() - now;
		if (budget === this.slice) this.slice = took < TARGET_MS / 2 ? Math.min(MAX_SLICE, this.slice * 2) : took > TARGET_MS * 2 ? Math.max(MIN_SLICE, Math.floor(this.slice / 2)) : this.slice;
		if (result.status === 'running') this.schedule(this.credit >= 1 ? 0 : Math.ceil(1 / this.perMs()));
		else if (result.status === 'sleeping' && result.nextWakeup !== null) this.sleep(result.nextWakeup);
	};

	/** Every process sleeps: wait wall time × speed, then pass it (never beyond the wake-up). */
	private sleep(wakeup: number): void {
		const from = this.kernel.machine().clock;
		const started = performance.now();
		const wait = Math.min(MAX_WAIT_MS, Math.max(1, Math.ceil((wakeup - from) / this.perMs())));
		this.timer = setTimeout(() => {
			this.timer = null;
			if (this.paused || this.disposed) return;
			const passed = Math.floor((performance.now() - started) * this.perMs());
			const machine = this.kernel.machine();
			if (machine.status === 'sleeping') {
				try {
					this.kernel.advanceClock(Math.min(wakeup, from + Math.max(1, passed)));
				} catch (error) {
					// Input or a signal made a process ready meanwhile: just run it.
					if (!(error instanceof KernelError)) throw error;
				}
			}
			this.lastCredit = performance.now();
			this.changed();
			this.schedule(0);
		}, wait);
	}
}
