/**
 * Self-tests: the harness must catch engines that are wrong on purpose (engines/broken.ts), reporting
 * failures at exactly the commands each fault affects, and must pass Node's engine on the same files.
 */
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {type Fault, breakEngine} from './engines/broken.js';
import {createNodeEngine} from './engines/node.js';
import {runSuite} from './suite.js';
import {FIXTURE_SUITE, HAVE_REAL_SUITE, REAL_SUITE, fixtureLines} from './test-helpers.js';
import type {JsonValue} from './values.js';
import {type JsonCommand, readScript} from './wast-json.js';

const FIXTURE_FILES = ['modules', 'simd_lanes', 'traps', 'values'];

/** Where each failure was reported, over all files. */
function failingLines(suiteDir: string, fault: Fault, filter?: string): string[] {
	const summary = runSuite({engine: breakEngine(createNodeEngine({}), fault), suiteDir, groups: ['core-2.0', 'simd'], filter});
	return [...summary.suiteFailures, ...summary.files.flatMap((file) => file.failures)].map((failure) => failure.where);
}

function fixtureLinesOf(keep: (command: JsonCommand) => boolean): string[] {
	return FIXTURE_FILES.flatMap((name) => fixtureLines(name, keep));
}

/** An expected scalar float result that is a signalling NaN (exponent all ones, quiet bit clear). */
function expectsSignallingNan(command: JsonCommand): boolean {
	if (command.type !== 'assert_return') return false;
	return command.expected.some(({type, value}: JsonValue) => {
		if ((type !== 'f32' && type !== 'f64') || typeof value !== 'string' || value.startsWith('nan:')) return false;
		const bits = BigInt(value);
		const {exponent, quiet} = type === 'f32' ? {exponent: 0x7f80_0000n, quiet: 0x40_0000n} : {exponent: 0x7ff0_0000_0000_0000n, quiet: 0x8_0000_0000_0000n};
		const payload = bits & (quiet - 1n);
		return (bits & exponent) === exponent && (bits & quiet) === 0n && payload !== 0n;
	});
}

describe('the harness catches broken engines (fixture suite)', () => {
	it('passes the unbroken node engine', () => {
		const summary = runSuite({engine: createNodeEngine({}), suiteDir: FIXTURE_SUITE, groups: ['core-2.0', 'simd']});
		expect({passed: summary.passed, failed: summary.failed, skipped: summary.skipped}).toEqual({passed: 43, failed: 0, skipped: 1});
	});

	it('no-trap: fails exactly the assert_trap commands', () => {
		expect(failingLines(FIXTURE_SUITE, 'no-trap')).toEqual(fixtureLinesOf((command) => command.type === 'assert_trap'));
	});

	it('no-exhaustion: fails exactly the assert_exhaustion commands', () => {
		expect(failingLines(FIXTURE_SUITE, 'no-exhaustion')).toEqual(['traps.wast:10']);
	});

	it('accept-rejected: fails exactly assert_invalid and binary assert_malformed', () => {
		const expected = fixtureLinesOf(
			(command) => command.type === 'assert_invalid' || (command.type === 'assert_malformed' && command.module_type === 'binary'),
		);
		expect(expected).toEqual(['modules.wast:21', 'modules.wast:22']);
		expect(failingLines(FIXTURE_SUITE, 'accept-rejected')).toEqual(expected);
	});

	it('flip-result-bit: fails every assert_return whose first result is not nan:arithmetic', () => {
		const expected = fixtureLinesOf(
			(command) => command.type === 'assert_return' && command.expected.length > 0 && command.expected[0]!.value !== 'nan:arithmetic',
		);
		expect(expected.length).toBeGreaterThan(15);
		expect(failingLines(FIXTURE_SUITE, 'flip-result-bit')).toEqual(expected);
	});

	it('quiet-nan: fails exactly the results that must stay signalling NaNs', () => {
		const expected = fixtureLinesOf(expectsSignallingNan);
		expect(expected).toEqual(['values.wast:20', 'values.wast:21', 'values.wast:27']);
		expect(failingLines(FIXTURE_SUITE, 'quiet-nan')).toEqual(expected);
	});
});

/** The files where V8 would quiet signalling NaNs if floats crossed into JS as numbers. */
const SIGNALLING_NAN_FILES = ['conversions', 'float_exprs', 'float_memory', 'float_misc', 'local_tee', 'select'];

describe.skipIf(!HAVE_REAL_SUITE)('the harness on real suite files', () => {
	it('passes the node engine on the signalling-NaN, linking and naming files', () => {
		for (const name of [...SIGNALLING_NAN_FILES, 'imports', 'linking', 'names', 'simd_lane']) {
			const summary = runSuite({engine: createNodeEngine({}), suiteDir: REAL_SUITE, groups: ['core-2.0', 'simd'], filter: `${name}.wast`});
			expect({name, failed: summary.failed, passed: summary.passed > 0}).toEqual({name, failed: 0, passed: true});
		}
	});

	it('quiet-nan fails exactly the commands that expect a signalling NaN', () => {
		for (const name of SIGNALLING_NAN_FILES) {
			const expected = readScript(join(REAL_SUITE, name), name)
				.commands.filter(expectsSignallingNan)
				.map((command) => `${name}.wast:${command.line}`);
			expect(expected.length).toBeGreaterThan(0);
			expect(failingLines(REAL_SUITE, 'quiet-nan', `${name}.wast`)).toEqual(expected);
		}
	});
});
