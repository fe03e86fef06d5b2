/* fd_write, fd_read, fd_fdstat_get and fd_prestat_get on the terminal's fds and the root's preopen. */

import {describe, expect, it} from 'vitest';
import {IMPORT, program, runWat, u32, u64} from './helpers.js';

const FDSTAT = '(import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))';

describe('fd_write', () => {
	it('gathers the buffers in order and reports the count', async () => {
		const text = program(
			'',
			`(data (i32.const 100) "hello") (data (i32.const 200) ", world\\n")
			 (func (export "_start")
			   (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 5))
			   (i32.store (i32.const 8) (i32.const 200)) (i32.store (i32.const 12) (i32.const 0))
			   (i32.store (i32.const 16) (i32.const 200)) (i32.store (i32.const 20) (i32.const 8))
			   (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 3) (i32.const 32)))
			   (call $exit (i32.load (i32.const 32))))`,
		);
		const {err, exit, calls} = await runWat(text);
		expect(err).toBe('hello, world\n');
		expect(exit.status).toBe(13);
		expect(calls[0].args).toBe('fd=2, iovs=[0x64:5, 0xc8:0, 0xc8:8] "hello, world\\n" → nwritten=13');
	});

	it.each([
		['a closed fd', '(call $fd_write (i32.const 7) (i32.const 0) (i32.const 1) (i32.const 8))', 8, 'EBADF'],
		['stdin, which is read-only', '(call $fd_write (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))', 8, 'EBADF'],
		['a buffer outside memory', '(i32.store (i32.const 0) (i32.const 65530)) (i32.store (i32.const 4) (i32.const 10)) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))', 21, 'EFAULT'],
		['an iovec array outside memory', '(call $fd_write (i32.const 1) (i32.const -8) (i32.const 1) (i32.const 8))', 21, 'EFAULT'],
		['a huge iovec count', '(call $fd_write (i32.const 1) (i32.const 0) (i32.const 0x20000000) (i32.const 8))', 21, 'EFAULT'],
		['nwritten outside memory', '(call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 65535))', 21, 'EFAULT'],
	])('refuses %s', async (_name, call, status, errno) => {
		const {exit, calls, text} = await runWat(program('', `(func (export "_start") (call $exit ${call}))`));
		expect(exit.status).toBe(status);
		expect(calls[0]).toMatchObject({result: errno, errno});
		expect(text).toBe('');
	});
});

describe('fd_read', () => {
	const READ = program(
		IMPORT.fd_read,
		`(func (export "_start")
		   (i32.store (i32.const 0) (i32.const 100)) (i32.store (i32.const 4) (i32.const 3))
		   (i32.store (i32.const 8) (i32.const 200)) (i32.store (i32.const 12) (i32.const 10))
		   (drop (call $fd_read (i32.const 0) (i32.const 0) (i32.const 2) (i32.const 16)))
		   (call $dump (i32.const 100) (i32.const 3))
		   (call $dump (i32.const 200) (i32.sub (i32.load (i32.const 16)) (i32.const 3)))
		   (call $exit (i32.load (i32.const 16))))`,
	);

	it('scatters what it read over the buffers in order, one line at a time from the terminal', async () => {
		const {text, exit, calls} = await runWat(READ, {input: 'abcdef\nrest'});
		expect(exit.status).toBe(7);
		expect(text).toBe('abcdef\n');
		expect(calls[0].args).toBe('fd=0, iovs=[0x64:3, 0xc8:10] → nread=7 "abcdef\\n"');
	});

	it('reads 0 bytes at end of file', async () => {
		const {exit} = await runWat(READ, {input: ''});
		expect(exit.status).toBe(0);
	});

	it('refuses a write-only fd and a buffer outside memory', async () => {
		const bad = (fd: number, buf: number) =>
			program(
				IMPORT.fd_read,
				`(func (export "_start")
				   (i32.store (i32.const 0) (i32.const ${buf})) (i32.store (i32.const 4) (i32.const 10))
				   (call $exit (call $fd_read (i32.const ${fd}) (i32.const 0) (i32.const 1) (i32.const 16))))`,
			);
		expect((await runWat(bad(1, 100), {input: 'x'})).exit.status).toBe(8);
		expect((await runWat(bad(0, 65530), {input: 'x'})).exit.status).toBe(21);
	});
});

describe('fd_fdstat_get', () => {
	it('describes the terminal as a character device without seek rights (isatty)', async () => {
		const text = program(
			FDSTAT,
			`(func (export "_start")
			   (memory.fill (i32.const 0) (i32.const 255) (i32.const 96))
			   (drop (call $fdstat (i32.const 0) (i32.const 0)))
			   (drop (call $fdstat (i32.const 1) (i32.const 24)))
			   (i32.store (i32.const 48) (call $fdstat (i32.const 9) (i32.const 56)))
			   (call $dump (i32.const 0) (i32.const 52)))`,
		);
		const {out, calls} = await runWat(text);
		expect(out[0]).toBe(2); // character_device
		expect(out[1]).toBe(0); // padding cleared
		expect(u32(out, 0) >>> 16).toBe(0); // fs_flags
		const rightsIn = u64(out, 8);
		const rightsOut = u64(out, 32);
		const SEEK = 1n << 2n;
		const TELL = 1n << 5n;
		expect(rightsIn & (1n << 1n)).not.toBe(0n); // fd_read
		expect(rightsIn & (1n << 6n)).toBe(0n); // no fd_write on stdin
		expect(rightsOut & (1n << 6n)).not.toBe(0n);
		expect(rightsOut & (SEEK | TELL)).toBe(0n);
		expect(u64(out, 16)).toBe(0n);
		expect(u32(out, 48)).toBe(8); // EBADF for fd 9, which is not open
		expect(calls[0].args).toBe('fd=0 → character_device, rights=fd_read|fd_fdstat_set_flags|fd_sync|fd_filestat_get|fd_filestat_set_times|poll_fd_readwrite');
	});
});

describe('fd_prestat_get', () => {
	it('describes fd 3 as the root, named "/", and answers EBADF for the first fd after the preopens', async () => {
		const text = program(
			`(import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat (param i32 i32) (result i32)))
			 (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $name (param i32 i32 i32) (result i32)))`,
			`(func (export "_start")
			   (i32.store (i32.const 0) (call $prestat (i32.const 3) (i32.const 8)))
			   (i32.store (i32.const 16) (call $name (i32.const 3) (i32.const 20) (i32.const 1)))
			   (i32.store (i32.const 24) (call $prestat (i32.const 4) (i32.const 8)))
			   (call $dump (i32.const 0) (i32.const 28)))`,
		);
		const {out, calls} = await runWat(text);
		expect([u32(out, 0), out[8], u32(out, 12), u32(out, 16), out[20], u32(out, 24)]).toEqual([0, 0, 1, 0, 0x2f, 8]);
		expect(calls[0]).toMatchObject({name: 'fd_prestat_get', args: 'fd=3, buf=0x8 → dir "/"', result: '0'});
		expect(calls[2]).toMatchObject({name: 'fd_prestat_get', result: 'EBADF'});
	});
});
