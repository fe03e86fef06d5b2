/*
 * CPU share over a sliding window of virtual time, for the process table's CPU% column. The window
 * is cut into BUCKETS equal buckets; each records the ticks the process ran in it, tagged with the
 * bucket's number so that a stale one (from an earlier lap of the ring) counts as empty. The share
 * is what it ran in the last BUCKETS buckets (the current one partly elapsed) over their length.
 */

const BUCKETS = 10;

export class CpuMeter {
	/** Ticks run in each bucket of the ring, and which bucket number each slot holds. */
	readonly ran = new Float64Array(BUCKETS);
	readonly epoch = new Float64Array(BUCKETS).fill(-1);
	readonly bucketTicks: number;

	constructor(window: number) {
		this.bucketTicks = Math.max(1, Math.ceil(window / BUCKETS));
	}

	/** The process ran from tick `from` to tick `to`. */
	add(from: number, to: number): void {
		const size = this.bucketTicks;
		// A stretch may cross bucket boundaries: give each bucket its part.
		for (let b = Math.floor(from / size); b * size < to; b++) {
			const part = Math.min(to, (b + 1) * size) - Math.max(from, b * size);
			const slot = b % BUCKETS;
			if (this.epoch[slot] !== b) {
				this.epoch[slot] = b;
				this.ran[slot] = 0;
			}
			this.ran[slot] += part;
		}
	}

	/** Share of the CPU, 0..1, over the window ending at `now`. */
	share(now: number): number {
		const current = Math.floor(now / this.bucketTicks);
		const first = Math.max(0, current - BUCKETS + 1);
		const elapsed = now - first * this.bucketTicks;
		if (elapsed <= 0) return 0;
		let sum = 0;
		for (let slot = 0; slot < BUCKETS; slot++) if (this.epoch[slot] >= first && this.epoch[slot] <= current) sum += this.ran[slot];
		return Math.min(1, sum / elapsed);
	}
}
