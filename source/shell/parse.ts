/*
 * The shell's parser: text → Script (ast.ts), or a ShellSyntaxError that says where.
 *
 *   parse('echo "$HOME" | wc && ls > out')      a Script
 *   parse('echo |')                              throws ShellSyntaxError, incomplete: true
 *
 * Words: unquoted text, '...' (everything literal), "..." (where $ expands and \ escapes $ ` " \
 * and a newline), \x (x literal; \ and a newline vanish), $NAME ${NAME} $? $$ $! $# $@ $* $0-$9,
 * ${NAME:-word} ${NAME:=word} ${NAME:+word} ${NAME:?word} (and without the colon), ${#NAME}: the
 * word inside may hold quotes, escapes, blanks and more expansions, up to the matching }.
 * A # at the start of a word starts a comment to the end of the line. Operators: ; & && || | and
 * newline; redirections [N]< [N]> [N]>> [N]>&M [N]<&M.
 *
 * Not supported, each a syntax error that says so: command substitution, arithmetic expansion, and
 * compound commands (a reserved word such as `if`, `for` or `{` where a command starts).
 *
 * An error is `incomplete` when more text could complete it (an open quote, a trailing | && || or
 * \): a shell reading lines appends the next line and parses again; at the end of its input it
 * reports it. Every error carries the offset it points at (formatSyntaxError draws the caret).
 */

import type {AndOr, Assignment, Item, ParamOp, Pipeline, Redirect, RedirectOp, Script, SimpleCommand, Word, WordPart} from './ast.js';

export class ShellSyntaxError extends Error {
	override readonly name = 'ShellSyntaxError';
	constructor(
		message: string,
		/** Offset in the parsed text the error points at. */
		readonly at: number,
		/** More input could make it valid. */
		readonly incomplete: boolean,
	) {
		super(message);
	}
}

type Token =
	| {readonly kind: 'word'; readonly word: Word; readonly end: number}
	| {readonly kind: 'op'; readonly op: ';' | '&' | '&&' | '||' | '|' | '\n'; readonly at: number; readonly end: number}
	| {readonly kind: 'redirect'; readonly fd: number | null; readonly op: RedirectOp; readonly at: number; readonly end: number}
	| {readonly kind: 'end'; readonly at: number; readonly end: number};

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL_PARAMS = '?$!#@*0123456789';
/** Characters that end an unquoted word. */
const BREAK = new Set([' ', '\t', '\n', ';', '&', '|', '<', '>']);

/** Splits text into tokens; words keep their quoting as parts. */
class Lexer {
	private pos = 0;

	constructor(private readonly text: string) {}

	next(): Token {
		this.skipBlanks();
		const at = this.pos;
		const c = this.text[at];
		if (c === undefined) return {kind: 'end', at, end: at};
		const two = this.text.slice(at, at + 2);
		if (two === '&&' || two === '||') return this.op(two, 2);
		if (c === ';' || c === '&' || c === '|' || c === '\n') return this.op(c, 1);
		if (c === '<' || c === '>') return this.redirect(null, at);
		// A word of digits right before < or > is the fd of a redirection: 2>file.
		const digits = /^\d+/.exec(this.text.slice(at))?.[0];
		if (digits !== undefined && (this.text[at + digits.length] === '<' || this.text[at + digits.length] === '>')) {
			this.pos += digits.length;
			return this.redirect(Number(digits), at);
		}
		return this.word();
	}

	private op(op: ';' | '&' | '&&' | '||' | '|' | '\n', length: number): Token {
		const at = this.pos;
		this.pos += length;
		return {kind: 'op', op, at, end: this.pos};
	}

	private redirect(fd: number | null, at: number): Token {
		const rest = this.text.slice(this.pos, this.pos + 2);
		const op: RedirectOp = rest === '>>' ? '>>' : rest === '>&' ? '>&' : rest === '<&' ? '<&' : (rest[0] as '<' | '>');
		this.pos += op.length;
		return {kind: 'redirect', fd, op, at, end: this.pos};
	}

	/** Blanks, comments, and backslash-newline continuations. */
	private skipBlanks(): void {
		for (;;) {
			const c = this.text[this.pos];
			if (c === ' ' || c === '\t') this.pos++;
			else if (c === '\\' && this.text[this.pos + 1] === '\n') this.pos += 2;
			else if (c === '#') {
				while (this.pos < this.text.length && this.text[this.pos] !== '\n') this.pos++;
			} else return;
		}
	}

