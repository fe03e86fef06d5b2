/*
 * The `name` custom section (appendix of the specification): a module name, function names and
 * local names, in subsections (id, size, contents). Other subsections (labels, types, ... from
 * later proposals) are skipped. A malformed name section is ignored as a whole, as the
 * specification allows: names are a debugging aid and never make a module fail to load.
 */

import {DecodeError} from '../../errors.js';
import type {NameMap} from '../../types.js';
import {Reader} from '../reader.js';

const MODULE_NAME = 0;
const FUNCTION_NAMES = 1;
const LOCAL_NAMES = 2;

/** The names in bytes[start, end), or null when the section is malformed. */
export function decodeNameSection(bytes: Uint8Array, start: number, end: number): NameMap | null {
	try {
		return readNames(new Reader(bytes, start, end));
	} catch (e) {
		if (e instanceof DecodeError) return null;
		throw e;
	}
}

function readNames(r: Reader): NameMap {
	const sectionEnd = r.end;
	let module: string | null = null;
	const functions = new Map<number, string>();
	const locals = new Map<number, Map<number, string>>();
	let lastId = -1;
	while (r.pos < sectionEnd) {
		const id = r.u8();
		const size = r.u32();
		if (size > sectionEnd - r.pos) r.fail('name subsection larger than the section');
		// Subsections come in increasing id order, each at most once.
		if (id <= lastId) r.fail('name subsections out of order');
		lastId = id;
		r.end = r.pos + size;
		if (id === MODULE_NAME) module = r.name('module name');
		else if (id === FUNCTION_NAMES) readNameMap(r, functions);
		else if (id === LOCAL_NAMES) {
			const n = r.count('functions');
			for (let i = 0; i < n; i++) {
				const func = r.u32();
				const map = new Map<number, string>();
				readNameMap(r, map);
				locals.set(func, map);
			}
		} else r.pos = r.end;
		if (r.pos !== r.end) r.fail('name subsection size mismatch');
		r.end = sectionEnd;
	}
	return {module, functions, locals};
}

/** A name map: a vector of (index, name), indices strictly increasing. */
function readNameMap(r: Reader, into: Map<number, string>): void {
	const n = r.count('names');
	let last = -1;
	for (let i = 0; i < n; i++) {
		const index = r.u32();
		if (index <= last) r.fail('name map indices out of order');
		last = index;
		into.set(index, r.name('name'));
	}
}
