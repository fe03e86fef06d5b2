/*
 * Word expansion, in POSIX's order: parameters ($NAME, $?, ${NAME:-word}, ${#NAME}, ...), then field
 * splitting of what unquoted parameters produced (on spaces, tabs and newlines), then pathname
 * expansion of unquoted * and ? (glob.ts), then quote removal (the lexer already took the quotes off).
 *
 * ${NAME:=word} assigns to the shell's variable as it expands (only a NAME can be assigned);
 * ${NAME:?word} with NAME unset or empty throws an ExpansionError: the shell prints it and the
 * command does not run (status 1).
 */

import type {Word, WordPart} from './ast.js';
import {expandGlob, hasGlob, unescapeGlob, type ListDir} from './glob.js';
import type {ShellState} from './state.js';

/** What parameters expand against. */
export interface ExpandScope {
	readonly state: ShellState;
	/** $$: the shell's pid. */
	readonly pid: number;
	readonly listDir: ListDir | null;
}

/** A field being built: its text, and the same as a glob pattern (quoted * and ? escaped). */
interface Field {
	text: string;
	pattern: string;
	/** It has content from a quoted part (so "" is a field even though empty). */
	quoted: boolean;
}

const IFS = /[ \t\n]+/;

function escapeGlob(text: string): string {
	return text.replace(/[\\*?]/g, c => `\\${c}`);
}

/** ${NAME:?} of an unset parameter, or ${1:=x}: the message says what. */
export class ExpansionError extends Error {
	override readonly name = 'ExpansionError';
}

/** Whether a parameter is set (an empty value is set). */
function isSet(name: string, scope: ExpandScope): boolean {
	const s = scope.state;
	if (name === '!') return s.lastBackground !== null;
	if (/^\d+$/.test(name)) return name === '0' || Number(name) <= s.params.length;
	if (name.length === 1 && '?$#@*'.includes(name)) return true;
	return Object.hasOwn(s.vars, name);
}

/**
 * What a parameter part stands for: a value (a list for "$@"), or the parts of its word (for
 * ${NAME:-word} when NAME is unset or empty, ...), to be expanded in its place.
 */
function resolve(part: Extract<WordPart, {kind: 'param'}>, scope: ExpandScope): string | string[] | {readonly parts: readonly WordPart[]} {
	const {name, op} = part;
	if (op === undefined) return param(name, scope);
	if (op === '#') {
		const value = param(name, scope);
		return String([...(Array.isArray(value) ? value.join(' ') : value)].length);
	}
	const value = param(name, scope);
	const empty = Array.isArray(value) ? value.length === 0 : value === '';
	// With the colon, an empty value counts as unset.
	const missing = !isSet(name, scope) || (op.startsWith(':') && empty);
	const word = part.word ?? [];
	switch (op.replace(':', '')) {
		case '-':
			return missing ? {parts: word} : value;
		case '+':
			return missing ? '' : {parts: word};
		case '=': {
			if (!missing) return value;
			if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ExpansionError(`\${${name}${op}...}: $${name} cannot be assigned`);
			const assigned = expandParts(word, scope);
			scope.state.vars[name] = assigned;
			return assigned;
		}
		default: {
			if (!missing) return value;
			const message = expandParts(word, scope);
			throw new ExpansionError(`${name}: ${message === '' ? (op === '?' ? 'parameter not set' : 'parameter null or not set') : message}`);
		}
	}
}

/** A parameter's value: a list for "$@" (one field per parameter), else a string. */
function param(name: string, scope: ExpandScope): string | string[] {
	const s = scope.state;
	switch (name) {
		case '?':
			return String(s.status);
		case '$':
			return String(scope.pid);
		case '!':
			return s.lastBackground === null ? '' : String(s.lastBackground);
		case '#':
			return String(s.params.length);
		case '@':
			return [...s.params];
		case '*':
			return s.params.join(' ');
		case '0':
			return s.argv0;
		default:
			if (/^\d+$/.test(name)) return s.params[Number(name) - 1] ?? '';
			return Object.hasOwn(s.vars, name) ? s.vars[name] : '';
	}
}

/** The fields a word expands to (none, one, or several). */
export function expandWord(word: Word, scope: ExpandScope): string[] {
	const fields: Field[] = [];
	let current: Field | null = null;
	const open = (): Field => (current ??= {text: '', pattern: '', quoted: false});
	const close = () => {
		if (current !== null) fields.push(current);
		current = null;
	};
	// `expanded`: the word of ${X:-word}, whose unquoted text is split into fields like a value.
	const addParts = (parts: readonly WordPart[], expanded: boolean) => {
		for (const part of parts) {
			if (part.kind === 'text' && expanded) {
				appendValue(part.text, part.quoted);
				continue;
			}
			if (part.kind === 'text') {
				const f = open();
				f.text += part.text;
				f.pattern += part.quoted ? escapeGlob(part.text) : part.text.replace(/\\/g, '\\\\');
				f.quoted ||= part.quoted;
				continue;
			}
			const value = resolve(part, scope);
			if (Array.isArray(value)) {
				// "$@" and $@: one field per parameter (unquoted ones are split further).
				value.forEach((v, k) => {
					if (k > 0) close();
					appendValue(v, part.quoted);
				});
				continue;
			}
			if (typeof value === 'string') appendValue(value, part.quoted);
			else {
				// ${X:-word}: the word's own parts, in place (a "..." around ${} marked them quoted).
				if (part.quoted) open().quoted = true;
				addParts(value.parts, true);
			}
		}
	};
	addParts(word.parts, false);
	close();
	return fields.filter(f => f.quoted || f.text !== '').flatMap(f => globbed(f, scope.listDir));

	function appendValue(value: string, quoted: boolean): void {
		if (quoted) {
			const f = open();
			f.text += value;
			f.pattern += escapeGlob(value);
			f.quoted = true;
			return;
		}
		// Unquoted: split on blanks; a blank ends the field before it (pieces after the first start new ones).
		const pieces = value.split(IFS);
		pieces.forEach((piece, k) => {
			if (k > 0) close();
			if (piece === '') return;
			const f = open();
			f.text += piece;
			f.pattern += piece.replace(/\\/g, '\\\\');
		});
	}
}

function globbed(field: Field, listDir: ListDir | null): string[] {
	if (listDir === null || !hasGlob(field.pattern)) return [field.text];
	const matches = expandGlob(field.pattern, listDir);
	return matches.length > 0 ? matches : [unescapeGlob(field.pattern)];
}

/** A word that must be one field (an assignment's value, a redirection's file): joined, never split or globbed. */
export function expandSingle(word: Word, scope: ExpandScope): string {
	return expandParts(word.parts, scope);
}

function expandParts(parts: readonly WordPart[], scope: ExpandScope): string {
	let out = '';
	for (const part of parts) {
		if (part.kind === 'text') out += part.text;
		else {
			const value = resolve(part, scope);
			out += Array.isArray(value) ? value.join(' ') : typeof value === 'string' ? value : expandParts(value.parts, scope);
		}
	}
	return out;
}
