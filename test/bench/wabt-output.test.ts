import {describe, expect, it} from 'vitest';
import {exportResult, parseRunAllExports} from './wabt-output.js';

/** What wasm-interp 1.0.32 printed for examples/bench/sieve.wasm --run-all-exports. */
const SIEVE = '_initialize() =>\nrun() => i64:571655315688\n';

describe('parseRunAllExports', () => {
	it('reads one line per called export: no results, results, or an error', () => {
		expect(parseRunAllExports('_initialize() =>\npair() => i32:1, i64:2\nboom() => error: unreachable executed\nhalf() => f32:-0.500000\n')).toEqual([
			{name: '_initialize', outcome: {ok: true, values: []}},
			{
				name: 'pair',
				outcome: {
					ok: true,
					values: [
						{type: 'i32', text: '1'},
						{type: 'i64', text: '2'},
					],
				},
			},
			{name: 'boom', outcome: {ok: false, error: 'unreachable executed'}},
			{name: 'half', outcome: {ok: true, values: [{type: 'f32', text: '-0.500000'}]}},
		]);
	});

	it('ignores lines of any other shape', () => {
		expect(parseRunAllExports('warning: something\n\nrun() => i32:7\r\nrun() => garbage\n')).toEqual([
			{name: 'run', outcome: {ok: true, values: [{type: 'i32', text: '7'}]}},
		]);
	});
});

describe('exportResult', () => {
	it('gives an i32 as a number and an i64 as a bigint, as the unsigned bits wabt prints', () => {
		expect(exportResult('_initialize() =>\nrun() => i32:3524578\n', 'run')).toBe(3524578);
		expect(exportResult('run() => i32:4294967295\n', 'run')).toBe(4294967295);
		expect(exportResult(SIEVE, 'run')).toBe(571655315688n);
		expect(exportResult('run() => i64:18446744073709551611\n', 'run')).toBe(18446744073709551611n);
	});

	it('fails when the export trapped, or an export called before it did', () => {
		expect(() => exportResult('run() => error: integer divide by zero\n', 'run')).toThrow('run() failed in wasm-interp: integer divide by zero');
		expect(() => exportResult('_initialize() => error: unreachable executed\nrun() => i32:1\n', 'run')).toThrow(/_initialize\(\) failed .* before run\(\)/);
	});

	it('ignores exports called after it', () => {
		expect(exportResult('run() => i32:1\nlater() => error: unreachable executed\n', 'run')).toBe(1);
	});

	it('fails when the export was not called or did not return one integer', () => {
		expect(() => exportResult('_initialize() =>\n', 'run')).toThrow(/did not call "run"/);
		expect(() => exportResult('run() =>\n', 'run')).toThrow(/0 values/);
		expect(() => exportResult('run() => i32:1, i32:2\n', 'run')).toThrow(/2 values/);
		expect(() => exportResult('run() => f64:1.500000\n', 'run')).toThrow(/f64:1.500000/);
	});
});
