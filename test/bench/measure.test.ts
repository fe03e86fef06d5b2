import {describe, expect, it} from 'vitest';
import type {CallOutcome, Engine} from './engine.js';
import {measureRun} from './measure.js';

/** An engine that records what the harness asks of it and returns scripted results. */
function scriptedEngine(results: CallOutcome[], log: string[], coldCalls = false): Engine {
	return {
		name: 'fake',
		coldCalls,
		description: 'scripted',
		async unavailableReason() {
			return null;
		},
		async load(bytes) {
			log.push(`load ${bytes.length}`);
			return {
				async call(name) {
					log.push(`call ${name}`);
					const next = results.shift();
					if (!next) throw new Error('no more results');
					return next;
				},
				dispose() {
					log.push('dispose');
				},
			};
		},
	};
}

describe('measureRun', () => {
	it('loads once, calls run 2 + warmup times and keeps every result as bits', async () => {
		const log: string[] = [];
		const engine = scriptedEngine([{value: -1}, {value: -1}, {value: -1}, {value: 0xffffffff, instructions: 42n}], log);
		const sample = await measureRun(engine, new Uint8Array(8), 'i32', 2);
		expect(log).toEqual(['load 8', 'call run', 'call run', 'call run', 'call run', 'dispose']);
		expect(sample.values).toEqual([0xffffffffn, 0xffffffffn, 0xffffffffn, 0xffffffffn]);
		expect(sample.instructions).toBe(42n);
		for (const time of [sample.loadMs, sample.firstCallMs, sample.warmMs]) expect(time).toBeGreaterThanOrEqual(0);
	});

	it('makes no warm-up calls on an engine whose calls are all cold', async () => {
		const log: string[] = [];
		const engine = scriptedEngine([{value: 7n}, {value: 7n}], log, true);
		const sample = await measureRun(engine, new Uint8Array(8), 'i64', 3);
		expect(log).toEqual(['load 8', 'call run', 'call run', 'dispose']);
		expect(sample.values).toEqual([7n, 7n]);
	});

	it('fails on a result of the wrong type and still disposes the instance', async () => {
		const log: string[] = [];
		const engine = scriptedEngine([{value: 5}], log);
		await expect(measureRun(engine, new Uint8Array(0), 'i64', 0)).rejects.toThrow(/i64/);
		expect(log.at(-1)).toBe('dispose');
	});
});
