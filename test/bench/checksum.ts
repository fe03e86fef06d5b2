/**
 * Checksums as exact bits: a `run` result is reduced to the unsigned bits of its wasm type
 * (i32 → 32 bits, i64 → 64 bits) so engines that hand back a signed number, a signed bigint or
 * a parsed text value compare equal exactly when the wasm values are equal.
 */

import type {RunValue} from './engine.js';

export type ResultType = 'i32' | 'i64';

/** The unsigned bits of `value` as a `type`; throws when the JS type does not fit the wasm type. */
export function resultBits(type: ResultType, value: RunValue): bigint {
	if (type === 'i32') {
		if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 32) {
			throw new TypeError(`expected an i32 result (a JS integer), got ${describe(value)}`);
		}
		return BigInt.asUintN(32, BigInt(value));
	}
	if (typeof value !== 'bigint' || value < -(2n ** 63n) || value >= 2n ** 64n) {
		throw new TypeError(`expected an i64 result (a bigint), got ${describe(value)}`);
	}
	return BigInt.asUintN(64, value);
}

function describe(value: RunValue): string {
	return `${typeof value} ${String(value)}`;
}

/** Every value one engine returned for a benchmark, as bits. */
export interface EngineValues {
	readonly engine: string;
	readonly bits: readonly bigint[];
}

/**
 * What is wrong with the observed values: one message per engine that returned anything other
 * than `expected`, and one more if the engines do not all agree with each other.
 */
export function checksumProblems(benchmark: string, expected: bigint, observed: readonly EngineValues[]): string[] {
	const problems: string[] = [];
	const perEngine: string[] = [];
	const allDistinct = new Set<bigint>();
	for (const {engine, bits} of observed) {
		const distinct = [...new Set(bits)];
		for (const value of distinct) allDistinct.add(value);
		const wrong = distinct.filter((value) => value !== expected);
		if (wrong.length > 0) {
			problems.push(`${benchmark}: ${engine} returned ${wrong.join(', ')} (expected ${expected})`);
		}
		if (distinct.length > 0) perEngine.push(`${engine} → ${distinct.join(', ')}`);
	}
	if (allDistinct.size > 1) problems.push(`${benchmark}: engines disagree: ${perEngine.join('; ')}`);
	return problems;
}
