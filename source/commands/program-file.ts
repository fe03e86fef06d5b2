/*
 * A host file as a program: reads FILE.wasm, or assembles FILE.wat with wabt (loaded only then, since
 * it runs on Node's WebAssembly), and loads it for the kernel. Used by `run`.
 */

import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';
import {hostErrorText, loadProgram, type Program} from '../kernel/kernel.js';
import {DecodeError, ValidationError} from '../wasm/errors.js';
import {loadWabt} from './wabt.js';
import {watAssembler} from './wat-assembler.js';

/** A file that cannot become a program: the message names the file and the reason. */
export class BadProgram extends Error {}

/** Reads, assembles (.wat) and loads the file; a BadProgram names what is wrong. */
export async function loadProgramFile(file: string): Promise<Program> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(file);
	} catch (error) {
		throw new BadProgram(`cannot read ${file}: ${readErrorText(error)}${bareNameHint(file, error)}`);
	}
	if (file.endsWith('.wat')) bytes = await assemble(file, new TextDecoder().decode(bytes));
	try {
		return loadProgram(bytes, basename(file).replace(/\.(wasm|wat)$/, ''));
	} catch (error) {
		if (error instanceof DecodeError) throw new BadProgram(`${file}: malformed module: ${error.message}`);
		if (error instanceof ValidationError) throw new BadProgram(`${file}: invalid module: ${error.message}`);
		throw error;
	}
}

/**
 * For a missing file named like a command (`spin`: no directory, no .wasm or .wat), a hint that the
 * machine's /bin is not the host's: '' otherwise.
 */
function bareNameHint(file: string, error: unknown): string {
	if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || /[/\\]|\.(wasm|wat)$/.test(file)) return '';
	return ` (a host file is meant here, FILE.wasm or FILE.wat; the machine's /bin programs run in its shell: wasmos-tui sh -c '${file}')`;
}

/** Assembles WAT text with wabt (which uses Node's WebAssembly: only .wat files need it); an error gives wabt's lines ("FILE:LINE:COL: error: ..."). */
async function assemble(file: string, text: string): Promise<Uint8Array> {
	if (!('WebAssembly' in globalThis)) throw new BadProgram(`${file}: assembling WAT needs Node's WebAssembly (wabt runs on it), which is switched off here; run a .wasm file`);
	const out = watAssembler(await loadWabt())!(text, file);
	if ('error' in out) throw new BadProgram(out.error);
	return out.bytes;
}

/** A failed host file call's message for a person (kernel's hostErrorText). */
export const readErrorText = hostErrorText;
