/* The start section (id 8): the function that runs when the module is instantiated. */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';

export function decodeStartSection(r: Reader, m: ModuleBuilder): void {
	m.start = r.u32();
}
