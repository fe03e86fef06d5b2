/**
 * Typed access to Node's global `WebAssembly` for the benchmark tools. The project's tsconfig has
 * no DOM library (the engine must not depend on it), so the few members used here are declared
 * locally instead of as a global that could clash with other declarations.
 */

export interface NativeExportDescriptor {
	readonly name: string;
	readonly kind: string;
}

export interface NativeImportDescriptor extends NativeExportDescriptor {
	readonly module: string;
}

export interface NativeInstance {
	readonly exports: Record<string, unknown>;
}

export interface NativeWebAssembly {
	readonly Module: {
		new (bytes: Uint8Array): object;
		imports(module: object): NativeImportDescriptor[];
		exports(module: object): NativeExportDescriptor[];
	};
	readonly Instance: new (module: object, imports: object) => NativeInstance;
}

/** Node's WebAssembly, or undefined when it is not exposed (`node --no-expose-wasm`). */
export function nativeWebAssembly(): NativeWebAssembly | undefined {
	return (globalThis as {WebAssembly?: NativeWebAssembly}).WebAssembly;
}
