/*
 * decodeModule: bytes in, a Module (types.ts) out, or a DecodeError naming what is malformed and
 * where. It checks the preamble, then runs the section loop:
 *
 *   1. read the section id and size; the size must fit in the file;
 *   2. check the order: known sections at most once each, in the order of SECTIONS below
 *      (the data count section sits between element and code); custom sections anywhere;
 *   3. decode the contents with the section's decoder, reading only inside the section;
 *   4. check that the decoder consumed exactly the declared size.
 *
 * Then the checks that span sections: as many bodies as functions, as many data segments as the
 * data count says, and a data count section wherever memory.init or data.drop appear (checked at
 * the end because global and element expressions come before the data count section).
 */

import {DecodeError} from '../errors.js';
import type {Module} from '../types.js';
import {emptyModule, type ModuleBuilder} from './builder.js';
import {Reader} from './reader.js';
import {decodeCodeSection} from './sections/code.js';
import {decodeCustomSection} from './sections/custom.js';
import {decodeDataSection} from './sections/data.js';
import {decodeDataCountSection} from './sections/datacount.js';
import {decodeElementSection} from './sections/element.js';
import {decodeExportSection} from './sections/export.js';
import {decodeFunctionSection} from './sections/function.js';
import {decodeGlobalSection} from './sections/global.js';
import {decodeImportSection} from './sections/import.js';
import {decodeMemorySection} from './sections/memory.js';
import {decodeStartSection} from './sections/start.js';
import {decodeTableSection} from './sections/table.js';
import {decodeTypeSection} from './sections/type.js';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const VERSION = [0x01, 0x00, 0x00, 0x00];

interface SectionDef {
	readonly name: string;
	/** Position in the required order (custom sections: 0, allowed anywhere). */
	readonly rank: number;
	readonly decode: (r: Reader, m: ModuleBuilder) => void;
}

/** Known sections by id. */
const SECTIONS: readonly SectionDef[] = [
	/* 0 */ {name: 'custom', rank: 0, decode: () => {}},
	/* 1 */ {name: 'type', rank: 1, decode: decodeTypeSection},
	/* 2 */ {name: 'import', rank: 2, decode: decodeImportSection},
	/* 3 */ {name: 'function', rank: 3, decode: decodeFunctionSection},
	/* 4 */ {name: 'table', rank: 4, decode: decodeTableSection},
	/* 5 */ {name: 'memory', rank: 5, decode: decodeMemorySection},
	/* 6 */ {name: 'global', rank: 6, decode: decodeGlobalSection},
	/* 7 */ {name: 'export', rank: 7, decode: decodeExportSection},
	/* 8 */ {name: 'start', rank: 8, decode: decodeStartSection},
	/* 9 */ {name: 'element', rank: 9, decode: decodeElementSection},
	/* 10 */ {name: 'code', rank: 11, decode: decodeCodeSection},
	/* 11 */ {name: 'data', rank: 12, decode: decodeDataSection},
	/* 12 */ {name: 'data count', rank: 10, decode: decodeDataCountSection},
];

export function decodeModule(bytes: Uint8Array): Module {
	const r = new Reader(bytes);
	readPreamble(r);
	const m = emptyModule(bytes);
	let lastId = 0;
	while (r.pos < bytes.length) {
		const offset = r.pos;
		r.section = '';
		r.at('', -1);
		const id = r.u8();
		const def = SECTIONS[id];
		if (def === undefined) r.fail(`malformed section id ${id} (known ids are 0-12)`, offset);
		const size = r.u32();
		r.section = `${def.name} section`;
		const contentOffset = r.pos;
		if (size > bytes.length - contentOffset) {
			r.fail(`size ${size} exceeds the ${bytes.length - contentOffset} bytes left in the file (length out of bounds)`, offset);
		}
		if (id !== 0) {
			if (lastId !== 0 && def.rank <= SECTIONS[lastId].rank) {
				r.fail(
					`a ${def.name} section cannot follow the ${SECTIONS[lastId].name} section (unexpected content after last section)`,
					offset,
				);
			}
			lastId = id;
		}
		r.end = contentOffset + size;
		if (id === 0) decodeCustomSection(r, m, offset);
		else def.decode(r, m);
		r.at('', -1);
		if (r.pos !== r.end) {
			r.fail(`${r.end - r.pos} bytes left over after the section's contents (section size mismatch)`, r.pos);
		}
		r.end = bytes.length;
		m.sections.push({id, name: def.name, offset, contentOffset, size});
	}
	r.section = '';
	checkAcrossSections(r, m);
	return m;
}

function readPreamble(r: Reader): void {
	const bytes = r.bytes;
	if (bytes.length < 4) r.fail('unexpected end (a module starts with the 4 bytes \\0asm)', bytes.length);
	for (let i = 0; i < 4; i++) {
		if (bytes[i] !== MAGIC[i]) r.fail('magic header not detected (a module starts with \\0asm)', 0);
	}
	if (bytes.length < 8) r.fail('unexpected end (the version follows the magic header)', bytes.length);
	for (let i = 0; i < 4; i++) {
		if (bytes[4 + i] !== VERSION[i]) {
			r.fail(`unknown binary version ${[...bytes.subarray(4, 8)].map(b => b.toString(16).padStart(2, '0')).join(' ')} (expected 01 00 00 00)`, 4);
		}
	}
	r.pos = 8;
}

function checkAcrossSections(r: Reader, m: ModuleBuilder): void {
	const declared = m.declaredFuncCount ?? 0;
	if (m.funcs.length !== declared) {
		r.fail(
			`the function section declares ${declared} functions but there is no code section (function and code section have inconsistent lengths)`,
			r.bytes.length,
		);
	}
	if (m.dataCount !== null && m.datas.length !== m.dataCount) {
		r.fail(
			`the data count section says ${m.dataCount} segments but there is no data section (data count and data section have inconsistent lengths)`,
			r.bytes.length,
		);
	}
	// Without any data segment, memory.init and data.drop name a segment that does not exist: that
	// is left to the validator ("unknown data segment"), as the spec tests expect of such modules.
	if (m.dataCount === null && r.firstDataInstr >= 0 && m.datas.length > 0) {
		throw new DecodeError(
			`${r.firstDataInstrWhere}: data count section required (memory.init and data.drop need one)`,
			r.firstDataInstr,
		);
	}
}
