/*
 * asm FILE.wat [-o FILE.wasm]: assembles WebAssembly text from the VFS into a binary module in the
 * VFS, through the assembler the composition root hands the shell (host.ts: the wabt npm package).
 * An error is printed as the assembler gives it, "FILE:LINE:COLUMN: error: ...", then the line with
 * a caret under the column (not a line of control characters: the file is not text). A binary module
 * (it starts with "\0asm") is named as one instead of being fed to the assembler.
 */

import type {Builtin} from '../builtin.js';
import * as fs from '../files.js';

const decoder = new TextDecoder();
/** The first bytes of a binary WebAssembly module. */
const WASM_MAGIC = [0x00, 0x61, 0x73, 0x6d];

/**
 * The source line an assembler message points at, with a caret under its column; '' when it names
 * none, or when the line holds control characters other than tab (binary data, not text to show).
 */
function pointAt(message: string, text: string): string {
	const m = /:(\d+):(\d+):/.exec(message);
	if (m === null) return '';
	const line = text.split('\n')[Number(m[1]) - 1];
	if (line === undefined || /[\x00-\x08\x0b-\x1f\x7f]/.test(line)) return '';
	const column = Math.max(1, Number(m[2]));
	return `${line}\n${line.slice(0, column - 1).replace(/[^\t]/g, ' ')}^\n`;
}

export const asm: Builtin = {
	name: 'asm',
	usage: 'asm FILE.wat [-o FILE.wasm]',
	summary: 'assemble WebAssembly text into a binary module',
	help: [
		'Reads FILE.wat from the file system and writes the module to FILE.wasm (the same name with .wasm,',
		'or the -o file), which can then be run by its path. An error names FILE:LINE:COLUMN and shows the',
		'line with a caret under the column; nothing is written then. Assembling needs the wabt package',
		"on Node's WebAssembly: where that is switched off (--no-expose-wasm), asm says so.",
	],
	run: (sh, args, io) => {
		let out: string | null = null;
		const files: string[] = [];
		for (let k = 0; k < args.length; k++) {
			if (args[k] === '-o') {
				out = args[++k] ?? null;
				if (out === null) {
					io.err('asm: -o needs a file name\n');
					return 2;
				}
			} else files.push(args[k]);
		}
		if (files.length !== 1) {
			io.err(`asm: usage: ${asm.usage}\n`);
			return 2;
		}
		const file = files[0];
		const assemble = sh.host.assemble;
		if (assemble === undefined) {
			io.err("asm: no assembler here (wabt needs Node's WebAssembly)\n");
			return 1;
		}
		let data: Uint8Array = new Uint8Array(0);
		if (!fs.attempt(io.err, 'asm', file, () => (data = fs.readFile(sh, file).data))) return 1;
		if (WASM_MAGIC.every((byte, k) => data[k] === byte)) {
			io.err(`asm: ${file}: a binary module already (it starts with \\0asm); asm reads WebAssembly text\n`);
			return 1;
		}
		const text = decoder.decode(data);
		const result = assemble(text, file);
		if ('error' in result) {
			io.err(`${result.error}\n${pointAt(result.error, text)}`);
			return 1;
		}
		const target = out ?? `${file.replace(/\.wat$/, '')}.wasm`;
		if (!fs.attempt(io.err, 'asm', target, () => fs.writeFile(sh, target, result.bytes))) return 1;
		io.out(`${target}: ${result.bytes.length} bytes\n`);
		return 0;
	},
};
