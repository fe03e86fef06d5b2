/*
 * A global variable: its value as raw bits in two 32-bit words (like a stack slot), so global.get
 * and global.set copy words whatever the type. Shared between instances when imported/exported.
 */

import type {GlobalType} from '../types.js';

export class Global {
	readonly cell = new Int32Array(2);

	constructor(readonly type: GlobalType) {}
}
