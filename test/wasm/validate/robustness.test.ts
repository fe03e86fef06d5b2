/*
 * The validator on hostile input: deep nesting without JavaScript recursion, and corrupted modules,
 * which must be answered with a DecodeError or a ValidationError and never another exception.
 */

import {existsSync, readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/module.js';
import {ValidationError} from '../../../source/wasm/errors.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {oneFunction, validationError} from './helpers.js';

/** `depth` nested blocks of type `open` (bytes after the opcode), `inner` inside, then the ends. */
function nested(depth: number, open: readonly number[], inner: readonly number[]): number[] {
	const code: number[] = [];
	for (let i = 0; i < depth; i++) code.push(...open);
	code.push(...inner);
	for (let i = 0; i < depth; i++) code.push(0x0b);
	code.push(0x0b);
	return code;
}

describe('deep nesting', () => {
	it('validates 10,000 nested blocks', () => {
		expect(validationError(oneFunction(nested(10_000, [0x02, 0x40], [])))).toBeNull();
	});

	it('validates 100,000 nested loops each passing an i32 out', () => {
		const code = nested(100_000, [0x03, 0x7f], [0x41, 0x01]);
		code.splice(code.length - 1, 0, 0x1a); // drop the outermost result before the body's end
		expect(validationError(oneFunction(code))).toBeNull();
	});

	it('reports a mismatch at the bottom of 10,000 nested blocks', () => {
		const error = validationError(oneFunction(nested(10_000, [0x02, 0x7f], [0x42, 0x00]), [0x7f]));
		expect(error?.message).toMatch(/the block at 0x[0-9a-f]+ must end with exactly \[i32\] on the stack, found \[i64\]/);
	});
});

const SUITE = fileURLToPath(new URL('../../../../shared/conformance/wasm-spec/', import.meta.url));

/** A few thousand valid spec modules, for mutation. */
function sampleModules(limit: number): Uint8Array[] {
	const out: Uint8Array[] = [];
	for (const entry of readdirSync(SUITE, {withFileTypes: true})) {
		if (!entry.isDirectory() || entry.name.startsWith('simd_')) continue;
		const dir = join(SUITE, entry.name);
		for (const file of readdirSync(dir).sort()) {
			if (file.endsWith('.wasm') && out.length < limit) out.push(readFileSync(join(dir, file)));
		}
	}
	return out;
}

/** Bytes that often keep a corrupted module decodable: common opcodes, type codes, small indices. */
const PLAUSIBLE = [
	0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x1a, 0x1b, 0x20, 0x21, 0x22,
	0x23, 0x24, 0x25, 0x26, 0x28, 0x36, 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x6a, 0x6f, 0x70, 0x7c, 0x7d, 0x7e,
	0x7f, 0xd0, 0xd1, 0xd2,
];

describe.skipIf(!existsSync(SUITE))('corrupted modules', () => {
	it('never throw anything but DecodeError or ValidationError', () => {
		// A fixed linear congruential generator, so a failure reproduces.
		let seed = 12345;
		const random = (n: number): number => {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			return (seed >>> 8) % n;
		};
		const crashes: string[] = [];
		let validated = 0;
		for (const original of sampleModules(4000)) {
			for (let round = 0; round < 8; round++) {
				const bytes = Uint8Array.from(original);
				const flips = 1 + random(2);
				for (let i = 0; i < flips; i++) {
					const value = random(2) === 0 ? random(256) : PLAUSIBLE[random(PLAUSIBLE.length)];
					bytes[8 + random(Math.max(1, bytes.length - 8))] = value;
				}
				let module;
				try {
					module = decodeModule(bytes);
				} catch {
					continue; // the decoder's own robustness is tested with the decoder
				}
				try {
					validated++;
					validateModule(module);
				} catch (error) {
					if (!(error instanceof ValidationError)) {
						crashes.push(`validate: ${error instanceof Error ? error.stack : String(error)}`);
					}
				}
			}
		}
		expect(crashes.slice(0, 5)).toEqual([]);
		expect(validated).toBeGreaterThan(1000);
	});
});
