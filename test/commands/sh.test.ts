/*
 * `wasmos-tui sh`, as a user runs it: -c with $0 and arguments, a script file, the exit status,
 * programs from /bin, host programs mounted with --dir by path and through $PATH (.wasm under
 * --no-expose-wasm: our engine ran them), and the machine options.
 */

import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {assemble} from '../kernel/helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wasmos-sh-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

beforeAll(async () => {
	for (const name of ['echo', 'status', 'spin']) {
		writeFileSync(join(dir, `${name}.wasm`), await assemble(readFileSync(join(ROOT, `fixtures/shell/${name}.wat`), 'utf8'), `${name}.wat`));
	}
});

function sh(args: string[], node: string[] = ['--no-expose-wasm']) {
	const result = spawnSync(process.execPath, [...node, '--import', 'tsx', 'source/cli.tsx', 'sh', ...args], {cwd: ROOT, encoding: 'utf8', input: ''});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('wasmos-tui sh', () => {
	it('runs -c LINE with $0 and arguments, and exits with the last status', () => {
		expect(sh(['-c', 'echo "$0 $1 $#"; false', 'name', 'a b'])).toEqual({status: 1, stdout: 'name a b 1\n', stderr: ''});
		expect(sh(['-c', 'exit 42'])).toEqual({status: 42, stdout: '', stderr: ''});
	});

	it('runs /bin programs, and host .wasm programs mounted with --dir by path and through $PATH, on our engine', () => {
		expect(sh(['-c', 'math add 5 7; str upper wasmos'])).toEqual({status: 0, stdout: '12\nWASMOS\n', stderr: ''});
		const r = sh(['--dir', `${dir}::/progs:ro`, '--env', 'PATH=/progs:/bin', '-c', '/progs/echo.wasm one; echo two; status 9']);
		expect(r).toEqual({status: 9, stdout: 'one\ntwo\n', stderr: ''});
	});

	it('takes every word after -c LINE as NAME and ARGS, options or not, as sh does', () => {
		expect(sh(['-c', 'echo "$0|$1|$2"', '--fuel', '1000', '-x'])).toEqual({status: 0, stdout: '--fuel|1000|-x\n', stderr: ''});
	});

	it('refuses a binary file as a script (126), pointing a wasm module to run', () => {
		expect(sh(['examples/bin/hello.wasm'])).toEqual({status: 126, stdout: '', stderr: 'wasmos-tui sh: examples/bin/hello.wasm: not a shell script (a binary file: a wasm module runs with wasmos-tui run examples/bin/hello.wasm)\n'});
	});

	it('runs a script file with arguments, going on after a syntax error', () => {
		const script = join(dir, 'script.sh');
		writeFileSync(script, 'echo "script $1"\necho ;;\necho after $?\n');
		const r = sh([script, 'x']);
		expect(r.stdout).toBe('script x\nafter 2\n');
		expect(r.stderr).toBe("sh: line 2, column 7: syntax error: unexpected `;'\necho ;;\n      ^\n");
		expect(r.status).toBe(0);
	});

	it('takes the machine options: --max-ticks ends a runaway job with 124', () => {
		const r = sh(['--max-ticks', '200000', '--dir', `${dir}::/progs`, '-c', '/progs/spin.wasm']);
		expect(r.status).toBe(124);
		expect(r.stderr).toBe('wasmos-tui sh: stopped at tick 200000 (--max-ticks 200000)\n');
	});

	it('applies --fuel to the programs, not to the shell that runs them', () => {
		// 3,000 commands cost the shell some 3M ticks of its own: more than the fuel of each program.
		const line = `${Array.from({length: 3000}, () => 'true').join('; ')}; echo survived; spin a 1; echo $?`;
		const r = sh(['--fuel', '1000000', '-c', line]);
		expect(r.stdout).toBe('survived\n137\n');
		expect(r.stderr).toBe('sh: spin a 1: fuel limit exceeded: fuel of 1000000 instructions spent\n');
		expect(r.status).toBe(0);
	});

	it('needs -c or a script', () => {
		const r = sh([]);
		expect(r.status).toBe(2);
		expect(r.stderr).toMatch(/sh needs -c 'LINE' or a SCRIPT/);
		expect(sh([join(dir, 'missing.sh')])).toMatchObject({status: 127, stderr: expect.stringMatching(/cannot read .*missing\.sh/)});
	});
});
