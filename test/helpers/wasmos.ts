/*
 * Test helpers that run a module on our engine (source/wasm) the way the kernel does: decode,
 * validate, compile, instantiate without imports, then call an export on a fresh thread in slices
 * of instructions, resuming until it finishes or traps.
 */

import {createHash} from 'node:crypto';
import {compileModule} from '../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../source/wasm/decode/index.js';
import {instantiate, type Instance} from '../../source/wasm/exec/instance.js';
import {Store, type FuncRef} from '../../source/wasm/exec/store.js';
import {Thread, type RunOutcome} from '../../source/wasm/exec/thread.js';
import type {Value} from '../../source/wasm/exec/values.js';
import {validateModule} from '../../source/wasm/validate/index.js';
import {prng} from './prng.js';

export {prng};

/** The scheduler's default quantum (DESIGN.md, `--quantum`). */
export const QUANTUM = 10_000;

/** Instantiates a module that has no imports; a start function runs to completion. */
export function load(bytes: Uint8Array, store = new Store()): Instance {
	const module = decodeModule(bytes);
	validateModule(module);
	return instantiate(store, module, compileModule(module), () => undefined, {
		runStart: (_instance, func) => {
			const outcome = finish(startThread(store, func, []), () => QUANTUM);
			if (outcome.reason === 'trapped') throw outcome.trap;
		},
	});
}

export function exportedFunc(instance: Instance, name: string): FuncRef {
	const ext = instance.exports.get(name);
	if (ext?.kind !== 'func') throw new Error(`no exported function "${name}"`);
	return ext.func;
}

export function startThread(store: Store, func: FuncRef, args: readonly Value[]): Thread {
	const thread = new Thread(store);
	thread.start(func, args);
	return thread;
}

/** Runs the thread in slices of `nextBudget()` instructions until it stops for another reason than its budget. */
export function finish(thread: Thread, nextBudget: () => number): RunOutcome {
	for (;;) {
		const outcome = thread.run(nextBudget());
		if (outcome.reason !== 'budget') return outcome;
	}
}

/** What a call did, in a form that compares with toEqual. */
export interface CallResult {
	readonly reason: 'finished' | 'trapped' | 'blocked';
	readonly results?: readonly Value[];
	readonly trap?: string;
	readonly instructions: number;
}

export function callResult(thread: Thread, outcome: RunOutcome): CallResult {
	switch (outcome.reason) {
		case 'finished':
			return {reason: 'finished', results: outcome.results, instructions: thread.instructions};
		case 'trapped':
			return {reason: 'trapped', trap: outcome.trap.message, instructions: thread.instructions};
		case 'blocked':
			return {reason: 'blocked', instructions: thread.instructions};
		case 'budget':
			throw new Error('the call has not finished');
	}
}

/** Calls an export on a fresh thread in slices of `nextBudget()` (default: the quantum). */
export function call(instance: Instance, name: string, args: readonly Value[] = [], nextBudget: () => number = () => QUANTUM): CallResult {
	const thread = startThread(instance.store, exportedFunc(instance, name), args);
	return callResult(thread, finish(thread, nextBudget));
}

/** SHA-256 of an instance's memories and global values: equal hashes, equal machine state. */
export function stateHash(instance: Instance): string {
	const hash = createHash('sha256');
	for (const memory of instance.memories) hash.update(memory.bytes);
	for (const global of instance.globals) hash.update(new Uint8Array(global.cell.buffer, global.cell.byteOffset, global.cell.byteLength));
	return hash.digest('hex');
}

