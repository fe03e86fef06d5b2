/*
 * opLength (compile/ir.ts) knows every op the compiler emits: walking each function's fast code and
 * precise code op by op lands exactly on the end of each, for real programs (the /bin programs, the
 * benchmark kernels, the control-flow fixture), with metering and without. The loop tier translates
 * code by this walk and a trap's refund is found by it, so an op it did not know would break both.
 */

import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {opLength} from '../../../source/wasm/compile/ir.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {validateModule} from '../../../source/wasm/validate/index.js';

const dir = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const files = [
	...['kernels.wasm', 'kernels-bulk.wasm', 'control.wasm'].map((f) => dir(`fixtures/exec/${f}`)),
	...readdirSync(dir('examples/bin'))
		.filter((f) => f.endsWith('.wasm'))
		.map((f) => dir(`examples/bin/${f}`)),
];

/** Walks [from, to) op by op; returns where the walk ended (to, when every op was known). */
function walk(code: Int32Array, from: number, to: number): number {
	let pc = from;
	while (pc < to) {
		const n = opLength(code, pc);
		if (n <= 0) return pc;
		pc += n;
	}
	return pc;
}

describe.each(files.map((f) => [f.split('/').slice(-2).join('/'), f]))('%s', (_name, file) => {
	it('walks op by op to the end of every function, metered and not', () => {
		const module = decodeModule(readFileSync(file));
		validateModule(module);
		for (const metering of [true, false]) {
			const compiled = compileModule(module, {metering});
			compiled.funcs.forEach((cf, k) => {
				const end = k + 1 < compiled.funcs.length ? compiled.funcs[k + 1].entry : compiled.code.length;
				expect(walk(compiled.code, cf.entry, cf.fastEnd), `fast code of function ${cf.index}`).toBe(cf.fastEnd);
				expect(walk(compiled.code, cf.fastEnd, end), `precise code of function ${cf.index}`).toBe(end);
			});
		}
	});
});
