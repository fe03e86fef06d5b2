/*
 * The wasmos ABI from WAT: every call, its results and its errors, as a program sees them (its exit
 * status, its output) and as the event log shows them.
 */

import {describe, expect, it} from 'vitest';
import {SpawnError} from '../../source/kernel/kernel.js';
import {abiMachine, exits, install, program, results, runToEnd, SPIN, wasmosCalls} from './helpers.js';

/** spawn of the path at 1024 (length `len`) with argv at 2048 (argc 1) and the given envp/fds pointers. */
const spawnAt = (len: number, envp = 0, envc = 0, fds = 0) =>
	`(call $spawn (i32.const 1024) (i32.const ${len}) (i32.const 2048) (i32.const 1) (i32.const ${envp}) (i32.const ${envc}) (i32.const ${fds}))`;

const path = (p: string) => ({1024: p, 1500: 'child\0', 2048: [1500]});

describe('spawn and wait', () => {
	it('spawn runs a program file as a child; wait blocks until it ends and reports its status', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/seven', exits(7));
		await install(
			kernel,
			'/bin/parent',
			program(
				`(local $pid i32)
				(local.set $pid ${spawnAt(10)})
				(if (i32.ne (call $wait (local.get $pid) (i32.const 4000) (i32.const 0)) (local.get $pid)) (then (call $exit (i32.const 99))))
				;; exit with status + 10 * reason + 100 * detail (7 + 0 + 700)
				(call $exit (i32.add (i32.load (i32.const 4000)) (i32.add (i32.mul (i32.load (i32.const 4004)) (i32.const 10)) (i32.mul (i32.load (i32.const 4008)) (i32.const 100)))))`,
				path('/bin/seven'),
			),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel);
		expect(kernel.wait(pid)?.status).toBe(707 & 0xff);
		const child = pid + 1;
		expect(results(kernel, pid)).toEqual([`spawn → ${child}`, `wait → ${child}`]);
		const [spawn, wait] = wasmosCalls(kernel, pid);
		expect(spawn.args).toBe('path="/bin/seven", argv=["child"], env=inherit, fds=inherit');
		expect(wait.args).toBe(`pid=${child}, options=0 → status 7 (exit 7)`);
		expect(wait.blockedFor).toBeGreaterThan(0);
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'reap', pid: child, by: pid}));
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'spawn', pid: child, ppid: pid, name: 'seven', argv: ['child']}));
	});

	it('wait(-1) reaps any child; WNOHANG answers 0 while none has ended; ECHILD with no children left', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/spin', SPIN);
		await install(
			kernel,
			'/bin/parent',
			program(
				`(local $pid i32)
				(local.set $pid ${spawnAt(9)})
				(drop (call $wait (i32.const -1) (i32.const 4000) (i32.const 1)))
				(drop (call $kill (local.get $pid) (i32.const 9)))
				(drop (call $wait (i32.const -1) (i32.const 4000) (i32.const 0)))
				(drop (call $wait (i32.const -1) (i32.const 0) (i32.const 0)))
				(drop (call $wait (i32.const -1) (i32.const 0) (i32.const 4)))
				(call $exit (i32.load (i32.const 4000)))`,
				path('/bin/spin'),
			),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel);
		expect(kernel.wait(pid)?.status).toBe(137);
		expect(results(kernel, pid)).toEqual([`spawn → ${pid + 1}`, 'wait → 0', 'kill → 0', `wait → ${pid + 1}`, 'wait → ECHILD', 'wait → EINVAL']);
		expect(wasmosCalls(kernel, pid)[3].args).toBe('pid=-1, options=0 → status 137 (signal 9)');
	});

	it('wait for a process that is not a child is ECHILD; a bad status pointer is EFAULT before anything is reaped', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/seven', exits(7));
		await install(
			kernel,
			'/bin/parent',
			program(
				`(local $pid i32)
				(local.set $pid ${spawnAt(10)})
				(drop (call $wait (i32.const 1) (i32.const 0) (i32.const 0)))
				(drop (call $wait (local.get $pid) (i32.const 65530) (i32.const 0)))
				(drop (call $wait (local.get $pid) (i32.const 4000) (i32.const 0)))`,
				path('/bin/seven'),
			),
		);
		const other = kernel.spawn({path: '/bin/seven'});
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel);
		expect(other).toBe(1);
		expect(results(kernel, pid)).toEqual([`spawn → ${pid + 1}`, 'wait → ECHILD', 'wait → EFAULT', `wait → ${pid + 1}`]);
		expect(wasmosCalls(kernel, pid)[1].args).toBe('pid=1, options=0 (process 1 is not a child of process 2)');
	});

	it('spawn errors: no such file, a directory, not a module, a bad fd, a bad env entry, a bad pointer', async () => {
		const kernel = abiMachine();
		kernel.fs.writeFile('/tmp/text', 'not wasm');
		await install(kernel, '/bin/seven', exits(7));
		await install(
			kernel,
			'/bin/parent',
			program(
				`(drop ${spawnAt(9)})
				(drop (call $spawn (i32.const 1100) (i32.const 4) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
				(drop (call $spawn (i32.const 1200) (i32.const 9) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
				(drop (call $spawn (i32.const 1300) (i32.const 10) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 3000)))
				(drop (call $spawn (i32.const 1300) (i32.const 10) (i32.const 2048) (i32.const 1) (i32.const 2100) (i32.const 1) (i32.const 0)))
				(drop (call $spawn (i32.const 1300) (i32.const 10) (i32.const 2200) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
				(drop (call $spawn (i32.const 1300) (i32.const 10) (i32.const 2048) (i32.const 100000) (i32.const 0) (i32.const 0) (i32.const 0)))`,
				{1024: '/bin/nope', 1100: '/tmp', 1200: '/tmp/text', 1300: '/bin/seven', 1500: 'child\0', 1600: 'NOEQUALS\0', 2048: [1500], 2100: [1600], 2200: [70000], 3000: [0, 9, 2]},
			),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel);
		expect(results(kernel, pid)).toEqual(['spawn → ENOENT', 'spawn → EISDIR', 'spawn → ENOEXEC', 'spawn → EBADF', 'spawn → EINVAL', 'spawn → EFAULT', 'spawn → E2BIG']);
		const args = wasmosCalls(kernel, pid).map(e => e.args);
		expect(args[0]).toMatch(/\(\/bin\/nope: no such file\)$/);
		expect(args[3]).toMatch(/fds=\[0, 9, 2\] \(stdio names fd 9, which the parent has not open\)$/);
		expect(kernel.processes().map(p => p.pid)).toEqual([pid]);
	});

	it('a child gets the environment and fds the parent names, or inherits them', async () => {
		const kernel = abiMachine();
		// The child writes its first environment entry to fd 1.
		await install(
			kernel,
			'/bin/env1',
			`(module
				(import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
				(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
				(memory (export "memory") 1)
				(func (export "_start")
					(drop (call $environ_get (i32.const 0) (i32.const 100)))
					(i32.store (i32.const 16) (i32.const 100))
					(i32.store (i32.const 20) (i32.const 6))
					(drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))))`,
		);
		await install(
			kernel,
			'/bin/parent',
			program(
				`(drop (call $wait ${spawnAt(9, 2100, 1)} (i32.const 0) (i32.const 0)))
				(drop (call $wait ${spawnAt(9)} (i32.const 0) (i32.const 0)))
				(drop (call $wait ${spawnAt(9, 0, 0, 3000)} (i32.const 0) (i32.const 0)))`,
				{1024: '/bin/env1', 1500: 'env1\0', 1600: 'MINE=1\0', 2048: [1500], 2100: [1600], 3000: [0, -1, 2]},
			),
		);
		kernel.spawn({path: '/bin/parent', env: {HOME: '/x'}});
		// The third child's fd 1 is /dev/null.
		expect(runToEnd(kernel).out).toBe('MINE=1HOME=/');
	});
});

