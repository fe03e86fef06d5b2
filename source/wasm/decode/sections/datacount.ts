/*
 * The data count section (id 12): the number of data segments, announced before the code section
 * so that a single pass can check `memory.init` and `data.drop`.
 */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';

export function decodeDataCountSection(r: Reader, m: ModuleBuilder): void {
	m.dataCount = r.u32();
}
