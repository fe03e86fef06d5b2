/*
 * Resumption is exact (DESIGN.md, "Resumable by construction"): however a call is cut into
 * `run(budget)` slices — one instruction at a time, random slices, interleaved with another
 * thread — it computes the same results, leaves the same memory and globals, and counts the same
 * instructions as one uninterrupted run; and every slice that stops for its budget has executed
 * exactly that budget. Bulk memory instructions stopped part-way (a budget smaller than their cost
 * of one per 64 bytes) resume where they stopped. Workloads: small sizes of the C kernels of
 * fixtures/exec (the benchmarks' kinds of work) and the control-flow, trap and bulk functions of
 * control.wat.
 */

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {Instance} from '../../../source/wasm/exec/instance.js';
import type {Thread} from '../../../source/wasm/exec/thread.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {callResult, exportedFunc, load, prng, startThread, stateHash, type CallResult} from '../../helpers/wasmos.js';

interface Program {
	readonly file: string;
	readonly name: string;
	readonly args: readonly number[];
}

const bytesOf = new Map<string, Uint8Array>();
function fixture(file: string): Uint8Array {
	let bytes = bytesOf.get(file);
	if (bytes === undefined) {
		bytes = new Uint8Array(readFileSync(new URL(`../../../fixtures/exec/${file}`, import.meta.url)));
		bytesOf.set(file, bytes);
	}
	return bytes;
}

const label = ({file, name, args}: Program) => `${file} ${name}(${args.join(', ')})`;

const KERNELS: readonly Program[] = [
	{file: 'kernels.wasm', name: 'fib', args: [12]},
	{file: 'kernels.wasm', name: 'sieve', args: [2000]},
	{file: 'kernels.wasm', name: 'matmul', args: [6]},
	{file: 'kernels.wasm', name: 'sort', args: [200]},
	{file: 'kernels-bulk.wasm', name: 'hash', args: [100]},
	{file: 'kernels.wasm', name: 'dispatch', args: [500]},
	{file: 'kernels.wasm', name: 'bulk', args: [1000]},
	{file: 'kernels-bulk.wasm', name: 'bulk', args: [3000]},
];

/** Big memory.fill/copy/init and table bulk ops, so small budgets stop inside them. */
const BULK: readonly Program[] = [
	{file: 'control.wasm', name: 'fills', args: [3]},
	{file: 'control.wasm', name: 'bulk', args: [65536]},
	{file: 'control.wasm', name: 'bulk', args: [262000]},
	{file: 'control.wasm', name: 'tables', args: [64]},
];

const TRAPS: readonly Program[] = [
	...Array.from({length: 9}, (_, k): Program => ({file: 'control.wasm', name: 'trap', args: [k]})),
	{file: 'control.wasm', name: 'calls', args: [3, 1]},
	{file: 'control.wasm', name: 'calls', args: [8, 1]},
];

const CONTROL: readonly Program[] = [
	{file: 'control.wasm', name: 'branches', args: [3]},
	{file: 'control.wasm', name: 'loops', args: [100]},
	{file: 'control.wasm', name: 'table', args: [2]},
	{file: 'control.wasm', name: 'find', args: [19]},
	{file: 'control.wasm', name: 'calls', args: [1, 5]},
	{file: 'control.wasm', name: 'multi', args: [6]},
];

const ALL = [...KERNELS, ...BULK, ...TRAPS, ...CONTROL];

/** What a finished call leaves behind: its outcome and count, and the hash of memories and globals. */
interface End {
	readonly result: CallResult;
	readonly state: string;
}

/** A call on a fresh instance, ready to run. */
function begin(program: Program, store = new Store()): {instance: Instance; thread: Thread} {
	const instance = load(fixture(program.file), store);
	return {instance, thread: startThread(store, exportedFunc(instance, program.name), program.args)};
}

/** One uninterrupted run. */
function solo(program: Program): End {
	const {instance, thread} = begin(program);
	const outcome = thread.run(Number.MAX_SAFE_INTEGER);
	return {result: callResult(thread, outcome), state: stateHash(instance)};
}

const soloEnds = new Map<Program, End>();
function soloEnd(program: Program): End {
	let end = soloEnds.get(program);
	if (end === undefined) {
		end = solo(program);
		soloEnds.set(program, end);
	}
	return end;
}

/** A run cut into slices of `nextBudget()`, with what the slices themselves did. */
interface Sliced extends End {
	/** Slices that stopped for their budget without having executed exactly it ("slice N: ran X of B"). */
	readonly inexact: readonly string[];
	/** Slices that stopped inside a bulk instruction. */
	readonly midBulk: number;
}

function sliced(program: Program, nextBudget: () => number): Sliced {
	const {instance, thread} = begin(program);
	const inexact: string[] = [];
	let midBulk = 0;
	for (let slice = 1; ; slice++) {
		const budget = nextBudget();
		const before = thread.instructions;
		const outcome = thread.run(budget);
		const ran = thread.instructions - before;
		if (outcome.reason === 'budget') {
			if (ran !== budget) inexact.push(`slice ${slice}: ran ${ran} of ${budget}`);
			if (thread.midInstr) midBulk++;
			continue;
		}
		if (ran > budget) inexact.push(`last slice ${slice}: ran ${ran} of ${budget}`);
		return {result: callResult(thread, outcome), state: stateHash(instance), inexact, midBulk};
	}
}

