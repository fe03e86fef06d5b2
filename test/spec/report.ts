/**
 * The text the CLI prints: one compact line per file as it finishes, then its failures as
 * `file.wast:LINE reason`, and at the end the suite-wide failures, skip reasons, expected failures and
 * the closing line `spec: N passed, N failed, N skipped`.
 */
import type {Failure} from './expected-failures.js';
import type {FileSummary, SuiteSummary} from './suite.js';

/** Failures printed per file; the rest are counted, so one broken engine cannot flood the terminal. */
const MAX_FAILURES_SHOWN = 50;

function failureLine({where, reason}: Failure): string {
	return `${where} ${reason}`;
}

export function fileReport(file: FileSummary): string[] {
	const expected = file.expectedFailed > 0 ? `, ${file.expectedFailed} expected failures` : '';
	const head = `${file.failed > 0 ? 'FAIL' : 'ok  '} ${file.wast}: ${file.passed} passed, ${file.failed} failed, ${file.skipped} skipped${expected}`;
	const shown = file.failures.slice(0, MAX_FAILURES_SHOWN).map(failureLine);
	const hidden = file.failures.length - shown.length;
	return [head, ...shown, ...(hidden > 0 ? [`... ${hidden} more failures in ${file.wast}`] : [])];
}

export function summaryReport(summary: SuiteSummary, expectedFailuresSource: string): string[] {
	const lines = summary.suiteFailures.map(failureLine);
	for (const [reason, count] of summary.skipReasons) lines.push(`skipped ${count}: ${reason}`);
	if (summary.expectedFailed > 0) lines.push(`expected failures: ${summary.expectedFailed} (listed in ${expectedFailuresSource})`);
	lines.push(closingLine(summary));
	return lines;
}

function closingLine(summary: Pick<SuiteSummary, 'passed' | 'failed' | 'skipped'>): string {
	return `spec: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`;
}
