/* The kernel's file calls seen from outside: /proc, blocking and waking, the host-side file API. */

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {boot, KernelError} from '../../source/kernel/kernel.js';
import {acceptable, newPipe, putIntoPipe, PIPE_BUF, room, takeFromPipe} from '../../source/kernel/vfs/pipes.js';
import {withPrelude} from '../wasi/fixtures.js';
import {machine, runToEnd} from './helpers.js';

const CAT = `(func (export "_start")
  (local $fd i32)
  (drop (call $args_sizes_get (i32.const 0) (i32.const 4)))
  (drop (call $args_get (i32.const 16) (i32.const 64)))
  ;; argv[1]: from its pointer to the end of the strings, less its NUL
  (local.set $fd (call $path_open (i32.const 3) (i32.const 1) (i32.load (i32.const 20))
    (i32.sub (i32.sub (i32.load (i32.const 4)) (i32.sub (i32.load (i32.const 20)) (i32.const 64))) (i32.const 1))
    (i32.const 0) (global.get $READ) (i64.const 0) (i32.const 0) (i32.const 100)))
  (if (local.get $fd) (then (call $proc_exit (local.get $fd))))
  (block $eof (loop $more
    (br_if $eof (call $read (i32.load (i32.const 100)) (i32.const 1000) (i32.const 4000)))
    (br_if $eof (i32.eqz (call $nread)))
    (call $bytes (i32.const 1000) (call $nread))
    (br $more))))`;

describe('/proc', () => {
	it("shows each process's status, cmdline and memory map, to the host and to the process itself", async () => {
		const kernel = machine();
		const cat = await withPrelude(CAT, 'cat');
		const pid = kernel.spawn({program: cat, argv: ['cat', '/proc/self/cmdline']});
		expect(new TextDecoder().decode(kernel.fs.readFile(`/proc/${pid}/cmdline`))).toBe('cat\0/proc/self/cmdline\0');
		const status = new TextDecoder().decode(kernel.fs.readFile(`/proc/${pid}/status`));
		expect(status).toMatch(/^Name:\tcat\nState:\tREADY\nPid:\t1\nPPid:\t0\n/);
		expect(status).toContain('Cwd:\t/\n');
		expect(new TextDecoder().decode(kernel.fs.readFile(`/proc/${pid}/maps`))).toBe('00000000-00020000 rw-p 00000000 00:00 0 [linear memory: 2 pages of 64 KiB, cap 4096]\n');
		expect(kernel.fs.list('/proc')).toEqual(['self', '1']);
		const {out} = runToEnd(kernel);
		expect(out).toBe('cat\0/proc/self/cmdline\0');
		expect(() => kernel.fs.writeFile('/proc/1/status', 'x')).toThrow(/EACCES/);
		expect(() => kernel.fs.readFile('/proc/99/status')).toThrow(/ENOENT/);
	});
});

