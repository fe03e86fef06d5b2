/*
 * The programs of /bin (examples/bin), as a user runs them with `wasmos-tui sh -c`: each one's
 * --help, its normal use, and its errors (status 2 and a usage line for bad usage).
 */

import {describe, expect, it} from 'vitest';
import {ROOT, shLine} from './helpers.js';

const PROGRAMS = ['hello', 'cat', 'wc', 'grep', 'upper', 'head', 'tail', 'tee', 'yes', 'sleep', 'seq', 'spin', 'memhog', 'math', 'str'];

describe('--help', () => {
	it.each(PROGRAMS)('%s --help prints its usage line and what it does', async name => {
		// By path: cat is also a builtin of the shell.
		const r = await shLine(`/bin/${name} --help`);
		expect(r.stderr).toBe('');
		expect(r.status).toBe(0);
		const [usage, sentence] = r.stdout.split('\n');
		expect(usage).toMatch(new RegExp(`^usage: ${name}\\b`));
		expect(sentence).toMatch(/^[A-Z].{20,}/);
	});
});

describe('the programs', () => {
	it('hello greets the world or a name, and refuses options', async () => {
		expect(await shLine('hello; hello Ada')).toEqual({status: 0, stdout: 'Hello, world!\nHello, Ada!\n', stderr: ''});
		expect(await shLine('hello -x')).toEqual({status: 2, stdout: '', stderr: 'hello: unknown option -x\nusage: hello [NAME]\n'});
		expect(await shLine('hello a b')).toMatchObject({status: 2, stderr: 'hello: one NAME at most\nusage: hello [NAME]\n'});
	});

	it('/bin/cat copies files and standard input in order, numbering lines with -n', async () => {
		const r = await shLine('echo one > /tmp/a; echo two > /tmp/b; echo mid | /bin/cat /tmp/a - /tmp/b; /bin/cat -n /tmp/a /tmp/b');
		expect(r).toEqual({status: 0, stdout: 'one\nmid\ntwo\n     1\tone\n     2\ttwo\n', stderr: ''});
	});

	it('/bin/cat reports a missing file (1) and goes on; an unknown option is bad usage (2)', async () => {
		expect(await shLine('echo x > /tmp/a; /bin/cat /nope /tmp/a')).toEqual({status: 1, stdout: 'x\n', stderr: 'cat: /nope: No such file or directory\n'});
		expect(await shLine('/bin/cat -z')).toEqual({status: 2, stdout: '', stderr: 'cat: unknown option -z\nusage: cat [-n] [FILE...]\n'});
	});

	it('wc counts lines, words and bytes, with a total for several files', async () => {
		const r = await shLine('echo "a b c" > /tmp/f; echo "d e" > /tmp/g; wc /tmp/f /tmp/g; wc -l < /tmp/f; echo "x y" | wc -wc');
		expect(r.stdout).toBe('      1       3       6 /tmp/f\n      1       2       4 /tmp/g\n      2       5      10 total\n      1\n      2       4\n');
		expect(r.status).toBe(0);
		expect(await shLine('wc -q')).toMatchObject({status: 2, stderr: 'wc: unknown option -q\nusage: wc [-l] [-w] [-c] [FILE...]\n'});
	});

	it('grep finds fixed strings, ignores case with -i, counts with -c; 1 when nothing matched', async () => {
		expect(await shLine('seq 1 40 | grep 3')).toEqual({status: 0, stdout: '3\n13\n23\n30\n31\n32\n33\n34\n35\n36\n37\n38\n39\n', stderr: ''});
		expect((await shLine('str title wasm os | grep -i WASM')).stdout).toBe('Wasm Os\n');
		expect((await shLine('seq 1 100 | grep -c 9')).stdout).toBe('19\n');
		expect((await shLine('echo "a.b" > /tmp/f; echo axb >> /tmp/f; grep -n . /tmp/f')).stdout).toBe('1:a.b\n');
		expect(await shLine('seq 1 5 | grep 7')).toEqual({status: 1, stdout: '', stderr: ''});
		expect(await shLine('grep')).toMatchObject({status: 2, stderr: expect.stringMatching(/^grep: no PATTERN given\nusage: grep /)});
		expect(await shLine('grep x /nope')).toMatchObject({status: 2, stderr: 'grep: /nope: No such file or directory\n'});
	});

	it('upper turns ASCII letters to upper case and takes no arguments', async () => {
		expect(await shLine('echo "wasmos: é ok" | upper')).toEqual({status: 0, stdout: 'WASMOS: é OK\n', stderr: ''});
		expect(await shLine('upper x')).toEqual({status: 2, stdout: '', stderr: 'upper: takes no arguments (it reads standard input)\nusage: upper\n'});
	});

	it('head and tail take the first and last lines', async () => {
		expect((await shLine('seq 1 100 | head -n 3; seq 1 100 | head -2; seq 1 100 | tail -n 2; seq 1 3 | tail')).stdout).toBe('1\n2\n3\n1\n2\n99\n100\n1\n2\n3\n');
		expect(await shLine('head -n x')).toMatchObject({status: 2, stderr: 'head: x: not a number of lines\nusage: head [-n N] [FILE...]\n'});
		expect(await shLine('tail -n')).toMatchObject({status: 2, stderr: 'tail: -n needs a number\nusage: tail [-n N] [FILE]\n'});
		expect(await shLine('tail /nope')).toMatchObject({status: 1, stderr: 'tail: /nope: No such file or directory\n'});
	});

	it('tee copies its input to its output and to files (-a appends)', async () => {
		const r = await shLine('echo one | tee /tmp/t; echo two | tee -a /tmp/t > /dev/null; cat /tmp/t');
		expect(r).toEqual({status: 0, stdout: 'one\none\ntwo\n', stderr: ''});
		expect(await shLine('tee -x')).toMatchObject({status: 2, stderr: 'tee: unknown option -x\nusage: tee [-a] [FILE...]\n'});
	});

	it('yes repeats its text until its reader goes away', async () => {
		expect(await shLine('yes | head -n 2; yes wasm os | head -n 3')).toEqual({status: 0, stdout: 'y\ny\nwasm os\nwasm os\nwasm os\n', stderr: ''});
	});

	it('sleep waits (virtual time) and refuses what is not a time', async () => {
		expect(await shLine('sleep 0.5; sleep 1s; echo woke')).toEqual({status: 0, stdout: 'woke\n', stderr: ''});
		expect(await shLine('sleep soon')).toEqual({status: 2, stdout: '', stderr: 'sleep: soon: not a time in seconds\nusage: sleep SECONDS\n'});
		expect(await shLine('sleep')).toMatchObject({status: 2, stderr: 'sleep: no time given\nusage: sleep SECONDS\n'});
	});

	it('seq counts up or down, STEP apart', async () => {
		expect((await shLine('seq 3; seq 4 6; seq 10 -4 1')).stdout).toBe('1\n2\n3\n4\n5\n6\n10\n6\n2\n');
		expect(await shLine('seq 1 0 3')).toMatchObject({status: 2, stderr: 'seq: STEP must not be 0\nusage: seq [FIRST [STEP]] LAST\n'});
		expect(await shLine('seq x')).toMatchObject({status: 2, stderr: 'seq: x: not a whole number\nusage: seq [FIRST [STEP]] LAST\n'});
	});

	it('spin burns CPU in rounds, printing its progress', async () => {
		const r = await shLine('spin A 2');
		expect(r.stdout).toMatch(/^A: round 1\/2\nA: round 2\/2\nA: done, checksum [0-9a-f]{8}\n$/);
		expect(r.status).toBe(0);
		expect(await shLine('spin A many')).toMatchObject({status: 2, stderr: 'spin: many: ROUNDS must be a whole number >= 0\nusage: spin [NAME [ROUNDS]]\n'});
	});

	it('memhog grows its memory step by step, and stops at the memory cap', async () => {
		const r = await shLine('memhog 2 128');
		expect(r.stdout).toMatch(/^memhog: step 1\/2: holding 128 KiB, memory \d+ KiB\nmemhog: step 2\/2: holding 256 KiB, memory \d+ KiB\n$/);
		const capped = await shLine('memhog 8 256', {maxMemory: 1 << 20});
		expect(capped.stdout).toMatch(/memhog: step [2-4]\/8: out of memory after \d+ KiB \(memory \d+ KiB\)\n$/);
		expect(capped.status).toBe(1);
		expect(await shLine('memhog 0')).toMatchObject({status: 2, stderr: 'memhog: 0: STEPS must be a whole number from 1 to 4194304\nusage: memhog [STEPS [KIB]]\n'});
	});

	it('math does 64-bit integer arithmetic; errors are 1, bad usage 2', async () => {
		const r = await shLine('math add 5 7; math sub 5 7; math mul -6 7; math div 7 2; math mod 7 3; math pow 2 10; math gcd 12 18; math fact 20; math fib 90; math prime 97');
		expect(r.stdout).toBe('12\n-2\n-42\n3\n1\n1024\n6\n2432902008176640000\n2880067194370816120\nyes\n');
		expect(await shLine('math div 1 0')).toEqual({status: 1, stdout: '', stderr: 'math: division by zero\n'});
		expect(await shLine('math fact 21')).toEqual({status: 1, stdout: '', stderr: 'math: the result does not fit in a 64-bit integer\n'});
		expect(await shLine('math add 1')).toMatchObject({status: 2, stderr: expect.stringMatching(/^math: add takes 2 numbers, not 1\nusage: math /)});
		expect(await shLine('math root 4')).toMatchObject({status: 2, stderr: expect.stringMatching(/^math: unknown operation root\n/)});
		expect(await shLine('math add 1 one')).toMatchObject({status: 2, stderr: expect.stringMatching(/^math: one: not a whole number/)});
	});

	it('str changes case, counts, reverses and repeats (UTF-8 aware)', async () => {
		const r = await shLine('str upper wasmos; str lower Hello World; str title hello wasm; str len héllo; str rev héllo; str repeat 3 ab; str count an banana; echo from stdin | str upper -');
		expect(r.stdout).toBe('WASMOS\nhello world\nHello Wasm\n5\nolléh\nababab\n2\nFROM STDIN\n');
		expect(await shLine('str upper')).toMatchObject({status: 2, stderr: expect.stringMatching(/^str: upper needs TEXT\nusage: str /)});
		expect(await shLine('str shout x')).toMatchObject({status: 2, stderr: expect.stringMatching(/^str: unknown operation shout\n/)});
	});
});

