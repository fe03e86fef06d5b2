#!/usr/bin/env node
/*
 * Composition root of the command line. Splits argv by the parsing rule (cli/argv.ts), hands only
 * our part to meow, validates numeric flags, and loads the chosen subcommand lazily. Usage errors
 * print one line naming the bad word and exit with status 2.
 */

import './cli/v8-flags.js';
import process from 'node:process';
import meow from 'meow';
import {kebab, parseCount, parseCountList, parseFraction, parseSize, splitArgs, UsageError, type FlagTable, type FlagType} from './cli/argv.js';
import {COMMANDS, findCommand, type CommandDef} from './cli/commands.js';
import {commandHelp, mainHelp} from './cli/help.js';

const TOP_FLAGS: FlagTable = {
	help: {type: 'boolean', shortFlag: 'h', description: 'show help'},
	version: {type: 'boolean', description: 'print the version'},
};

/** meow's flag options for our table: numbers and sizes arrive as strings and are checked by us. */
function meowFlags(flags: FlagTable) {
	return Object.fromEntries(
		Object.entries(flags).map(([key, spec]) => [
			key,
			{
				type: spec.type === 'boolean' ? ('boolean' as const) : ('string' as const),
				isMultiple: spec.isMultiple ?? false,
				...(spec.shortFlag === undefined ? {} : {shortFlag: spec.shortFlag}),
			},
		]),
	);
}

/**
 * meow's parse of our part of argv. What meow itself refuses (a flag given twice that is not
 * repeatable) is a usage error naming the flag as it is typed, not a stack trace.
 */
function parseOurs(help: string, argv: readonly string[], flags: FlagTable) {
	try {
		return meow(help, {importMeta: import.meta, argv: [...argv], flags: meowFlags(flags), allowUnknownFlags: false, autoHelp: false, autoVersion: false});
	} catch (error) {
		const once = error instanceof Error ? /^The flag --(\S+) can only be set once\.?$/.exec(error.message) : null;
		if (once === null) throw error;
		throw new UsageError(`--${kebab(once[1])} can be given only once`);
	}
}

/** How the flag types that are not plain strings are converted (argv.ts). */
const CONVERTERS: Partial<Record<FlagType, (flag: string, value: string) => unknown>> = {
	number: parseCount,
	size: parseSize,
	fraction: parseFraction,
	counts: parseCountList,
};

/** Converts number, size, fraction and list flags from their strings; a bad value is a UsageError, never NaN. */
function checkFlags(flags: FlagTable, parsed: Record<string, unknown>): Record<string, unknown> {
	const out: Record<string, unknown> = {...parsed};
	for (const [key, spec] of Object.entries(flags)) {
		const value = parsed[key];
		const parse = CONVERTERS[spec.type];
		if (value === undefined || parse === undefined) continue;
		const convert = (v: string) => parse(kebab(key), v);
		out[key] = Array.isArray(value) ? value.map(v => convert(String(v))) : convert(String(value));
	}
	return out;
}

async function runCommand(command: CommandDef, argv: readonly string[]): Promise<number> {
	const flags: FlagTable = {...command.flags, help: {type: 'boolean', shortFlag: 'h', description: 'show help'}};
	const {ours, operand, rest} = splitArgs(argv, flags);
	const cli = parseOurs(commandHelp(command), ours, flags);
	if (cli.flags.help === true) {
		process.stdout.write(commandHelp(command));
		return 0;
	}
	// Values first: `run --fuel prog.wasm` took the file as the value, and is told so.
	const checked = checkFlags(flags, cli.flags as Record<string, unknown>);
	if (command.noOperand === true && operand !== null) throw new UsageError(`unexpected argument ${operand}`);
	if (command.noOperand !== true && command.operandOptional !== true && operand === null) throw new UsageError(`${command.name} needs ${command.operandName}`);
	if (!command.takesRest && rest.length > 0) throw new UsageError(`${command.name}: unexpected argument ${rest[0]}`);
	// stdin is touched only by a command that reads it: Node opens it on first access.
	const io = {
		get stdin() {
			return process.stdin;
		},
		stdout: process.stdout,
		stderr: process.stderr,
	};
	return command.run({flags: checked, operand: operand ?? '', rest, io});
}

/** No command: in a terminal, the TUI with the options given; elsewhere (a pipe, a script) the usage. */
function opensTui(argv: readonly string[]): boolean {
	const top = new Set(['--help', '-h', '--version']);
	if (argv.length === 0) return process.stdout.isTTY === true && process.stdin.isTTY === true;
	return argv[0].startsWith('-') && argv[0] !== '--' && !top.has(argv[0]) && !Object.hasOwn(TOP_FLAGS, argv[0].replace(/^--/, ''));
}

async function main(argv: readonly string[]): Promise<number> {
	if (opensTui(argv)) return runCommand(findCommand('tui')!, argv);
	const {ours, operand, rest} = splitArgs(argv, TOP_FLAGS);
	const cli = parseOurs(mainHelp(), ours, TOP_FLAGS);
	if (cli.flags.version === true) {
		process.stdout.write(`${cli.pkg.version ?? 'unknown'}\n`);
		return 0;
	}
	if (cli.flags.help === true || operand === null) {
		process.stdout.write(mainHelp());
		return 0;
	}
	const command = findCommand(operand);
	if (command === undefined) {
		const known = COMMANDS.map(c => c.name).join(', ');
		throw new UsageError(`unknown command "${operand}" (commands: ${known})`);
	}
	return runCommand(command, rest);
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (!(error instanceof UsageError)) throw error;
	process.stderr.write(`wasmos-tui: ${error.message} (see wasmos-tui --help)\n`);
	process.exitCode = 2;
}
