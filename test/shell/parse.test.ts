/*
 * The shell's parser: the tree it builds for each construct, and every syntax error with the column
 * its caret points at, as the shell prints it.
 */

import {describe, expect, it} from 'vitest';
import type {Word} from '../../source/shell/ast.js';
import {formatSyntaxError, parse, ShellSyntaxError} from '../../source/shell/parse.js';

/** A word as text, params written $NAME and quoted text in [brackets]. */
function shown(word: Word): string {
	return word.parts.map(p => (p.kind === 'param' ? `$${p.name}${p.quoted ? '"' : ''}` : p.quoted ? `[${p.text}]` : p.text)).join('');
}

function commands(text: string): string[][] {
	return parse(text).items.flatMap(i => i.andOr.pipelines.flatMap(p => p.commands.map(c => c.words.map(shown))));
}

function error(text: string): ShellSyntaxError {
	try {
		parse(text);
	} catch (e) {
		if (e instanceof ShellSyntaxError) return e;
		throw e;
	}
	throw new Error(`no syntax error in ${JSON.stringify(text)}`);
}

describe('words', () => {
	it('splits on blanks and keeps quoting', () => {
		expect(commands(`echo a  'b c' "d $X e" f\\ g`)).toEqual([['echo', 'a', '[b c]', '[d ]$X"[ e]', 'f[ ]g']]);
	});

	it('expands nothing inside single quotes, and \\ escapes only $ ` " \\ inside double quotes', () => {
		expect(commands(`echo '$X \\n' "\\$X \\n \\" \\\\"`)).toEqual([['echo', '[$X \\n]', '[$X \\n " \\]']]);
	});

	it('knows $NAME, ${NAME}, the special parameters and positional ones', () => {
		expect(commands('echo $A ${B}c $? $$ $! $# $@ $* $0 $1 ${10} $ a$')).toEqual([['echo', '$A', '$Bc', '$?', '$$', '$!', '$#', '$@', '$*', '$0', '$1', '$10', '$', 'a$']]);
	});

	it('keeps "" as an empty word', () => {
		expect(commands(`echo "" ''`)).toEqual([['echo', '[]', '[]']]);
	});

	it('drops comments and joins backslash-newline', () => {
		expect(commands('echo a # b c\necho d\\\ne')).toEqual([['echo', 'a'], ['echo', 'de']]);
		expect(commands('# only a comment')).toEqual([]);
		expect(commands('echo a#b')).toEqual([['echo', 'a#b']]);
	});
});

describe('commands', () => {
	it('separates lists, and-or lists, pipelines and background items', () => {
		const script = parse('a; b && c || d & e | f\ng');
		expect(script.items.map(i => ({text: i.text, bg: i.background, ops: i.andOr.ops, pipes: i.andOr.pipelines.map(p => p.commands.length)}))).toEqual([
			{text: 'a', bg: false, ops: [], pipes: [1]},
			{text: 'b && c || d', bg: true, ops: ['&&', '||'], pipes: [1, 1, 1]},
			{text: 'e | f', bg: false, ops: [], pipes: [2]},
			{text: 'g', bg: false, ops: [], pipes: [1]},
		]);
	});

	it('allows a newline after | && ||', () => {
		expect(commands('a |\n b &&\n\n c ||\n d')).toEqual([['a'], ['b'], ['c'], ['d']]);
	});

	it('reads assignments before the command word only', () => {
		const [cmd] = parse('A=1 B="x y" run C=2').items[0].andOr.pipelines[0].commands;
		expect(cmd.assigns.map(a => [a.name, shown(a.value)])).toEqual([
			['A', '1'],
			['B', '[x y]'],
		]);
		expect(cmd.words.map(shown)).toEqual(['run', 'C=2']);
		expect(parse("'A'=1").items[0].andOr.pipelines[0].commands[0].words.map(shown)).toEqual(['[A]=1']);
	});

	it('reads redirections with and without fd numbers', () => {
		const [cmd] = parse('prog <in >out 2>>log 2>&1 1<&0 x3>y').items[0].andOr.pipelines[0].commands;
		expect(cmd.redirects.map(r => [r.fd, r.op, r.target === null ? r.dupFd : shown(r.target)])).toEqual([
			[0, '<', 'in'],
			[1, '>', 'out'],
			[2, '>>', 'log'],
			[2, '>&', 1],
			[1, '<&', 0],
			[1, '>', 'y'],
		]);
		expect(cmd.words.map(shown)).toEqual(['prog', 'x3']);
	});

	it('parses an empty line as nothing', () => {
		expect(parse('').items).toEqual([]);
		expect(parse('  \n\t\n').items).toEqual([]);
	});
});

