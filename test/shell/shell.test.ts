/*
 * The shell as a user sees it: what commands print and the statuses they leave, builtins, programs,
 * jobs and the terminal's ^C and ^Z, run on a real machine with the shell as PID 1.
 */

import {describe, expect, it} from 'vitest';
import {settle, sh, startShell} from './helpers.js';

describe('commands and statuses', () => {
	it('runs lists, && and || with $?', async () => {
		const r = await sh('echo a; true && echo b || echo c; false || echo "d $?"; false && echo e; echo $?');
		expect(r).toEqual({out: 'a\nb\nd 1\n1\n', err: '', status: 0});
	});

	it('exits with the last status, or exit N', async () => {
		expect((await sh('false')).status).toBe(1);
		expect(await sh('exit 7; echo never')).toEqual({out: '', err: '', status: 7});
		expect((await sh('exit 300')).status).toBe(44);
	});

	it('expands variables, $0, positional parameters and $$', async () => {
		const r = await sh('X=1; Y="$X two"; echo $X "$Y" ${X}0; echo $0 $# "$1" $2; echo $$', {argv0: 'name', params: ['a b', 'c']});
		expect(r.out).toBe('1 1 two 10\nname 2 a b c\n1\n');
	});

	it('runs programs by path or through $PATH, with their exit status', async () => {
		const r = await sh('/bin/echo hello "big world"; /bin/status 7; echo $?; PATH=/bin; export PATH; echo found; status 3; echo $?');
		expect(r.out).toBe('hello big world\n7\nfound\n3\n');
	});

	it('says command not found with 127', async () => {
		const r = await sh('nope arg; echo $?; /bin/nope; echo $?');
		expect(r).toEqual({out: '127\n127\n', err: 'sh: nope: command not found\nsh: /bin/nope: no such file\n', status: 0});
	});

	it('gives programs the exported variables and the command\'s assignments', async () => {
		const r = await sh('A=1; B=2; export B C=3; D=4 /bin/env; unset B; /bin/env', {env: {HOME: '/home'}});
		// PATH=/bin is set at the shell's start (programs are found in the VFS's /bin).
		expect(r.out).toBe('PATH=/bin\nHOME=/home\nB=2\nC=3\nD=4\nPATH=/bin\nHOME=/home\nC=3\n');
	});

	it('reports a syntax error with a caret, sets 2 and goes on', async () => {
		const r = await sh('echo one\necho | | two\necho "three $?"');
		expect(r.out).toBe('one\nthree 2\n');
		expect(r.err).toBe("sh: line 2, column 8: syntax error: unexpected `|'\necho | | two\n       ^\n");
	});

	it('reads a quote or a trailing operator across lines', async () => {
		expect((await sh("echo 'a\nb' &&\necho c")).out).toBe('a\nb\nc\n');
		const open = await sh("echo 'never closed\nstill");
		expect(open.err).toBe("sh: line 1, column 6: syntax error: unterminated single quote\necho 'never closed\n     ^\n");
		expect(open.status).toBe(2);
	});
});

describe('redirections', () => {
	it('sends builtin and program output to /dev/null or the other fd', async () => {
		const r = await sh('echo gone >/dev/null; echo to-err 1>&2; /bin/warn hidden 2>/dev/null; /bin/echo shown 2>/dev/null; echo both 2>&1');
		expect(r).toEqual({out: 'shown\nboth\n', err: 'to-err\n', status: 0});
	});

	it('refuses a file it cannot open, and an fd above 2', async () => {
		const r = await sh('echo x > /no/such/out.txt; echo $?; echo y 3>&1');
		expect(r.out).toBe('1\n');
		expect(r.err).toBe('sh: /no/such/out.txt: No such file or directory\nsh: 3: only file descriptors 0, 1 and 2 can be redirected\n');
	});
});