describe('blocking on files', () => {
	it('wakes a poll on the terminal when input comes, and shows it blocked meanwhile', async () => {
		const kernel = machine({idle: 'wait', terminal: {echo: false}});
		const program = await withPrelude(`(func (export "_start")
		  (i32.store8 (i32.const 2008) (i32.const 1))
		  (i64.store (i32.const 2048) (i64.const 9))
		  (i32.store8 (i32.const 2056) (i32.const 0))
		  (i32.store (i32.const 2064) (i32.const 1))
		  (i64.store (i32.const 2072) (i64.const 5000000000))
		  (drop (call $poll_oneoff (i32.const 2000) (i32.const 3000) (i32.const 2) (i32.const 100)))
		  (call $show (str "events") (i64.load32_u (i32.const 100)))
		  (call $show (str "type") (i64.load8_u (i32.const 3010)))
		  (call $show (str "nbytes") (i64.load (i32.const 3016))))`);
		const pid = kernel.spawn({program, foreground: true});
		kernel.tick(1_000_000);
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', blockedOn: 'poll until 5 s'});
		kernel.tty.input('hi\n');
		const {out} = runToEnd(kernel);
		expect(out).toBe('events=1\ntype=1\nnbytes=3\n');
		expect(kernel.machine().clock).toBeLessThan(5_000_000_000);
	});

	it('ends a read of a FIFO whose only writer dies while opening it', async () => {
		const kernel = machine();
		kernel.fs.mkfifo('/tmp/f');
		const open = (rights: string, label: string) =>
			withPrelude(`(func (export "_start")
			  (local $fd i32)
			  (local.set $fd (call $open (i32.const 3) (str "tmp/f") (i32.const 0) (global.get ${rights}) (i32.const 0)))
			  (call $say (str "${label} opened\\n"))
			  (drop (call $read (local.get $fd) (i32.const 1000) (i32.const 10)))
			  (call $show (str "${label} read") (i64.extend_i32_u (call $nread))))`);
		const writer = kernel.spawn({program: await open('$WRITE', 'writer')});
		kernel.tick(1_000_000);
		expect(kernel.process(writer)!.blockedOn).toBe('open a FIFO for writing');
		// The reader's open lets the writer's go on; the reader reads, and waits for the writer...
		const reader = kernel.spawn({program: await open('$READ', 'reader')});
		kernel.step({pid: reader, instructions: 1_000_000});
		expect(kernel.process(reader)!.blockedOn).toMatch(/^read pipe:\[\d+\]$/);
		// ...which dies before its open has completed: the read ends with end of file.
		kernel.kill(writer, 'KILL');
		const {out} = runToEnd(kernel);
		expect(out).toBe('reader opened\nreader read=0\n');
		expect(kernel.process(reader)!.exit!.status).toBe(0);
	});

	it('lists what each fd refers to', async () => {
		const kernel = machine();
		kernel.fs.writeFile('/tmp/notes.txt', 'hello');
		const program = await withPrelude(`(func (export "_start")
		  (drop (call $open (i32.const 3) (str "tmp/notes.txt") (i32.const 0) (global.get $READ) (i32.const 0)))
		  (drop (call $open (i32.const 3) (str "dev/null") (i32.const 0) (global.get $READ) (i32.const 0)))
		  (drop (call $sched_yield)) (loop $forever (br $forever)))`);
		const pid = kernel.spawn({program, stdio: ['null', 'tty', 'tty']});
		kernel.tick(100_000);
		expect(kernel.process(pid)!.fds.map(fd => fd.target)).toEqual(['/dev/null', '/dev/tty', '/dev/tty', '/', '/tmp/notes.txt', '/dev/null']);
	});
});

describe('host mounts', () => {
	it('end a slice after 2 MiB of host work, so that the host\'s event loop keeps turning', async () => {
		const host = mkdtempSync(join(tmpdir(), 'wasmos-io-'));
		writeFileSync(join(host, 'big.bin'), new Uint8Array(5 << 20));
		const program = await withPrelude(`(func (export "_start") (local $fd i32) (local $total i64)
		  (local.set $fd (call $open (i32.const 3) (str "big.bin") (i32.const 0) (global.get $READ) (i32.const 0)))
		  (block $eof (loop $again
		    (br_if $eof (call $read (local.get $fd) (i32.const 70000) (i32.const 32768)))
		    (br_if $eof (i32.eqz (call $nread)))
		    (local.set $total (i64.add (local.get $total) (i64.extend_i32_u (call $nread))))
		    (br $again)))
		  (call $show (str "read") (local.get $total)))`);
		const kernel = machine({mounts: [{host, guest: '/', readOnly: true}]});
		const pid = kernel.spawn({program});
		let slices = 0;
		while (kernel.process(pid)!.state !== 'ZOMBIE') {
			expect(kernel.tick(1_000_000_000).status).toBe(kernel.process(pid)!.state === 'ZOMBIE' ? 'empty' : 'running');
			slices++;
		}
		expect(slices).toBeGreaterThanOrEqual(3);
		expect(runToEnd(kernel).out).toBe(`read=${5 << 20}\n`);
		rmSync(host, {recursive: true, force: true});
	});
});

describe('the host-side file API (kernel.fs)', () => {
	it('makes and reads files, directories, symlinks and FIFOs, and refuses with errno-named errors', () => {
		const kernel = boot();
		kernel.fs.mkdir('/home/ada');
		kernel.fs.writeFile('/home/ada/a.txt', 'one');
		kernel.fs.symlink('a.txt', '/home/ada/link');
		kernel.fs.mkfifo('/home/ada/pipe');
		expect(new TextDecoder().decode(kernel.fs.readFile('/home/ada/link'))).toBe('one');
		expect(kernel.fs.list('/home/ada')).toEqual(['a.txt', 'link', 'pipe']);
		expect(kernel.fs.stat('/home/ada/link')).toMatchObject({kind: 'symlink', size: 5});
		expect(kernel.fs.stat('/home/ada/pipe').kind).toBe('fifo');
		const refusal = (call: () => void) => {
			try {
				call();
			} catch (error) {
				return error instanceof KernelError ? error.errno : String(error);
			}
			return 'ok';
		};
		expect(refusal(() => kernel.fs.mkdir('/home/ada'))).toBe('EEXIST');
		expect(refusal(() => kernel.fs.readFile('/home'))).toBe('EISDIR');
		expect(refusal(() => kernel.fs.readFile('/nothing'))).toBe('ENOENT');
		expect(refusal(() => kernel.fs.list('relative'))).toBe('EINVAL');
	});

	it('refuses to boot with a mount that cannot be made', () => {
		expect(() => boot({mounts: [{host: '/no/such/dir', guest: '/x', readOnly: false}]})).toThrow(/cannot mount/);
		expect(() => boot({mounts: [{host: '.', guest: '/etc/motd', readOnly: false}]})).toThrow(/is not a directory/);
	});
});

