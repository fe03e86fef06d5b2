/*
 * Pipelines over kernel pipes and redirections to VFS files, with the programs of fixtures/shell:
 * stages run at once under the scheduler, more data than a pipe holds flows through (the writer
 * waits for room), end of file reaches each reader when its writer exits, a writer whose reader
 * has gone ends by the PIPE signal, and the pipeline's status is its last stage's. Builtins in a
 * pipeline are processes too (subshells) whose writes wait for the pipe like a program's.
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

	it('runs the other stages when one is not found, with 127 for that one only', async () => {
		// The missing stage's subshell says so and ends: yes then gets PIPE, cat end of file.
		expect(await sh('/bin/yes | nosuch | /bin/cat; echo $?')).toEqual({out: '0\n', err: 'sh: nosuch: command not found\n', status: 0});
		expect(await sh('/bin/echo hi | nosuch')).toEqual({out: '', err: 'sh: nosuch: command not found\n', status: 127});
		expect(await sh('nosuch 2>/dev/null | /bin/upper; echo $?')).toEqual({out: '0\n', err: '', status: 0});
		expect(await sh('/bin/echo kept | /bin/cat | nosuch | /bin/lines')).toEqual({out: '0\n', err: 'sh: nosuch: command not found\n', status: 0});
		// A path that names no file: the same, with the kernel's words.
		const byPath = await sh('/bin/echo hi | /nope/x; echo $?; /bin/echo hi | /nope/x 2>/dev/null | /bin/lines');
		expect(byPath.out).toBe('127\n0\n');
		expect(byPath.err).toMatch(/^sh: \/nope\/x: [^\n]+\n$/);
	});
});

describe('builtins in pipelines', () => {
	it('runs them as processes of their own, scheduled like the programs', async () => {
		const run = await startShell({commands: 'echo hi | cat | /bin/upper'});
		expect(settle(run)).toEqual({out: 'HI\n', err: ''});
		// Two subshells (echo, cat) and upper, all started before any ended.
		const events = run.kernel.events();
		const spawned = events.filter(e => e.type === 'spawn' && e.ppid === run.pid);
		expect(spawned.map(e => (e.type === 'spawn' ? e.name : ''))).toEqual(['sh', 'sh', 'upper']);
		const lastSpawn = events.indexOf(spawned[2]);
		expect(events.findIndex(e => e.type === 'exit' && e.pid !== run.pid)).toBeGreaterThan(lastSpawn);
	});

	it('lets a builtin write more than a pipe holds: it waits for the reader and loses nothing', async () => {
		// 300,000 bytes of "y\n" from cat (a builtin) through a pipe of PIPE_CAPACITY bytes.
		expect(300_000).toBeGreaterThan(4 * PIPE_CAPACITY);
		const r = await sh('/bin/yes | /bin/head 150000 > /tmp/big; cat /tmp/big | /bin/lines; cat /tmp/big | cat | cat | /bin/lines; help | cat | /bin/lines');
		const helpLines = (await sh('help')).out.split('\n').length - 1;
		expect(r).toEqual({out: `150000\n150000\n${helpLines}\n`, err: '', status: 0});
	});

	it('blocks a builtin on a full pipe until the reader reads (the writer is seen waiting)', async () => {
		const run = await startShell({commands: '/bin/yes | /bin/head 100000 > /tmp/big; cat /tmp/big | /bin/spin'});
		settle(run, undefined, 5_000_000);
		const cat = run.kernel.processes().find(p => p.name === 'sh' && p.pid !== run.pid);
		expect(cat?.state).toBe('BLOCKED');
		expect(cat?.blockedOn).toMatch(/^write pipe:\[\d+\]$/);
	});

	it('ends a builtin whose reader has gone with PIPE, and the pipeline takes the last status', async () => {
		const r = await sh('/bin/yes | /bin/head 100000 > /tmp/big; cat /tmp/big | /bin/head 1; echo $?; cat /tmp/big | /bin/status 4; echo $?');
		expect(r).toEqual({out: 'y\n0\n4\n', err: '', status: 0});
	});

	it('filters ps through a program, and copies standard input with cat', async () => {
		const r = await sh('/bin/spin & ps | /bin/upper | /bin/cat; kill %1');
		expect(r.out).toMatch(/^PID +PPID +PGID +STATE +TIME +COMMAND\n/);
		expect(r.out).toMatch(/\/BIN\/SPIN\n/);
		expect(await sh('echo one | cat - | cat; cat < /etc/motd | /bin/lines; echo x | cat -; echo y | cat - /etc/motd')).toEqual({
			out: 'one\n1\nx\n',
			err: 'cat: - (the standard input) cannot be mixed with files\n',
			status: 2,
		});
	});

	it('runs cat at the prompt as a job of its own that reads the terminal: ^D ends it, ^C interrupts it', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		run.kernel.tty.input('cat\n');
		settle(run);
		const cat = run.kernel.processes().find(p => p.pid !== run.pid && p.state !== 'ZOMBIE');
		expect(cat).toMatchObject({name: 'sh', foreground: true, blockedOn: 'read /dev/tty'});
		run.kernel.tty.input('typed\n\x04');
		expect(settle(run)).toEqual({out: 'typed\n', err: '$ '});
		run.kernel.tty.input('cat -; echo "status $?"\n');
		settle(run);
		run.kernel.tty.input('\x03');
		expect(settle(run)).toEqual({out: 'status 130\n', err: '$ '});
	});

	it('keeps bytes that are not UTF-8 as they are through cat', async () => {
		const run = await startShell({commands: 'cat < /tmp/bin | /bin/cat > /tmp/copy'});
		run.kernel.fs.writeFile('/tmp/bin', new Uint8Array([0xff, 0x00, 0xc3, 0x0a, 0x80]));
		settle(run);
		expect([...run.kernel.fs.readFile('/tmp/copy')]).toEqual([0xff, 0x00, 0xc3, 0x0a, 0x80]);
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
