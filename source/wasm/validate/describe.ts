/*
 * Wording shared by every validation message: type lists, counts, and the SIMD refusal.
 */

import {valTypeName} from '../types.js';

/** The operand-stack marker for a value of unknown type (popped from an unreachable, polymorphic stack). */
export const UNKNOWN = 0;

/** "[i32 f64]"; an unknown operand reads "any". */
export function typeList(types: ArrayLike<number>): string {
	let text = '';
	for (let i = 0; i < types.length; i++) {
		if (i > 0) text += ' ';
		text += types[i] === UNKNOWN ? 'any' : valTypeName(types[i]);
	}
	return `[${text}]`;
}

/** "[i32] -> [i32 i32]" */
export function signatureText(params: ArrayLike<number>, results: ArrayLike<number>): string {
	return `${typeList(params)} -> ${typeList(results)}`;
}

/** "unknown table 3: the module has 1 table" */
export function unknownIndex(kind: string, index: number, count: number, plural = `${kind}s`): string {
	const has = count === 0 ? `no ${plural}` : count === 1 ? `1 ${kind}` : `${count} ${plural}`;
	return `unknown ${kind} ${index}: the module has ${has}`;
}

export const SIMD_UNSUPPORTED = 'SIMD is not supported yet';

export const V128 = 0x7b;
