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
	/** Runs the command; resolves to the exit status. */
	readonly run: (invocation: CommandInvocation) => Promise<number>;
}

/** The machine options (DESIGN.md's table) that every machine-running command takes. */
const MACHINE_FLAGS: FlagTable = {
	policy: {type: 'string', valueName: 'NAME', description: 'scheduling policy: rr (round robin) [rr]'},
	quantum: {type: 'number', valueName: 'N', description: 'instructions per time slice [10000]'},
	seed: {type: 'number', valueName: 'N', description: 'PRNG seed (random_get) [1]'},
	env: {type: 'string', isMultiple: true, valueName: 'KEY=VALUE', description: 'an environment variable for the guest (repeatable); it sees only these'},
	maxMemory: {type: 'size', valueName: 'SIZE', description: 'memory cap per process, bytes or K/M/G [256M]'},
	fuel: {type: 'number', valueName: 'N', description: 'instructions a process may execute before it is killed'},
	maxTicks: {type: 'number', valueName: 'N', description: 'stop the machine after N virtual ticks (exit status 124)'},
	strace: {type: 'boolean', description: 'log every syscall to stderr'},
};

export const COMMANDS: readonly CommandDef[] = [
	{
		name: 'run',
		usage: 'run [options] FILE.wasm|FILE.wat [ARGS...]',
		summary: 'run one program headless, like wasmtime run',
		flags: {
			...MACHINE_FLAGS,
			traceFile: {type: 'string', valueName: 'FILE', description: 'write every kernel event to FILE as JSON lines'},
			invoke: {type: 'string', valueName: 'NAME', description: 'call export NAME with ARGS instead of _start and print its results'},
		},
		operandName: 'FILE.wasm',
		takesRest: true,
		run: async ({flags, operand, rest, io}) => {
			const {run} = await import('../commands/run.js');
			return run(operand, rest, flags, io);
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
