/* The real command line, run as a user runs it: exit statuses and what is printed. */

import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, it} from 'vitest';
import {hasTmux, openTerminal, type Terminal} from '../helpers/terminal.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--import', 'tsx', 'source/cli.tsx'];

function cli(...args: string[]) {
	const result = spawnSync(process.execPath, [...CLI, ...args], {cwd: ROOT, encoding: 'utf8'});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('wasmos-tui command line', () => {
	it('prints usage listing the commands that exist', () => {
		const {status, stdout} = cli('--help');
		expect(status).toBe(0);
		expect(stdout).toMatch(/^Usage/m);
		expect(stdout).toContain('wasmos-tui inspect [--json] FILE.wasm');
	});

	it('prints the package version', () => {
		const {status, stdout} = cli('--version');
		expect(status).toBe(0);
		expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});

	it('refuses an unknown command with one line and status 2', () => {
		const {status, stderr} = cli('bogus');
		expect(status).toBe(2);
		expect(stderr.trim().split('\n')).toHaveLength(1);
		expect(stderr).toContain('unknown command "bogus"');
	});

	it('refuses an unknown flag with one line and status 2', () => {
		const {status, stderr} = cli('inspect', '--frobnicate', 'x.wasm');
		expect(status).toBe(2);
		expect(stderr.trim()).toBe('wasmos-tui: unknown option --frobnicate (see wasmos-tui --help)');
	});

	it('refuses a flag given twice that is not repeatable, naming it as typed, with status 2', () => {
		const {status, stderr} = cli('run', '--snapshot-out', 'a.json', '--snapshot-out', 'b.json', 'examples/bin/hello.wasm');
		expect(status).toBe(2);
		expect(stderr.trim()).toBe('wasmos-tui: --snapshot-out can be given only once (see wasmos-tui --help)');
	});

	it('says a number flag took the file as its value, rather than that the file is missing', () => {
		const {status, stderr} = cli('run', '--fuel', 'examples/bin/hello.wasm');
		expect(status).toBe(2);
		expect(stderr.trim()).toBe('wasmos-tui: --fuel needs a whole number, got "examples/bin/hello.wasm" (see wasmos-tui --help)');
	});

	it('takes -h for --help, for the whole and for a command', () => {
		expect(cli('-h')).toMatchObject({status: 0, stdout: expect.stringMatching(/^Usage/m)});
		expect(cli('inspect', '-h')).toMatchObject({status: 0, stdout: expect.stringContaining('Usage: wasmos-tui inspect')});
	});

	it('asks for the missing operand', () => {
		const {status, stderr} = cli('inspect');
		expect(status).toBe(2);
		expect(stderr).toContain('inspect needs FILE.wasm');
	});

	it('shows a command its own help', () => {
		const {status, stdout} = cli('inspect', '--help');
		expect(status).toBe(0);
		expect(stdout).toContain('Usage: wasmos-tui inspect');
		expect(stdout).toContain('--json');
	});
});

describe.skipIf(!hasTmux())('in a terminal', () => {
	let term: Terminal | undefined;
	afterEach(() => term?.close());

	it('shows the usage on screen and ends with status 0', async () => {
		term = await openTerminal({command: [process.execPath, ...CLI, '--help'], cols: 100, rows: 30, cwd: ROOT});
		await term.waitFor('Commands');
		expect(await term.exitStatus()).toBe(0);
		expect(term.screen()).toContain('wasmos-tui inspect');
	});

	it('reports a usage error with status 2', async () => {
		term = await openTerminal({command: [process.execPath, ...CLI, 'bogus'], cols: 80, rows: 10, cwd: ROOT});
		expect(await term.exitStatus()).toBe(2);
		expect(term.screen()).toContain('unknown command "bogus"');
	});
});