	private word(): Token {
		const at = this.pos;
		const parts: WordPart[] = [];
		const text = (s: string, quoted: boolean) => {
			const last = parts.at(-1);
			if (last?.kind === 'text' && last.quoted === quoted) parts[parts.length - 1] = {kind: 'text', text: last.text + s, quoted};
			else parts.push({kind: 'text', text: s, quoted});
		};
		while (this.pos < this.text.length) {
			const c = this.text[this.pos];
			if (BREAK.has(c)) break;
			if (c === '\\') {
				const next = this.text[this.pos + 1];
				if (next === undefined) throw new ShellSyntaxError('a \\ at the end of the input escapes nothing', this.pos, true);
				this.pos += 2;
				if (next !== '\n') text(next, true);
			} else if (c === "'") {
				const close = this.text.indexOf("'", this.pos + 1);
				if (close < 0) throw new ShellSyntaxError('unterminated single quote', this.pos, true);
				text(this.text.slice(this.pos + 1, close), true);
				this.pos = close + 1;
			} else if (c === '"') {
				this.doubleQuoted(parts, text);
			} else if (c === '$') {
				this.dollar(parts, text, false);
			} else if (c === '`') {
				throw new ShellSyntaxError('command substitution (`...`) is not supported', this.pos, false);
			} else {
				text(c, false);
				this.pos++;
			}
		}
		if (parts.length === 0) parts.push({kind: 'text', text: '', quoted: true});
		return {kind: 'word', word: {parts, at}, end: this.pos};
	}

	private doubleQuoted(parts: WordPart[], text: (s: string, quoted: boolean) => void): void {
		const open = this.pos;
		this.pos++;
		let any = false;
		for (;;) {
			const c = this.text[this.pos];
			if (c === undefined) throw new ShellSyntaxError('unterminated double quote', open, true);
			if (c === '"') break;
			if (c === '\\' && '$`"\\\n'.includes(this.text[this.pos + 1] ?? '')) {
				if (this.text[this.pos + 1] !== '\n') text(this.text[this.pos + 1], true);
				this.pos += 2;
			} else if (c === '$') {
				this.dollar(parts, text, true);
			} else if (c === '`') {
				throw new ShellSyntaxError('command substitution (`...`) is not supported', this.pos, false);
			} else {
				text(c, true);
				this.pos++;
			}
			any = true;
		}
		this.pos++;
		// "" is an empty word, not no word.
		if (!any) text('', true);
	}

	private dollar(parts: WordPart[], text: (s: string, quoted: boolean) => void, quoted: boolean): void {
		const at = this.pos;
		const c = this.text[at + 1];
		if (c === '{') {
			this.braced(parts, quoted);
		} else if (c === '(') {
			const what = this.text[at + 2] === '(' ? 'arithmetic expansion $((...))' : 'command substitution $(...)';
			throw new ShellSyntaxError(`${what} is not supported`, at, false);
		} else if (c !== undefined && SPECIAL_PARAMS.includes(c)) {
			parts.push({kind: 'param', name: c, quoted});
			this.pos += 2;
		} else if (c !== undefined && NAME_START.test(c)) {
			let end = at + 2;
			while (end < this.text.length && NAME_CHAR.test(this.text[end])) end++;
			parts.push({kind: 'param', name: this.text.slice(at + 1, end), quoted});
			this.pos = end;
		} else {
			// A $ that starts nothing is itself.
			text('$', quoted);
			this.pos++;
		}
	}

	/** ${NAME}, ${#NAME}, ${NAME OP word}: this.pos is at the $. */
	private braced(parts: WordPart[], quoted: boolean): void {
		const at = this.pos;
		const bad = (): never => {
			const close = this.text.indexOf('}', at);
			throw new ShellSyntaxError(`bad substitution: ${this.text.slice(at, close < 0 ? this.text.length : close + 1)}`, at, false);
		};
		const unterminated = (): never => {
			throw new ShellSyntaxError('unterminated ${', at, true);
		};
		let pos = at + 2;
		// ${#NAME} is a length; ${#} alone is $#.
		const length = this.text[pos] === '#' && this.text[pos + 1] !== '}' && this.text[pos + 1] !== undefined;
		if (length) pos++;
		const name = paramName(this.text.slice(pos));
		if (this.text[pos] === undefined) unterminated();
		if (name === '') bad();
		pos += name.length;
		if (this.text[pos] === '}') {
			parts.push(length ? {kind: 'param', name, quoted, op: '#'} : {kind: 'param', name, quoted});
			this.pos = pos + 1;
			return;
		}
		if (this.text[pos] === undefined) unterminated();
		const op = PARAM_OPS.find(o => this.text.startsWith(o, pos));
		if (length || op === undefined) bad();
		this.pos = pos + op!.length;
		parts.push({kind: 'param', name, quoted, op, word: this.paramWord(quoted, at)});
	}

