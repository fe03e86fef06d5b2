/*
 * The builtins that show or change the machine as a user sees them: pstree, ps -l, nice, renice,
 * limits, strace, mem, clear and asm, each with its `help`; and the shell's own ${X:?} errors.
 */

import {describe, expect, it} from 'vitest';
import {loadProgram} from '../../source/kernel/kernel.js';
import {settle, sh, startShell, type ShellRun} from './helpers.js';

/** Types a line into an interactive shell and runs until it is back at its prompt. */
function type(run: ShellRun, line: string) {
	run.kernel.tty.input(`${line}\n`);
	return settle(run);
}

describe('help', () => {
	it('has a usage line and a paragraph for each new builtin', async () => {
		for (const name of ['pstree', 'nice', 'renice', 'limits', 'strace', 'mem', 'clear', 'asm']) {
			const r = await sh(`help ${name}`);
			const lines = r.out.split('\n');
			expect(lines[0], name).toMatch(new RegExp(`^${name}( |$)`));
			expect(lines.length, name).toBeGreaterThan(3);
			expect((await sh('help')).out).toContain(`  ${lines[0]}`);
		}
	});
});

describe('ps and pstree', () => {
	it('ps -l shows state, priority, instructions, memory and syscalls', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		type(run, '/bin/pages &');
		run.kernel.tick(200_000);
		const out = type(run, 'ps -l').out.split('\n');
		expect(out[0].split(/ +/)).toEqual(['PID', 'PPID', 'PGID', 'STATE', 'PRI', 'TIME', 'MEM', 'SYSCALLS', 'WAIT', 'COMMAND']);
		const pages = out.find(line => line.endsWith('/bin/pages'))!.trim().split(/ +/);
		expect(pages[3]).toBe('READY');
		expect(pages[4]).toBe('0');
		expect(Number(pages[5])).toBeGreaterThan(10_000);
		expect(pages[6]).toBe('256K');
	});

	it('pstree draws parents above their children', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		type(run, '/bin/spin & /bin/yes | /bin/spin & /bin/spin x y &');
		run.kernel.tick(100_000);
		// The background pipeline runs in a subshell (3); yes waits for room in the pipe spin never reads.
		expect(type(run, 'pstree').out).toBe('1 sh\n├─ 2 spin\n├─ 3 sh (blocked)\n│  ├─ 5 yes (blocked)\n│  └─ 6 spin\n└─ 4 spin\n');
		expect(type(run, 'pstree -a 4').out).toBe('4 /bin/spin x y\n');
		expect(type(run, 'pstree 99').err).toBe('pstree: 99: no such process\n$ ');
		// A background list runs in a subshell: its programs are the subshell's children.
		type(run, 'kill %1 %2 %3; /bin/spin && true &');
		run.kernel.tick(100_000);
		// pstree itself runs in a subshell (9) beside upper (10), both children of the shell.
		expect(type(run, 'pstree | /bin/upper').out).toBe('1 SH (BLOCKED)\n├─ 7 SH (BLOCKED)\n│  └─ 8 SPIN\n├─ 9 SH\n└─ 10 UPPER\n');
	});
});

describe('nice and renice', () => {
	it('starts a program with its priority raised by N (10 by default), within -20..19', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		type(run, 'nice /bin/spin & nice -n -5 /bin/spin & nice -n 50 /bin/spin & nice -3 /bin/spin &');
		const priorities = run.kernel.processes().filter(p => p.name === 'spin').map(p => p.priority);
		expect(priorities).toEqual([10, -5, 19, 3]);
		expect(type(run, 'nice; nice -x').err).toContain('nice: -x: no such option\n');
	});

	it('renice sets the priority of running processes and of a job', async () => {
		const r = await sh('/bin/spin & /bin/spin & renice 7 2; renice -n -2 %2; renice 40 2; renice x; ps -l | /bin/head 4; kill %1 %2');
		expect(r.out).toContain('2: old priority 0, new priority 7\n3: old priority 0, new priority -2\n');
		expect(r.out).toMatch(/\n +2 +1 +2 +READY +7 /);
		expect(r.out).toMatch(/\n +3 +1 +3 +READY +-2 /);
		expect(r.err).toBe('renice: priority must be a whole number from -20 to 19, got 40\nrenice: usage: renice [-n] N PID|%N...\n');
	});
});

