import {describe, expect, it} from 'vitest';
import {parseBenchArgs, UsageError} from './args.js';

describe('parseBenchArgs', () => {
	it('has defaults', () => {
		expect(parseBenchArgs([])).toEqual({runs: 10, warmup: 1, engines: [], filters: [], json: false, profile: false, help: false});
	});

	it('reads every option, repeatable ones as lists', () => {
		expect(parseBenchArgs(['--runs', '3', '--warmup', '0', '--engine', 'wasmos', '--engine', 'wasm-interp', '--filter', 'fib', '--json', '--profile'])).toEqual({
			runs: 3,
			warmup: 0,
			engines: ['wasmos', 'wasm-interp'],
			filters: ['fib'],
			json: true,
			profile: true,
			help: false,
		});
	});

	it('rejects bad counts and unknown options as usage errors', () => {
		expect(() => parseBenchArgs(['--runs', '0'])).toThrow(UsageError);
		expect(() => parseBenchArgs(['--runs', 'ten'])).toThrow(/--runs/);
		expect(() => parseBenchArgs(['--warmup', '-1'])).toThrow(UsageError);
		expect(() => parseBenchArgs(['--fast'])).toThrow(UsageError);
	});
});
