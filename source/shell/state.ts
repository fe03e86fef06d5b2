/*
 * The shell's state: everything it knows, as plain JSON-able data (a host task's state, task.ts),
 * so that a snapshot of the machine holds the shell mid-line: the variables, the input not yet run,
 * the line being run and where in it, what it waits for, the job table and the history.
 */

import type {ProcessView} from '../kernel/kernel.js';
import type {Item, Script} from './ast.js';

export interface Job {
	/** The number in [N] and %N. */
	readonly id: number;
	/** Its process group: every process of the job is in it. */
	readonly pgid: number;
	readonly pids: number[];
	/** The command as typed. */
	readonly text: string;
	state: 'running' | 'stopped' | 'done';
	/** Exit statuses of the members reaped so far, by pid. */
	readonly statuses: Record<string, number>;
	/** How the last member ended when it was not a plain exit ("Terminated", "trap: ..."), else null. */
	how: string | null;
	/** Whether its last change of state has been reported. */
	notified: boolean;
}

/** What the shell waits for before it goes on. */
export type Waiting =
	/** A foreground job: until it ends or stops. */
	| {readonly kind: 'job'; readonly id: number}
	/** The `wait` builtin: until these jobs (all of them when null) have ended. */
	| {readonly kind: 'wait'; readonly ids: number[] | null};

/** The line being run: its parsed form and where execution is in it. */
export interface Running {
	readonly script: Script;
	/** The item (and-or list) being run, and the pipeline in it to consider next. */
	item: number;
	pipeline: number;
	/** Where the line starts in the input (for messages). */
	readonly lineNo: number;
}

export interface ShellState {
	/** Reading commands from the terminal with a prompt (else from a script or -c). */
	readonly interactive: boolean;
	/** Each job in its own process group, the foreground one holding the terminal. Off in a subshell. */
	readonly jobControl: boolean;
	/** $0 and $1... */
	readonly argv0: string;
	params: string[];
	vars: Record<string, string>;
	/** Names of the variables exported to programs. */
	exported: string[];
	/** $? and $!. */
	status: number;
	lastBackground: number | null;
	/** The working directory: absolute, normalized; programs are spawned in it. */
	cwd: string;

	/** Text not yet parsed; bytes of a UTF-8 character split across reads. */
	input: string;
	partial: number[];
	/** No more input will come. */
	eof: boolean;
	/** Line number of the first line of `input`. */
	lineNo: number;
	/** A line that needs more lines (an open quote, a trailing |), with its first line number. */
	continued: {text: string; lineNo: number} | null;
	/** The prompt for the next read has been printed. */
	prompted: boolean;

	run: Running | null;
	waiting: Waiting | null;
	jobs: Job[];
	nextJob: number;
	history: string[];
	/** Set by `exit`: the code the shell ends with. */
	exit: number | null;

	/** Output not yet taken by its fd (io.ts): bytes as a binary string, in order. */
	outbox: Array<{readonly fd: number; data: string}>;
	/** A copy from an fd to another under way (cat reading its standard input, io.ts); null fds are /dev/null. */
	copy: {readonly name: string; readonly from: number | null; readonly to: number | null; readonly err: number | null} | null;
	/** Fds to close once the outbox is empty and no copy runs (a builtin's redirections). */
	closeAfter: number[];
	/** Limits given to the programs started from now on (`limits`), over the machine's defaults. */
	limits: Partial<SpawnLimits>;
}

/** The limits a spawn may set (kernel/limits.ts's ProcessLimits, as the kernel's views show them). */
export type SpawnLimits = {-readonly [K in keyof ProcessView['limits']]: ProcessView['limits'][K]};

export interface ShellOptions {
	readonly interactive?: boolean;
	/** The commands to run (-c LINE or a script's text); omitted, or interactive: then read the terminal. */
	readonly commands?: string;
	readonly argv0?: string;
	readonly params?: readonly string[];
	/** Initial variables, all exported (the environment it was started with); PATH is DEFAULT_PATH unless given. */
	readonly env?: Readonly<Record<string, string>>;
	/** The working directory to start in (default "/"; it is not checked). */
	readonly cwd?: string;
}

/** $PATH when the environment has none: programs are found in the VFS's /bin (lookup.ts). */
export const DEFAULT_PATH = '/bin';

export function initialState(options: ShellOptions): ShellState {
	const env = {PATH: DEFAULT_PATH, ...options.env};
	const interactive = options.interactive ?? options.commands === undefined;
	return {
		interactive,
		jobControl: true,
		argv0: options.argv0 ?? 'sh',
		params: [...(options.params ?? [])],
		vars: env,
		exported: Object.keys(env),
		status: 0,
		lastBackground: null,
		cwd: options.cwd ?? '/',
		input: options.commands ?? '',
		partial: [],
		// Commands given to an interactive shell run first; then it reads the terminal.
		eof: !interactive,
		lineNo: 1,
		continued: null,
		prompted: false,
		run: null,
		waiting: null,
		jobs: [],
		nextJob: 1,
		history: [],
		exit: null,
		outbox: [],
		copy: null,
		closeAfter: [],
		limits: {},
	};
}

/** A subshell that runs one item (a background and-or list or builtin) and exits with its status. */
export function subshellState(parent: ShellState, item: Item, lineNo: number): ShellState {
	return {
		...initialState({argv0: parent.argv0, params: parent.params}),
		interactive: false,
		jobControl: false,
		vars: {...parent.vars},
		exported: [...parent.exported],
		status: parent.status,
		lastBackground: parent.lastBackground,
		cwd: parent.cwd,
		limits: {...parent.limits},
		eof: true,
		run: {script: {items: [{...item, background: false}]}, item: 0, pipeline: 0, lineNo},
	};
}

/** The kind the shell task is registered under (kernel/task.ts). */
export const SHELL_KIND = 'sh';
