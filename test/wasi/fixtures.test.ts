/*
 * The WASI fixtures (fixtures/wasi/*.wat): every preview-1 function and its error paths, each
 * program printing what it checks. Each runs under a 1-instruction quantum and under the default
 * one, and both must print exactly NAME.out: how the machine is sliced never shows.
 */

import {execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import type {MachineOptions} from '../../source/kernel/kernel.js';
import {expected, runFixture} from './fixtures.js';

const QUANTA = [1, 10_000] as const;

const temp = mkdtempSync(join(tmpdir(), 'wasmos-wasi-'));
afterAll(() => rmSync(temp, {recursive: true, force: true}));

describe.each(QUANTA)('under a quantum of %i', quantum => {
	it.each([
		['io', 'fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell'],
		['fd', 'fdstat, flags, rights, close, renumber, sync, advise, allocate'],
		['prestat', 'fd_prestat_get, fd_prestat_dir_name'],
		['filestat', 'fd_filestat_*, path_filestat_*'],
		['readdir', 'fd_readdir with cookies'],
		['path', 'path_open and every other path_* call'],
		['proc', 'proc_raise, sched_yield, sock_*'],
	])('%s: %s', async name => {
		const run = await runFixture(name, {machine: {quantum}});
		expect(run.out).toBe(expected(name));
		expect(run.err).toBe('');
		expect(run.statuses).toEqual([name === 'proc' ? 128 + 10 : 0]);
	});

	it('poll: clocks in virtual time, fds, several subscriptions, errors', async () => {
		const run = await runFixture('poll', {machine: {quantum}, input: 'line\n'});
		expect(run.out).toBe(expected('poll'));
		expect(run.statuses).toEqual([0]);
	});

	describe('a FIFO', () => {
		const fifo = (kernel: {fs: {mkfifo(path: string): void}}) => kernel.fs.mkfifo('/tmp/fifo');

		it.each([
			['w', 'r'],
			['r', 'w'],
		])('carries data from a writer to a reader, each opening it blocking until the other does (%s first)', async (...roles) => {
			const run = await runFixture('fifo', {machine: {quantum}, argvs: roles.map(role => ['fifo', role]), setup: fifo});
			expect(run.out).toBe(expected('fifo-wr'));
			expect(run.statuses).toEqual([0, 0]);
		});

		it('opens and reads without blocking when asked to', async () => {
			const run = await runFixture('fifo', {machine: {quantum}, argvs: [['fifo', 'n']], setup: fifo});
			expect(run.out).toBe(expected('fifo-n'));
			expect(run.statuses).toEqual([0]);
		});

		it('answers a write without reader with EPIPE and the PIPE signal', async () => {
			const run = await runFixture('fifo', {machine: {quantum}, argvs: [['fifo', 'e']], setup: fifo});
			expect(run.out).toBe(expected('fifo-e'));
			expect(run.statuses).toEqual([128 + 13]);
		});
	});

	it('mounts: host files, symlinks kept inside, FIFOs refused, read-only mounts', async () => {
		const run = await runFixture('mounts', {machine: {quantum, mounts: hostDirs(`q${quantum}`)}});
		expect(run.out).toBe(expected('mounts'));
		expect(run.statuses).toEqual([0]);
	});
});

/** A fresh pair of host directories laid out as mounts.wat expects. */
function hostDirs(name: string): MachineOptions['mounts'] {
	const base = join(temp, name);
	const host = join(base, 'host');
	const ro = join(base, 'ro');
	mkdirSync(join(host, 'sub'), {recursive: true});
	mkdirSync(ro);
	writeFileSync(join(base, 'secret'), 'secret\n');
	writeFileSync(join(host, 'hello.txt'), 'host file\n');
	writeFileSync(join(ro, 'ro.txt'), 'read-only\n');
	symlinkSync('hello.txt', join(host, 'in'));
	symlinkSync('sub/../hello.txt', join(host, 'subup'));
	symlinkSync('/etc/passwd', join(host, 'abs'));
	symlinkSync('../..', join(host, 'up'));
	execFileSync('mkfifo', [join(host, 'pipe')]);
	return [
		{host, guest: '/mnt', readOnly: false},
		{host: ro, guest: '/ro', readOnly: true},
	];
}
