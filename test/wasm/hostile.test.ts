/*
 * Hostile inputs: the engine's front end must answer every byte string with a module or a
 * DecodeError/ValidationError, quickly and without allocating in proportion to a declared count,
 * never with a RangeError, a TypeError or a stack overflow.
 *
 * A seeded fuzz run (over 100,000 cases): truncations of real modules at every byte, bit flips,
 * 2^32-1 written over random positions (where counts and sizes live), random bytes after a valid
 * preamble; then targeted cases: a 2^32-1 vector length in every section and in every nested
 * vector, 10,000-deep nesting, 50,000 locals. Every case has a label (module, position, bit or
 * seed) so a failure is reproducible from its line in the output.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {MAX_FUNCTION_LOCALS, decodeModule} from '../../source/wasm/decode/index.js';
import {DecodeError, ValidationError} from '../../source/wasm/errors.js';
import {validateModule} from '../../source/wasm/validate/index.js';
import {
	I32,
	SECTION,
	body,
	funcType,
	moduleBytes,
	name,
	oneFunction,
	section,
	u32,
	vec,
} from './decode/module-bytes.js';
import {prng} from '../helpers/prng.js';

const SUITE = fileURLToPath(new URL('../../../shared/conformance/wasm-spec', import.meta.url));
const SEED = 0x5eed1234;
const MAX_U32 = u32(0xffffffff);
const END = 0x0b;

/** Real modules of the conformance suite covering every section kind, SIMD included. */
const CORPUS_FILES = [
	'address/address.2.wasm',
	'global/global.0.wasm',
	'imports/imports.1.wasm',
	'elem/elem.0.wasm',
	'simd_lane/simd_lane.0.wasm',
	'custom/custom.1.wasm',
	'table_init/table_init.97.wasm',
	'memory_init/memory_init.3.wasm',
	'data/data.0.wasm',
	'bulk/bulk.10.wasm',
	'call_indirect/call_indirect.0.wasm',
	'func/func.0.wasm',
];


type Outcome = 'valid' | 'DecodeError' | 'ValidationError';

class Tally {
	readonly counts: Record<Outcome, number> = {valid: 0, DecodeError: 0, ValidationError: 0};
	readonly failures: string[] = [];
	cases = 0;

