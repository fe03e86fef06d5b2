/*
 * The code section (id 10): one body per function of the function section, in the same order.
 * A body is its size, the local declarations as (count, type) groups, and the instructions.
 */

import type {LocalGroup, ValType} from '../../types.js';
import type {ModuleBuilder} from '../builder.js';
import {decodeExpr} from '../instructions.js';
import {MAX_FUNCTION_LOCALS, MAX_MODULE_LOCALS} from '../limits.js';
import type {Reader} from '../reader.js';
import {readValType} from '../value-types.js';

export function decodeCodeSection(r: Reader, m: ModuleBuilder): void {
	const countAt = r.pos;
	const n = r.count('function bodies');
	const declared = m.declaredFuncCount ?? 0;
	if (n !== declared) {
		r.fail(
			`${n} function bodies for ${declared} functions declared in the function section (function and code section have inconsistent lengths)`,
			countAt,
		);
	}
	const sectionEnd = r.end;
	const hasDataCount = m.dataCount !== null;
	for (let i = 0; i < n; i++) {
		const funcIndex = m.importedFuncCount + i;
		r.at('function', funcIndex);
		const offset = r.pos;
		const size = r.u32();
		if (size > sectionEnd - r.pos) {
			r.fail(`body size ${size} exceeds the ${sectionEnd - r.pos} bytes left (length out of bounds)`, offset);
		}
		const bodyEnd = r.pos + size;
		r.end = bodyEnd;
		const localGroups = readLocalGroups(r, m);
		const body = decodeExpr(r, hasDataCount);
		if (r.pos !== bodyEnd) {
			r.fail(`${bodyEnd - r.pos} bytes follow the body's final end (section size mismatch)`, r.pos);
		}
		r.end = sectionEnd;
		m.funcs.push({
			typeIndex: m.funcTypeIndices[funcIndex],
			localGroups,
			locals: expandLocals(localGroups),
			body,
			offset,
			size,
		});
	}
}

/** The local declarations, checked against the limits before anything is expanded. */
function readLocalGroups(r: Reader, m: ModuleBuilder): LocalGroup[] {
	const start = r.pos;
	const n = r.count('local declarations');
	const groups = new Array<LocalGroup>(n);
	let total = 0;
	for (let i = 0; i < n; i++) {
		const count = r.u32();
		const type = readValType(r);
		total += count;
		if (total > MAX_FUNCTION_LOCALS) {
			r.fail(`too many locals: more than ${MAX_FUNCTION_LOCALS} declared (the limit per function)`, start);
		}
		groups[i] = {count, type};
	}
	m.totalLocals += total;
	if (m.totalLocals > MAX_MODULE_LOCALS) {
		r.fail(`too many locals: the module declares more than ${MAX_MODULE_LOCALS} in all its functions`, start);
	}
	return groups;
}

function expandLocals(groups: readonly LocalGroup[]): ValType[] {
	const locals: ValType[] = [];
	for (const g of groups) for (let k = 0; k < g.count; k++) locals.push(g.type);
	return locals;
}
