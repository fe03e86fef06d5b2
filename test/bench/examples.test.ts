import {readFileSync, writeFileSync, mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {UsageError} from './args.js';
import {loadBenchmarks, selectBenchmarks} from './benchmarks.js';
import {resultBits} from './checksum.js';
import {nativeWebAssembly} from './wasm-api.js';

describe('the committed benchmark modules', () => {
	const wasm = nativeWebAssembly()!;

	for (const benchmark of loadBenchmarks()) {
		it(`${benchmark.name}: no imports, exports run, and run() returns the manifest's checksum on Node`, () => {
			const module = new wasm.Module(new Uint8Array(readFileSync(benchmark.modulePath)));
			expect(wasm.Module.imports(module)).toEqual([]);
			const run = new wasm.Instance(module, {}).exports['run'] as () => number | bigint;
			expect(resultBits(benchmark.result, run())).toBe(benchmark.checksum);
		});
	}
});

describe('the benchmark manifest', () => {
	const write = (content: unknown) => {
		const path = join(mkdtempSync(join(tmpdir(), 'bench-')), 'benchmarks.json');
		writeFileSync(path, JSON.stringify(content));
		return path;
	};
	const entry = {name: 'x', module: 'x.wasm', result: 'i32', checksum: '1', parameters: ''};

	it('rejects a checksum that does not fit the result type', () => {
		expect(() => loadBenchmarks(write({benchmarks: [{...entry, checksum: String(2 ** 32)}]}))).toThrow(/checksum/);
		expect(() => loadBenchmarks(write({benchmarks: [{...entry, checksum: '-1'}]}))).toThrow(/checksum/);
	});

	it('rejects an unknown result type', () => {
		expect(() => loadBenchmarks(write({benchmarks: [{...entry, result: 'f64'}]}))).toThrow(/result/);
	});

	it('selects by name substring and names the known benchmarks when nothing matches', () => {
		const all = loadBenchmarks();
		expect(selectBenchmarks(all, ['si', 'fib']).map(({name}) => name)).toEqual(['fib', 'sieve']);
		expect(() => selectBenchmarks(all, ['nope'])).toThrow(UsageError);
		expect(() => selectBenchmarks(all, ['nope'])).toThrow(/known: fib, sieve, matmul, sort, hash/);
	});
});
