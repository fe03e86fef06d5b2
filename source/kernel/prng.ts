/*
 * The machine's pseudo-random number generator: xoshiro128** (Blackman & Vigna), seeded through
 * splitmix32 so that nearby seeds give unrelated streams. Its whole state is four 32-bit numbers,
 * so a snapshot captures it exactly. random_get, the lottery policy and the sensors draw from it.
 */

export class Prng {
	/** The generator's state: four unsigned 32-bit words, never all zero. */
	state: [number, number, number, number];

	constructor(seed: number) {
		let x = seed >>> 0;
		const next = () => {
			// splitmix32
			x = (x + 0x9e3779b9) >>> 0;
			let z = x;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.state = [next(), next(), next(), next()];
		if (this.state.every(w => w === 0)) this.state[0] = 1;
	}

	/** The next unsigned 32-bit number. */
	next(): number {
		const s = this.state;
		const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
		const t = s[1] << 9;
		s[2] ^= s[0];
		s[3] ^= s[1];
		s[1] ^= s[2];
		s[0] ^= s[3];
		s[2] ^= t;
		s[3] = rotl(s[3], 11);
		for (let i = 0; i < 4; i++) s[i] >>>= 0;
		return result;
	}

	/** Fills `into` with random bytes, four per draw. */
	fill(into: Uint8Array): void {
		for (let i = 0; i < into.length; i += 4) {
			const r = this.next();
			for (let k = 0; k < 4 && i + k < into.length; k++) into[i + k] = (r >>> (8 * k)) & 0xff;
		}
	}

	/** A uniform integer in [0, n), n >= 1 (rejection sampling, no modulo bias). */
	below(n: number): number {
		const limit = 0x1_0000_0000 - (0x1_0000_0000 % n);
		for (;;) {
			const r = this.next();
			if (r < limit) return r % n;
		}
	}
}

function rotl(x: number, k: number): number {
	return ((x << k) | (x >>> (32 - k))) >>> 0;
}
