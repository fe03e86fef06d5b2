/*
 * Pipelines over kernel pipes and redirections to VFS files, with the programs of fixtures/shell:
 * stages run at once under the scheduler, more data than a pipe holds flows through (the writer
 * waits for room), end of file reaches each reader when its writer exits, a writer whose reader
 * has gone ends by the PIPE signal, and the pipeline's status is its last stage's.
 */

import {describe, expect, it} from 'vitest';
import {PIPE_CAPACITY} from '../../source/kernel/vfs/pipes.js';
import {settle, sh, startShell} from './helpers.js';

describe('pipelines', () => {
	it('runs three programs joined by pipes', async () => {
		const r = await sh('echo "one two" | /bin/upper | /bin/cat; /bin/echo a b | /bin/upper | /bin/lines');
		expect(r).toEqual({out: 'ONE TWO\n1\n', err: '', status: 0});
	});

	it('moves more than a pipe holds through three stages, and ends each reader at end of file', async () => {
		// 100,000 lines of "y\n": three times a pipe's capacity, through every pipe of the pipeline.
		expect(200_000).toBeGreaterThan(3 * PIPE_CAPACITY);
		const r = await sh('/bin/yes | /bin/head 100000 | /bin/upper | /bin/lines; echo $?');
		expect(r).toEqual({out: '100000\n0\n', err: '', status: 0});
	});

	it('ends a writer whose reader has gone with the PIPE signal, silently', async () => {
		const r = await sh('/bin/yes | /bin/head 3; echo "status $?"');
		expect(r).toEqual({out: 'y\ny\ny\nstatus 0\n', err: '', status: 0});
	});

	it('runs the stages at once, and yes ends by PIPE (EPIPE) once head has exited', async () => {
		const run = await startShell({commands: '/bin/yes | /bin/head 2'});
		const out = settle(run);
		expect(out).toEqual({out: 'y\ny\n', err: ''});
		const events = run.kernel.events();
		const names = new Map(events.flatMap(e => (e.type === 'spawn' ? [[e.pid, e.name] as const] : [])));
		const yes = [...names].find(([, name]) => name === 'yes')![0];
		const head = [...names].find(([, name]) => name === 'head')![0];
		const exits = events.flatMap(e => (e.type === 'exit' ? [[names.get(e.pid), e.reason] as const] : []));
		expect(exits).toContainEqual(['head', {kind: 'exit', code: 0}]);
		expect(exits).toContainEqual(['yes', {kind: 'signal', signal: 'PIPE'}]);
		// Both were started before either ended.
		const spawnedYes = events.findIndex(e => e.type === 'spawn' && e.pid === yes);
		const spawnedHead = events.findIndex(e => e.type === 'spawn' && e.pid === head);
		const firstExit = events.findIndex(e => e.type === 'exit' && (e.pid === yes || e.pid === head));
		expect(Math.max(spawnedYes, spawnedHead)).toBeLessThan(firstExit);
	});

	it("takes the last stage's status", async () => {
		expect((await sh('/bin/echo x | /bin/status 3')).status).toBe(3);
		expect((await sh('/bin/status 3 | /bin/cat')).status).toBe(0);
	});

	it('runs a builtin as a stage in a subshell', async () => {
		const r = await sh('echo hello | /bin/upper; X=1 | /bin/lines');
		expect(r).toEqual({out: 'HELLO\n0\n', err: '', status: 0});
	});

	it('refuses a pipeline with a stage that is not found, before starting any', async () => {
		const r = await sh('/bin/yes | nosuch | /bin/cat');
		expect(r).toEqual({out: '', err: 'sh: nosuch: command not found\n', status: 127});
	});
});

describe('redirections to files', () => {
	it('writes with > and >>, reads with <, and cat shows the file', async () => {
		const r = await sh('/bin/echo first > /tmp/f; echo second >> /tmp/f; /bin/echo third | /bin/upper >> /tmp/f; /bin/cat < /tmp/f; /bin/upper < /tmp/f | /bin/lines');
		expect(r).toEqual({out: 'first\nsecond\nTHIRD\n3\n', err: '', status: 0});
	});

	it('truncates with >, sends fd 2 with 2> and 2>&1', async () => {
		const r = await sh(
			'/bin/echo long-long-line > /tmp/g; /bin/echo short > /tmp/g; /bin/warn oops 2> /tmp/e; /bin/warn both > /tmp/b 2>&1; /bin/cat < /tmp/g; /bin/cat < /tmp/e; /bin/cat < /tmp/b',
		);
		expect(r).toEqual({out: 'short\noops\nboth\n', err: '', status: 0});
	});

	it('sends a pipeline stage\'s errors into the pipe with 2>&1', async () => {
		const r = await sh('/bin/warn a b 2>&1 | /bin/upper');
		expect(r).toEqual({out: 'A B\n', err: '', status: 0});
	});

	it('reports a file it cannot read', async () => {
		const r = await sh('/bin/cat < /tmp/none; echo $?');
		expect(r).toEqual({out: '1\n', err: 'sh: /tmp/none: No such file or directory\n', status: 0});
	});
});
