/* The table section (id 4): the module's own tables. */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';
import {readTableType} from '../value-types.js';

export function decodeTableSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('tables');
	for (let i = 0; i < n; i++) {
		r.at('table', m.importedTableCount + i);
		m.tables.push(readTableType(r));
	}
}