describe('pipes', () => {
	it('are made with both ends at the lowest free fds, carry bytes, and end with end of file', () => {
		const kernel = machine();
		const seen: string[] = [];
		kernel.registerTask({
			kind: 'piper',
			step: ctx => {
				const ends = ctx.files.pipe();
				if ('errno' in ends) throw new Error(ends.errno);
				seen.push(`ends ${ends.read} ${ends.write}`);
				seen.push(JSON.stringify(ctx.files.write(ends.write, new TextEncoder().encode('through'))));
				const got = ctx.files.read(ends.read, 100);
				seen.push('data' in got ? new TextDecoder().decode(got.data) : JSON.stringify(got));
				seen.push(JSON.stringify(ctx.files.read(ends.read, 100)));
				ctx.files.close(ends.write);
				seen.push(JSON.stringify(ctx.files.read(ends.read, 100)));
				seen.push(ctx.files.info(ends.read)!.path);
				return {next: 'exit', code: 0};
			},
		});
		kernel.spawn({task: {kind: 'piper', state: {}}});
		runToEnd(kernel);
		expect(seen).toEqual(['ends 4 5', '{"count":7}', 'through', '{"wait":{"on":"pipe-read","pipe":1}}', '{"data":{}}', 'pipe:[1]']);
	});

	it("are given to a child as its stdio ({fd: N}), shared: end of file comes when the child's copy closes too", () => {
		const kernel = machine();
		const seen: string[] = [];
		kernel.registerTask({
			kind: 'writer',
			step: ctx => {
				seen.push(JSON.stringify(ctx.files.write(1, new TextEncoder().encode('from child'))));
				seen.push(ctx.files.info(1)!.path);
				return {next: 'exit', code: 0};
			},
		});
		kernel.registerTask<{read: number; got: string}>({
			kind: 'parent',
			step: (ctx, state) => {
				if (state.read < 0) {
					const ends = ctx.files.pipe();
					if ('errno' in ends) throw new Error(ends.errno);
					try {
						ctx.spawn({task: {kind: 'writer', state: {}}, stdio: ['null', {fd: 99}, 'null']});
					} catch (error) {
						seen.push((error as KernelError).errno);
					}
					ctx.spawn({task: {kind: 'writer', state: {}}, stdio: ['null', {fd: ends.write}, 'null']});
					ctx.files.close(ends.write);
					state.read = ends.read;
				}
				for (;;) {
					const got = ctx.files.read(state.read, 100);
					if ('wait' in got) return {next: 'block', wait: got.wait};
					if ('errno' in got) throw new Error(got.errno);
					if (got.data.length === 0) break;
					state.got += new TextDecoder().decode(got.data);
				}
				seen.push(`eof after ${state.got}`);
				return {next: 'exit', code: 0};
			},
		});
		kernel.spawn({task: {kind: 'parent', state: {read: -1, got: ''}}});
		runToEnd(kernel);
		expect(seen).toEqual(['EBADF', '{"count":10}', 'pipe:[1]', 'eof after from child']);
	});

	it('keep bytes in order across the end of their ring', () => {
		const pipe = newPipe(1, null, 8);
		putIntoPipe(pipe, Uint8Array.of(1, 2, 3, 4, 5, 6));
		expect(takeFromPipe(pipe, 4)).toEqual(Uint8Array.of(1, 2, 3, 4));
		putIntoPipe(pipe, Uint8Array.of(7, 8, 9, 10, 11));
		expect(room(pipe)).toBe(1);
		expect(takeFromPipe(pipe, 100)).toEqual(Uint8Array.of(5, 6, 7, 8, 9, 10, 11));
		expect(pipe.length).toBe(0);
	});

	it('write small writes whole or not at all, and big ones in parts', () => {
		const pipe = newPipe(1, null, 2 * PIPE_BUF);
		putIntoPipe(pipe, new Uint8Array(PIPE_BUF + 10));
		expect(acceptable(pipe, PIPE_BUF)).toBe(0);
		expect(acceptable(pipe, 100)).toBe(100);
		expect(acceptable(pipe, PIPE_BUF + 1)).toBe(PIPE_BUF - 10);
	});
});
