/*
 * What a builtin is: a function of the shell (its state, its task context, its host) and its
 * arguments, writing through `io` (its fds 1 and 2 after redirection), returning a status — or, for
 * `fg` and `wait`, something to wait for, after which the shell goes on. A builtin never blocks by
 * itself. Each has a usage line, a one-line summary and a help text for `help NAME`.
 */

import type {TaskContext} from '../kernel/kernel.js';
import type {ShellHost} from './host.js';
import type {ShellState, Waiting} from './state.js';

export interface Shell {
	readonly ctx: TaskContext;
	readonly state: ShellState;
	readonly host: ShellHost;
}

export interface BuiltinIo {
	out(text: string): void;
	err(text: string): void;
}

export type BuiltinResult = number | {readonly wait: Waiting};

export interface Builtin {
	readonly name: string;
	/** "kill [-SIG] PID|%N..." */
	readonly usage: string;
	readonly summary: string;
	/** More lines for `help NAME`. */
	readonly help: readonly string[];
	run(sh: Shell, args: readonly string[], io: BuiltinIo): BuiltinResult;
}
