/*
 * The data section (id 11): data segments, copied into memory at instantiation (active) or by
 * memory.init (passive). Flags: 0 active in memory 0, 1 passive, 2 active with a memory index.
 */

import type {ModuleBuilder} from '../builder.js';
import {decodeExpr} from '../instructions.js';
import type {Reader} from '../reader.js';

export function decodeDataSection(r: Reader, m: ModuleBuilder): void {
	const countAt = r.pos;
	const n = r.count('data segments');
	if (m.dataCount !== null && n !== m.dataCount) {
		r.fail(
			`${n} segments but the data count section says ${m.dataCount} (data count and data section have inconsistent lengths)`,
			countAt,
		);
	}
	const hasDataCount = m.dataCount !== null;
	for (let i = 0; i < n; i++) {
		r.at('data segment', i);
		const offset = r.pos;
		const flags = r.u32();
		if (flags > 2) r.fail(`malformed data segment kind ${flags} (expected 0-2)`, offset);
		const memory = flags === 2 ? r.u32() : 0;
		const offsetExpr = flags === 1 ? null : decodeExpr(r, hasDataCount);
		const bytes = r.bytesOf(r.u32(), 'data');
		m.datas.push({mode: flags === 1 ? 'passive' : 'active', memory, offsetExpr, bytes, offset});
	}
}
