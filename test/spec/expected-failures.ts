/**
 * Expected-failures lists (`test/spec/expected-failures-<engine>.txt`): one `file.wast:LINE` per line,
 * `#` starts a comment. A listed command that fails is an expected failure, reported apart and not a
 * failure; a listed command that passes, or an entry that names no command of a file that ran, is a
 * failure (the list must be kept current). An entry names a line, so it covers every command on it.
 */
import {existsSync, readFileSync} from 'node:fs';
import {basename} from 'node:path';
import type {CommandOutcome} from './script-runner.js';

export interface ExpectedFailureList {
	/** The list's file name, for messages. */
	readonly source: string;
	/** `file.wast:LINE` → the line of the list that names it. */
	readonly entries: ReadonlyMap<string, number>;
}

/** A failure, or an expected one: where (`file.wast:LINE`, `file.wast`, or a list line) and why. */
export interface Failure {
	readonly where: string;
	readonly reason: string;
}

export function parseExpectedFailures(text: string, source: string): ExpectedFailureList {
	const entries = new Map<string, number>();
	text.split('\n').forEach((raw, index) => {
		const entry = raw.replace(/#.*/, '').trim();
		if (entry === '') return;
		if (!/^[^\s:]+\.wast:[0-9]+$/.test(entry)) throw new Error(`${source}:${index + 1}: expected file.wast:LINE, got "${entry}"`);
		entries.set(entry, index + 1);
	});
	return {source, entries};
}

/** Reads a list; a missing file is an empty list. */
export function readExpectedFailures(path: string): ExpectedFailureList {
	const source = basename(path);
	return existsSync(path) ? parseExpectedFailures(readFileSync(path, 'utf8'), source) : {source, entries: new Map()};
}

export function wastOf(entry: string): string {
	return entry.slice(0, entry.lastIndexOf(':'));
}

/**
 * Sorts one file's outcomes with the list: passes (not listed), failures (failed and not listed, or
 * passed but listed) and expected failures (failed and listed); also reports the file's list entries
 * that match no command. Skipped outcomes are left out.
 */
export function applyExpectedFailures(
	wast: string,
	outcomes: readonly CommandOutcome[],
	list: ExpectedFailureList,
): {passed: number; failures: Failure[]; expected: Failure[]} {
	let passed = 0;
	const failures: Failure[] = [];
	const expected: Failure[] = [];
	const lines = new Set<number>();
	for (const {line, status, reason = ''} of outcomes) {
		lines.add(line);
		const where = `${wast}:${line}`;
		const listed = list.entries.has(where);
		if (status === 'failed') (listed ? expected : failures).push({where, reason});
		else if (status === 'passed' && listed) failures.push({where, reason: `passes but is listed in ${list.source}: remove it from the list`});
		else if (status === 'passed') passed++;
	}
	for (const [entry, listLine] of list.entries) {
		if (wastOf(entry) === wast && !lines.has(Number(entry.slice(wast.length + 1)))) {
			failures.push({where: `${list.source}:${listLine}`, reason: `${entry} names no command: remove it from the list`});
		}
	}
	return {passed, failures, expected};
}
