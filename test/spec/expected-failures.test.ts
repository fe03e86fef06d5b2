import {describe, expect, it} from 'vitest';
import {breakEngine} from './engines/broken.js';
import {createNodeEngine} from './engines/node.js';
import {applyExpectedFailures, parseExpectedFailures} from './expected-failures.js';
import type {CommandOutcome} from './script-runner.js';
import {runSuite} from './suite.js';
import {FIXTURE_SUITE, fixtureLines} from './test-helpers.js';

const outcome = (line: number, status: CommandOutcome['status']): CommandOutcome => ({line, type: 'assert_return', status, reason: `reason ${line}`});

describe('expected-failures lists', () => {
	it('parse entries, comments and blank lines', () => {
		const list = parseExpectedFailures('# header\n\ni32.wast:12  # flaky\n  f32.wast:7\n', 'list.txt');
		expect([...list.entries]).toEqual([
			['i32.wast:12', 3],
			['f32.wast:7', 4],
		]);
	});

	it('refuse a malformed entry, naming its line', () => {
		expect(() => parseExpectedFailures('i32.wast:12\ni32.wast\n', 'list.txt')).toThrow('list.txt:2: expected file.wast:LINE, got "i32.wast"');
	});

	it('sort outcomes: listed failures are expected, listed passes and stale entries are failures', () => {
		const list = parseExpectedFailures('a.wast:1\na.wast:2\na.wast:9\nb.wast:5\n', 'list.txt');
		const result = applyExpectedFailures('a.wast', [outcome(1, 'failed'), outcome(2, 'passed'), outcome(3, 'failed'), outcome(4, 'passed'), outcome(5, 'skipped')], list);
		expect(result).toEqual({
			passed: 1,
			expected: [{where: 'a.wast:1', reason: 'reason 1'}],
			failures: [
				{where: 'a.wast:2', reason: 'passes but is listed in list.txt: remove it from the list'},
				{where: 'a.wast:3', reason: 'reason 3'},
				{where: 'list.txt:3', reason: 'a.wast:9 names no command: remove it from the list'},
			],
		});
	});

	it('turn a broken engine run green when they list exactly its failures', () => {
		const trapLines = fixtureLines('traps', (command) => command.type === 'assert_trap');
		const expectedFailures = parseExpectedFailures(trapLines.join('\n'), 'expected-failures-test.txt');
		const summary = runSuite({engine: breakEngine(createNodeEngine({}), 'no-trap'), suiteDir: FIXTURE_SUITE, groups: ['core-2.0'], expectedFailures});
		expect(summary.failed).toBe(0);
		expect(summary.expectedFailed).toBe(2);
		expect(summary.files.find((file) => file.wast === 'traps.wast')?.expected.map((failure) => failure.where)).toEqual(trapLines);
	});

	it('fail the run when a listed case passes or names an unknown file', () => {
		const expectedFailures = parseExpectedFailures('traps.wast:9\nnope.wast:1\n', 'expected-failures-test.txt');
		const summary = runSuite({engine: createNodeEngine({}), suiteDir: FIXTURE_SUITE, groups: ['core-2.0'], expectedFailures});
		expect(summary.failed).toBe(2);
		expect(summary.files.find((file) => file.wast === 'traps.wast')?.failures).toEqual([
			{where: 'traps.wast:9', reason: 'passes but is listed in expected-failures-test.txt: remove it from the list'},
		]);
		expect(summary.suiteFailures).toEqual([{where: 'expected-failures-test.txt:2', reason: 'nope.wast:1: no such file in conversion-status.tsv'}]);
	});
});
