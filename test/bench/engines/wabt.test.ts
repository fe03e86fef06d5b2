import {delimiter, join, sep} from 'node:path';
import {describe, expect, it} from 'vitest';
import {watBytes} from '../../helpers/wat.js';
import {findOnPath, wabtEngine} from './wabt.js';

describe('findOnPath', () => {
	const path = (...directories: string[]) => directories.join(delimiter);
	const modules = join(sep, 'work', 'node_modules', '.bin');
	const usrBin = join(sep, 'usr', 'bin');
	const local = join(sep, 'usr', 'local', 'bin');

	it('takes the first directory that has the program, skipping node_modules folders', () => {
		const present = new Set([join(modules, 'wasm-interp'), join(usrBin, 'wasm-interp'), join(local, 'wasm-interp')]);
		expect(findOnPath('wasm-interp', path(modules, '', usrBin, local), (file) => present.has(file))).toBe(join(usrBin, 'wasm-interp'));
	});

	it('gives null when no directory outside node_modules has it', () => {
		expect(findOnPath('wasm-interp', path(modules, usrBin), (file) => file.startsWith(modules))).toBeNull();
		expect(findOnPath('wasm-interp', '', () => true)).toBeNull();
	});
});

/** A module without imports: `_initialize` (empty) and `run` returning 40 + 2, as the benchmarks have. */
function tinyModule(): Promise<Uint8Array> {
	return watBytes('(module (func (export "_initialize")) (func (export "run") (result i32) (i32.add (i32.const 40) (i32.const 2))))', {name: 'tiny.wat'});
}

const reason = await wabtEngine.unavailableReason();

describe.skipIf(reason !== null)('the wabt engine (needs wasm-interp)', () => {
	it('loads a module and calls run() in a new process each time', async () => {
		const instance = await wabtEngine.load(await tinyModule());
		try {
			expect(await instance.call('run')).toEqual({value: 42});
			expect(await instance.call('run')).toEqual({value: 42});
			await expect(instance.call('missing')).rejects.toThrow(/did not call "missing"/);
		} finally {
			await instance.dispose?.();
		}
	});

	it('fails to load bytes that are not a module', async () => {
		await expect(wabtEngine.load(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1]))).rejects.toThrow(/wasm-interp: /);
	});
});
