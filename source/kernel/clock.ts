/*
 * Virtual time. Every executed instruction advances the clock by one tick (one virtual nanosecond);
 * idle time advances it by jumps (headless) or by the driver's wall-clock pacing (TUI). Nothing in
 * the kernel reads the host's clock, so a run is deterministic and replayable.
 */

/** 2025-01-01T00:00:00Z in ns since the Unix epoch: the virtual wall clock at tick 0 by default. */
export const DEFAULT_REALTIME_BASE = 1_735_689_600_000_000_000n;

export class Clock {
	/** Ticks since boot. */
	now = 0;

	constructor(readonly realtimeBase: bigint = DEFAULT_REALTIME_BASE) {}

	/** The virtual wall clock at tick `at`, in ns since the Unix epoch. */
	realtime(at: number = this.now): bigint {
		return this.realtimeBase + BigInt(at);
	}
}

/** "1.5 ms", "20 s", "350 ns": a tick count as virtual time for a person. */
export function formatTicks(ticks: number): string {
	if (ticks < 1_000) return `${ticks} ns`;
	if (ticks < 1_000_000) return `${+(ticks / 1_000).toFixed(3)} µs`;
	if (ticks < 1_000_000_000) return `${+(ticks / 1_000_000).toFixed(3)} ms`;
	return `${+(ticks / 1_000_000_000).toFixed(3)} s`;
}
