/**
 * Types for the part of the WebAssembly JavaScript API the Node adapter uses. The project compiles
 * without lib.dom, which is where TypeScript keeps these, so they are declared here, and `wasmApi()`
 * reaches the global only when called (it is absent under `node --no-expose-wasm`).
 */

/** A compiled module (opaque). */
export interface WasmModule {
	readonly __wasmModule: unique symbol;
}

export interface WasmInstance {
	readonly exports: Readonly<Record<string, unknown>>;
}

export interface WasmTable {
	set(index: number, value: unknown): void;
}

export interface WasmMemory {
	readonly buffer: ArrayBuffer;
}

/** What the instance constructor takes: module name → field name → export value. */
export type WasmImports = Record<string, Record<string, unknown>>;

export interface WasmApi {
	readonly Module: {
		new (bytes: Uint8Array): WasmModule;
		imports(module: WasmModule): {readonly module: string; readonly name: string; readonly kind: string}[];
	};
	readonly Instance: new (module: WasmModule, imports?: WasmImports) => WasmInstance;
	readonly CompileError: new () => Error;
	readonly LinkError: new () => Error;
	readonly RuntimeError: new () => Error;
}

export function wasmApi(): WasmApi {
	const api = (globalThis as {WebAssembly?: WasmApi}).WebAssembly;
	if (api === undefined) throw new Error('the node engine needs WebAssembly (do not run it with --no-expose-wasm)');
	return api;
}
