/* The function section (id 3): the type index of each function whose body is in the code section. */

import type {ModuleBuilder} from '../builder.js';
import type {Reader} from '../reader.js';

export function decodeFunctionSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('functions');
	for (let i = 0; i < n; i++) {
		r.at('function', m.importedFuncCount + i);
		m.funcTypeIndices.push(r.u32());
	}
	m.declaredFuncCount = n;
}
