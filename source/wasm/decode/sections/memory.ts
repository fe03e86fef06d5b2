/* The memory section (id 5): the module's own memories (more than one is a validation error). */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';
import {readMemoryType} from '../value-types.js';

export function decodeMemorySection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('memories');
	for (let i = 0; i < n; i++) {
		r.at('memory', m.importedMemoryCount + i);
		m.memories.push(readMemoryType(r));
	}
}