describe('syntax errors', () => {
	// [text, message, offset of the caret, incomplete]
	const cases: Array<[string, RegExp, number, boolean]> = [
		['echo | | x', /unexpected `\|'/, 7, false],
		['; echo', /unexpected `;'/, 0, false],
		['echo a ;; b', /unexpected `;'/, 8, false],
		['a & ; b', /unexpected `;'/, 4, false],
		['&& b', /unexpected `&&'/, 0, false],
		['a || || b', /unexpected `\|\|'/, 5, false],
		['| a', /unexpected `\|'/, 0, false],
		['a &&& b', /unexpected `&'/, 4, false],
		['echo >', /`>' needs a file name, found end of input/, 6, false],
		['echo > ; x', /`>' needs a file name, found `;'/, 7, false],
		['echo 2>&x', /`2>&' needs a file descriptor number/, 8, false],
		['echo >& | a', /`>&' needs a file descriptor, found `\|'/, 8, false],
		['echo ${', /unterminated \$\{/, 5, true],
		['echo ${a%b}', /bad substitution: \$\{a%b\}/, 5, false],
		['echo ${#a:-b}', /bad substitution/, 5, false],
		['echo ${a b}', /bad substitution/, 5, false],
		['echo x${a:-b', /unterminated \$\{/, 6, true],
		["echo ${a:-'b}", /unterminated single quote/, 10, true],
		['echo "${a:-b}', /unterminated double quote/, 5, true],
		['echo ${a:-$(ls)}', /command substitution \$\(\.\.\.\) is not supported/, 10, false],
		['echo ${}', /bad substitution/, 5, false],
		['echo $(ls)', /command substitution \$\(\.\.\.\) is not supported/, 5, false],
		['echo `ls`', /command substitution/, 5, false],
		["echo 'abc", /unterminated single quote/, 5, true],
		['echo "abc', /unterminated double quote/, 5, true],
		['echo "a `b` c"', /command substitution/, 8, false],
		['echo a |', /a command is missing after `\|'/, 7, true],
		['echo a &&', /a command is missing after `&&'/, 7, true],
		['echo a ||', /a command is missing after `\|\|'/, 7, true],
		['echo a\\', /escapes nothing/, 6, true],
		['echo $((1 + 2))', /arithmetic expansion \$\(\(\.\.\.\)\) is not supported/, 5, false],
		['for i in 1 2; do echo $i; done', /`for' belongs to a compound command \(if, for, while, until, case, \{ \.\.\. \}\), which this shell does not support/, 0, false],
		['true && if x; then y; fi', /`if' belongs to a compound command/, 8, false],
		['a | while read l; do echo; done', /`while' belongs to a compound command/, 4, false],
		['a; { b; }', /`\{' belongs to a compound command/, 3, false],
	];

	it.each(cases)('%j: %s at offset %i', (text, message, at, incomplete) => {
		const e = error(text);
		expect(e.message).toMatch(message);
		expect(e.at).toBe(at);
		expect(e.incomplete).toBe(incomplete);
	});

	it('runs a reserved word that is quoted, an argument, or after an assignment as a plain word', () => {
		for (const text of ['"for" x', 'echo for if done {', 'X=1 if', "'{' a"]) expect(() => parse(text)).not.toThrow();
	});

	it('prints the line with a caret under the column', () => {
		const text = 'echo ok\necho | | x';
		expect(formatSyntaxError(error(text), text, 10)).toBe("sh: line 11, column 8: syntax error: unexpected `|'\necho | | x\n       ^\n");
	});

	it('keeps tabs before the caret so it lines up', () => {
		const text = '\techo\t;;';
		expect(formatSyntaxError(error(text), text)).toBe("sh: line 1, column 8: syntax error: unexpected `;'\n\techo\t;;\n\t    \t ^\n");
	});
});
