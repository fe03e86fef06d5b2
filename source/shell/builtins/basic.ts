/* Builtins that only talk: echo, true, false, exit, history, clear. */

import type {Builtin} from '../builtin.js';

/** echo's -e escapes. */
const ESCAPES: Readonly<Record<string, string>> = {n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', e: '\x1b', '0': '\0'};

export const echo: Builtin = {
	name: 'echo',
	usage: 'echo [-n] [-e] [WORD...]',
	summary: 'print the words, separated by spaces',
	help: ['-n  no newline at the end', '-e  interpret \\n \\t \\\\ \\r \\a \\b \\e \\0 in the words'],
	run: (_sh, args, io) => {
		let newline = true;
		let escapes = false;
		let k = 0;
		for (; k < args.length && /^-[ne]+$/.test(args[k]); k++) {
			if (args[k].includes('n')) newline = false;
			if (args[k].includes('e')) escapes = true;
		}
		let text = args.slice(k).join(' ');
		if (escapes) text = text.replace(/\\(.)/g, (all, c: string) => ESCAPES[c] ?? all);
		io.out(newline ? `${text}\n` : text);
		return 0;
	},
};

export const trueBuiltin: Builtin = {name: 'true', usage: 'true', summary: 'do nothing, successfully (status 0)', help: [], run: () => 0};

export const falseBuiltin: Builtin = {name: 'false', usage: 'false', summary: 'do nothing, unsuccessfully (status 1)', help: [], run: () => 1};

export const exit: Builtin = {
	name: 'exit',
	usage: 'exit [N]',
	summary: 'end the shell with status N (default: the last status)',
	help: ['N is taken modulo 256, as the kernel does with any exit code.'],
	run: (sh, args, io) => {
		if (args.length > 1) {
			io.err('exit: too many arguments\n');
			return 1;
		}
		if (args.length === 1 && !/^-?\d+$/.test(args[0])) {
			io.err(`exit: ${args[0]}: a number is needed\n`);
			sh.state.exit = 2;
			return 2;
		}
		const code = args.length === 0 ? sh.state.status : Number(BigInt.asUintN(8, BigInt(args[0])));
		sh.state.exit = code;
		return code;
	},
};

export const history: Builtin = {
	name: 'history',
	usage: 'history [N]',
	summary: 'list the lines run so far (the last N)',
	help: ['Lines are numbered from 1 in the order they were run.'],
	run: (sh, args, io) => {
		const all = sh.state.history;
		const n = args.length > 0 ? Number(args[0]) : all.length;
		if (!Number.isInteger(n) || n < 0) {
			io.err(`history: ${args[0]}: a number is needed\n`);
			return 2;
		}
		const first = Math.max(0, all.length - n);
		io.out(all.slice(first).map((line, k) => `${String(first + k + 1).padStart(5)}  ${line}\n`).join(''));
		return 0;
	},
};

export const clear: Builtin = {
	name: 'clear',
	usage: 'clear',
	summary: 'clear the screen',
	help: [
		"In the TUI: empties the command pane. Headless (wasmos-tui sh): writes the ANSI sequence that clears",
		'the screen and its scrollback, only when the host\'s standard output is a terminal. When clear\'s',
		'output is a file or a pipe it writes nothing (a guest\'s escape sequences never reach the screen).',
	],
	run: (sh, _args, io) => {
		if (io.outIsTerminal) sh.host.clear?.();
		return 0;
	},
};