describe('limits', () => {
	it('shows and sets the limits of later spawns, and a live process\'s', async () => {
		const r = await sh('limits memory 1M fuel 300000; limits | /bin/head 2; /bin/spin & limits $! | /bin/head 2; wait; echo "spin: $?"; limits fuel default; limits | /bin/head 2');
		expect(r.out).toBe('memory     1M  (set)\nfuel       300000  (set)\nmemory     1M\nfuel       300000\nspin: 137\nmemory     1M  (set)\nfuel       none\n');
		expect(r.err).toBe('');
	});

	it('applies a memory cap: a module that needs more cannot start', async () => {
		const r = await sh('limits memory 128K; /bin/pages; echo $?');
		expect(r.out).toBe('137\n');
		expect(r.err).toMatch(/memory limit/);
	});

	it('changes a running process: its fuel runs out', async () => {
		const r = await sh('/bin/spin & limits $! fuel 500000; wait; echo $?; limits $! fuel 1');
		expect(r.out).toBe('137\n');
		expect(r.err).toMatch(/^limits: no process \d+/);
	});

	it('refuses what it cannot do, naming it', async () => {
		const r = await sh('limits memory 1G; limits nope 3; limits memory lots; limits fuel; /bin/spin & limits $! callDepth 5; kill %1');
		expect(r.err).toBe(
			[
				"limits: memory 1G is above the shell's own 256M: its programs cannot get more",
				'limits: nope: no such limit (memory, fuel, syscalls, fds, callDepth, procs, allow)',
				'limits: memory: "lots" is not a size (16M, 512K, 65536)',
				'limits: a value is needed after fuel',
				'limits: the callDepth limit is fixed when a process starts: set it for later spawns',
				'',
			].join('\n'),
		);
	});
});

describe('strace', () => {
	it('prints the syscalls of a traced command on the terminal, filtered by name', async () => {
		const r = await sh('strace /bin/echo hi > /tmp/out; strace filter fd_write; strace /bin/echo two; strace filter; strace');
		expect(r.out).toBe('two\ntraced: nothing\ncalls shown: all\n');
		const lines = r.err.split('\n');
		expect(lines[0]).toMatch(/^\[pid 2\] args_sizes_get\(/);
		expect(r.err).toContain('[pid 2] fd_write(fd=1, iovs=[');
		expect(r.err).toContain('"hi\\n"');
		// Filtered: the second echo shows only its fd_write.
		expect(lines.filter(l => l.startsWith('[pid 3]'))).toEqual([expect.stringMatching(/^\[pid 3\] fd_write\(.*"two\\n".* = 0$/)]);
	});

	it('says a builtin has no syscalls to trace, and runs it', async () => {
		const r = await sh('strace echo hi; strace echo quiet 2>/dev/null; nice -n 1 strace pwd');
		expect(r.out).toBe('hi\nquiet\n/\n');
		const message = (name: string) => `strace: ${name} is a shell builtin: it runs inside the shell, not as a process, so it makes no syscalls to show\n`;
		expect(r.err).toBe(message('echo') + message('pwd'));
	});

	it('turns tracing on and off for a running process', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		type(run, '/bin/spin &');
		expect(type(run, 'strace on 2; strace').out).toBe('traced: 2 spin\ncalls shown: all\n');
		expect(type(run, 'strace off all; strace').out).toBe('traced: nothing\ncalls shown: all\n');
		expect(type(run, 'strace on 99; strace -x').err).toBe('strace: no process 99\nstrace: usage: strace [COMMAND... | on|off PID|%N|all... | filter [NAME...]]\n$ ');
		// A word that is not on, off or filter is a command to run traced.
		expect(type(run, 'strace sideways').err).toBe('sh: sideways: command not found\n$ ');
	});
});

describe('mem', () => {
	it('maps a process\'s pages: which hold data, and which it writes and reads once watched', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		type(run, '/bin/pages &');
		run.kernel.tick(100_000);
		expect(type(run, 'mem 2').out).toBe('pid 2 pages: 4 pages of 64 KiB (256K), peak 4, cap 4096 (256M)\n# holds data  . all zeros\n0x00000000  #.#.\n2 of 4 pages hold data\n');
		// Watching from now: the program is in its endless loop and touches nothing more.
		const watched = type(run, 'mem -w 2').out.split('\n');
		expect(watched[1]).toBe('# holds data  . all zeros  W written  R read (since watching began)');
		expect(watched[3]).toBe('2 of 4 pages hold data; 0 written, 0 only read since watching began');
		type(run, 'mem -W 2');
		expect(type(run, 'mem 1').out).toBe('pid 1 sh: 0 pages of 64 KiB (0), peak 0, cap 4096 (256M)\nit has no linear memory\n');
		expect(type(run, 'mem 99; mem').err).toBe('mem: 99: no such process\nmem: usage: mem [-w | -W] PID\n$ ');
	});

	it('shows W and R for pages written and read after watching began', async () => {
		const run = await startShell({interactive: true});
		settle(run);
		// Stopped before it runs, watched, then let go: its store and load are seen.
		type(run, '/bin/pages & kill -STOP $!; mem -w $! > /dev/null; kill -CONT $!');
		run.kernel.tick(100_000);
		expect(type(run, 'mem 2').out.split('\n')[2]).toBe('0x00000000  #.WR');
	});
});

