/*
 * The official WebAssembly 2.0 core test suite (../shared/conformance, see its README): every module
 * it expects to load must decode, and every binary module it calls malformed must be refused with a
 * DecodeError. SIMD files are skipped here (the validator refuses SIMD), but their modules must
 * decode too: the decoder knows every SIMD opcode.
 */

import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {DecodeError} from '../../../source/wasm/errors.js';

const SUITE = fileURLToPath(new URL('../../../../shared/conformance/wasm-spec', import.meta.url));

interface Command {
	readonly type: string;
	readonly line: number;
	readonly filename?: string;
	readonly module_type?: string;
	readonly text?: string;
}

function scripts(simd: boolean): string[] {
	return readdirSync(SUITE, {withFileTypes: true})
		.filter(d => d.isDirectory() && d.name.startsWith('simd_') === simd)
		.map(d => d.name)
		.sort();
}

function commands(script: string): Command[] {
	return (JSON.parse(readFileSync(`${SUITE}/${script}/${script}.json`, 'utf8')) as {commands: Command[]}).commands;
}

function decodeFile(script: string, file: string): unknown {
	try {
		decodeModule(readFileSync(`${SUITE}/${script}/${file}`));
		return null;
	} catch (e) {
		return e;
	}
}

describe.skipIf(!existsSync(SUITE))('WebAssembly 2.0 core test suite', () => {
	it('decodes every module of the core-2.0 scripts', () => {
		const failures: string[] = [];
		let count = 0;
		for (const script of scripts(false)) {
			for (const c of commands(script)) {
				if (c.type !== 'module' || c.filename === undefined) continue;
				count++;
				const error = decodeFile(script, c.filename);
				if (error !== null) failures.push(`${script}.wast:${c.line} ${String(error)}`);
			}
		}
		if (failures.length > 0) console.log(failures.join('\n'));
		expect(failures).toEqual([]);
		expect(count).toBeGreaterThan(1000);
	});

	it('refuses every binary assert_malformed module with a DecodeError', () => {
		const failures: string[] = [];
		let count = 0;
		let samePhrase = 0;
		for (const script of scripts(false)) {
			for (const c of commands(script)) {
				if (c.type !== 'assert_malformed' || c.module_type !== 'binary' || c.filename === undefined) continue;
				count++;
				const error = decodeFile(script, c.filename);
				if (!(error instanceof DecodeError)) {
					failures.push(`${script}.wast:${c.line} expected "${c.text}", got ${error === null ? 'a module' : String(error)}`);
				} else if (c.text !== undefined && error.message.includes(c.text)) {
					samePhrase++;
				}
			}
		}
		if (failures.length > 0) console.log(failures.join('\n'));
		expect(failures).toEqual([]);
		expect(count).toBeGreaterThan(700);
		// The message carries the reference interpreter's phrase in almost every case; the rest differ
		// because we stop at a section's end where the reference reads on into the next one.
		expect(samePhrase / count).toBeGreaterThan(0.98);
	});

	it('decodes every module of the SIMD scripts', () => {
		const failures: string[] = [];
		for (const script of scripts(true)) {
			for (const c of commands(script)) {
				if (c.type !== 'module' || c.filename === undefined) continue;
				const error = decodeFile(script, c.filename);
				if (error !== null) failures.push(`${script}.wast:${c.line} ${String(error)}`);
			}
		}
		if (failures.length > 0) console.log(failures.join('\n'));
		expect(failures).toEqual([]);
	});

	it('leaves assert_invalid modules to the validator', () => {
		const decodeErrors: string[] = [];
		for (const script of scripts(false)) {
			for (const c of commands(script)) {
				if (c.type !== 'assert_invalid' || c.filename === undefined) continue;
				const error = decodeFile(script, c.filename);
				if (error !== null) decodeErrors.push(`${script}.wast:${c.line} expected "${c.text}", got ${String(error)}`);
			}
		}
		if (decodeErrors.length > 0) console.log(decodeErrors.join('\n'));
		expect(decodeErrors).toEqual([]);
	});
});
