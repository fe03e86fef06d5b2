/*
 * Custom sections (id 0): a name and opaque bytes, allowed anywhere. Their contents never make a
 * module malformed; only the name must be well-formed UTF-8. The `name` section is read for
 * function and local names (see name.ts).
 */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';
import {decodeNameSection} from './name.js';

export function decodeCustomSection(r: Reader, m: ModuleBuilder, sectionOffset: number): void {
	const name = r.name('custom section name');
	const bytes = r.bytes.subarray(r.pos, r.end);
	const contentOffset = r.pos;
	r.pos = r.end;
	m.customs.push({name, bytes, offset: sectionOffset});
	if (name === 'name') {
		const names = decodeNameSection(r.bytes, contentOffset, r.end);
		if (names !== null) m.names = names;
	}
}
