/*
 * `wasmos-tui run`, as a user runs it: every exit status of DESIGN.md, the parsing rule, --invoke,
 * .wat files, the traces, host stdin, and a C program compared byte for byte with node:wasi. Runs
 * of .wasm files use `node --no-expose-wasm`: our engine, not Node's, ran them.
 */

import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished} from 'vitest';
import {hasTmux, openTerminal, type Terminal} from '../helpers/terminal.js';
import {assemble, FIXTURES} from '../kernel/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--no-expose-wasm', '--import', 'tsx', 'source/cli.tsx', 'run'];
const LINES = join(ROOT, 'fixtures/c/lines.wasm');
const dir = mkdtempSync(join(tmpdir(), 'wasmos-run-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** fixtures/kernel/NAME.wat assembled to DIR/NAME.wasm. */
const wasm: Record<string, string> = {};
beforeAll(async () => {
	for (const name of ['hello', 'spin', 'reader', 'escapes', 'trap', 'exit', 'calc', 'grow', 'ticker']) {
		wasm[name] = join(dir, `${name}.wasm`);
		writeFileSync(wasm[name], await assemble(readFileSync(`${FIXTURES}${name}.wat`, 'utf8'), `${name}.wat`));
	}
});

function run(args: string[], input = '') {
	const result = spawnSync(process.execPath, [...CLI, ...args], {cwd: ROOT, encoding: 'utf8', input});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('exit statuses', () => {
	it('is the guest\'s exit code', () => {
		expect(run([wasm.exit, '42'])).toEqual({status: 42, stdout: '', stderr: ''});
		expect(run([wasm.hello])).toEqual({status: 0, stdout: 'hello, world\n', stderr: ''});
	});

	it('is 134 for a trap, with one line naming the trap and the function', () => {
		const {status, stderr} = run([wasm.trap]);
		expect(status).toBe(134);
		expect(stderr).toMatch(/^wasmos-tui run: .*trap\.wasm: trap: integer divide by zero in function 0 `divide` at offset 0x[0-9a-f]+\n$/);
	});

	it('is 137 for a limit, with a line naming it', () => {
		const {status, stderr} = run(['--fuel', '1000', wasm.spin]);
		expect(status).toBe(137);
		expect(stderr).toMatch(/spin\.wasm: fuel limit \(--fuel\) exceeded: fuel of 1000 instructions spent\n$/);
	});

	it('is 124 when --max-ticks is reached', () => {
		const {status, stderr} = run(['--max-ticks', '50000', wasm.spin]);
		expect(status).toBe(124);
		expect(stderr).toMatch(/spin\.wasm: stopped at tick 50000 \(--max-ticks 50000\)\n$/);
	});

	it.each([
		['SIGINT', 130, ''],
		['SIGTERM', 143, 'killed by signal TERM'],
	] as const)('is 128 + n for a guest killed by signal n (%s at the host)', async (signal, status, message) => {
		// A ticker that prints for a long time: its first line proves the machine (and its signal
		// handlers) are up, however slowly the host starts the process.
		const child = spawn(process.execPath, [...CLI, wasm.ticker, 't', '1000000'], {cwd: ROOT});
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += chunk));
		await new Promise(resolve => child.stdout.once('data', resolve));
		child.kill(signal);
		const code = await new Promise(resolve => child.on('exit', resolve));
		expect(code).toBe(status);
		expect(stderr.trim()).toContain(message);
	});

	it.each([
		[['--frobnicate', 'x.wasm'], 'unknown option --frobnicate'],
		[['--policy', 'fifo', 'x.wasm'], 'unknown scheduling policy "fifo" (policies: fcfs, rr, priority, mlfq, lottery, sjf, srtf)'],
		[['--mlfq-levels', '0', 'x.wasm'], '--mlfq-levels must be a whole number from 1 to 16, got 0'],
		[['--sjf-alpha', '0.5.1', 'x.wasm'], '--sjf-alpha needs a number from 0 to 1, got "0.5.1"'],
		[['--tickets', 'all', 'x.wasm'], '--tickets needs PID=N with a pid and a number of tickets of at least 1, got "all"'],
		[['--quantum', 'lots', 'x.wasm'], '--quantum needs a whole number, got "lots"'],
		[['--quantum', '0', 'x.wasm'], '--quantum must be at least 1'],
		[['--env', 'NOEQUALS', 'x.wasm'], '--env needs KEY=VALUE, got "NOEQUALS"'],
		[['--max-memory', 'big', 'x.wasm'], '--max-memory needs a size'],
		[[], 'run needs FILE.wasm'],
	])('is 2 for a usage error: %j', (args, message) => {
		const {status, stderr} = run(args);
		expect(status).toBe(2);
		expect(stderr).toContain(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('is 1 for a file that cannot be run, with one line naming the file and what is wrong', () => {
		const bad = (name: string, bytes: Uint8Array) => {
			writeFileSync(join(dir, name), bytes);
			return run([join(dir, name)]);
		};
		const missing = run([join(dir, 'nope.wasm')]);
		expect(missing.status).toBe(1);
		expect(missing.stderr).toMatch(/cannot read .*nope\.wasm: no such file or directory\n$/);
		const bare = run(['spin']);
		expect(bare).toMatchObject({status: 1, stderr: expect.stringContaining("cannot read spin: no such file or directory (a host file is meant here, FILE.wasm or FILE.wat; the machine's /bin programs run in its shell: wasmos-tui sh -c 'spin')\n")});
		const malformed = bad('junk.wasm', new TextEncoder().encode('#!/bin/sh\necho hi\n'));
		expect(malformed.status).toBe(1);
		expect(malformed.stderr).toMatch(/junk\.wasm: malformed module: .* at offset 0x0\n$/);
		const truncated = bad('short.wasm', readFileSync(wasm.hello).subarray(0, 30));
		expect(truncated.status).toBe(1);
		expect(truncated.stderr).toMatch(/short\.wasm: malformed module: .*offset 0x/);
		const noStart = run([wasm.calc]);
		expect(noStart).toMatchObject({status: 1, stderr: expect.stringContaining('calc.wasm: has no _start export')});
		for (const r of [missing, bare, malformed, truncated, noStart]) expect(r.stderr.trim().split('\n')).toHaveLength(1);
	});

	it('is 1 for a module that imports what nobody provides', async () => {
		const path = join(dir, 'import.wasm');
		writeFileSync(path, await assemble('(module (import "env" "magic" (func)) (func (export "_start")))'));
		expect(run([path])).toMatchObject({status: 1, stderr: expect.stringContaining('import.wasm: unknown import: import "env"."magic" is not provided')});
	});
});

describe('the command line', () => {
	it('passes everything after the file to the guest untouched: run prog.wasm -i --help', () => {
		const {status, stdout} = run([LINES, '-i', '--help']);
		expect(status).toBe(0);
		expect(stdout).toContain('argc=3\nargv[1]=-i\nargv[2]=--help\n');
	});

	it('gives the guest only the --env variables', () => {
		expect(run(['--env', 'GREETING=hi there', '--env', 'X=1', LINES]).stdout).toContain('GREETING=hi there\n');
		expect(run([LINES]).stdout).toContain('GREETING=(unset)\n');
	});

	it('feeds the host\'s stdin to the guest, to the end', () => {
		const {status, stdout} = run([wasm.reader], 'one\ntwo');
		expect(status).toBeGreaterThan(0);
		expect(stdout.replace(/\]\n\[/g, '')).toBe('[one\ntwo]\n');
	});

	it('ends a program writing forever once its reader goes (`| head`): EPIPE and SIGPIPE, status 141', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'run', 'examples/bin/yes.wasm'], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']});
		onTestFinished(() => void child.kill('SIGKILL'));
		let stderr = '';
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		// Read the first output, then close the pipe, as head does after its lines.
		await new Promise<void>(resolve => child.stdout.once('data', () => resolve()));
		child.stdout.destroy();
		const status = await new Promise<number | null>(resolve => child.on('exit', code => resolve(code)));
		expect({status, stderr}).toEqual({status: 141, stderr: ''});
	}, 20_000);

	it.skipIf(!existsSync('/dev/full'))('says when --trace-file cannot be written (a full disk), and the program still runs', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'run', '--trace-file', '/dev/full', `${FIXTURES}hello.wat`], {cwd: ROOT, encoding: 'utf8'});
		expect(result).toMatchObject({status: 0, stdout: 'hello, world\n', stderr: 'wasmos-tui run: --trace-file /dev/full: cannot write: no space left on device; the trace stops where it failed\n'});
	});

	it('assembles a .wat file on the fly', () => {
		const result = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'run', `${FIXTURES}hello.wat`], {cwd: ROOT, encoding: 'utf8'});
		expect(result).toMatchObject({status: 0, stdout: 'hello, world\n'});
		writeFileSync(join(dir, 'broken.wat'), '(module (func (export "_start") (i32.add)))\n(oops');
		const broken = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'run', join(dir, 'broken.wat')], {cwd: ROOT, encoding: 'utf8'});
		expect(broken.status).toBe(1);
		// wabt's reason, where it found it (not just "parseWat failed").
		expect(broken.stderr).toMatch(/^wasmos-tui run: .*broken\.wat:2:1: error: unexpected token \(, expected EOF\.\n$/);
		writeFileSync(join(dir, 'invalid.wat'), '(module (func (export "_start") i32.add))');
		const invalid = spawnSync(process.execPath, ['--import', 'tsx', 'source/cli.tsx', 'run', join(dir, 'invalid.wat')], {cwd: ROOT, encoding: 'utf8'});
		expect(invalid.status).toBe(1);
		expect(invalid.stderr).toMatch(/invalid\.wat:1:33: error: type mismatch in i32\.add/);
	});

	it('calls an export with --invoke and prints its results', () => {
		expect(run(['--invoke', 'add', wasm.calc, '1', '2'])).toEqual({status: 0, stdout: '1003\n', stderr: ''});
		expect(run(['--invoke', 'pair', wasm.calc]).stdout).toBe('-7\n2.5\n');
		expect(run(['--invoke', 'mul64', wasm.calc, '-3', '3000000000']).stdout).toBe('-9000000000\n');
		expect(run(['--invoke', 'half', wasm.calc, '5']).stdout).toBe('2.5\n');
		const wrong = run(['--invoke', 'add', wasm.calc, '1']);
		expect(wrong.status).toBe(1);
		expect(wrong.stderr).toContain('"add" takes 2 arguments (i32 i32), got 1');
	});

	it('caps memory with --max-memory', () => {
		expect(run(['--max-memory', '256K', wasm.grow]).status).toBe(3);
	});

	it('logs syscalls to stderr with --strace, in order with the guest\'s output', () => {
		const {stdout, stderr} = run(['--strace', wasm.ticker, 'Q', '2']);
		expect(stdout).toBe('Q\nQ\n');
		expect(stderr.split('\n')).toEqual([
			'[pid 1] args_sizes_get(→ argc=3, size=' + String(wasm.ticker.length + 5) + ') = 0',
			expect.stringMatching(/^\[pid 1\] args_get\(argv=0x40, argv_buf=0x100 → \[".*ticker\.wasm", "Q", "2"\]\) = 0$/),
			'[pid 1] fd_write(fd=1, iovs=[0x30:2] "Q\\n" → nwritten=2) = 0',
			'[pid 1] fd_write(fd=1, iovs=[0x30:2] "Q\\n" → nwritten=2) = 0',
			'',
		]);
	});

	it('prints a Gantt chart and the statistics of the run to stderr with --gantt, leaving stdout to the guest', () => {
		const {status, stdout, stderr} = run(['--gantt', '--policy', 'mlfq', wasm.ticker, 'G', '3']);
		expect(status).toBe(0);
		expect(stdout).toBe('G\nG\nG\n');
		const lines = stderr.split('\n');
		expect(lines[0]).toMatch(/^ {4}1 ticker +│█+│$/);
		expect(lines[1]).toMatch(/^ +0 +\d+(\.\d+)? µs$/);
		expect(stderr).toMatch(/^pid name +status +response +wake resp\. +turnaround +waiting +CPU +bursts +mean burst +switches +share$/m);
		expect(stderr).toMatch(/^1 ticker +0 +0 ns +- /m);
		expect(stderr).toMatch(/^average response 0 ns, wake response -, turnaround .*, fairness 1\.000, \d+ context switches$/m);
	});

	it('writes every event as a JSON line with --trace-file', () => {
		const trace = join(dir, 'trace.jsonl');
		expect(run(['--trace-file', trace, wasm.hello]).status).toBe(0);
		const events = readFileSync(trace, 'utf8').trim().split('\n').map(line => JSON.parse(line));
		expect(events.map(e => e.type)).toEqual(['spawn', 'syscall', 'sched', 'exit', 'reap']);
		expect(events.map(e => e.seq)).toEqual([0, 1, 2, 3, 4]);
		expect(events[1]).toMatchObject({name: 'fd_write', pid: 1, result: '0'});
	});
});