describe('builtins', () => {
	it('has help for each of them', async () => {
		const r = await sh('help; help kill; help nope');
		for (const name of ['echo', 'env', 'export', 'unset', 'ps', 'kill', 'jobs', 'fg', 'bg', 'wait', 'history', 'exit', 'help', 'sched']) {
			expect(r.out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
		}
		expect(r.out).toMatch(/^kill \[-SIG \| -s SIG\] PID\|%N\.\.\..*\n  send a signal/m);
		expect(r.err).toBe('help: no builtin named nope\n');
		expect(r.status).toBe(1);
	});

	it('echo -n and -e', async () => {
		expect((await sh('echo -n a; echo -e "b\\tc\\n"')).out).toBe('ab\tc\n\n');
	});

	it('export lists, unset forgets', async () => {
		const r = await sh("export A='x y'; export; unset A; export; echo \"[$A]\"; export 1x");
		expect(r.out).toBe("export PATH='/bin'\nexport A='x y'\nexport PATH='/bin'\n[]\n");
		expect(r.err).toBe("export: `1x': not a valid name\n");
	});

	it('ps shows the shell as PID 1 and its jobs', async () => {
		const r = await sh('/bin/spin & ps; ps -l; kill %1');
		const lines = r.out.split('\n');
		expect(lines[0]).toMatch(/^PID\s+PPID\s+PGID\s+STATE\s+TIME\s+COMMAND$/);
		expect(lines[1]).toMatch(/^\s*1\s+0\s+1\s+RUNNING\+\s+\d+\s+sh$/);
		expect(lines[2]).toMatch(/^\s*2\s+1\s+2\s+READY\s+\d+\s+\/bin\/spin$/);
		expect(r.out).toMatch(/PRI\s+TIME\s+MEM\s+SYSCALLS\s+WAIT\s+COMMAND\n/);
	});

	it('sched shows the policy and sets it', async () => {
		const r = await sh('sched; sched rr 500; sched nope');
		expect(r.out).toMatch(/^policy rr, quantum 10000 instructions, clock .*\npolicy rr, quantum 500 instructions/);
		expect(r.err).toMatch(/^sched: unknown scheduling policy "nope"/);
	});

	it('history lists what was run', async () => {
		expect((await sh('echo a\necho b; history')).out).toBe('a\nb\n    1  echo a\n    2  echo b; history\n');
	});
});

describe('jobs', () => {
	it('runs a job in the background, lists it, kills it and waits for it', async () => {
		const r = await sh('/bin/spin & echo "pid $!"; jobs; kill %1; wait; echo "status $?"; jobs');
		expect(r.out).toBe('pid 2\n[1]+  Running                 /bin/spin &\nstatus 143\n');
	});

	it('stops and continues a background job', async () => {
		const r = await sh('/bin/spin & kill -STOP %1; jobs -l; bg %1; jobs; kill -9 %%; wait %1; echo $?');
		expect(r.out).toBe('[1]+  2 Stopped                 /bin/spin\n[1]+ /bin/spin &\n[1]+  Running                 /bin/spin &\n137\n');
	});

	it('runs an and-or list or a builtin in the background in a subshell', async () => {
		const r = await sh('echo a && /bin/echo b &\nwait; echo done');
		expect(r.out).toBe('a\nb\ndone\n');
	});

	it('reports bad job specs and pids', async () => {
		const r = await sh('fg; bg %3; kill %4; kill 99; kill -FOO 1; wait 55; echo $?');
		expect(r.err).toBe(
			['fg: no jobs', 'bg: no jobs', 'kill: %4: no jobs', 'kill: 99: no such process', 'kill: FOO: no such signal (kill -l lists them)', 'wait: pid 55 is not a child of this shell', ''].join('\n'),
		);
		expect(r.out).toBe('127\n');
	});

	it('names a bad job spec once, and says when a job has ended but is not yet reported', async () => {
		// echo ends in the background while the pipeline runs in the foreground.
		const r = await sh('/bin/echo x >/dev/null & kill %5; /bin/yes | /bin/head 5000 >/dev/null; kill %1; echo $?');
		expect(r.err).toBe('kill: %5: no such job\nkill: %1: job 1 has already ended\n');
		expect(r.out).toBe('1\n');
	});

	it('a non-interactive shell ends when its foreground job is interrupted', async () => {
		const run = await startShell({commands: '/bin/spin; echo after'});
		settle(run, undefined, 200_000);
		expect(run.kernel.machine().terminal.foreground).toBe(2);
		run.kernel.tty.input('\x03');
		const output = settle(run);
		expect(output.out).toBe('');
		expect(run.kernel.process(run.pid)?.exit?.status).toBe(130);
	});

	it('reaps orphans as PID 1', async () => {
		// The subshell runs spin in its own group; killing the subshell leaves spin to PID 1.
		const run = await startShell({commands: '/bin/echo x && /bin/spin &\n', interactive: true});
		run.kernel.tty.input('kill %1; kill 3\n');
		settle(run);
		run.kernel.tty.input('echo ok\n');
		const output = settle(run);
		expect(output.out).toContain('ok');
		expect(run.kernel.processes().map(p => `${p.pid} ${p.state}`)).toEqual(['1 BLOCKED']);
	});
});

describe('an interactive shell', () => {
	it('prompts, runs lines, and ends at end of input', async () => {
		const run = await startShell({interactive: true, env: {PS1: '% '}});
		const output = settle(run);
		expect(output.err).toBe('% ');
		run.kernel.tty.input('echo hi\n');
		settle(run, output);
		expect(output).toEqual({out: 'hi\n', err: '% % '});
		run.kernel.tty.input("echo 'two\n");
		settle(run, output);
		expect(output.err).toBe('% % > ');
		run.kernel.tty.input("lines'\n");
		run.kernel.tty.input('\x04');
		settle(run, output);
		expect(output.out).toBe('hi\ntwo\nlines\n');
		expect(run.kernel.process(run.pid)?.exit?.status).toBe(0);
	});

	it.each([
		['^C', '\x03'],
		['^Z', '\x1a'],
	])('survives %s at the prompt, which drops what was typed and prompts again', async (_, key) => {
		const run = await startShell({interactive: true});
		const output = settle(run);
		run.kernel.tty.input(`echo ha${key}`);
		run.kernel.tty.input("echo 'open\n");
		settle(run, output);
		run.kernel.tty.input(key);
		run.kernel.tty.input('echo ok\n');
		settle(run, output);
		expect(output).toEqual({out: 'ok\n', err: '$ $ > $ $ '});
		expect(run.kernel.process(run.pid)?.state).toBe('BLOCKED');
	});

	it('^Z stops the foreground job, fg continues it, ^C ends it', async () => {
		const run = await startShell({interactive: true});
		const output = settle(run);
		run.kernel.tty.input('/bin/spin\n');
		settle(run, output, 200_000);
		expect(run.kernel.process(2)).toMatchObject({state: 'RUNNING', foreground: true});
		run.kernel.tty.input('\x1a');
		settle(run, output);
		expect(output.err).toContain('\n[1]+  Stopped                 /bin/spin\n$ ');
		expect(run.kernel.process(2)?.state).toBe('STOPPED');
		run.kernel.tty.input('echo $?; fg\n');
		settle(run, output, 200_000);
		expect(output.out).toBe('148\n/bin/spin\n');
		expect(run.kernel.process(2)).toMatchObject({state: 'RUNNING', foreground: true});
		run.kernel.tty.input('\x03');
		run.kernel.tty.input('echo $?\n');
		settle(run, output);
		expect(output.out).toBe('148\n/bin/spin\n130\n');
		expect(run.kernel.process(2)).toBeNull();
	});

	it('reports background jobs that ended at the next prompt', async () => {
		const run = await startShell({interactive: true});
		const output = settle(run);
		run.kernel.tty.input('/bin/status 3 &\n');
		settle(run, output);
		expect(output.err).toBe('$ [1] 2\n$ ');
		run.kernel.tty.input('\n');
		settle(run, output);
		expect(output.err).toBe('$ [1] 2\n$ [1]+  Exit 3                  /bin/status 3\n$ ');
	});
});
