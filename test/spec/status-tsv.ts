/**
 * `conversion-status.tsv`, the suite's list of files (name, group, conversion status, command counts),
 * and the totals check: every file of a selected group must account for exactly its number of commands,
 * so a file or a command that silently did not run is a failure.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';

export interface StatusRow {
	readonly name: string;
	readonly group: string;
	readonly status: string;
	readonly commands: number;
}

export const STATUS_FILE = 'conversion-status.tsv';
const HEADER = ['name', 'group', 'status', 'commands', 'module_cmds', 'assert_cmds'];

/** Parses the TSV text; throws naming the line on a bad header or row. */
export function parseStatusTsv(text: string): StatusRow[] {
	const [header, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
	if (header?.split('\t').join(',') !== HEADER.join(',')) throw new Error(`${STATUS_FILE}: header must be ${HEADER.join(' ')}`);
	return lines.map((line, index) => {
		const [name, group, status, commands] = line.split('\t');
		if (name === undefined || group === undefined || status === undefined || !/^[0-9]+$/.test(commands ?? '')) {
			throw new Error(`${STATUS_FILE}:${index + 2}: expected name, group, status and a command count`);
		}
		return {name, group, status, commands: Number(commands)};
	});
}

export function readStatusTsv(suiteDir: string): StatusRow[] {
	return parseStatusTsv(readFileSync(join(suiteDir, STATUS_FILE), 'utf8'));
}

/** Undefined when `accounted` commands (passed, failed, expected failures and skipped) match the row. */
export function totalMismatch(row: StatusRow, accounted: number): string | undefined {
	if (accounted === row.commands) return undefined;
	return `${accounted} of its ${row.commands} commands were run or skipped (${STATUS_FILE})`;
}
