/* The global section (id 6): the module's own globals, each a type and an initialiser expression. */

import type {ModuleBuilder} from '../builder.js';
import {decodeExpr} from '../instructions.js';
import type {Reader} from '../reader.js';
import {readGlobalType} from '../value-types.js';

export function decodeGlobalSection(r: Reader, m: ModuleBuilder): void {
	const n = r.count('globals');
	for (let i = 0; i < n; i++) {
		r.at('global', m.importedGlobalCount + i);
		m.globals.push(readGlobalType(r));
		m.globalInits.push(decodeExpr(r, false));
	}
}
