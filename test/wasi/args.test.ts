/* args_* and environ_*: the layout wasi-libc reads argv and environ from. */

import {describe, expect, it} from 'vitest';
import {program, runWat, u32} from './helpers.js';

const LIST = (name: string) =>
	program(
		`(import "wasi_snapshot_preview1" "${name}_sizes_get" (func $sizes (param i32 i32) (result i32)))
		 (import "wasi_snapshot_preview1" "${name}_get" (func $get (param i32 i32) (result i32)))`,
		`(func (export "_start")
		   (drop (call $sizes (i32.const 0) (i32.const 4)))
		   (drop (call $get (i32.const 16) (i32.const 64)))
		   (call $dump (i32.const 0) (i32.const 160)))`,
	);

describe('args', () => {
	it('gives the count and size, then pointers into one buffer of NUL-terminated strings', async () => {
		const {out, calls} = await runWat(LIST('args'), {argv: ['prog', '-i', 'héllo']});
		expect(u32(out, 0)).toBe(3);
		expect(u32(out, 4)).toBe(5 + 3 + 7);
		expect([u32(out, 16), u32(out, 20), u32(out, 24)]).toEqual([64, 69, 72]);
		expect(new TextDecoder().decode(out.subarray(64, 64 + 15))).toBe('prog\0-i\0héllo\0');
		expect(calls.slice(0, 2).map(c => `${c.name}(${c.args}) = ${c.result}`)).toEqual([
			'args_sizes_get(→ argc=3, size=15) = 0',
			'args_get(argv=0x10, argv_buf=0x40 → ["prog", "-i", "héllo"]) = 0',
		]);
	});

	it('answers EFAULT for a pointer outside memory', async () => {
		const text = program(
			'(import "wasi_snapshot_preview1" "args_sizes_get" (func $sizes (param i32 i32) (result i32)))',
			'(func (export "_start") (call $exit (call $sizes (i32.const 65534) (i32.const 4))))',
		);
		const {exit, calls} = await runWat(text);
		expect(exit.status).toBe(21);
		expect(calls[0]).toMatchObject({name: 'args_sizes_get', result: 'EFAULT', errno: 'EFAULT'});
	});
});

describe('environ', () => {
	it('gives only the variables it was given, as KEY=VALUE', async () => {
		const {out} = await runWat(LIST('environ'), {env: {HOME: '/home/guest', EMPTY: ''}});
		expect(u32(out, 0)).toBe(2);
		expect(u32(out, 4)).toBe(17 + 7);
		expect(new TextDecoder().decode(out.subarray(64, 64 + 24))).toBe('HOME=/home/guest\0EMPTY=\0');
	});

	it('is empty by default', async () => {
		const {out} = await runWat(LIST('environ'));
		expect([u32(out, 0), u32(out, 4)]).toEqual([0, 0]);
	});
});