	/** The word of ${NAME OP word}, up to the matching }: quotes, escapes and expansions as in a word, blanks kept. */
	private paramWord(quoted: boolean, open: number): WordPart[] {
		const parts: WordPart[] = [];
		const text = (s: string, q: boolean) => {
			const last = parts.at(-1);
			if (last?.kind === 'text' && last.quoted === q) parts[parts.length - 1] = {kind: 'text', text: last.text + s, quoted: q};
			else parts.push({kind: 'text', text: s, quoted: q});
		};
		for (;;) {
			const c = this.text[this.pos];
			if (c === undefined) throw new ShellSyntaxError('unterminated ${', open, true);
			if (c === '}') {
				this.pos++;
				return parts;
			}
			if (c === '\\') {
				const next = this.text[this.pos + 1];
				if (next === undefined) throw new ShellSyntaxError('unterminated ${', open, true);
				// Inside "...", \ escapes only $ ` " \ } and a newline; elsewhere anything.
				if (quoted && !'$`"\\}\n'.includes(next)) {
					text('\\', true);
					this.pos++;
					continue;
				}
				this.pos += 2;
				if (next !== '\n') text(next, true);
			} else if (c === "'" && !quoted) {
				const close = this.text.indexOf("'", this.pos + 1);
				if (close < 0) throw new ShellSyntaxError('unterminated single quote', this.pos, true);
				text(this.text.slice(this.pos + 1, close), true);
				this.pos = close + 1;
			} else if (c === '"') {
				this.doubleQuoted(parts, text);
			} else if (c === '$') {
				this.dollar(parts, text, quoted);
			} else if (c === '`') {
				throw new ShellSyntaxError('command substitution (`...`) is not supported', this.pos, false);
			} else {
				text(c, quoted);
				this.pos++;
			}
		}
	}
}

/** A name of a parameter at the start of `text`: NAME, digits, or one special character; '' when none. */
function paramName(text: string): string {
	const name = /^([A-Za-z_][A-Za-z0-9_]*|\d+)/.exec(text)?.[0];
	if (name !== undefined) return name;
	return text.length > 0 && SPECIAL_PARAMS.includes(text[0]) ? text[0] : '';
}

const PARAM_OPS: readonly ParamOp[] = [':-', ':=', ':+', ':?', '-', '=', '+', '?'];

/** How an operator token is written in messages. */
function shown(token: Token): string {
	if (token.kind === 'op') return token.op === '\n' ? 'newline' : `\`${token.op}'`;
	if (token.kind === 'redirect') return `\`${token.fd ?? ''}${token.op}'`;
	return token.kind === 'end' ? 'end of input' : 'word';
}

/** Parses a whole text (any number of lines). */
export function parse(text: string): Script {
	return new Parser(text).script();
}

/** Recursive descent over the lexer's tokens, one token of lookahead. */
class Parser {
	private readonly lexer: Lexer;
	private token: Token;
	/** Where the last consumed token ended: the end of an item's or pipeline's text. */
	private lastEnd = 0;

	constructor(private readonly text: string) {
		this.lexer = new Lexer(text);
		this.token = this.lexer.next();
	}

	script(): Script {
		const items: Item[] = [];
		for (;;) {
			this.skipNewlines();
			if (this.token.kind === 'end') return {items};
			const start = startOf(this.token);
			const andOr = this.andOr();
			const end = this.lastEnd;
			// What follows an and-or list is ; & a newline or the end (commands take every word).
			const t: Token = this.peek();
			const background = t.kind === 'op' && t.op === '&';
			if (t.kind === 'op' && (t.op === ';' || t.op === '&')) this.advance();
			items.push({andOr, background, text: this.text.slice(start, end).trim()});
		}
	}

	/** The current token, read afresh (TypeScript would keep a narrowing of the field across calls). */
	private peek(): Token {
		return this.token;
	}

	private advance(): void {
		this.lastEnd = this.token.end;
		this.token = this.lexer.next();
	}

	private skipNewlines(): void {
		while (this.token.kind === 'op' && this.token.op === '\n') this.advance();
	}

	private andOr(): AndOr {
		const pipelines = [this.pipeline()];
		const ops: Array<'&&' | '||'> = [];
		for (let t = this.token; t.kind === 'op' && (t.op === '&&' || t.op === '||'); t = this.token) {
			ops.push(t.op);
			this.advance();
			this.skipNewlines();
			if (this.token.kind === 'end') throw new ShellSyntaxError(`a command is missing after ${shown(t)}`, t.at, true);
			pipelines.push(this.pipeline());
		}
		return {pipelines, ops};
	}

