/*
 * SpawnSpec.path: programs spawned from files in the VFS, loaded once per file version, and the
 * errors a shell turns into 127 (not found) or 126 (found but cannot run).
 */

import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {SpawnError} from '../../source/kernel/kernel.js';
import type {Machine} from '../../source/kernel/machine.js';
import {assemble, FIXTURES, machine, runToEnd} from './helpers.js';

const hello = await assemble(readFileSync(`${FIXTURES}hello.wat`, 'utf8'));

function spawnError(run: () => unknown): SpawnError {
	try {
		run();
	} catch (error) {
		if (error instanceof SpawnError) return error;
		throw error;
	}
	throw new Error('no SpawnError');
}

describe('spawn({path})', () => {
	it('runs the program at an absolute path, named after the file', () => {
		const kernel = machine();
		kernel.fs.writeFile('/bin/hello.wasm', hello);
		const pid = kernel.spawn({path: '/bin/hello.wasm'});
		expect(kernel.process(pid)?.name).toBe('hello');
		expect(runToEnd(kernel).out).toBe('hello, world\n');
		expect(kernel.wait(pid)?.status).toBe(0);
	});

	it('resolves a relative path against the working directory', () => {
		const kernel = machine();
		kernel.fs.mkdir('/home/me');
		kernel.fs.writeFile('/home/me/hi', hello);
		const pid = kernel.spawn({path: 'hi', cwd: '/home/me'});
		expect(runToEnd(kernel).out).toBe('hello, world\n');
		expect(kernel.process(pid)?.cwd).toBe('/home/me');
	});

	it('decodes a file once for any number of spawns, and again when the file changes', () => {
		const kernel = machine();
		const cache = (kernel as Machine).programs;
		kernel.fs.writeFile('/bin/hello', hello);
		for (let k = 0; k < 20; k++) kernel.spawn({path: '/bin/hello'});
		expect(cache.loads).toBe(1);
		runToEnd(kernel);
		const longer = new Uint8Array(hello.length + 8);
		longer.set(hello);
		// A custom section at the end: still a valid module, a different size.
		longer.set([0, 6, 1, 0x78, 1, 2, 3, 4], hello.length);
		kernel.fs.writeFile('/bin/hello', longer);
		kernel.spawn({path: '/bin/hello'});
		expect(cache.loads).toBe(2);
	});

	it('reports a missing file as not found (127), naming the path', () => {
		const kernel = machine();
		const error = spawnError(() => kernel.spawn({path: '/bin/nope'}));
		expect(error.message).toBe('/bin/nope: no such file');
		expect(error.errno).toBe('ENOENT');
		expect(error.notFound).toBe(true);
	});

	it('reports a directory, a non-module and a device as found but not executable (126)', () => {
		const kernel = machine();
		kernel.fs.writeFile('/tmp/notes.txt', 'just text\n');
		const dir = spawnError(() => kernel.spawn({path: '/tmp'}));
		expect([dir.errno, dir.notFound, dir.message]).toEqual(['EISDIR', false, '/tmp: is a directory']);
		const text = spawnError(() => kernel.spawn({path: '/tmp/notes.txt'}));
		expect(text.errno).toBe('ENOEXEC');
		expect(text.notFound).toBe(false);
		expect(text.message).toMatch(/^\/tmp\/notes\.txt: cannot execute: not a valid WebAssembly module/);
		const device = spawnError(() => kernel.spawn({path: '/dev/null'}));
		expect([device.errno, device.notFound]).toEqual(['EACCES', false]);
		expect(device.message).toMatch(/not a regular file/);
	});

	it('refuses a spec with both a program and a path', () => {
		const kernel = machine();
		kernel.fs.writeFile('/bin/hello', hello);
		expect(() => kernel.spawn({path: '/bin/hello', task: {kind: 'x', state: null}})).toThrow(/exactly one of a program, a path or a host task/);
	});
});