	/** Runs one case; `label` is only built when the case fails. */
	run(bytes: Uint8Array, label: () => string): Outcome | 'crash' {
		this.cases++;
		try {
			// Every decoded module is validated too, so a validator crash counts as a failure.
			validateModule(decodeModule(bytes));
			this.counts.valid++;
			return 'valid';
		} catch (e) {
			if (e instanceof DecodeError) {
				this.counts.DecodeError++;
				return 'DecodeError';
			}
			if (e instanceof ValidationError) {
				this.counts.ValidationError++;
				return 'ValidationError';
			}
			this.failures.push(`${label()}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
			return 'crash';
		}
	}
}

function corpus(): {file: string; bytes: Uint8Array}[] {
	const named = [
		...oneFunction([END]),
		...section(SECTION.custom, [...name('name'), 1, ...u32(6), ...vec([[0, ...name('main')]])]),
	];
	return [
		...CORPUS_FILES.map(file => ({file, bytes: new Uint8Array(readFileSync(`${SUITE}/${file}`))})),
		{file: '(module with a name section)', bytes: Uint8Array.from(named)},
	];
}

describe('hostile inputs', () => {
	it('survive a seeded fuzz run of over 100,000 cases', () => {
		const tally = new Tally();
		const random = prng(SEED);
		const started = performance.now();
		const modules = corpus();

		// Truncation at every byte.
		for (const {file, bytes} of modules) {
			for (let n = 0; n < bytes.length; n++) tally.run(bytes.subarray(0, n), () => `truncate ${file} to ${n} bytes`);
		}
		// Single bit flips at random positions.
		for (let k = 0; k < 40_000; k++) {
			const {file, bytes} = modules[k % modules.length];
			const at = Math.floor(random() * bytes.length);
			const bit = Math.floor(random() * 8);
			const copy = bytes.slice();
			copy[at] ^= 1 << bit;
			tally.run(copy, () => `flip bit ${bit} of byte ${at} of ${file}`);
		}
		// 2^32-1 written over a random position, where a count or a size may sit.
		for (let k = 0; k < 25_000; k++) {
			const {file, bytes} = modules[k % modules.length];
			const at = 8 + Math.floor(random() * Math.max(1, bytes.length - 8));
			const copy = bytes.slice();
			copy.set(MAX_U32.slice(0, Math.max(0, copy.length - at)), at);
			tally.run(copy, () => `write ff ff ff ff 0f at ${at} of ${file}`);
		}
		// Random bytes after a valid preamble, each case from its own seed.
		for (let k = 0; k < 25_000; k++) {
			const caseSeed = (SEED + k) >>> 0;
			const next = prng(caseSeed);
			const length = Math.floor(next() * 64);
			const bytes = moduleBytes(Array.from({length}, () => Math.floor(next() * 256)));
			tally.run(bytes, () => `random bytes, case seed ${caseSeed}`);
		}
		// Random section headers (a known id, a plausible size) with random contents.
		for (let k = 0; k < 15_000; k++) {
			const caseSeed = (SEED ^ 0xa5a5a5a5) + k;
			const next = prng(caseSeed);
			const sections: number[][] = [];
			for (let s = Math.floor(next() * 4); s >= 0; s--) {
				const contents = Array.from({length: Math.floor(next() * 24)}, () => Math.floor(next() * 256));
				sections.push(section(Math.floor(next() * 13), contents));
			}
			tally.run(moduleBytes(...sections), () => `random sections, case seed ${caseSeed}`);
		}

		const seconds = (performance.now() - started) / 1000;
		console.log(
			`hostile fuzz: ${tally.cases} cases in ${seconds.toFixed(2)} s (${Math.round(tally.cases / seconds)} cases/s): ` +
				`${tally.counts.valid} valid, ${tally.counts.DecodeError} DecodeError, ${tally.counts.ValidationError} ValidationError, ` +
				`${tally.failures.length} crashes`,
		);
		if (tally.failures.length > 0) console.log(tally.failures.slice(0, 20).join('\n'));
		expect(tally.failures).toEqual([]);
		expect(tally.cases).toBeGreaterThan(100_000);
	});

	describe('a vector length of 2^32-1 with few bytes left fails fast', () => {
		const header = (bytes: number[]) => [...bytes, 0x00, 0x00, 0x00];
		const cases: [string, Uint8Array][] = [
			['type section', moduleBytes(section(SECTION.type, header(MAX_U32)))],
			['parameters of a type', moduleBytes(section(SECTION.type, [0x01, 0x60, ...MAX_U32, I32]))],
			['import section', moduleBytes(section(SECTION.import, header(MAX_U32)))],
			['function section', moduleBytes(section(SECTION.function, header(MAX_U32)))],
			['table section', moduleBytes(section(SECTION.table, header(MAX_U32)))],
			['memory section', moduleBytes(section(SECTION.memory, header(MAX_U32)))],
			['global section', moduleBytes(section(SECTION.global, header(MAX_U32)))],
			['export section', moduleBytes(section(SECTION.export, header(MAX_U32)))],
			['element section', moduleBytes(section(SECTION.element, header(MAX_U32)))],
			['elements of a segment', moduleBytes(section(SECTION.element, [0x01, 0x01, 0x00, ...MAX_U32, 0x00]))],
			['code section', moduleBytes(section(SECTION.code, header(MAX_U32)))],
			['data section', moduleBytes(section(SECTION.data, header(MAX_U32)))],
			['bytes of a data segment', moduleBytes(section(SECTION.data, [0x01, 0x01, ...MAX_U32, 0x00]))],
			['a name', moduleBytes(section(SECTION.export, [0x01, ...MAX_U32, 0x61]))],
			['a custom section name', moduleBytes(section(SECTION.custom, header(MAX_U32)))],
			['a section size', moduleBytes([SECTION.type, ...MAX_U32, 0x00])],
			['a body size', moduleBytes(section(SECTION.type, vec([funcType([], [])])), section(SECTION.function, vec([[0]])), section(SECTION.code, [0x01, ...MAX_U32, 0x00]))],
			[
				'local groups',
				moduleBytes(
					section(SECTION.type, vec([funcType([], [])])),
					section(SECTION.function, vec([[0]])),
					section(SECTION.code, vec([[...u32(7), ...MAX_U32, I32, END]])),
				),
			],
			['br_table targets', oneFunction([0x41, 0x00, 0x0e, ...MAX_U32, 0x00, END])],
			['select types', oneFunction([0x1c, ...MAX_U32, I32, END])],
		];
		it.each(cases)('%s', (label, bytes) => {
			const tally = new Tally();
			expect(tally.run(bytes, () => label)).toBe('DecodeError');
		});
	});

	it('ignore a name section that declares 2^32-1 function names', () => {
		const bytes = Uint8Array.from([...moduleBytes(), ...section(SECTION.custom, [...name('name'), 1, 6, ...MAX_U32, 0x00])]);
		expect(decodeModule(bytes).names.functions.size).toBe(0);
	});

	it('decode 10,000 and 100,000 nested blocks without recursion', () => {
		for (const depth of [10_000, 100_000]) {
			const code = [...new Array<number[]>(depth).fill([0x02, 0x40]).flat(), ...new Array<number>(depth).fill(END), END];
			expect(decodeModule(oneFunction(code)).funcs[0].body.instrs).toHaveLength(2 * depth + 1);
		}
	});

	it('decode 10,000 nested ifs with elses', () => {
		const depth = 10_000;
		const code = [
			...new Array<number[]>(depth).fill([0x41, 0x01, 0x04, 0x40]).flat(),
			...new Array<number[]>(depth).fill([0x05, END]).flat(),
			END,
		];
		expect(decodeModule(oneFunction(code)).funcs[0].body.instrs).toHaveLength(4 * depth + 1);
	});

	it('decode a function with 50,000 locals and refuse 50,001', () => {
		expect(decodeModule(oneFunction([END], [[MAX_FUNCTION_LOCALS, I32]])).funcs[0].locals).toHaveLength(MAX_FUNCTION_LOCALS);
		expect(() => decodeModule(oneFunction([END], [[MAX_FUNCTION_LOCALS + 1, I32]]))).toThrow(DecodeError);
	});

	it('refuse a module whose functions declare too many locals together', () => {
		// 100 functions of 50,000 locals: 5 million, more than the module limit of 2^22.
		const n = 100;
		const bytes = moduleBytes(
			section(SECTION.type, vec([funcType([], [])])),
			section(SECTION.function, vec(new Array<number[]>(n).fill([0]))),
			section(SECTION.code, vec(new Array<number[]>(n).fill(body([[MAX_FUNCTION_LOCALS, I32]], [END])))),
		);
		expect(() => decodeModule(bytes)).toThrow(/too many locals: the module declares more than 4194304/);
	});

	it('decode a 1 MB code section', () => {
		// 2,000 functions of 100 (i32.const, drop) pairs each.
		const code = [...new Array<number[]>(100).fill([0x41, 0xff, 0xff, 0x03, 0x1a]).flat(), END];
		const n = 2_000;
		const bytes = moduleBytes(
			section(SECTION.type, vec([funcType([], [])])),
			section(SECTION.function, vec(new Array<number[]>(n).fill([0]))),
			section(SECTION.code, vec(new Array<number[]>(n).fill(body([[2, I32]], code)))),
		);
		const started = performance.now();
		const m = decodeModule(bytes);
		console.log(`decoded ${bytes.length} bytes in ${(performance.now() - started).toFixed(1)} ms`);
		expect(m.funcs).toHaveLength(n);
		expect(bytes.length).toBeGreaterThan(1_000_000);
	});
});
