/*
 * The table of subcommands: one row each, with its usage line, its own flags and a loader. The loader
 * is a dynamic import, so a headless command never loads Ink or React (and `inspect` never loads the
 * kernel). Rows are added by the issue that builds each command; a command that is listed works.
 */

import type {FlagTable} from './argv.js';

export interface CommandIo {
	/** What a guest reads (run, sh): the host's stdin. */
	readonly stdin: NodeJS.ReadableStream;
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
}

/** What a command receives after parsing: its flags (camelCase keys), the operand and the guest's words. */
export interface CommandInvocation {
	readonly flags: Readonly<Record<string, unknown>>;
	readonly operand: string;
	readonly rest: readonly string[];
	readonly io: CommandIo;
}

export interface CommandDef {
	readonly name: string;
	/** "inspect [--json] FILE.wasm" */
	readonly usage: string;
	readonly summary: string;
	readonly flags: FlagTable;
	/** Name of the operand in messages ("FILE.wasm"). */
	readonly operandName: string;
	/** Whether words after the operand are allowed (a guest's arguments). */
	readonly takesRest: boolean;
	/** The command takes no operand at all (the TUI). */
	readonly noOperand?: boolean;
	/** The operand may be left out, when an option stands for it (`sched-compare -c LINE`); it is then ''. */
	readonly operandOptional?: boolean;
	/** Lines for --help after the options. */
	readonly notes?: readonly string[];
	/** Runs the command; resolves to the exit status. */
	readonly run: (invocation: CommandInvocation) => Promise<number>;
}

/** The machine options (DESIGN.md's table) that every machine-running command takes. */
const MACHINE_FLAGS: FlagTable = {
	policy: {type: 'string', valueName: 'NAME', description: 'scheduling policy: fcfs, rr, priority, mlfq, lottery, sjf, srtf [rr]'},
	quantum: {type: 'number', valueName: 'N', description: 'instructions per time slice [10000]'},
	aging: {type: 'number', valueName: 'N', description: 'priority: a waiting process gains one level per N ticks (0: no aging) [100000]'},
	mlfqLevels: {type: 'number', valueName: 'N', description: 'mlfq: number of queues [3]'},
	mlfqQuanta: {type: 'counts', valueName: 'N,N,...', description: 'mlfq: time slice of each level, top first; one value for all [quantum doubling per level]'},
	mlfqAllotment: {type: 'number', valueName: 'N', description: 'mlfq: time slices a process may use at a level before it moves down [1]'},
	mlfqBoost: {type: 'number', valueName: 'N', description: 'mlfq: every N ticks all processes go back to the top (0: never) [1000000]'},
	sjfAlpha: {type: 'fraction', valueName: 'A', description: 'sjf, srtf: weight of the last CPU burst in the prediction, 0 to 1 [0.5]'},
	sjfInitial: {type: 'number', valueName: 'N', description: 'sjf, srtf: predicted length of a first burst [the quantum]'},
	tickets: {type: 'string', isMultiple: true, valueName: 'PID=N', description: 'lottery: process PID holds N tickets (repeatable) [100 each]'},
	seed: {type: 'number', valueName: 'N', description: 'PRNG seed (random_get) [1]'},
	env: {type: 'string', isMultiple: true, valueName: 'KEY=VALUE', description: 'an environment variable for the guest (repeatable); it sees only these'},
	dir: {type: 'string', isMultiple: true, valueName: 'HOST::GUEST[:ro]', description: 'mount host directory HOST at GUEST (repeatable; ::/ mounts over the root; :ro read-only)'},
	maxMemory: {type: 'size', valueName: 'SIZE', description: 'memory cap per process, bytes or K/M/G [256M]'},
	fuel: {type: 'number', valueName: 'N', description: 'instructions a process may execute before it is killed'},
	maxSyscalls: {type: 'number', valueName: 'N', description: 'syscalls a process may make before it is killed (status 137)'},
	maxFds: {type: 'number', valueName: 'N', description: 'open file descriptors per process; past it opens fail with EMFILE [64]'},
	maxCallDepth: {type: 'number', valueName: 'N', description: 'nested wasm calls per process; deeper ends it (status 137) [10000]'},
	maxProcs: {type: 'number', valueName: 'N', description: 'live processes per job (a program and all it spawns); a spawn past it fails with EAGAIN [32]'},
	allow: {type: 'string', isMultiple: true, valueName: 'IMPORT', description: 'capability: a program may import MODULE or MODULE.FUNCTION (repeatable; with none, any import an ABI provides)'},
	maxTicks: {type: 'number', valueName: 'N', description: 'stop the machine after N virtual ticks (exit status 124)'},
	strace: {type: 'boolean', description: 'log every syscall to stderr'},
};

