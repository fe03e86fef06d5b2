/**
 * One measured run of one engine on one benchmark: load a fresh instance from the run's own bytes,
 * time its first call, make the warm-up calls untimed (none for an engine whose calls are all cold,
 * `Engine.coldCalls`), then time one warm call. Every call's result is kept (as bits) for the
 * checksum check, so no call's work can be discarded.
 */

import {resultBits, type ResultType} from './checksum.js';
import type {Engine} from './engine.js';

const ENTRY_EXPORT = 'run';

export interface RunSample {
	readonly loadMs: number;
	readonly firstCallMs: number;
	readonly warmMs: number;
	/** Bits of every call's result, in call order (first call, warm-ups, timed warm call). */
	readonly values: readonly bigint[];
	/** Instructions of the timed warm call, when the engine counts them. */
	readonly instructions?: bigint;
}

function elapsedMs(from: bigint, to: bigint): number {
	return Number(to - from) / 1e6;
}

export async function measureRun(engine: Engine, bytes: Uint8Array, result: ResultType, warmup: number): Promise<RunSample> {
	const loadStart = process.hrtime.bigint();
	const instance = await engine.load(bytes);
	const loadEnd = process.hrtime.bigint();
	try {
		const first = await instance.call(ENTRY_EXPORT);
		const firstEnd = process.hrtime.bigint();
		const values = [resultBits(result, first.value)];
		const warmupCalls = engine.coldCalls === true ? 0 : warmup;
		for (let i = 0; i < warmupCalls; i++) values.push(resultBits(result, (await instance.call(ENTRY_EXPORT)).value));
		const warmStart = process.hrtime.bigint();
		const warm = await instance.call(ENTRY_EXPORT);
		const warmEnd = process.hrtime.bigint();
		values.push(resultBits(result, warm.value));
		return {
			loadMs: elapsedMs(loadStart, loadEnd),
			firstCallMs: elapsedMs(loadEnd, firstEnd),
			warmMs: elapsedMs(warmStart, warmEnd),
			values,
			instructions: warm.instructions,
		};
	} finally {
		await instance.dispose?.();
	}
}
