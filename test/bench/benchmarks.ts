/**
 * The benchmark list: examples/bench/benchmarks.json names each module, the wasm type of its
 * `run` result and the expected checksum (unsigned decimal bits). This file reads and checks
 * that manifest and selects benchmarks by name.
 */

import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {UsageError} from './args.js';
import type {ResultType} from './checksum.js';

const MANIFEST = fileURLToPath(new URL('../../examples/bench/benchmarks.json', import.meta.url));

export interface Benchmark {
	readonly name: string;
	readonly modulePath: string;
	readonly result: ResultType;
	/** Expected result bits (unsigned). */
	readonly checksum: bigint;
	readonly parameters: string;
}

export function loadBenchmarks(manifestPath = MANIFEST): Benchmark[] {
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {benchmarks?: unknown};
	if (!Array.isArray(manifest.benchmarks)) throw new Error(`${manifestPath}: "benchmarks" must be an array`);
	const directory = dirname(manifestPath);
	return manifest.benchmarks.map((entry: unknown, index) => parseEntry(entry, `${manifestPath}: benchmarks[${index}]`, directory));
}

function parseEntry(entry: unknown, where: string, directory: string): Benchmark {
	const {name, module, result, checksum, parameters} = (entry ?? {}) as Record<string, unknown>;
	if (typeof name !== 'string' || typeof module !== 'string' || typeof parameters !== 'string') {
		throw new Error(`${where}: "name", "module" and "parameters" must be strings`);
	}
	if (result !== 'i32' && result !== 'i64') throw new Error(`${where}: "result" must be "i32" or "i64"`);
	const limit = result === 'i32' ? 2n ** 32n : 2n ** 64n;
	if (typeof checksum !== 'string' || !/^\d+$/.test(checksum) || BigInt(checksum) >= limit) {
		throw new Error(`${where}: "checksum" must be the unsigned decimal bits of an ${result}`);
	}
	return {name, modulePath: join(directory, module), result, checksum: BigInt(checksum), parameters};
}

/** Benchmarks whose name contains any of `filters` (all when there are none); throws if none match. */
export function selectBenchmarks(all: readonly Benchmark[], filters: readonly string[]): Benchmark[] {
	const selected = filters.length === 0 ? [...all] : all.filter(({name}) => filters.some((f) => name.includes(f)));
	if (selected.length === 0) {
		throw new UsageError(`no benchmark matches ${filters.join(', ')} (known: ${all.map(({name}) => name).join(', ')})`);
	}
	return selected;
}
