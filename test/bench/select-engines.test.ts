import {describe, expect, it} from 'vitest';
import {UsageError} from './args.js';
import type {Engine} from './engine.js';
import {selectEngines} from './select-engines.js';

const engine = (name: string, optional = false): Engine => ({
	name,
	description: name,
	optional,
	async unavailableReason() {
		return null;
	},
	async load() {
		throw new Error('not used');
	},
});
const registered = [engine('wasmos'), engine('node'), engine('wasm-interp')];
const names = (engines: Engine[]) => engines.map(({name}) => name);

describe('selectEngines', () => {
	it('takes every registered engine by default, baseline first', () => {
		expect(names(selectEngines(registered, [], 'node'))).toEqual(['node', 'wasmos', 'wasm-interp']);
	});

	it('always adds the baseline to the engines asked for', () => {
		expect(names(selectEngines(registered, ['wasm-interp'], 'node'))).toEqual(['node', 'wasm-interp']);
	});

	it('measures an optional engine only when it is asked for', () => {
		const withOptional = [...registered, engine('node-counted', true)];
		expect(names(selectEngines(withOptional, [], 'node'))).toEqual(['node', 'wasmos', 'wasm-interp']);
		expect(names(selectEngines(withOptional, ['node-counted'], 'node'))).toEqual(['node', 'node-counted']);
	});

	it('rejects an unknown engine and lists the known ones', () => {
		expect(() => selectEngines(registered, ['v8'], 'node')).toThrow(UsageError);
		expect(() => selectEngines(registered, ['v8'], 'node')).toThrow(/known: wasmos, node, wasm-interp/);
	});
});
