/*
 * `wasmos-tui run --dir HOST::GUEST[:ro]`: host directories mounted into the guest's file system,
 * read-only ones refusing changes, and the flag's usage errors. Runs use `node --no-expose-wasm`.
 */

import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {UsageError} from '../../source/cli/argv.js';
import {parseMounts} from '../../source/commands/machine-options.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--no-expose-wasm', '--import', 'tsx', 'source/cli.tsx', 'run'];
const dir = mkdtempSync(join(tmpdir(), 'wasmos-run-dir-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function run(args: string[]) {
	const result = spawnSync(process.execPath, [...CLI, ...args], {cwd: ROOT, encoding: 'utf8'});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('run --dir', () => {
	it('mounts a host directory over the root: the program\'s files land in it', () => {
		const host = join(dir, 'root');
		mkdirSync(host);
		const {status, stdout} = run(['--dir', `${host}::/`, 'fixtures/c/diff/wordfreq.wasm']);
		expect(status).toBe(0);
		expect(stdout).toMatch(/^2400 words, 20 different\n400 it\n/);
		expect(readFileSync(join(host, 'report.txt'), 'utf8')).toBe(stdout);
	});

	it('mounts read-only with :ro, next to the booted tree', () => {
		const host = join(dir, 'ro');
		mkdirSync(host);
		const {status, stdout} = run(['--dir', `${host}::/data:ro`, 'fixtures/c/touch.wasm', '/data/x', '/tmp/y', '/data']);
		expect(stdout).toBe('/data/x: Read-only file system\n/tmp/y: made\n/data: Is a directory\n');
		expect(status).toBe(2);
		expect(readdirSync(host)).toEqual([]);
	});

	it.each([
		['nothing-to-split', /--dir needs HOST::GUEST/],
		[`${join(dir, 'none')}::/x`, /does not exist/],
		['package.json::/x', /is not a directory/],
		['.::relative', /--dir needs HOST::GUEST/],
		['.::/a/../b', /cannot contain \. or \.\./],
		['.::/d:rw', /unknown mount option :rw .*the only one is :ro/],
		['.::/d:bogus', /unknown mount option :bogus/],
	])('refuses %s', (word, message) => {
		expect(() => parseMounts([word])).toThrow(UsageError);
		expect(() => parseMounts([word])).toThrow(message);
	});

	it('reads GUEST and :ro from the end, so HOST may contain colons', () => {
		const host = join(dir, 'a:b');
		mkdirSync(host);
		expect(parseMounts([`${host}::/m:ro`, `${host}::/`])).toEqual([
			{host, guest: '/m', readOnly: true},
			{host, guest: '/', readOnly: false},
		]);
	});
});
