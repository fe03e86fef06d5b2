/* The import section (id 2): functions, tables, memories and globals the host provides. */

import type {ImportDesc} from '../../types.js';
import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';
import {readGlobalType, readMemoryType, readTableType} from '../value-types.js';

export function decodeImportSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('imports');
	for (let i = 0; i < n; i++) {
		r.at('import', i);
		const offset = r.pos;
		const module = r.name('module name');
		const name = r.name('import name');
		const kindAt = r.pos;
		const kind = r.u8();
		let desc: ImportDesc;
		switch (kind) {
			case 0x00: {
				const typeIndex = r.u32();
				desc = {kind: 'func', typeIndex};
				m.funcTypeIndices.push(typeIndex);
				m.importedFuncCount++;
				break;
			}
			case 0x01: {
				const type = readTableType(r);
				desc = {kind: 'table', type};
				m.tables.push(type);
				m.importedTableCount++;
				break;
			}
			case 0x02: {
				const type = readMemoryType(r);
				desc = {kind: 'memory', type};
				m.memories.push(type);
				m.importedMemoryCount++;
				break;
			}
			case 0x03: {
				const type = readGlobalType(r);
				desc = {kind: 'global', type};
				m.globals.push(type);
				m.importedGlobalCount++;
				break;
			}
			default:
				r.fail(`malformed import kind 0x${kind.toString(16)} (expected 0x00-0x03)`, kindAt);
		}
		m.imports.push({module, name, desc, offset});
	}
}
