/* Word expansion (parameters, field splitting, globbing) and the glob matcher. */

import {describe, expect, it} from 'vitest';
import {expandWord, ExpansionError, type ExpandScope} from '../../source/shell/expand.js';
import {expandGlob, matchComponent} from '../../source/shell/glob.js';
import {parse} from '../../source/shell/parse.js';
import {initialState} from '../../source/shell/state.js';

/** A tree for globbing: directory → names. */
const TREE: Record<string, string[]> = {
	'.': ['a.wasm', 'b.wasm', 'b.wat', '.hidden', 'dir', 'x*y'],
	dir: ['one.txt', 'two.txt'],
	'/': ['bin', 'tmp'],
	'/bin': ['cat', 'echo'],
};
const listDir = (dir: string) => TREE[dir] ?? null;

function expand(text: string, glob = false): string[] {
	const state = initialState({commands: '', params: ['p 1', 'p2'], env: {A: 'a', SP: ' x  y ', E: '', STAR: '*.wasm'}});
	state.status = 3;
	state.lastBackground = 42;
	const scope: ExpandScope = {state, pid: 7, listDir: glob ? listDir : null};
	return parse(text).items[0].andOr.pipelines[0].commands[0].words.flatMap(w => expandWord(w, scope));
}

describe('expansion', () => {
	it('expands variables and special parameters', () => {
		expect(expand('echo $A ${A}b $? $$ $! $# $0 "$1" $3')).toEqual(['echo', 'a', 'ab', '3', '7', '42', '2', 'sh', 'p 1']);
	});

	it('splits unquoted expansions on blanks, and not quoted ones', () => {
		expect(expand('echo $SP "$SP" x${SP}z')).toEqual(['echo', 'x', 'y', ' x  y ', 'x', 'x', 'y', 'z']);
	});

	it('drops an empty unquoted expansion but keeps an empty quoted one', () => {
		expect(expand('echo $E "$E" $NOPE ""')).toEqual(['echo', '', '']);
	});

	it('expands "$@" to one word per parameter and "$*" to one word', () => {
		expect(expand('echo "$@" "$*" $@')).toEqual(['echo', 'p 1', 'p2', 'p 1 p2', 'p', '1', 'p2']);
	});

	it('globs unquoted * and ? against the listing, sorted; leaves a pattern with no match', () => {
		expect(expand('ls *.wasm b.wa? dir/*.txt /bin/* nomatch* "*.wasm" \\*.wasm', true)).toEqual([
			'ls',
			'a.wasm',
			'b.wasm',
			'b.wat',
			'dir/one.txt',
			'dir/two.txt',
			'/bin/cat',
			'/bin/echo',
			'nomatch*',
			'*.wasm',
			'*.wasm',
		]);
		expect(expand('ls $STAR', true)).toEqual(['ls', 'a.wasm', 'b.wasm']);
	});

	it('gives a default for an unset (or, with :, empty) parameter, and an alternative for a set one', () => {
		// A set: 'a'; E set but empty; NOPE unset.
		expect(expand('echo ${A:-d} ${E:-d} ${E-d} ${NOPE-d} ${NOPE:-d}')).toEqual(['echo', 'a', 'd', 'd', 'd']);
		expect(expand('echo [${A:+x}] [${E:+x}] [${E+x}] [${NOPE+x}] ${1:+one} ${3:-three}')).toEqual(['echo', '[x]', '[]', '[x]', '[]', 'one', 'three']);
	});

	it('expands the word of ${X:-word} like a word: quotes, splitting, globbing, nested expansions', () => {
		expect(expand('echo ${NOPE:-a  b} "${NOPE:-a  b}" ${NOPE:-"a  b"} ${NOPE:-$A.$#} ${NOPE:-${E:-deep}}')).toEqual(['echo', 'a', 'b', 'a  b', 'a  b', 'a.2', 'deep']);
		expect(expand('echo ${NOPE:-*.wasm} "${NOPE:-*.wasm}" ${NOPE:-\\}}', true)).toEqual(['echo', 'a.wasm', 'b.wasm', '*.wasm', '}']);
		expect(expand('echo "${E:-}" ${E:-}')).toEqual(['echo', '']);
	});

	it('assigns with := and =, and only to names', () => {
		const state = initialState({commands: '', env: {E: ''}});
		const scope: ExpandScope = {state, pid: 7, listDir: null};
		const words = (text: string) => parse(text).items[0].andOr.pipelines[0].commands[0].words.flatMap(w => expandWord(w, scope));
		expect(words('echo ${X:=one} ${X:=two} ${E=kept} ${E:=set}')).toEqual(['echo', 'one', 'one', 'set']);
		expect(state.vars).toMatchObject({X: 'one', E: 'set'});
		expect(() => words('echo ${1:=x}')).toThrow(ExpansionError);
	});

	it('fails with ${X:?} and ${X?} when unset, with the word as the message', () => {
		expect(() => expand('echo ${NOPE:?it is needed}')).toThrow(new ExpansionError('NOPE: it is needed'));
		expect(() => expand('echo ${E:?}')).toThrow(new ExpansionError('E: parameter null or not set'));
		expect(() => expand('echo ${NOPE?}')).toThrow(new ExpansionError('NOPE: parameter not set'));
		expect(expand('echo ${E?} ${A:?}')).toEqual(['echo', 'a']);
	});

	it('counts characters with ${#X}', () => {
		expect(expand('echo ${#A} ${#E} ${#NOPE} ${#1} ${#} ${##} ${#SP}')).toEqual(['echo', '1', '0', '0', '3', '2', '1', '6']);
	});

	it('leaves patterns alone when there is no file system', () => {
		expect(expand('ls *.wasm')).toEqual(['ls', '*.wasm']);
	});
});

describe('glob', () => {
	it('matches * and ?, and a literal escaped one', () => {
		expect(matchComponent('*', 'abc')).toBe(true);
		expect(matchComponent('a*c', 'abbbc')).toBe(true);
		expect(matchComponent('a*c', 'abcd')).toBe(false);
		expect(matchComponent('?b?', 'abc')).toBe(true);
		expect(matchComponent('x\\*y', 'x*y')).toBe(true);
		expect(matchComponent('x\\*y', 'xay')).toBe(false);
		expect(matchComponent('**a*', 'bab')).toBe(true);
	});

	it('does not list hidden names unless the pattern starts with a dot', () => {
		expect(matchComponent('*', '.hidden')).toBe(false);
		expect(matchComponent('.*', '.hidden')).toBe(true);
		expect(expandGlob('*', listDir)).toEqual(['a.wasm', 'b.wasm', 'b.wat', 'dir', 'x*y']);
	});
});
