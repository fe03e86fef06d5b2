/* The `name` custom section: module, function and local names; a malformed one is ignored. */

import {describe, expect, it} from 'vitest';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {funcLabel} from '../../../source/wasm/types.js';
import {SECTION, name, oneFunction, section, u32, vec} from './module-bytes.js';

const END = 0x0b;

function subsection(id: number, contents: number[]): number[] {
	return [id, ...u32(contents.length), ...contents];
}

function withNames(...subsections: number[][]) {
	return decodeModule(Uint8Array.from([...oneFunction([END]), ...section(SECTION.custom, [...name('name'), ...subsections.flat()])]));
}

describe('name section', () => {
	it('reads the module name, function names and local names', () => {
		const m = withNames(
			subsection(0, name('demo')),
			subsection(1, vec([[0, ...name('main')], [3, ...name('helper')]])),
			subsection(2, vec([[0, ...vec([[0, ...name('argc')], [1, ...name('argv')]])]])),
		);
		expect(m.names.module).toBe('demo');
		expect([...m.names.functions]).toEqual([
			[0, 'main'],
			[3, 'helper'],
		]);
		expect([...(m.names.locals.get(0) ?? [])]).toEqual([
			[0, 'argc'],
			[1, 'argv'],
		]);
		expect(funcLabel(m, 0)).toBe('function 0 `main`');
	});

	it('skips subsections it does not know', () => {
		const m = withNames(subsection(1, vec([[0, ...name('main')]])), subsection(7, [1, 2, 3]));
		expect(m.names.functions.get(0)).toBe('main');
	});

	it.each([
		['a subsection larger than the section', [subsection(1, vec([[0, ...name('main')]])).slice(0, 4)]],
		['subsections out of order', [subsection(1, vec([])), subsection(0, name('m'))]],
		['a subsection with bytes left over', [subsection(0, [...name('m'), 0x00])]],
		['function indices out of order', [subsection(1, vec([[1, ...name('b')], [0, ...name('a')]]))]],
		['invalid UTF-8 in a name', [subsection(1, vec([[0, 0x01, 0xff]]))]],
		['a huge count', [subsection(1, [...u32(0xffffffff), 0x00])]],
	])('ignores a malformed name section: %s', (_label, subsections) => {
		const m = withNames(...subsections);
		expect(m.names).toEqual({module: null, functions: new Map(), locals: new Map()});
		expect(m.customs[0].name).toBe('name');
	});
});
