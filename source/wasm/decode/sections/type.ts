/* The type section (id 1): the function types, referred to by index everywhere else. */

import type {ValType} from '../../types.js';
import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';
import {readValType} from '../value-types.js';

const FUNC_TYPE_FORM = 0x60;

export function decodeTypeSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('types');
	for (let i = 0; i < n; i++) {
		r.at('type', i);
		const start = r.pos;
		const form = r.u8();
		if (form !== FUNC_TYPE_FORM) {
			// The form is a one-byte signed LEB128 (-0x20); a continuation bit makes it too long.
			const tooLong = form & 0x80 ? ' (integer representation too long)' : '';
			r.fail(`malformed function type: form byte 0x${form.toString(16)}, expected 0x60${tooLong}`, start);
		}
		const params = readValTypes(r, 'parameter types');
		const results = readValTypes(r, 'result types');
		m.types.push({params, results});
	}
}

function readValTypes(r: Reader, what: string): ValType[] {
	const n = r.count(what);
	const types = new Array<ValType>(n);
	for (let i = 0; i < n; i++) types[i] = readValType(r);
	return types;
}