	private pipeline(): Pipeline {
		const start = startOf(this.token);
		const commands = [this.command()];
		for (let t = this.token; t.kind === 'op' && t.op === '|'; t = this.token) {
			this.advance();
			this.skipNewlines();
			if (this.token.kind === 'end') throw new ShellSyntaxError("a command is missing after `|'", t.at, true);
			commands.push(this.command());
		}
		return {commands, text: this.text.slice(start, this.lastEnd).trim()};
	}

	private command(): SimpleCommand {
		const at = startOf(this.token);
		const assigns: Assignment[] = [];
		const words: Word[] = [];
		const redirects: Redirect[] = [];
		for (;;) {
			const t = this.token;
			if (t.kind === 'word') {
				if (words.length === 0 && assigns.length === 0) refuseCompound(t.word);
				const assignment = words.length === 0 ? asAssignment(t.word) : null;
				if (assignment !== null) assigns.push(assignment);
				else words.push(t.word);
				this.advance();
			} else if (t.kind === 'redirect') {
				this.advance();
				redirects.push(this.redirection(t));
			} else break;
		}
		if (assigns.length === 0 && words.length === 0 && redirects.length === 0) {
			const t = this.token;
			if (t.kind === 'end') throw new ShellSyntaxError('a command is missing at the end of the input', t.at, true);
			throw new ShellSyntaxError(`unexpected ${shown(t)}`, startOf(t), false);
		}
		return {assigns, words, redirects, at};
	}

	private redirection(r: Extract<Token, {kind: 'redirect'}>): Redirect {
		const fd = r.fd ?? (r.op === '<' || r.op === '<&' ? 0 : 1);
		const target = this.token;
		const dup = r.op === '>&' || r.op === '<&';
		if (target.kind !== 'word') {
			throw new ShellSyntaxError(`${shown(r)} needs ${dup ? 'a file descriptor' : 'a file name'}, found ${shown(target)}`, target.at, false);
		}
		this.advance();
		if (!dup) return {fd, op: r.op, target: target.word, dupFd: null, at: r.at};
		const only = target.word.parts.length === 1 ? target.word.parts[0] : null;
		if (only === null || only.kind !== 'text' || !/^\d+$/.test(only.text)) {
			throw new ShellSyntaxError(`${shown(r)} needs a file descriptor number`, target.word.at, false);
		}
		return {fd, op: r.op, target: null, dupFd: Number(only.text), at: r.at};
	}
}

/** Words that start (or belong to) a compound command in a POSIX shell, where a command starts. */
const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'select', 'function', '{', '}', '[[', ']]']);

/** A reserved word (unquoted) where a command starts: this shell has no compound commands, so say so rather than run a program of that name. */
function refuseCompound(word: Word): void {
	const only = word.parts.length === 1 ? word.parts[0] : null;
	if (only === null || only.kind !== 'text' || only.quoted || !RESERVED.has(only.text)) return;
	throw new ShellSyntaxError(`\`${only.text}' belongs to a compound command (if, for, while, until, case, { ... }), which this shell does not support`, word.at, false);
}

function startOf(token: Token): number {
	return token.kind === 'word' ? token.word.at : token.at;
}

/** NAME=value at the start of a command (NAME unquoted). */
function asAssignment(word: Word): Assignment | null {
	const first = word.parts[0];
	if (first?.kind !== 'text' || first.quoted) return null;
	const eq = first.text.indexOf('=');
	if (eq <= 0 || !NAME.test(first.text.slice(0, eq))) return null;
	const rest: WordPart[] = [];
	if (eq + 1 < first.text.length) rest.push({kind: 'text', text: first.text.slice(eq + 1), quoted: false});
	rest.push(...word.parts.slice(1));
	if (rest.length === 0) rest.push({kind: 'text', text: '', quoted: true});
	return {name: first.text.slice(0, eq), value: {parts: rest, at: word.at + eq + 1}};
}

/**
 * An error as the shell prints it: the message, then the line it is on and a caret under the column.
 *   sh: line 1, column 6: syntax error: unexpected `|'
 *   echo | | x
 *          ^
 */
export function formatSyntaxError(error: ShellSyntaxError, text: string, firstLine = 1): string {
	const at = Math.min(error.at, text.length);
	const lineStart = text.lastIndexOf('\n', at - 1) + 1;
	const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
	const line = text.slice(lineStart, lineEnd);
	const lineNo = firstLine + (text.slice(0, lineStart).match(/\n/g)?.length ?? 0);
	const column = at - lineStart + 1;
	// The caret sits under the same character: tabs in the line stay tabs before it.
	const pad = line.slice(0, at - lineStart).replace(/[^\t]/g, ' ');
	return `sh: line ${lineNo}, column ${column}: syntax error: ${error.message}\n${line}\n${pad}^\n`;
}
