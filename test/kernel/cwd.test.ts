/*
 * A process's working directory reaches programs built with wasi-libc: relative paths land in it,
 * absolute paths still go where they say (machine.ts's preopens explain how).
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {KernelError, loadProgram} from '../../source/kernel/kernel.js';
import {machine, runToEnd} from './helpers.js';

const PWD = loadProgram(readFileSync(fileURLToPath(new URL('../../fixtures/c/pwd.wasm', import.meta.url))), 'pwd');

describe('the working directory', () => {
	it('is where a wasi-libc program\'s relative paths land, while absolute paths keep their meaning', () => {
		const kernel = machine();
		kernel.fs.mkdir('/home/ada');
		const pid = kernel.spawn({program: PWD, cwd: '/home/ada'});
		const {out} = runToEnd(kernel);
		expect(out).toBe(
			[
				'.: also-here.txt made-here.txt subdir',
				'subdir/..: also-here.txt made-here.txt subdir',
				`/etc/motd: ${new TextDecoder().decode(kernel.fs.readFile('/etc/motd'))}/tmp is a directory: 1`,
				'../sibling.txt: made',
				'',
			].join('\n'),
		);
		expect(kernel.fs.list('/home/ada')).toEqual(['made-here.txt', 'subdir', 'also-here.txt']);
		expect(kernel.fs.list('/home')).toEqual(['ada', 'sibling.txt']);
		expect(kernel.process(pid)!.cwd).toBe('/home/ada');
	});

	it('gives the root as fd 3, the top-level directories next, and itself last as "."', () => {
		const kernel = machine();
		const pid = kernel.spawn({program: PWD, cwd: '/tmp'});
		expect(kernel.process(pid)!.fds.slice(3).map(fd => fd.target)).toEqual(['/', '/bin', '/dev', '/etc', '/home', '/proc', '/tmp', '/tmp']);
		const root = kernel.spawn({program: PWD});
		expect(kernel.process(root)!.fds.slice(3).map(fd => fd.target)).toEqual(['/']);
	});

	it('must be a directory that exists', () => {
		const kernel = machine();
		expect(() => kernel.spawn({program: PWD, cwd: '/nowhere'})).toThrow(KernelError);
		expect(() => kernel.spawn({program: PWD, cwd: '/etc/motd'})).toThrow(/no directory \/etc\/motd/);
	});
});
