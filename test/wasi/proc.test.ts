/* proc_exit, sched_yield, and what a program importing the rest of WASI gets. */

import {describe, expect, it} from 'vitest';
import {loadProgram, SpawnError} from '../../source/kernel/kernel.js';
import {assemble, machine} from '../kernel/helpers.js';
import {program, runWat} from './helpers.js';

describe('proc_exit', () => {
	it('ends the process with the code, which a shell sees modulo 256', async () => {
		const {exit, calls} = await runWat(program('', '(func (export "_start") (call $exit (i32.const 300)) (unreachable))'));
		expect(exit).toMatchObject({status: 44, reason: {kind: 'exit', code: 300}});
		expect(calls).toEqual([]);
	});
});

describe('sched_yield', () => {
	it('returns 0 and ends the quantum', async () => {
		const text = program(
			'(import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))',
			'(func (export "_start") (call $exit (call $yield)))',
		);
		const {exit, calls} = await runWat(text);
		expect(exit.status).toBe(0);
		expect(calls[0]).toMatchObject({name: 'sched_yield', args: '', result: '0'});
	});
});

describe('linking', () => {
	it('refuses a signature other than the specification\'s, or a name it does not have', async () => {
		const kernel = machine();
		const wrongType = loadProgram(await assemble('(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32))) (func (export "_start")))'), 'w');
		expect(() => kernel.spawn({program: wrongType})).toThrow(SpawnError);
		expect(() => kernel.spawn({program: wrongType})).toThrow('incompatible import type: import "wasi_snapshot_preview1"."fd_write" must be a function [i32] -> [i32], got a function [i32 i32 i32 i32] -> [i32]');
		const unknown = loadProgram(await assemble('(module (import "wasi_snapshot_preview1" "teleport" (func)) (func (export "_start")))'), 'u');
		expect(() => kernel.spawn({program: unknown})).toThrow('unknown import: import "wasi_snapshot_preview1"."teleport" is not provided');
	});
});

describe('a host trap', () => {
	it('is a guest mistake only through the Trap type: a handler bug is a kernel panic', async () => {
		const kernel = machine();
		kernel.registerAbi({
			module: 'buggy',
			calls: {
				oops: {
					params: [],
					results: [],
					handler: () => {
						throw new TypeError('bug');
					},
				},
			},
			outcome: () => ({result: '', errno: null}),
		});
		kernel.spawn({program: loadProgram(await assemble('(module (import "buggy" "oops" (func $oops)) (func (export "_start") (call $oops)))'), 'b')});
		expect(() => kernel.tick(100)).toThrow('kernel panic: syscall buggy.oops of process 1 threw: TypeError: bug');
	});
});