describe('kill', () => {
	it('signals itself and its descendants; EPERM for its parent, ESRCH for nobody, EINVAL for no signal', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/spin', SPIN);
		// The child tries to kill its parent (EPERM), then checks itself with signal 0.
		await install(
			kernel,
			'/bin/rebel',
			program(`(drop (call $kill (call $getppid) (i32.const 9))) (drop (call $kill (call $getpid) (i32.const 0))) (call $exit (i32.const 3))`),
		);
		await install(
			kernel,
			'/bin/parent',
			program(
				`(local $pid i32)
				(drop (call $wait ${spawnAt(10)} (i32.const 0) (i32.const 0)))
				(local.set $pid (call $spawn (i32.const 1100) (i32.const 9) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0)))
				(drop (call $kill (local.get $pid) (i32.const 99)))
				(drop (call $kill (i32.const 999) (i32.const 15)))
				(drop (call $kill (i32.const 0) (i32.const 15)))
				(drop (call $kill (local.get $pid) (i32.const 15)))
				(drop (call $wait (local.get $pid) (i32.const 4000) (i32.const 0)))
				(drop (call $kill (call $getpid) (i32.const 15)))
				(call $exit (i32.const 0))`,
				{1024: '/bin/rebel', 1100: '/bin/spin', 1500: 'x\0', 2048: [1500]},
			),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel);
		expect(results(kernel, pid + 1)).toEqual([`getppid → ${pid}`, 'kill → EPERM', `getpid → ${pid + 1}`, 'kill → 0']);
		expect(wasmosCalls(kernel, pid + 1)[1].args).toBe(`pid=${pid}, sig=KILL (process ${pid + 1} may not signal process ${pid}: only itself and its descendants)`);
		expect(results(kernel, pid)).toEqual([`spawn → ${pid + 1}`, `wait → ${pid + 1}`, `spawn → ${pid + 2}`, 'kill → EINVAL', 'kill → ESRCH', 'kill → EINVAL', 'kill → 0', `wait → ${pid + 2}`, `getpid → ${pid}`, 'kill → 0']);
		expect(kernel.wait(pid)).toMatchObject({status: 143, reason: {kind: 'signal', signal: 'TERM'}});
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'signal', pid: pid + 2, signal: 'TERM', from: pid}));
	});

	it('may signal a grandchild', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/spin', SPIN);
		// The middle process spawns a spinner and waits for it; the top kills the grandchild.
		await install(kernel, '/bin/middle', program(`(drop (call $wait ${spawnAt(9)} (i32.const 0) (i32.const 0)))`, path('/bin/spin')));
		await install(
			kernel,
			'/bin/top',
			program(
				`(local $mid i32)
				(local.set $mid ${spawnAt(11)})
				(drop (call $sleep (i64.const 1000000)))
				(drop (call $kill (i32.add (local.get $mid) (i32.const 1)) (i32.const 9)))
				(drop (call $wait (local.get $mid) (i32.const 0) (i32.const 0)))`,
				path('/bin/middle'),
			),
		);
		const pid = kernel.spawn({path: '/bin/top'});
		runToEnd(kernel);
		expect(results(kernel, pid)).toEqual([`spawn → ${pid + 1}`, 'sleep → 0', 'kill → 0', `wait → ${pid + 1}`]);
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'exit', pid: pid + 2, status: 137}));
	});
});

