/*
 * What a builtin is: a function of the shell (its state, its task context, its host) and its
 * arguments, writing through `io` (its fds 1 and 2 after redirection), returning a status — or, for
 * `fg` and `wait`, something to wait for, after which the shell goes on; or, for cat without files,
 * `{copy: true}`: the shell then copies its standard input to its standard output, blocking on each
 * read and write like a program (io.ts). Output goes through the shell's queue (io.ts), so a builtin
 * in a pipeline waits for its reader. A builtin that reads its standard input (`readsInput`) runs as
 * a job of its own when it is not already in a subshell, so ^C and ^Z reach it. Each has a usage
 * line, a one-line summary and a help text for `help NAME`.
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
	/** Its standard output is the terminal (not a file, a pipe or /dev/null). */
	readonly outIsTerminal: boolean;
}

/** What a prefix builtin (`nice -n 5 CMD`, `strace CMD`) makes of the command after its options. */
export interface Prefix {
	/** The command to run instead (its words; it may be a builtin or another prefix). */
	readonly words: readonly string[];
	/** Its priority (nice value) when it is a program. */
	readonly priority?: number;
	/** Trace its syscalls from its start (strace). */
	readonly traced?: boolean;
}

export type BuiltinResult = number | {readonly wait: Waiting} | {readonly copy: true};

export interface Builtin {
	readonly name: string;
	/** "kill [-SIG] PID|%N..." */
	readonly usage: string;
	readonly summary: string;
	/** More lines for `help NAME`. */
	readonly help: readonly string[];
	run(sh: Shell, args: readonly string[], io: BuiltinIo): BuiltinResult;
	/** Whether it would read its standard input with these arguments (cat without files). */
	readsInput?(args: readonly string[]): boolean;
	/**
	 * A prefix builtin: with these arguments, the command it runs (and what it changes for it); null
	 * when it runs as a builtin itself (no command given); a string is a usage error to print.
	 */
	wrap?(sh: Shell, args: readonly string[]): Prefix | string | null;
}
