/**
 * Shared by the harness's unit tests: where the fixture suite and the real suite are, and the lines of
 * fixture commands of given types (so tests can name exactly which commands should fail).
 */
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {readScript, type JsonCommand} from './wast-json.js';

/** The hand-made suite in fixtures/spec/suite (see its README). */
export const FIXTURE_SUITE = fileURLToPath(new URL('../../fixtures/spec/suite', import.meta.url));

/** The real WebAssembly 2.0 suite, outside the project; tests that need it are skipped without it. */
export const REAL_SUITE = fileURLToPath(new URL('../../../shared/conformance/wasm-spec', import.meta.url));
export const HAVE_REAL_SUITE = existsSync(join(REAL_SUITE, 'conversion-status.tsv'));

/** `name.wast:LINE` for each command of a fixture file that `keep` selects. */
export function fixtureLines(name: string, keep: (command: JsonCommand) => boolean): string[] {
	return readScript(join(FIXTURE_SUITE, name), name)
		.commands.filter(keep)
		.map((command) => `${name}.wast:${command.line}`);
}