describe('pipe, dup2, sleep, yield, priorities', () => {
	it('pipe gives two fds; dup2 points fd 1 into the pipe; a child reads it', async () => {
		const kernel = abiMachine();
		// cat-like child: copies fd 0 to fd 1 until end of file.
		await install(
			kernel,
			'/bin/copy',
			program(`(local $n i32)
				(i32.store (i32.const 16) (i32.const 100))
				(i32.store (i32.const 20) (i32.const 64))
				(block $done (loop $l
					(drop (call $fd_read (i32.const 0) (i32.const 16) (i32.const 1) (i32.const 24)))
					(br_if $done (i32.eqz (i32.load (i32.const 24))))
					(i32.store (i32.const 20) (i32.load (i32.const 24)))
					(drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
					(i32.store (i32.const 20) (i32.const 64))
					(br $l)))`),
		);
		await install(
			kernel,
			'/bin/parent',
			program(
				`(local $child i32)
				(drop (call $pipe (i32.const 4100)))
				;; the child reads the pipe's read end as fd 0
				(i32.store (i32.const 3000) (i32.load (i32.const 4100)))
				(local.set $child ${spawnAt(9, 0, 0, 3000)})
				(drop (call $fd_close (i32.load (i32.const 4100))))
				(drop (call $dup2 (i32.load (i32.const 4104)) (i32.const 1)))
				(drop (call $fd_close (i32.load (i32.const 4104))))
				(i32.store (i32.const 16) (i32.const 1400))
				(i32.store (i32.const 20) (i32.const 12))
				(drop (call $fd_write (i32.const 1) (i32.const 16) (i32.const 1) (i32.const 24)))
				(drop (call $fd_close (i32.const 1)))
				(drop (call $wait (local.get $child) (i32.const 0) (i32.const 0)))
				(drop (call $dup2 (i32.const 40) (i32.const 1)))
				(drop (call $dup2 (i32.const 0) (i32.const 4096)))
				(drop (call $pipe (i32.const 70000)))`,
				{1024: '/bin/copy', 1400: 'through pipe', 1500: 'copy\0', 2048: [1500], 3000: [0, 1, 2]},
			),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		expect(runToEnd(kernel).out).toBe('through pipe');
		expect(results(kernel, pid)).toEqual(['pipe → 0', `spawn → ${pid + 1}`, 'dup2 → 1', `wait → ${pid + 1}`, 'dup2 → EBADF', 'dup2 → EBADF', 'pipe → EFAULT']);
		expect(wasmosCalls(kernel, pid)[0].args).toBe('fds → [4, 5]');
		expect(kernel.wait(pid)?.status).toBe(0);
	});

	it('sleep waits virtual time; yield gives up the CPU; EINVAL for a negative sleep', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/nap', program(`(drop (call $sleep (i64.const 5000000))) (drop (call $yield)) (drop (call $sleep (i64.const -1))) (drop (call $sleep (i64.const 0)))`));
		const pid = kernel.spawn({path: '/bin/nap'});
		runToEnd(kernel);
		expect(results(kernel, pid)).toEqual(['sleep → 0', 'yield → 0', 'sleep → EINVAL', 'sleep → 0']);
		const [sleep] = wasmosCalls(kernel, pid);
		expect(sleep.blockedFor).toBe(5_000_000);
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'sched', pid, reason: 'yield'}));
	});

	it('getpriority and setpriority on itself and a child; EACCES better than its own, EINVAL out of range, EPERM on others', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/spin', SPIN);
		await install(
			kernel,
			'/bin/nice',
			program(
				`(local $child i32)
				(drop (call $setpriority (i32.const 0) (i32.const 5)))
				(drop (call $getpriority (i32.const 0) (i32.const 4200)))
				(drop (call $setpriority (i32.const 0) (i32.const -5)))
				(drop (call $setpriority (i32.const 0) (i32.const 20)))
				(local.set $child ${spawnAt(9)})
				(drop (call $getpriority (local.get $child) (i32.const 4200)))
				(drop (call $setpriority (local.get $child) (i32.const 19)))
				(drop (call $getpriority (i32.const 1) (i32.const 4200)))
				(drop (call $getpriority (i32.const 0) (i32.const 70000)))
				(drop (call $kill (local.get $child) (i32.const 9)))`,
				path('/bin/spin'),
			),
		);
		await install(kernel, '/bin/sleeper', program('(drop (call $sleep (i64.const 1000000000)))'));
		const other = kernel.spawn({path: '/bin/sleeper'});
		const pid = kernel.spawn({path: '/bin/nice'});
		runToEnd(kernel);
		expect(other).toBe(1);
		expect(results(kernel, pid)).toEqual(['setpriority → 0', 'getpriority → 0', 'setpriority → EACCES', 'setpriority → EINVAL', `spawn → ${pid + 1}`, 'getpriority → 0', 'setpriority → 0', 'getpriority → EPERM', 'getpriority → EFAULT', 'kill → 0']);
		const calls = wasmosCalls(kernel, pid);
		expect(calls[1].args).toBe('pid=0 → 5');
		// The child inherited its parent's nice value.
		expect(calls[5].args).toBe(`pid=${pid + 1} → 5`);
	});
});

