import {describe, expect, it} from 'vitest';
import {assemble} from '../../kernel/helpers.js';
import {kernelEngine} from './kernel.js';

describe('the wasmos-kernel bench engine', () => {
	it('runs each call as a process and gives back its i32 or i64 result with the sign and type of the wasm value', async () => {
		const i32 = await kernelEngine.load(await assemble('(module (func (export "_initialize")) (func (export "run") (result i32) (i32.sub (i32.const 40) (i32.const 42))))'));
		expect(await i32.call('run')).toEqual({value: -2});
		expect(await i32.call('run')).toEqual({value: -2});
		const i64 = await kernelEngine.load(await assemble('(module (func (export "run") (result i64) (i64.const -9000000000000000000)))'));
		expect(await i64.call('run')).toEqual({value: -9000000000000000000n});
	});

	it('throws, saying how the process ended, when the call traps or the export is missing', async () => {
		const instance = await kernelEngine.load(await assemble('(module (func (export "run") (result i32) unreachable))'));
		expect(() => instance.call('run')).toThrow(/ended with status 134/);
		expect(() => instance.call('nope')).toThrow('export "nope" is not a function');
	});
});
