/* The workload syntax of sched-compare: the subset of sh it takes, and what it refuses. */

import {describe, expect, it} from 'vitest';
import {parseWorkload, WorkloadError} from '../../source/commands/workload.js';

describe('workloads', () => {
	it('reads programs separated by &, ; and newlines, with their arguments, in order', () => {
		expect(parseWorkload('a.wat 1 2 & b.wasm &c.wat;d.wat\n\ne.wat &')).toEqual([
			{file: 'a.wat', argv: ['a.wat', '1', '2'], priority: 0},
			{file: 'b.wasm', argv: ['b.wasm'], priority: 0},
			{file: 'c.wat', argv: ['c.wat'], priority: 0},
			{file: 'd.wat', argv: ['d.wat'], priority: 0},
			{file: 'e.wat', argv: ['e.wat'], priority: 0},
		]);
	});

	it('quotes and escapes words as sh does, and skips comments', () => {
		const [one, two] = parseWorkload(`# a comment line\n'my prog.wat' "two words" it\\'s a\\ b "q\\"x" ''  # trailing\nx.wat a#b`);
		expect(one.argv).toEqual(['my prog.wat', 'two words', "it's", 'a b', 'q"x', '']);
		expect(two.argv).toEqual(['x.wat', 'a#b']);
	});

	it('gives a priority with nice, as nice(1) does', () => {
		const [a, b, c, d, e] = parseWorkload('nice -n 5 a.wat & nice b.wat x & nice -n -3 c.wat & nice -n99 d.wat & nice -7 e.wat');
		expect([a, b, c, d, e].map(p => p.priority)).toEqual([5, 10, -3, 19, 7]);
		expect(b.argv).toEqual(['b.wat', 'x']);
		expect(() => parseWorkload('nice -n')).toThrow('line 1: nice -n needs a whole number, got nothing');
		expect(() => parseWorkload('nice')).toThrow('line 1: nice needs a program to run');
	});

	it.each([
		['a.wat | b.wat', 'line 1: pipes (|) are not part of a workload'],
		['a.wat > out', 'line 1: redirections (>) are not part of a workload'],
		['a.wat &&  b.wat', 'line 1: && lists are not part of a workload'],
		['\na.wat $HOME', 'line 2: variables ($) are not part of a workload'],
		['a.wat "$x"', 'variables ($) are not part of a workload'],
		['fixtures/*.wat', 'globs (*) are not part of a workload'],
		['(a.wat)', 'subshells'],
		['X=1 a.wat', 'line 1: assignments (X=1) are not part of a workload; use --env KEY=VALUE'],
		["a.wat 'open", "line 1: a ' quote that is not closed"],
		['a.wat "open', 'line 1: a " quote that is not closed'],
		['a.wat \\', 'line 1: a backslash at the end'],
		['  # nothing but a comment\n;&', 'the workload names no program'],
	])('refuses %j', (text, message) => {
		expect(() => parseWorkload(text)).toThrow(WorkloadError);
		expect(() => parseWorkload(text)).toThrow(message);
	});
});