describe('a call cut into run(budget) slices', () => {
	it('runs as one uninterrupted run when it runs one instruction at a time', () => {
		for (const program of ALL) {
			const {result, state, inexact} = sliced(program, () => 1);
			expect({program: label(program), result, state, inexact}).toEqual({program: label(program), ...soloEnd(program), inexact: []});
		}
	});

	it('runs as one uninterrupted run in seeded random slices of 1 to 64 and of 1 to 5,000 instructions', () => {
		for (const [seed, most] of [
			[1, 64],
			[2, 5000],
			[3, 5000],
		] as const) {
			const random = prng(seed);
			for (const program of ALL) {
				const {result, state, inexact} = sliced(program, () => 1 + Math.floor(random() * most));
				expect({program: label(program), seed, result, state, inexact}).toEqual({program: label(program), seed, ...soloEnd(program), inexact: []});
			}
		}
	});

	it('returns budget with exactly the budget counted, for every fixed slice size', () => {
		for (const budget of [2, 7, 63, 64, 65, 1000, 10_000]) {
			for (const program of [...KERNELS, ...BULK]) {
				const {result, state, inexact} = sliced(program, () => budget);
				expect({program: label(program), budget, result, state, inexact}).toEqual({program: label(program), budget, ...soloEnd(program), inexact: []});
			}
		}
	});

	it('finishes in a slice of exactly its count, and stops one short of it', () => {
		for (const program of ALL) {
			const {result} = soloEnd(program);
			const exact = begin(program).thread;
			expect(callResult(exact, exact.run(result.instructions)), label(program)).toEqual(result);
			const short = begin(program).thread;
			expect(short.run(result.instructions - 1).reason, label(program)).toBe('budget');
			expect(callResult(short, short.run(1)), label(program)).toEqual(result);
		}
	});

	it('reaches the same memory after k single steps as after run(k), also inside a bulk instruction', () => {
		for (const program of [...KERNELS, ...BULK]) {
			const total = soloEnd(program).result.instructions;
			for (const k of [1, 2, 10, 777, Math.floor(total / 3), Math.floor(total / 2) + 5, total - 1]) {
				if (k < 1 || k >= total) continue;
				const stepped = begin(program);
				for (let i = 0; i < k; i++) stepped.thread.run(1);
				const whole = begin(program);
				whole.thread.run(k);
				expect({program: label(program), k, instructions: stepped.thread.instructions, state: stateHash(stepped.instance)}).toEqual({
					program: label(program),
					k,
					instructions: whole.thread.instructions,
					state: stateHash(whole.instance),
				});
			}
		}
	});
});

describe('bulk memory and table instructions stopped part-way', () => {
	it('stop inside the instruction when the budget is smaller than their cost, and resume exactly', () => {
		for (const budget of [1, 3, 100, 1000]) {
			for (const program of BULK.filter(({name}) => name !== 'tables')) {
				const {result, state, inexact, midBulk} = sliced(program, () => budget);
				expect({program: label(program), budget, result, state, inexact}).toEqual({program: label(program), budget, ...soloEnd(program), inexact: []});
				expect(midBulk, `${label(program)} in slices of ${budget}`).toBeGreaterThan(0);
			}
		}
	});

	it('count one plus one per 64 bytes, however they are cut', () => {
		// One more iteration of `fills`: 23 instructions, of which a memory.fill and a memory.copy of
		// 65,536 bytes, each costing 1024 more.
		const iteration = 23 + 2 * (65536 / 64);
		const random = prng(7);
		for (const nextBudget of [() => Number.MAX_SAFE_INTEGER, () => 1, () => 1 + Math.floor(random() * 300)]) {
			const two = sliced({file: 'control.wasm', name: 'fills', args: [2]}, nextBudget).result.instructions;
			const three = sliced({file: 'control.wasm', name: 'fills', args: [3]}, nextBudget).result.instructions;
			expect(three - two).toBe(iteration);
		}
	});
});

describe('two calls interleaved 1,000 instructions at a time', () => {
	const pairs: ReadonlyArray<readonly [Program, Program]> = [
		[KERNELS[3], KERNELS[3]],
		[KERNELS[1], KERNELS[4]],
		[KERNELS[0], BULK[0]],
		[BULK[1], KERNELS[7]],
		[TRAPS[8], KERNELS[5]],
	];

	it('each compute what they compute alone, in one store and in two', () => {
		for (const shared of [true, false]) {
			for (const [a, b] of pairs) {
				const store = new Store();
				const runs = [begin(a, store), begin(b, shared ? store : new Store())];
				const ends: Array<End | undefined> = [undefined, undefined];
				while (ends.some((end) => end === undefined)) {
					runs.forEach(({instance, thread}, k) => {
						if (ends[k] !== undefined) return;
						const outcome = thread.run(1000);
						if (outcome.reason !== 'budget') ends[k] = {result: callResult(thread, outcome), state: stateHash(instance)};
					});
				}
				expect({pair: `${label(a)} + ${label(b)}`, shared, ends}).toEqual({pair: `${label(a)} + ${label(b)}`, shared, ends: [soloEnd(a), soloEnd(b)]});
			}
		}
	});
});
