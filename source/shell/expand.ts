/*
 * Word expansion, in POSIX's order: parameters ($NAME, $?, ...), then field splitting of what
 * unquoted parameters produced (on spaces, tabs and newlines), then pathname expansion of unquoted
 * * and ? (glob.ts), then quote removal (the lexer already took the quotes off).
 */

import type {Word} from './ast.js';
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
	for (const part of word.parts) {
		if (part.kind === 'text') {
			const f = open();
			f.text += part.text;
			f.pattern += part.quoted ? escapeGlob(part.text) : part.text.replace(/\\/g, '\\\\');
			f.quoted ||= part.quoted;
			continue;
		}
		const value = param(part.name, scope);
		if (Array.isArray(value)) {
			// "$@" and $@: one field per parameter (unquoted ones are split further).
			value.forEach((v, k) => {
				if (k > 0) close();
				appendValue(v, part.quoted);
			});
			continue;
		}
		appendValue(value, part.quoted);
	}
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
	let out = '';
	for (const part of word.parts) {
		if (part.kind === 'text') out += part.text;
		else {
			const value = param(part.name, scope);
			out += Array.isArray(value) ? value.join(' ') : value;
		}
	}
	return out;
}