/** --snapshot-at / --snapshot-out of the headless machine commands (commands/snapshot-at.ts). */
const SNAPSHOT_FLAGS: FlagTable = {
	snapshotAt: {type: 'number', valueName: 'TICK', description: 'save a snapshot of the machine when the clock reaches TICK, and go on (with --snapshot-out)'},
	snapshotOut: {type: 'string', valueName: 'FILE', description: 'where --snapshot-at saves it (JSON, written atomically)'},
};

export const COMMANDS: readonly CommandDef[] = [
	{
		name: 'tui',
		usage: '[options]',
		summary: 'the full-screen TUI (what `wasmos-tui` alone opens in a terminal)',
		flags: {
			...MACHINE_FLAGS,
			paused: {type: 'boolean', description: 'start with the machine paused (Space resumes)'},
			init: {type: 'string', valueName: 'SCRIPT', description: 'a shell script on the host that the shell runs before its first prompt (a prepared demo)'},
			restore: {type: 'string', valueName: 'FILE', description: 'continue a saved snapshot (its own machine options and shell) instead of a new machine'},
			fps: {type: 'number', valueName: 'N', description: 'redraw at most N times a second [10]'},
			noColor: {type: 'boolean', description: 'no colour (also when NO_COLOR is set)'},
			ascii: {type: 'boolean', description: 'plain ASCII: no box-drawing or block characters'},
		},
		operandName: '',
		takesRest: false,
		noOperand: true,
		run: async ({flags, io}) => {
			const {tui} = await import('../commands/tui.js');
			return tui(flags, io);
		},
	},
	{
		name: 'run',
		usage: 'run [options] FILE.wasm|FILE.wat [ARGS...]',
		summary: 'run one program headless, like wasmtime run',
		flags: {
			...MACHINE_FLAGS,
			traceFile: {type: 'string', valueName: 'FILE', description: 'write every kernel event to FILE as JSON lines'},
			invoke: {type: 'string', valueName: 'NAME', description: 'call export NAME with ARGS instead of _start and print its results'},
			gantt: {type: 'boolean', description: 'at the end, print a Gantt chart of the schedule and per-process statistics to stderr'},
			...SNAPSHOT_FLAGS,
		},
		operandName: 'FILE.wasm',
		takesRest: true,
		run: async ({flags, operand, rest, io}) => {
			const {run} = await import('../commands/run.js');
			return run(operand, rest, flags, io);
		},
	},
	{
		name: 'sched-compare',
		usage: "sched-compare [options] (-c 'WORKLOAD' | FILE)",
		summary: 'one workload under every scheduling policy: a table of statistics and Gantt charts',
		flags: {
			// Every machine option but --strace (the runs are summarised, not traced).
			...Object.fromEntries(Object.entries(MACHINE_FLAGS).filter(([key]) => key !== 'strace')),
			policy: {type: 'string', isMultiple: true, valueName: 'NAME', description: 'compare only these policies (repeatable) [all of them]'},
			command: {type: 'string', shortFlag: 'c', valueName: 'WORKLOAD', description: "the workload: 'PROG ARGS... & PROG ARGS... &' (programs are .wasm/.wat files; see below)"},
			width: {type: 'number', valueName: 'N', description: 'width of the charts in columns [the terminal\'s, or 100]'},
		},
		operandName: "FILE (a workload file) or -c 'WORKLOAD'",
		takesRest: false,
		operandOptional: true,
		notes: [
			'A workload is programs separated by `&`, `;` or newlines; all start together at tick 0, in order',
			'(pids 1, 2, ...), with no stdin and their output discarded; `nice -n N PROG` gives one a priority;',
			'`#` starts a comment. A FILE holds the same, one program per line. Each policy runs the workload',
			'on a fresh machine with the same seed until every program has ended (or --max-ticks).',
			'Programs are host files here (not /bin); for pipes and sequences use `wasmos-tui sh`.',
		],
		run: async ({flags, operand, io}) => {
			const {schedCompare} = await import('../commands/sched-compare.js');
			return schedCompare(operand, flags, io);
		},
	},
	{
		name: 'sh',
		usage: "sh [options] (-c 'LINE' [NAME [ARGS...]] | SCRIPT [ARGS...])",
		summary: 'run shell commands headless, like sh -c',
		flags: {
			...MACHINE_FLAGS,
			command: {type: 'string', shortFlag: 'c', valueName: 'LINE', endsOptions: true, description: 'the commands to run (then NAME is $0 and ARGS are $1...; our options come before -c)'},
			...SNAPSHOT_FLAGS,
		},
		operandName: "SCRIPT or -c 'LINE'",
		takesRest: true,
		operandOptional: true,
		notes: [
			'Programs come from the machine\'s file system: a bare name is looked up in $PATH (default /bin,',
			'which holds the example programs), a word with a / is a path there (NAME, NAME.wasm, or a .wat',
			'assembled on the fly). Host programs run through a mount: --dir ./out::/out, then /out/prog.wasm.',
			'`help` lists the builtins.',
		],
		run: async ({flags, operand, rest, io}) => {
			const {sh} = await import('../commands/sh.js');
			return sh(operand, rest, flags, io);
		},
	},
	{
		name: 'restore',
		usage: 'restore [--headless] [--dir HOST::GUEST]... SNAPSHOT.json',
		summary: 'continue a saved machine from the instruction it was saved at',
		flags: {
			headless: {type: 'boolean', description: 'run it to the end without the TUI, like run and sh'},
			dir: {type: 'string', isMultiple: true, valueName: 'HOST::GUEST[:ro]', description: 'grant host directory HOST again: the snapshot\'s mount of it is re-attached (repeatable)'},
		},
		operandName: 'SNAPSHOT.json',
		takesRest: false,
		notes: [
			'Snapshots come from --snapshot-at TICK --snapshot-out FILE (run, sh), the shell\'s `snapshot save FILE`',
			'and the TUI\'s S key; docs/snapshot-format.md describes them. With --headless the exit status is',
			'process 1\'s. A snapshot does not open host directories by itself: its mounts are re-attached by host',
			'path only where --dir grants that directory again (the others refuse access, with a warning); one',
			'that is gone is reported and empty.',
		],
		run: async ({flags, operand, io}) => {
			const {restore} = await import('../commands/restore.js');
			return restore(operand, {headless: flags.headless === true, dir: flags.dir as string[] | undefined}, io);
		},
	},
	{
		name: 'inspect',
		usage: 'inspect [--json] FILE.wasm',
		summary: 'what the decoder sees: sections, imports, exports, functions, limits',
		flags: {json: {type: 'boolean', description: 'print machine-readable JSON'}},
		operandName: 'FILE.wasm',
		takesRest: false,
		run: async ({flags, operand, io}) => {
			const {inspect} = await import('../commands/inspect.js');
			return inspect(operand, {json: flags.json === true}, io);
		},
	},
];

export function findCommand(name: string): CommandDef | undefined {
	return COMMANDS.find(c => c.name === name);
}
