/*
 * The shell's syntax tree: plain data (it sits in the shell's state while a line runs, and a
 * snapshot saves it as JSON). Positions are offsets in the text that was parsed.
 *
 *   script     := item*                     items end with ; & or a newline
 *   item       := and-or [&]                & runs it in the background
 *   and-or     := pipeline ((&& | ||) pipeline)*
 *   pipeline   := command (| command)*
 *   command    := (NAME=word)* (word | redirection)*
 *   redirection:= [N]< word | [N]> word | [N]>> word | [N]>&M | [N]<&M
 */

/**
 * A piece of a word: literal text, or a parameter to expand ($NAME, ${NAME}, $?, $$, $!, $1, $#, $@,
 * $*), maybe with an operator: ${NAME:-word} ${NAME-word} (a default), ${NAME:=word} ${NAME=word}
 * (a default, assigned), ${NAME:+word} ${NAME+word} (an alternative), ${NAME:?word} ${NAME?word}
 * (an error when unset), ${#NAME} (the length: op '#', no word). With the colon, empty counts as unset.
 */
export type WordPart =
	| {readonly kind: 'text'; readonly text: string; readonly quoted: boolean}
	| {readonly kind: 'param'; readonly name: string; readonly quoted: boolean; readonly op?: ParamOp; readonly word?: readonly WordPart[]};

export type ParamOp = ':-' | '-' | ':=' | '=' | ':+' | '+' | ':?' | '?' | '#';

export interface Word {
	readonly parts: readonly WordPart[];
	readonly at: number;
}

export interface Assignment {
	readonly name: string;
	readonly value: Word;
}

export type RedirectOp = '<' | '>' | '>>' | '>&' | '<&';

export interface Redirect {
	/** The fd it redirects. */
	readonly fd: number;
	readonly op: RedirectOp;
	/** The file (for <, >, >>). */
	readonly target: Word | null;
	/** The fd it duplicates (for >& and <&). */
	readonly dupFd: number | null;
	readonly at: number;
}

export interface SimpleCommand {
	readonly assigns: readonly Assignment[];
	readonly words: readonly Word[];
	readonly redirects: readonly Redirect[];
	readonly at: number;
}

export interface Pipeline {
	readonly commands: readonly SimpleCommand[];
	/** Its source text, for job names. */
	readonly text: string;
}

export interface AndOr {
	readonly pipelines: readonly Pipeline[];
	/** ops[k] joins pipelines[k] and pipelines[k + 1]. */
	readonly ops: ReadonlyArray<'&&' | '||'>;
}

export interface Item {
	readonly andOr: AndOr;
	readonly background: boolean;
	/** Its source text without the trailing & (a background job's name). */
	readonly text: string;
}

export interface Script {
	readonly items: readonly Item[];
}
