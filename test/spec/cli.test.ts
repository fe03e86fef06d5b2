import {spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {UsageError, parseArgs} from './cli-args.js';
import {FIXTURE_SUITE} from './test-helpers.js';

describe('parseArgs', () => {
	it('has defaults', () => {
		expect(parseArgs([])).toEqual({help: false, engine: 'node', suiteDir: undefined, filter: undefined, simd: false, engineOptions: {}});
	});

	it('takes values after a space or =, and repeated engine options', () => {
		expect(
			parseArgs(['--engine=broken', '--suite', 'dir', '--filter', 'i32', '--simd', '--engine-option', 'fault=no-trap', '--engine-option=budget=random']),
		).toEqual({help: false, engine: 'broken', suiteDir: 'dir', filter: 'i32', simd: true, engineOptions: {fault: 'no-trap', budget: 'random'}});
	});

	it('refuses unknown flags, missing values, bad options and unknown engines', () => {
		expect(() => parseArgs(['--fast'])).toThrow(new UsageError('unknown argument "--fast"'));
		expect(() => parseArgs(['--filter'])).toThrow(/--filter needs a value/);
		expect(() => parseArgs(['--engine-option', 'budget'])).toThrow(/KEY=VALUE/);
		expect(() => parseArgs(['--engine', 'spidermonkey'])).toThrow(/unknown engine "spidermonkey"/);
	});
});

describe('npm run test:spec (the CLI process)', () => {
	const runScript = fileURLToPath(new URL('run.ts', import.meta.url));
	const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', runScript, ...args], {encoding: 'utf8'});

	it('exits 0 with the closing line when everything passes', () => {
		const result = cli('--suite', FIXTURE_SUITE, '--simd');
		expect(result.stdout).toContain('ok   values.wast: 16 passed, 0 failed, 0 skipped');
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('spec: 43 passed, 0 failed, 1 skipped');
		expect(result.status).toBe(0);
	});

	it('exits 1 and prints each failure as file.wast:LINE reason', () => {
		const result = cli('--suite', FIXTURE_SUITE, '--filter', 'traps.wast', '--engine', 'broken', '--engine-option', 'fault=no-exhaustion');
		expect(result.stdout).toContain('FAIL traps.wast: 4 passed, 1 failed, 0 skipped\ntraps.wast:10 runaway(): expected call stack exhaustion, got trap: ');
		expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('spec: 4 passed, 1 failed, 0 skipped');
		expect(result.status).toBe(1);
	});

	it('exits 2 on a usage error, an engine option error or an empty selection', () => {
		expect(cli('--bogus')).toMatchObject({status: 2, stderr: expect.stringContaining('unknown argument "--bogus"')});
		expect(cli('--engine-option', 'x=1', '--suite', FIXTURE_SUITE)).toMatchObject({status: 2, stderr: expect.stringContaining('takes no options')});
		expect(cli('--suite', FIXTURE_SUITE, '--filter', 'simd_lanes')).toMatchObject({status: 2, stderr: expect.stringContaining('no file of group core-2.0')});
	});

	it('prints usage for --help', () => {
		const result = cli('--help');
		expect(result.status).toBe(0);
		expect(result.stdout).toMatch(/^Usage: npm run test:spec/);
	});
});
