/* The export section (id 7): names under which the host sees functions, tables, memories, globals. */

import type {ExternKind} from '../../types.js';
import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';

const KINDS: readonly ExternKind[] = ['func', 'table', 'memory', 'global'];

export function decodeExportSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('exports');
	for (let i = 0; i < n; i++) {
		r.at('export', i);
		const offset = r.pos;
		const name = r.name('export name');
		const kindAt = r.pos;
		const kind = KINDS[r.u8()];
		if (kind === undefined) {
			r.fail(`malformed export kind 0x${r.bytes[kindAt].toString(16)} (expected 0x00-0x03)`, kindAt);
		}
		const index = r.u32();
		m.exports.push({name, kind, index, offset});
	}
}