describe('a C program built with clang and wasi-libc', () => {
	it('prints, reads stdin and exits with a code exactly as under node:wasi', () => {
		const cases: Array<{args: string[]; env: string[]; input: string}> = [
			{args: ['one', 'two words'], env: ['GREETING=hello'], input: 'the quick brown fox\njumps over\n\nthe lazy dog'},
			{args: ['exit=7'], env: [], input: ''},
			{args: [], env: ['GREETING=ünïcödé'], input: 'é\n'.repeat(300)},
		];
		for (const {args, env, input} of cases) {
			const flags = env.flatMap(e => ['--env', e]);
			const ours = spawnSync(process.execPath, [...CLI, ...flags, LINES, ...args], {cwd: ROOT, input});
			const node = spawnSync(process.execPath, ['--no-warnings', '--import', 'tsx', 'test/helpers/node-wasi.ts', ...flags, LINES, ...args], {cwd: ROOT, input});
			expect(node.status).not.toBeNull();
			expect(ours.status).toBe(node.status);
			expect(ours.stdout.equals(node.stdout)).toBe(true);
			expect(ours.stderr.toString()).toBe(node.stderr.toString());
		}
	});
});

describe.skipIf(!hasTmux())('in a terminal', () => {
	let term: Terminal | undefined;
	afterEach(() => term?.close());

	it('neutralises escape sequences a guest prints: the screen is not cleared, no colour, no title', async () => {
		term = await openTerminal({command: ['sh', '-c', `echo kept above; ${process.execPath} ${CLI.join(' ')} ${wasm.escapes}`], cols: 60, rows: 8, cwd: ROOT});
		expect(await term.exitStatus()).toBe(0);
		const screen = term.screen();
		expect(screen).toContain('kept above\nbefore\nred^G café');
	});

	it('reads what is typed, a line at a time', async () => {
		term = await openTerminal({command: [process.execPath, ...CLI, wasm.reader], cols: 60, rows: 8, cwd: ROOT});
		await term.type('hello\r');
		await term.waitFor('[hello');
		await term.type('again\r');
		await term.waitFor('[again');
		await term.key('C-d');
		expect(await term.exitStatus()).toBe(2);
	});

	it('ends input at Ctrl-D', async () => {
		term = await openTerminal({command: [process.execPath, ...CLI, LINES], cols: 60, rows: 12, cwd: ROOT});
		await term.waitFor('end with Ctrl-D');
		await term.type('abc def\r');
		await term.waitFor('1: ABC DEF');
		await term.key('C-d');
		expect(await term.exitStatus()).toBe(1);
		expect(term.screen()).toContain('1 lines, 2 words');
	});
});
