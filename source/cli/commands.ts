/*
 * The table of subcommands: one row each, with its usage line, its own flags and a loader. The loader
 * is a dynamic import, so a headless command never loads Ink or React (and `inspect` never loads the
 * kernel). Rows are added by the issue that builds each command; a command that is listed works.
 */

import type {FlagTable} from './argv.js';

export interface CommandIo {
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

export const COMMANDS: readonly CommandDef[] = [
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
