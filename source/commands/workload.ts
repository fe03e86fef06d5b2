/*
 * The workload of `sched-compare`: a small subset of the shell's syntax, until the shell exists.
 *
 *   fixtures/sched/cpu.wat 3000000 & nice -n 5 fixtures/sched/cpu.wat 500000 & fixtures/sched/io.wat &
 *
 * Programs (host .wasm / .wat files, with their arguments) are separated by `&`, `;` or newlines,
 * and all start together at tick 0, in the order written (pids 1, 2, ...). Words are split at
 * blanks; 'single' and "double" quotes and backslashes work as in sh; `#` at the start of a word
 * begins a comment to the end of the line; `nice [-n N] PROG ...` starts PROG with priority N
 * (default 10, kept within -20..19). Anything else the shell would interpret (pipes, redirections,
 * `&&`, variables, globs, subshells, assignments) is refused with a message saying so, so that a
 * workload written today means the same when the shell runs it — except `;` and newlines, which
 * the shell will run in sequence: write `&` after each program to keep a workload's meaning.
 */

/** One program of the workload. */
export interface WorkloadProgram {
	/** The host file, as written. */
	readonly file: string;
	/** Its argv: the file and its arguments. */
	readonly argv: readonly string[];
	/** Its priority (nice value). */
	readonly priority: number;
}

/** A workload that cannot be read: the message says where (line) and what. */
export class WorkloadError extends Error {}

/** A word and the line it started on. */
interface Word {
	readonly text: string;
	readonly line: number;
}

/** Characters the shell interprets and this subset does not, with what to say about them. */
const REFUSED: Readonly<Record<string, string>> = {
	'|': 'pipes (|)',
	'<': 'redirections (<)',
	'>': 'redirections (>)',
	'(': 'subshells (( ))',
	')': 'subshells (( ))',
	$: 'variables ($)',
	'`': 'command substitution (`)',
	'*': 'globs (*)',
	'?': 'globs (?)',
	'[': 'globs ([)',
};

const DEFAULT_NICE = 10;

export function parseWorkload(text: string): WorkloadProgram[] {
	const programs: WorkloadProgram[] = [];
	let line = 1;
	let words: Word[] = [];
	let word: string | null = null;
	let wordLine = 1;
	const refuse = (what: string): never => {
		throw new WorkloadError(`line ${line}: ${what} are not part of a workload, which is programs separated by & (the shell runs them: wasmos-tui sh -c)`);
	};
	const endWord = () => {
		if (word !== null) words.push({text: word, line: wordLine});
		word = null;
	};
	const append = (c: string) => {
		if (word === null) wordLine = line;
		word = (word ?? '') + c;
	};
	const endCommand = () => {
		endWord();
		if (words.length > 0) programs.push(command(words));
		words = [];
	};
	// One pass over the characters: quotes and escapes build words, separators end commands.
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\\') {
			const next = text[++i];
			if (next === undefined) throw new WorkloadError(`line ${line}: a backslash at the end`);
			if (next === '\n') line++;
			else append(next);
		} else if (c === "'") {
			const close = text.indexOf("'", i + 1);
			if (close < 0) throw new WorkloadError(`line ${line}: a ' quote that is not closed`);
			const quoted = text.slice(i + 1, close);
			append(quoted);
			line += quoted.split('\n').length - 1;
			i = close;
		} else if (c === '"') {
			append('');
			for (i++; text[i] !== '"'; i++) {
				if (i >= text.length) throw new WorkloadError(`line ${line}: a " quote that is not closed`);
				const q = text[i];
				if (q === '$' || q === '`') refuse(REFUSED[q]);
				if (q === '\\' && '"\\$`\n'.includes(text[i + 1] ?? '')) {
					i++;
					if (text[i] !== '\n') append(text[i]);
				} else {
					append(q);
				}
				if (text[i] === '\n') line++;
			}
		} else if (c === '#' && word === null) {
			while (i + 1 < text.length && text[i + 1] !== '\n') i++;
		} else if (c === ' ' || c === '\t' || c === '\r') {
			endWord();
		} else if (c === '\n' || c === ';' || c === '&') {
			if (c === '&' && text[i + 1] === '&') refuse('&& lists');
			if (c === ';' && text[i + 1] === ';') throw new WorkloadError(`line ${line}: ;; outside a case`);
			endCommand();
			if (c === '\n') line++;
		} else if (Object.hasOwn(REFUSED, c)) {
			refuse(REFUSED[c]);
		} else {
			append(c);
		}
	}
	endCommand();
	if (programs.length === 0) throw new WorkloadError('the workload names no program');
	return programs;
}

/** The words of one command: an optional `nice` prefix, then the program and its arguments. */
function command(words: readonly Word[]): WorkloadProgram {
	let at = 0;
	let priority = 0;
	const first = words[0];
	if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(first.text)) {
		throw new WorkloadError(`line ${first.line}: assignments (${first.text}) are not part of a workload; use --env KEY=VALUE`);
	}
	if (first.text === 'nice') {
		at = 1;
		let adjustment = DEFAULT_NICE;
		const option = words[1]?.text;
		if (option === '-n' || option === '--adjustment') {
			adjustment = niceValue(words[2], first.line);
			at = 3;
		} else if (option !== undefined && /^(-n|--adjustment=)/.test(option)) {
			adjustment = niceValue({text: option.replace(/^(-n|--adjustment=)/, ''), line: first.line}, first.line);
			at = 2;
		} else if (option !== undefined && /^-\d+$/.test(option)) {
			adjustment = Number(option.slice(1));
			at = 2;
		}
		priority = Math.max(-20, Math.min(19, adjustment));
	}
	const program = words[at];
	if (program === undefined) throw new WorkloadError(`line ${first.line}: nice needs a program to run`);
	return {file: program.text, argv: words.slice(at).map(w => w.text), priority};
}

function niceValue(word: Word | undefined, line: number): number {
	if (word === undefined || !/^[-+]?\d+$/.test(word.text)) throw new WorkloadError(`line ${line}: nice -n needs a whole number, got ${word === undefined ? 'nothing' : `"${word.text}"`}`);
	return Number(word.text);
}
