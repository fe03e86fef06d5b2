import {describe, expect, it} from 'vitest';
import {parseCount, parseCountList, parseFraction, parseSize, splitArgs, UsageError, type FlagTable} from '../../source/cli/argv.js';

const FLAGS: FlagTable = {
	json: {type: 'boolean', description: ''},
	quantum: {type: 'number', description: ''},
	maxMemory: {type: 'size', description: ''},
	env: {type: 'string', isMultiple: true, description: ''},
	command: {type: 'string', shortFlag: 'c', endsOptions: true, description: ''},
};

// Each row: argv → what meow gets, the operand, and the guest's words.
const CASES: Array<[string[], string[], string | null, string[]]> = [
	[[], [], null, []],
	[['prog.wasm'], [], 'prog.wasm', []],
	[['grep.wasm', '-i', 'foo'], [], 'grep.wasm', ['-i', 'foo']],
	[['--json', 'a.wasm'], ['--json'], 'a.wasm', []],
	[['--quantum', '500', 'a.wasm', '--quantum', '7'], ['--quantum', '500'], 'a.wasm', ['--quantum', '7']],
	[['--quantum=500', 'a.wasm'], ['--quantum=500'], 'a.wasm', []],
	[['--max-memory', '64K', '--env', 'A=1', '--env', 'B=2', 'x.wat', 'y'], ['--max-memory', '64K', '--env', 'A=1', '--env', 'B=2'], 'x.wat', ['y']],
	[['-c', 'echo hi', 'arg0'], ['-c', 'echo hi'], 'arg0', []],
	// As sh: after -c LINE, every word is NAME and ARGS, options or not.
	[['--json', '-c', 'echo $0', '--json', '--quantum', '5'], ['--json', '-c', 'echo $0'], '--json', ['--quantum', '5']],
	[['-c', 'echo $1', 'name', '--bogus'], ['-c', 'echo $1'], 'name', ['--bogus']],
	[['--', '-weird-name.wasm', '--json'], [], '-weird-name.wasm', ['--json']],
	[['-', 'x'], [], '-', ['x']],
	[['--json'], ['--json'], null, []],
];

describe('the parsing rule: our options, then the operand, then the guest', () => {
	it.each(CASES)('%j', (argv, ours, operand, rest) => {
		expect(splitArgs(argv, FLAGS)).toEqual({ours, operand, rest});
	});

	it('refuses an unknown option before the operand, naming it', () => {
		expect(() => splitArgs(['--bogus', 'a.wasm'], FLAGS)).toThrow(new UsageError('unknown option --bogus'));
		expect(() => splitArgs(['--bogus=3', 'a.wasm'], FLAGS)).toThrow(new UsageError('unknown option --bogus'));
		expect(() => splitArgs(['-x'], FLAGS)).toThrow(new UsageError('unknown option -x'));
	});

	it('refuses a value-taking option at the end', () => {
		expect(() => splitArgs(['--quantum'], FLAGS)).toThrow(new UsageError('option --quantum needs a value'));
	});
});

describe('numeric flag values', () => {
	it('accepts whole numbers and refuses anything that would be NaN', () => {
		expect(parseCount('quantum', '10000')).toBe(10000);
		for (const bad of ['', 'ten', '1e3', '-5', '3.5', '0x10']) {
			expect(() => parseCount('quantum', bad)).toThrow(UsageError);
		}
		expect(() => parseCount('quantum', '99999999999999999999')).toThrow(/too large/);
	});

	it('reads sizes with K/M/G suffixes as powers of 1024', () => {
		expect(parseSize('max-memory', '65536')).toBe(65536);
		expect(parseSize('max-memory', '64K')).toBe(65536);
		expect(parseSize('max-memory', '256M')).toBe(256 * 1024 * 1024);
		expect(parseSize('max-memory', '1g')).toBe(1024 ** 3);
		expect(() => parseSize('max-memory', '12Q')).toThrow(/needs a size/);
	});

	it('reads fractions from 0 to 1 and lists of whole numbers', () => {
		expect(parseFraction('sjf-alpha', '0.5')).toBe(0.5);
		expect(parseFraction('sjf-alpha', '.25')).toBe(0.25);
		expect(parseFraction('sjf-alpha', '1')).toBe(1);
		expect(parseFraction('sjf-alpha', '0')).toBe(0);
		for (const bad of ['', '1.5', '-0.1', 'half', '1e-1', 'NaN']) expect(() => parseFraction('sjf-alpha', bad)).toThrow('--sjf-alpha needs a number from 0 to 1');
		expect(parseCountList('mlfq-quanta', '10000,20000,40000')).toEqual([10000, 20000, 40000]);
		expect(parseCountList('mlfq-quanta', '7')).toEqual([7]);
		for (const bad of ['', '1,', ',1', '1,,2', '1, 2', '1;2']) expect(() => parseCountList('mlfq-quanta', bad)).toThrow('--mlfq-quanta needs whole numbers separated by commas');
	});
});
