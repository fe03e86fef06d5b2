/*
 * What `/` filters: the process table by name or pid, the syscall log by pid or by process or
 * syscall name. A filter is plain text; empty matches everything; a number matches that pid exactly,
 * other text matches names containing it (case-insensitive). Pure functions, tested without a screen.
 */

import type {ProcessView} from '../kernel/kernel.js';
import type {LogLine, ProcessNames} from './event-feed.js';

function matches(text: string, pid: number, names: readonly string[]): boolean {
	const wanted = text.trim().toLowerCase();
	if (wanted === '') return true;
	if (/^\d+$/.test(wanted)) return pid === Number(wanted);
	return names.some(name => name.toLowerCase().includes(wanted));
}

export function processMatches(view: ProcessView, filter: string): boolean {
	return matches(filter, view.pid, [view.name]);
}

/** `names`: the processes' names by pid (a line names only its syscall). */
export function logLineMatches(line: LogLine, filter: string, names: ProcessNames): boolean {
	return matches(filter, line.pid, [line.name, names.get(line.pid) ?? '']);
}
