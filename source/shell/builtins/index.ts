/*
 * The table of builtins, one row each (grouped by file), and `help`, which reads the table.
 */

import type {Builtin} from '../builtin.js';
import {asm} from './asm.js';
import {clear, echo, exit, falseBuiltin, history, trueBuiltin} from './basic.js';
import {proc, system} from './demo.js';
import {limits, nice, renice, strace} from './control.js';
import {cat, cd, cp, ls, mkdir, mv, pwd, rm, stat, touch} from './files.js';
import {bg, fg, jobs, kill, wait} from './jobs.js';
import {mem} from './mem.js';
import {ps, pstree, sched} from './proc.js';
import {snapshot} from './snapshot.js';
import {env, exportBuiltin, unset} from './vars.js';

/** Width of the usage column in `help`'s list. */
const USAGE_COLUMN = 32;

const help: Builtin = {
	name: 'help',
	usage: 'help [NAME]',
	summary: 'list the builtins, or explain one',
	help: [],
	run: (_sh, args, io) => {
		if (args.length === 0) {
			// A usage longer than the column puts its summary on the next line, so lines stay short.
			const width = Math.min(USAGE_COLUMN, Math.max(...BUILTIN_LIST.map(b => b.usage.length)));
			io.out(
				[
					'Builtins (help NAME for one):',
					...BUILTIN_LIST.map(b => (b.usage.length > width ? `  ${b.usage}\n  ${''.padEnd(width)}  ${b.summary}` : `  ${b.usage.padEnd(width)}  ${b.summary}`)),
					'Any other command word names a program: a path with a / or a name looked up in $PATH.',
					'',
				].join('\n'),
			);
			return 0;
		}
		let status = 0;
		for (const name of args) {
			const b = BUILTINS.get(name);
			if (b === undefined) {
				io.err(`help: no builtin named ${name}\n`);
				status = 1;
				continue;
			}
			io.out([`${b.usage}`, `  ${b.summary}`, ...b.help.map(line => `  ${line}`), ''].join('\n'));
		}
		return status;
	},
};

const BUILTIN_LIST: readonly Builtin[] = [
	echo, trueBuiltin, falseBuiltin, cd, pwd, ls, cat, mkdir, rm, touch, mv, cp, stat, env, exportBuiltin, unset,
	ps, pstree, proc, system, kill, jobs, fg, bg, wait, nice, renice, sched, limits, strace, mem, asm, history, clear, exit, snapshot, help,
];

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map(BUILTIN_LIST.map(b => [b.name, b]));
