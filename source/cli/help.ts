/* Usage text, built from the command table so that --help lists exactly what exists. */

import {kebab, type FlagTable} from './argv.js';
import {COMMANDS, type CommandDef} from './commands.js';

function flagLines(flags: FlagTable): string[] {
	const rows = Object.entries(flags).map(([key, spec]) => {
		const short = spec.shortFlag === undefined ? '    ' : `-${spec.shortFlag}, `;
		const value = spec.type === 'boolean' ? '' : ` ${spec.valueName ?? 'VALUE'}`;
		return [`${short}--${kebab(key)}${value}`, spec.description] as const;
	});
	const width = Math.max(0, ...rows.map(([left]) => left.length));
	return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

export function mainHelp(): string {
	const width = Math.max(...COMMANDS.map(c => c.usage.length));
	return [
		'wasmos-tui — a terminal operating-system simulator whose processes are WebAssembly programs',
		'',
		'Usage',
		'  wasmos-tui COMMAND [options] [ARGS...]',
		'',
		'Commands',
		...COMMANDS.map(c => `  wasmos-tui ${c.usage.padEnd(width)}  ${c.summary}`),
		'',
		'Options',
		'  --help     show this help (or `wasmos-tui COMMAND --help`)',
		'  --version  print the version',
		'',
		'Our options come before the file; everything after the file belongs to the program.',
		'',
	].join('\n');
}

export function commandHelp(command: CommandDef): string {
	return [
		`Usage: wasmos-tui ${command.usage}`,
		'',
		`  ${command.summary}`,
		'',
		'Options',
		...flagLines(command.flags),
		'  --help  show this help',
		'',
		...(command.notes === undefined ? [] : [...command.notes.map(line => `  ${line}`), '']),
	].join('\n');
}