describe('limits and capabilities through the ABI', () => {
	it('a spawn past the process tree limit is EAGAIN, with the reason in a limit event', async () => {
		const kernel = abiMachine({limits: {procs: 3}});
		await install(kernel, '/bin/spin', SPIN);
		await install(
			kernel,
			'/bin/parent',
			program(`(drop ${spawnAt(9)}) (drop ${spawnAt(9)}) (drop ${spawnAt(9)}) (drop (call $kill (i32.add (call $getpid) (i32.const 1)) (i32.const 9))) (drop (call $kill (i32.add (call $getpid) (i32.const 2)) (i32.const 9)))`, path('/bin/spin')),
		);
		const pid = kernel.spawn({path: '/bin/parent'});
		runToEnd(kernel, 100_000, 100);
		expect(results(kernel, pid).slice(0, 3)).toEqual([`spawn → ${pid + 1}`, `spawn → ${pid + 2}`, 'spawn → EAGAIN']);
		expect(wasmosCalls(kernel, pid)[2].args).toMatch(/\(spawn refused: process group 1 has 3 live processes, cap 3 \(process tree limit \(--max-procs\)\)\)$/);
		expect(kernel.events()).toContainEqual(expect.objectContaining({type: 'limit', pid, limit: 'procs', fatal: false}));
		expect(kernel.process(pid + 1)?.limits.procs).toBe(3);
	});

	it('a program importing what its capabilities do not allow is refused at spawn, naming the import', async () => {
		const kernel = abiMachine({limits: {allow: ['wasi_snapshot_preview1']}});
		await install(kernel, '/bin/seven', exits(7));
		let error: unknown;
		try {
			kernel.spawn({path: '/bin/seven'});
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(SpawnError);
		expect((error as SpawnError).message).toBe('/bin/seven: imports "wasmos"."spawn", which its capabilities do not allow (allowed: wasi_snapshot_preview1; --allow)');
		expect((error as SpawnError).notFound).toBe(false);
	});

	it('a child cannot get capabilities its parent lacks: the guest spawn is EACCES', async () => {
		const kernel = abiMachine();
		await install(kernel, '/bin/logger', '(module (import "env" "log" (func (param i32 i32))) (memory 1) (func (export "_start")))');
		await install(kernel, '/bin/parent', program(`(drop ${spawnAt(11)})`, path('/bin/logger')));
		const pid = kernel.spawn({path: '/bin/parent', limits: {allow: ['wasi_snapshot_preview1', 'wasmos']}});
		runToEnd(kernel);
		expect(results(kernel, pid)).toEqual(['spawn → EACCES']);
		expect(wasmosCalls(kernel, pid)[0].args).toMatch(/\(\/bin\/logger: imports "env"."log", which its capabilities do not allow \(allowed: wasi_snapshot_preview1, wasmos; --allow\)\)$/);
	});
});
