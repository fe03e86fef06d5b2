/*
 * The wabt npm package (WAT text → wasm binary), for the composition roots: the shell's `asm` and
 * running a .wat file (wat-assembler.ts). wabt itself runs on Node's WebAssembly, so under
 * `node --no-expose-wasm` there is none (null) and only .wasm files run.
 */

export type Wabt = Awaited<ReturnType<typeof import('wabt')>>;

/** wabt, when Node's WebAssembly is there to run it; null otherwise. */
export async function loadWabt(): Promise<Wabt | null> {
	if (!('WebAssembly' in globalThis)) return null;
	return (await import('wabt')).default();
}
