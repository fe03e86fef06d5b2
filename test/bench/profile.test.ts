import {describe, expect, it} from 'vitest';
import {watBytes} from '../helpers/wat.js';
import {profileModule, profileTable, rankFunctions} from './profile.js';

describe('rankFunctions', () => {
	it('lists the functions that executed anything, most first, ties by index, with their names', () => {
		const names = new Map([
			[0, 'main'],
			[2, 'leaf'],
		]);
		expect(rankFunctions([5, 0, 40, 5], names)).toEqual([
			{index: 2, name: 'leaf', instructions: 40},
			{index: 0, name: 'main', instructions: 5},
			{index: 3, instructions: 5},
		]);
	});
});

describe('profileTable', () => {
	it('shows the top functions with their share, sums the rest as "others", then the total', () => {
		const functions = [
			{index: 3, name: 'quicksort', instructions: 750},
			{index: 2, name: 'run', instructions: 200},
			{index: 7, instructions: 30},
			{index: 5, name: 'memset', instructions: 15},
			{index: 4, name: 'memcpy', instructions: 5},
		];
		expect(profileTable(functions, 2).split('\n')).toEqual([
			'func  name                  instructions   share',
			'----  --------------------  ------------  ------',
			'   3  quicksort                      750   75.0%',
			'   2  run                            200   20.0%',
			'      others (3 functions)            50    5.0%',
			'      total                        1,000  100.0%',
		]);
	});

	it('has no "others" line when every function is shown, and a dash for a function without a name', () => {
		const lines = profileTable([{index: 1, instructions: 1_234_567}]).split('\n');
		expect(lines.slice(2)).toEqual(['   1  –         1,234,567  100.0%', '      total     1,234,567  100.0%']);
	});

	it('shows dashes for shares when nothing ran', () => {
		expect(profileTable([]).split('\n').at(-1)).toBe('      total             0      –');
	});
});

describe('profileModule', () => {
	it('runs the export once and counts instructions per function, named from the name section', async () => {
		const bytes = await watBytes(
			`(module
				(func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
				(func $run (export "run") (result i32) (local i32)
					(loop $again
						(local.set 0 (call $leaf (local.get 0)))
						(br_if $again (i32.lt_u (local.get 0) (i32.const 10))))
					local.get 0))`,
			{name: 'profile.wat'},
		);

		const profile = profileModule(bytes);
		expect(profile.results).toEqual([10]);
		expect(profile.functions.map(({index, name}) => ({index, name}))).toEqual([
			{index: 1, name: 'run'},
			{index: 0, name: 'leaf'},
		]);
		// leaf: local.get, i32.const, i32.add, end = 4 instructions per call, 10 calls.
		expect(profile.functions[1]!.instructions).toBe(40);
		expect(profile.functions.reduce((sum, {instructions}) => sum + instructions, 0)).toBe(profile.instructions);
	});
});
