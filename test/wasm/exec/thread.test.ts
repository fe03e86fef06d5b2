/* The thread's behaviour as an embedder sees it: stepping, traps with wasm stack traces, limits, blocking host calls. */

import {describe, expect, it} from 'vitest';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {Trap} from '../../../source/wasm/errors.js';
import {instantiate, type Extern, type Instance} from '../../../source/wasm/exec/instance.js';
import {Store, type HostImpl} from '../../../source/wasm/exec/store.js';
import {Thread} from '../../../source/wasm/exec/thread.js';
import {watModule} from '../../helpers/wat.js';

async function build(wat: string, host: Record<string, HostImpl> = {}): Promise<Instance> {
	const module = await watModule(wat);
	const store = new Store();
	return instantiate(store, module, compileModule(module), (mod, name): Extern | undefined => {
		const impl = host[`${mod}.${name}`];
		if (impl === undefined) return undefined;
		const imp = module.imports.find(i => i.module === mod && i.name === name)!;
		if (imp.desc.kind !== 'func') return undefined;
		return {kind: 'func', func: store.hostFunc(`${mod}.${name}`, module.types[imp.desc.typeIndex], impl)};
	});
}

function call(instance: Instance, name: string, args: number[] = [], options = {}): Thread {
	const ext = instance.exports.get(name);
	if (ext?.kind !== 'func') throw new Error(`no export ${name}`);
	const thread = new Thread(instance.store, options);
	thread.start(ext.func, args);
	return thread;
}

describe('stepping', () => {
	it('executes one instruction per step and reports where it is', async () => {
		const instance = await build(`(module (func (export "f") (result i32) i32.const 2 i32.const 3 i32.add))`);
		const thread = call(instance, 'f');
		const offsets: number[] = [];
		let outcome;
		do {
			offsets.push(thread.position()!.offset);
			outcome = thread.step();
		} while (outcome.reason === 'budget');
		expect(outcome).toEqual({reason: 'finished', results: [5]});
		// const, const, add, end: four instructions at increasing offsets, two bytes apart for the consts.
		expect(thread.instructions).toBe(4);
		expect(offsets).toHaveLength(4);
		expect(offsets[1] - offsets[0]).toBe(2);
		expect(offsets[2] - offsets[1]).toBe(2);
		expect(offsets[3] - offsets[2]).toBe(1);
	});
});

describe('traps', () => {
	it('carry a wasm stack trace with function names, innermost first', async () => {
		const instance = await build(`(module
			(func $inner (param i32) (result i32) local.get 0 i32.const 0 i32.div_s)
			(func $middle (result i32) i32.const 7 call $inner)
			(func (export "outer") (result i32) call $middle))`);
		const outcome = call(instance, 'outer').run(1000);
		expect(outcome.reason).toBe('trapped');
		const trap = (outcome as {trap: Trap}).trap;
		expect(trap.kind).toBe('integer divide by zero');
		expect(trap.trace.map(f => f.label)).toEqual(['function 0 `inner`', 'function 1 `middle`', 'function 2']);
		// Each offset is the trapping div_s or a call, inside its own function's body.
		const bodies = instance.module.funcs.map(f => f.body);
		trap.trace.forEach((frame, k) => {
			expect(frame.offset).toBeGreaterThanOrEqual(bodies[k].start);
			expect(frame.offset).toBeLessThan(bodies[k].end);
		});
		expect(instance.module.bytes[trap.trace[0].offset]).toBe(0x6d);
		expect(instance.module.bytes[trap.trace[1].offset]).toBe(0x10);
	});

	it('count the trapping instruction and nothing after it', async () => {
		const instance = await build(`(module (func (export "f") nop nop unreachable nop))`);
		const thread = call(instance, 'f');
		expect(thread.run(100).reason).toBe('trapped');
		expect(thread.instructions).toBe(3);
	});

	it('turn runaway recursion into "call stack exhausted" at the configured depth', async () => {
		const instance = await build(`(module (func $f (export "f") (param i32) (result i32) local.get 0 i32.const 1 i32.add call $f))`);
		const thread = call(instance, 'f', [0], {maxCallDepth: 500});
		const outcome = thread.run(1_000_000);
		expect(outcome.reason).toBe('trapped');
		expect((outcome as {trap: Trap}).trap.kind).toBe('call stack exhausted');
		expect((outcome as {trap: Trap}).trap.trace).toHaveLength(501);
	});
});

