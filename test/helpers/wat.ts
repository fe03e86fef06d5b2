/*
 * WAT text for tests and benches, through wabt's parser (loaded once):
 *
 *   watBytes(text, {name, check}) → the binary, with a name section (so traps and profiles name
 *                                   functions); check: false leaves type checking to the caller
 *                                   (tests of our own validator feed it invalid modules)
 *   watModule(text, name)         → that binary decoded and validated by the engine
 */

import {decodeModule} from '../../source/wasm/decode/index.js';
import type {Module} from '../../source/wasm/types.js';
import {validateModule} from '../../source/wasm/validate/index.js';

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;
let wabt: Promise<Wabt> | undefined;

export async function watBytes(text: string, {name = 'test.wat', check = true}: {name?: string; check?: boolean} = {}): Promise<Uint8Array> {
	wabt ??= import('wabt').then((m) => m.default());
	const parsed = (await wabt).parseWat(name, text);
	try {
		parsed.resolveNames();
		if (check) parsed.validate();
		return parsed.toBinary({write_debug_names: true}).buffer;
	} finally {
		parsed.destroy();
	}
}

export async function watModule(text: string, name = 'test.wat'): Promise<Module> {
	const module = decodeModule(await watBytes(text, {name}));
	validateModule(module);
	return module;
}