describe('clear', () => {
	it('asks the host to clear the screen only when its output is the terminal', async () => {
		const run = await startShell({commands: 'clear; clear > /tmp/x; clear | /bin/cat; echo $?'});
		expect(settle(run)).toEqual({out: '0\n', err: ''});
		expect(run.host.cleared).toBe(1);
	});
});

describe('asm', () => {
	it('assembles a .wat file of the file system into a .wasm beside it, or where -o says', async () => {
		const run = await startShell({commands: 'asm /tmp/ok.wat; asm /tmp/ok.wat -o /tmp/other.wasm; echo $?'});
		run.kernel.fs.writeFile('/tmp/ok.wat', '(module (func (export "_start")))');
		const out = settle(run);
		expect(out.out).toMatch(/^\/tmp\/ok\.wasm: \d+ bytes\n\/tmp\/other\.wasm: \d+ bytes\n0\n$/);
		const bytes = run.kernel.fs.readFile('/tmp/ok.wasm');
		expect([...bytes.slice(0, 4)]).toEqual([0, 0x61, 0x73, 0x6d]);
		expect(loadProgram(bytes, 'ok').module.exports.map(e => e.name)).toEqual(['_start']);
	});

	it('prints an error as FILE:LINE:COLUMN with the line and a caret, and writes nothing', async () => {
		const run = await startShell({commands: 'asm /tmp/bad.wat; echo $?; asm /tmp/none.wat; asm'});
		run.kernel.fs.writeFile('/tmp/bad.wat', '(module\n  (func\n    i32.bogus))\n');
		const out = settle(run);
		expect(out.out).toBe('1\n');
		expect(out.err).toBe(
			'/tmp/bad.wat:3:5: error: unexpected token i32.bogus, expected ).\n    i32.bogus))\n    ^\nasm: /tmp/none.wat: No such file or directory\nasm: usage: asm FILE.wat [-o FILE.wasm]\n',
		);
		expect(() => run.kernel.fs.stat('/tmp/bad.wasm')).toThrow();
	});

	it('names a binary module as one, and shows no excerpt of a line that is not text', async () => {
		const run = await startShell({commands: 'asm /bin/cat; echo $?; asm /tmp/junk.wat; echo $?'});
		run.kernel.fs.writeFile('/tmp/junk.wat', new Uint8Array([0x01, 0x02, 0x61, 0x0a]));
		const out = settle(run);
		expect(out.out).toBe('1\n1\n');
		expect(out.err).toBe(
			'asm: /bin/cat: a binary module already (it starts with \\0asm); asm reads WebAssembly text\n' +
				'/tmp/junk.wat:1:1: error: unexpected char\n/tmp/junk.wat:1:2: error: unexpected char\n' +
				'/tmp/junk.wat:1:3: error: unexpected token "a", expected a module field or a module.\n',
		);
	});
});

describe('expansion errors', () => {
	it('prints ${X:?message}, does not run the command, and goes on with status 1', async () => {
		expect(await sh('echo ${Z:?is needed}; echo "after $?"; echo ${Z:-fine}')).toEqual({out: 'after 1\nfine\n', err: 'sh: Z: is needed\n', status: 0});
	});
});
