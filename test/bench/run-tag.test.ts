import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {appendCustomSection, tagRun} from './run-tag.js';
import {nativeWebAssembly} from './wasm-api.js';

const EMPTY_MODULE = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

describe('appendCustomSection', () => {
	it('appends section id 0, the content size, the name and the payload', () => {
		const out = appendCustomSection(EMPTY_MODULE, 'ab', 'xyz');
		expect([...out.slice(8)]).toEqual([0, 6, 2, 0x61, 0x62, 0x78, 0x79, 0x7a]);
	});

	it('encodes a content size above 127 in two LEB128 bytes', () => {
		const out = appendCustomSection(EMPTY_MODULE, 'n', 'p'.repeat(200));
		expect([...out.slice(8, 11)]).toEqual([0, 0xca, 0x01]);
		expect(out.length).toBe(8 + 3 + 202);
	});
});

describe('tagRun', () => {
	const fib = new Uint8Array(readFileSync(new URL('../../examples/bench/fib.wasm', import.meta.url)));

	it('gives every engine and run different bytes that still form a valid module with the same exports', () => {
		const wasm = nativeWebAssembly()!;
		const tagged = [tagRun(fib, 'node', 0), tagRun(fib, 'node', 1), tagRun(fib, 'wasmos', 0)];
		expect(new Set(tagged.map((bytes) => Buffer.from(bytes).toString('hex'))).size).toBe(3);
		for (const bytes of tagged) {
			expect(wasm.Module.exports(new wasm.Module(bytes))).toEqual(wasm.Module.exports(new wasm.Module(fib)));
		}
	});
});
