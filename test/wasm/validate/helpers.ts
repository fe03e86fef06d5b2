/*
 * Test helpers for the validator: assemble WAT with wabt (names kept, so messages name functions),
 * build binaries by hand for what WAT cannot express, and run decode + validate.
 */

import {decodeModule} from '../../../source/wasm/decode/module.js';
import {ValidationError} from '../../../source/wasm/errors.js';
import {type Module} from '../../../source/wasm/types.js';
import {validateModule} from '../../../source/wasm/validate/index.js';
import {watBytes} from '../../helpers/wat.js';

/** The binary of a WAT module, with a name section. wabt does not type-check it. */
export function assemble(text: string): Promise<Uint8Array> {
	return watBytes(text, {check: false});
}

/** The ValidationError that validating the module raises, or null when it is valid. */
export function validationError(bytes: Uint8Array): ValidationError | null {
	const module = decodeModule(bytes);
	try {
		validateModule(module);
		return null;
	} catch (error) {
		if (error instanceof ValidationError) return error;
		throw error;
	}
}

/** Assembles and validates; returns the error's message, or null when the module is valid. */
export async function watError(text: string): Promise<string | null> {
	return validationError(await assemble(text))?.message ?? null;
}

/** Offset of the first instruction with opcode `op` in function `funcIndex`'s body. */
export function instrOffset(module: Module, funcIndex: number, op: number): number {
	const instr = module.funcs[funcIndex - module.importedFuncCount].body.instrs.find((i) => i.op === op);
	if (instr === undefined) throw new Error(`no opcode 0x${op.toString(16)} in function ${funcIndex}`);
	return instr.pos;
}

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
	const out: number[] = [];
	do {
		let byte = n % 128;
		n = Math.floor(n / 128);
		if (n > 0) byte |= 0x80;
		out.push(byte);
	} while (n > 0);
	return out;
}

export function vec(items: readonly (readonly number[])[]): number[] {
	return [...uleb(items.length), ...items.flat()];
}

export function section(id: number, contents: readonly number[]): number[] {
	return [id, ...uleb(contents.length), ...contents];
}

/** A module of the given sections (each from `section`). */
export function binary(...sections: readonly (readonly number[])[]): Uint8Array {
	return Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...sections.flat()]);
}

/** A module with one function of type [] -> `results` whose body (without locals) is `code`. */
export function oneFunction(code: readonly number[], results: readonly number[] = []): Uint8Array {
	const body = [0x00, ...code];
	return binary(
		section(1, vec([[0x60, 0x00, ...vec(results.map((t) => [t]))]])),
		section(3, vec([[0x00]])),
		section(10, vec([[...uleb(body.length), ...body]])),
	);
}
