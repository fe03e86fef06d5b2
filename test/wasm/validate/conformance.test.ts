/*
 * The WebAssembly 2.0 core spec suite (../shared/conformance, SIMD files excluded), decode + validate
 * only: every module the suite loads (module, assert_unlinkable, assert_uninstantiable) must decode
 * and validate, and every binary assert_invalid module must decode and then fail validation.
 */

import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/module.js';
import {DecodeError, ValidationError} from '../../../source/wasm/errors.js';
import {validateModule} from '../../../source/wasm/validate/index.js';

const SUITE = fileURLToPath(new URL('../../../../shared/conformance/wasm-spec/', import.meta.url));

/*
 * In the binary format, memory.init and data.drop need a data count section: its absence makes the
 * module malformed (binary.wast, "data count section required"). wast2json writes two assert_invalid
 * modules of memory_init.wast without one, so for them the decoder's rejection is the right answer.
 */
const MALFORMED_IN_BINARY = /data count section required/;

interface Command {
	readonly type: string;
	readonly line: number;
	readonly filename?: string;
	readonly module_type?: string;
	readonly text?: string;
}

const scripts = existsSync(SUITE)
	? readdirSync(SUITE, {withFileTypes: true})
			.filter((entry) => entry.isDirectory() && !entry.name.startsWith('simd_'))
			.map((entry) => entry.name)
			.sort()
	: [];

const totals = {valid: 0, accepted: 0, invalid: 0, rejected: 0, byDecoder: 0, specWording: 0};

/** Decodes and validates; returns the error thrown (null when the module is valid). */
function check(bytes: Uint8Array): unknown {
	try {
		validateModule(decodeModule(bytes));
		return null;
	} catch (error) {
		return error;
	}
}

function describeError(error: unknown): string {
	return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

describe.skipIf(scripts.length === 0)('WebAssembly 2.0 spec suite, decode + validate', () => {
	afterAll(() => {
		console.log(
			`spec suite: ${totals.accepted}/${totals.valid} modules accepted; ` +
				`${totals.rejected}/${totals.invalid} assert_invalid modules rejected ` +
				`(${totals.byDecoder} of them by the decoder as malformed in binary); ` +
				`${totals.specWording} validation messages contain the reference interpreter's wording`,
		);
	});

	it.each(scripts)('%s', (name) => {
		const dir = join(SUITE, name);
		const script = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as {commands: Command[]};
		const failures: string[] = [];
		for (const command of script.commands) {
			if (command.filename === undefined || command.module_type === 'text') continue;
			const where = `${name}.wast:${command.line}`;
			const loads = command.type === 'module' || command.type === 'assert_unlinkable' || command.type === 'assert_uninstantiable';
			if (!loads && command.type !== 'assert_invalid') continue;
			const error = check(readFileSync(join(dir, command.filename)));
			if (loads) {
				totals.valid++;
				if (error === null) totals.accepted++;
				else failures.push(`${where}: valid module refused: ${describeError(error)}`);
				continue;
			}
			totals.invalid++;
			const expected = command.text ?? '';
			if (error instanceof ValidationError) {
				totals.rejected++;
				if (error.reason.includes(expected)) totals.specWording++;
			} else if (error instanceof DecodeError && MALFORMED_IN_BINARY.test(error.message)) {
				totals.rejected++;
				totals.byDecoder++;
			} else {
				const got = error === null ? 'accepted' : describeError(error);
				failures.push(`${where}: expected invalid ("${expected}"), got ${got}`);
			}
		}
		if (failures.length > 0) console.log(failures.join('\n'));
		expect(failures).toEqual([]);
	});
});
