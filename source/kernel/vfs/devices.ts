/*
 * The character devices under /dev, as the kernel reads and writes them:
 *   /dev/null     reads: end of file; writes: swallowed
 *   /dev/zero     reads: zeros; writes: swallowed
 *   /dev/random   reads: bytes of the machine's seeded PRNG (so a replay reads the same bytes);
 *   /dev/urandom  the same device; writes: swallowed
 *   /dev/tty      the terminal (the kernel's line discipline, terminal.ts), not handled here
 * A read returns at most DEVICE_IO_MAX bytes, as a read of a character device may.
 */

import type {Prng} from '../prng.js';

export const DEVICE_IO_MAX = 64 * 1024;

export function readDevice(device: 'null' | 'zero' | 'random', max: number, prng: Prng): Uint8Array {
	if (device === 'null') return new Uint8Array(0);
	const out = new Uint8Array(Math.min(max, DEVICE_IO_MAX));
	if (device === 'random') prng.fill(out);
	return out;
}
