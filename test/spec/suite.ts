/**
 * `runSuite(options) → SuiteSummary`: runs the selected files of a wast2json suite folder against one
 * engine and checks the result as a whole. Selection: the files of `conversion-status.tsv` whose group is
 * in `groups` and whose name passes `filter`. Per file: run every command (script-runner.ts), sort
 * failures with the expected-failures list, and check that the commands accounted for equal the file's
 * count in the TSV. Suite-wide: list entries for unknown files and suite folders missing from the TSV
 * are failures too. Prints nothing; `onFile` reports each file as it finishes.
 */
import {readdirSync} from 'node:fs';
import {join} from 'node:path';
import type {SpecEngine} from './engine.js';
import {type ExpectedFailureList, type Failure, applyExpectedFailures, wastOf} from './expected-failures.js';
import {type CommandOutcome, runScript} from './script-runner.js';
import {type StatusRow, STATUS_FILE, readStatusTsv, totalMismatch} from './status-tsv.js';
import {readScript} from './wast-json.js';

export interface SuiteOptions {
	readonly engine: SpecEngine;
	/** A folder of wast2json output: `<name>/<name>.json` per file, plus conversion-status.tsv. */
	readonly suiteDir: string;
	/** TSV groups to run, e.g. `core-2.0` and `simd`. */
	readonly groups: readonly string[];
	/** Keep only files whose name contains this; `NAME.wast` keeps exactly that file. */
	readonly filter?: string;
	readonly expectedFailures?: ExpectedFailureList;
	readonly onFile?: (file: FileSummary) => void;
}

export interface FileSummary {
	/** `name.wast` */
	readonly wast: string;
	readonly passed: number;
	readonly failed: number;
	readonly skipped: number;
	readonly expectedFailed: number;
	readonly failures: readonly Failure[];
	readonly expected: readonly Failure[];
}

export interface SuiteSummary {
	readonly files: readonly FileSummary[];
	/** Failures not tied to one file's commands: stale list entries, folders missing from the TSV. */
	readonly suiteFailures: readonly Failure[];
	readonly passed: number;
	/** Every failure: commands, totals, file errors, suite failures. */
	readonly failed: number;
	readonly skipped: number;
	readonly expectedFailed: number;
	/** Skip reason → number of commands skipped for it. */
	readonly skipReasons: ReadonlyMap<string, number>;
}

const NO_LIST: ExpectedFailureList = {source: 'no expected-failures list', entries: new Map()};

function matchesFilter(name: string, filter: string | undefined): boolean {
	if (filter === undefined) return true;
	return filter.endsWith('.wast') ? `${name}.wast` === filter : name.includes(filter);
}

/** Runs one file; a file that cannot be read or run is a failure, and its total then mismatches too. */
function runFile(options: SuiteOptions, row: StatusRow, skipReasons: Map<string, number>): FileSummary {
	const wast = `${row.name}.wast`;
	let outcomes: CommandOutcome[] = [];
	const fileFailures: Failure[] = [];
	if (row.status !== 'ok') {
		fileFailures.push({where: wast, reason: `conversion status is "${row.status}" in ${STATUS_FILE}`});
	} else {
		try {
			const dir = join(options.suiteDir, row.name);
			outcomes = runScript(options.engine, dir, readScript(dir, row.name));
		} catch (error) {
			fileFailures.push({where: wast, reason: `cannot run: ${error instanceof Error ? error.message : String(error)}`});
		}
	}
	for (const {status, reason} of outcomes) {
		if (status === 'skipped' && reason !== undefined) skipReasons.set(reason, (skipReasons.get(reason) ?? 0) + 1);
	}
	const {passed, failures, expected} = applyExpectedFailures(wast, outcomes, options.expectedFailures ?? NO_LIST);
	const mismatch = totalMismatch(row, outcomes.length);
	if (mismatch !== undefined) fileFailures.push({where: wast, reason: mismatch});
	const allFailures = [...fileFailures, ...failures];
	return {
		wast,
		passed,
		failed: allFailures.length,
		skipped: outcomes.filter((outcome) => outcome.status === 'skipped').length,
		expectedFailed: expected.length,
		failures: allFailures,
		expected,
	};
}

export function runSuite(options: SuiteOptions): SuiteSummary {
	const rows = readStatusTsv(options.suiteDir);
	const selected = rows.filter((row) => options.groups.includes(row.group) && matchesFilter(row.name, options.filter));
	if (selected.length === 0) {
		throw new Error(`no file of group ${options.groups.join(' or ')} matches${options.filter === undefined ? '' : ` "${options.filter}"`}`);
	}
	const suiteFailures: Failure[] = [];
	const known = new Set(rows.map((row) => row.name));
	// Suite folders the TSV does not list would otherwise never run.
	for (const entry of readdirSync(options.suiteDir, {withFileTypes: true})) {
		if (entry.isDirectory() && !known.has(entry.name) && matchesFilter(entry.name, options.filter)) {
			suiteFailures.push({where: `${entry.name}/`, reason: `suite folder not listed in ${STATUS_FILE}`});
		}
	}
	const list = options.expectedFailures ?? NO_LIST;
	for (const [entry, listLine] of list.entries) {
		if (!known.has(wastOf(entry).replace(/\.wast$/, ''))) {
			suiteFailures.push({where: `${list.source}:${listLine}`, reason: `${entry}: no such file in ${STATUS_FILE}`});
		}
	}

	const skipReasons = new Map<string, number>();
	const files = selected.map((row) => {
		const file = runFile(options, row, skipReasons);
		options.onFile?.(file);
		return file;
	});
	const total = (key: 'passed' | 'failed' | 'skipped' | 'expectedFailed') => files.reduce((sum, file) => sum + file[key], 0);
	return {
		files,
		suiteFailures,
		passed: total('passed'),
		failed: total('failed') + suiteFailures.length,
		skipped: total('skipped'),
		expectedFailed: total('expectedFailed'),
		skipReasons,
	};
}