describe('memory growth', () => {
	it('returns -1 when the embedder refuses, and grows otherwise', async () => {
		const instance = await build(`(module (memory (export "m") 1) (func (export "grow") (param i32) (result i32) local.get 0 memory.grow))`);
		const memory = instance.memories[0];
		memory.growHook = (_m, pages) => pages <= 3;
		const run = (n: number) => {
			const outcome = call(instance, 'grow', [n]).run(100);
			return outcome.reason === 'finished' ? outcome.results[0] : outcome.reason;
		};
		expect(run(2)).toBe(1);
		expect(memory.pages).toBe(3);
		expect(run(1)).toBe(-1);
		expect(memory.pages).toBe(3);
	});
});

describe('host functions', () => {
	it('can block; the thread resumes with the results given later', async () => {
		const instance = await build(`(module
			(import "env" "read" (func $read (param i32) (result i32)))
			(func (export "f") (result i32) i32.const 40 call $read i32.const 2 i32.add))`,
			{'env.read': args => ({block: {waitingFor: 'input', asked: args[0]}})});
		const thread = call(instance, 'f');
		const outcome = thread.run(100);
		expect(outcome.reason).toBe('blocked');
		if (outcome.reason !== 'blocked') return;
		expect(outcome.call.wait).toEqual({waitingFor: 'input', asked: 40});
		expect(thread.status).toBe('blocked');
		thread.complete([40]);
		expect(thread.run(100)).toEqual({reason: 'finished', results: [42]});
	});

	it('can trap; the trap names the host', async () => {
		const instance = await build(`(module (import "env" "boom" (func $boom)) (func (export "f") call $boom))`, {
			'env.boom': () => {
				throw new Trap('host', 'boom: refused');
			},
		});
		const outcome = call(instance, 'f').run(100);
		expect(outcome.reason).toBe('trapped');
		expect((outcome as {trap: Trap}).trap.message).toBe('boom: refused');
	});
});

describe('page-access tracking', () => {
	it('marks the 4 KiB pages that loads read and stores or fills write', async () => {
		const instance = await build(`(module (memory (export "m") 1)
			(func (export "f")
				(drop (i32.load (i32.const 8192)))
				(i64.store (i32.const 20000) (i64.const 1))
				(drop (i32.load8_u (i32.const 20001)))
				(memory.fill (i32.const 40000) (i32.const 7) (i32.const 10000))))`);
		const memory = instance.memories[0];
		memory.trackAccess(true);
		expect(call(instance, 'f').run(1000).reason).toBe('finished');
		const pages = Array.from(memory.access!);
		// page 2 read; page 4 written then read; pages 9..12 written by the fill; the rest untouched.
		expect(pages.flatMap((bits, page) => (bits === 0 ? [] : [[page, bits]]))).toEqual([[2, 1], [4, 3], [9, 2], [10, 2], [11, 2], [12, 2]]);
	});
});

describe('profiling', () => {
	it('counts the instructions each function executes, adding up to the total', async () => {
		const instance = await build(`(module
			(func $leaf (param i32) (result i32) local.get 0 i32.const 1 i32.add)
			(func (export "main") (result i32) (local i32)
				(loop $again
					(local.set 0 (call $leaf (local.get 0)))
					(br_if $again (i32.lt_u (local.get 0) (i32.const 10))))
				local.get 0))`);
		const thread = call(instance, 'main');
		thread.profile = new Map();
		expect(thread.run(10_000)).toEqual({reason: 'finished', results: [10]});
		const counts = Array.from(thread.profile.get(instance.id)!);
		// leaf: 4 instructions per call, 10 calls; main: the rest.
		expect(counts[0]).toBe(40);
		expect(counts[0] + counts[1]).toBe(thread.instructions);
	});
});