describe('/bin and $PATH', () => {
	it('installs the programs in /bin and the samples in /bin/samples; PATH=/bin by default', async () => {
		const r = await shLine('ls /bin; ls /bin/samples; env');
		for (const name of PROGRAMS) expect(r.stdout.split('\n')).toContain(name);
		expect(r.stdout).toContain('samples\n');
		expect(r.stdout).toContain('PATH=/bin\n');
	});

	it('a name not found is 127; a path that is not a program 126', async () => {
		const r = await shLine('nosuch; echo $?; /bin/nosuch; echo $?; /bin; echo $?; /etc/motd; echo $?; PATH=/nowhere; hello; echo $?');
		expect(r.stdout).toBe('127\n127\n126\n126\n127\n');
		expect(r.stderr).toMatch(/^sh: nosuch: command not found\nsh: \/bin\/nosuch: no such file\nsh: \/bin: is a directory\nsh: \/etc\/motd: cannot execute: not a valid WebAssembly module \(.*\)\nsh: hello: command not found\n$/);
	});

	it('runs a .wat file from a --dir mount, assembled with wabt; says why one cannot be assembled', async () => {
		const r = await shLine('cd /f; ./echo.wat from wat; /f/status.wat 5; echo $?', {dir: [`${ROOT}fixtures/shell::/f:ro`]});
		expect(r).toEqual({status: 0, stdout: 'from wat\n5\n', stderr: ''});
		const bad = await shLine('echo "(module (func (result i32)))" > /tmp/bad.wat; /tmp/bad.wat; echo $?');
		expect(bad.stdout).toBe('126\n');
		expect(bad.stderr).toMatch(/^sh: \/tmp\/bad\.wat: cannot assemble it:\nbad\.wat:1:\d+: error: /);
	});

	it('runs programs by a path relative to the working directory, and NAME.wasm through $PATH', async () => {
		const r = await shLine('cd /bin; ./hello rel; cp /bin/hello /tmp/greet.wasm; PATH=/tmp:/bin; greet path');
		expect(r).toEqual({status: 0, stdout: 'Hello, rel!\nHello, path!\n', stderr: ''});
	});
});
