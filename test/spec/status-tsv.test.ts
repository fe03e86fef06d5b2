import {cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, expect, it} from 'vitest';
import {createNodeEngine} from './engines/node.js';
import {parseStatusTsv, totalMismatch} from './status-tsv.js';
import {runSuite} from './suite.js';
import {FIXTURE_SUITE} from './test-helpers.js';

const HEADER = 'name\tgroup\tstatus\tcommands\tmodule_cmds\tassert_cmds';

describe('conversion-status.tsv', () => {
	it('parses rows', () => {
		expect(parseStatusTsv(`${HEADER}\ni32\tcore-2.0\tok\t374\t1\t373\nsimd_lane\tsimd\tok\t5\t1\t4\n`)).toEqual([
			{name: 'i32', group: 'core-2.0', status: 'ok', commands: 374},
			{name: 'simd_lane', group: 'simd', status: 'ok', commands: 5},
		]);
	});

	it('refuses a wrong header or a row without a count, naming the line', () => {
		expect(() => parseStatusTsv('name\tcommands\n')).toThrow(/header/);
		expect(() => parseStatusTsv(`${HEADER}\ni32\tcore-2.0\tok\tmany\n`)).toThrow(/conversion-status\.tsv:2/);
	});

	it('accepts only an exact total', () => {
		const row = {name: 'i32', group: 'core-2.0', status: 'ok', commands: 374};
		expect(totalMismatch(row, 374)).toBeUndefined();
		expect(totalMismatch(row, 373)).toBe('373 of its 374 commands were run or skipped (conversion-status.tsv)');
		expect(totalMismatch(row, 375)).toMatch(/375 of its 374/);
	});
});

describe('runSuite checks totals against the TSV', () => {
	let suite: string;
	const tsv = () => join(suite, 'conversion-status.tsv');
	const run = (groups = ['core-2.0']) => runSuite({engine: createNodeEngine({}), suiteDir: suite, groups});

	beforeEach(() => {
		suite = mkdtempSync(join(tmpdir(), 'spec-suite-'));
		cpSync(FIXTURE_SUITE, suite, {recursive: true});
	});
	afterEach(() => rmSync(suite, {recursive: true, force: true}));

	it('passes the fixture suite as it is', () => {
		const summary = run(['core-2.0', 'simd']);
		expect(summary.failed).toBe(0);
		expect(summary.files.map((file) => file.wast)).toEqual(['modules.wast', 'simd_lanes.wast', 'traps.wast', 'values.wast']);
	});

	it('fails a file whose command count differs from its row', () => {
		writeFileSync(tsv(), readFileSync(tsv(), 'utf8').replace('values\tcore-2.0\tok\t16', 'values\tcore-2.0\tok\t17'));
		const summary = run();
		expect(summary.failed).toBe(1);
		expect(summary.files.find((file) => file.wast === 'values.wast')?.failures).toEqual([
			{where: 'values.wast', reason: '16 of its 17 commands were run or skipped (conversion-status.tsv)'},
		]);
	});

	it('fails a listed file that is missing, and a folder the TSV does not list', () => {
		rmSync(join(suite, 'traps'), {recursive: true});
		mkdirSync(join(suite, 'stray'));
		const summary = run();
		const traps = summary.files.find((file) => file.wast === 'traps.wast');
		expect(traps?.failures.map((failure) => failure.reason)).toEqual([
			expect.stringMatching(/^cannot run: .*traps\.json/),
			'0 of its 5 commands were run or skipped (conversion-status.tsv)',
		]);
		expect(summary.suiteFailures).toEqual([{where: 'stray/', reason: 'suite folder not listed in conversion-status.tsv'}]);
		expect(summary.failed).toBe(3);
	});

	it('runs only the selected groups, and files by substring or exact NAME.wast', () => {
		expect(run().files.map((file) => file.wast)).not.toContain('simd_lanes.wast');
		const names = (filter: string) => runSuite({engine: createNodeEngine({}), suiteDir: suite, groups: ['core-2.0'], filter}).files.map((file) => file.wast);
		expect(names('e')).toEqual(['modules.wast', 'values.wast']);
		expect(names('values.wast')).toEqual(['values.wast']);
		expect(() => names('value.wast')).toThrow('no file of group core-2.0 matches "value.wast"');
	});
});
