/**
 * The `node` engine adapter: Node's own WebAssembly (V8), the reference the harness itself is checked
 * against. Values cross with exact bits through generated wasm trampolines (node/trampolines.ts); host
 * modules are generated wasm modules (node/host-module.ts); export types come from the module binary
 * (node/export-types.ts), since Node 20 cannot reflect them.
 *
 * Error mapping: CompileError → `rejected` (V8 does not say whether decoding or validation failed);
 * a missing import or LinkError → `unlinkable`; RuntimeError during instantiation or a stack overflow in
 * the start function → `uninstantiable`; RuntimeError in a call → `trap`; V8's stack overflow
 * (RangeError "Maximum call stack size exceeded") → `exhaustion`. Takes no engine options.
 */
import {EngineError, type EngineErrorKind, type EngineFactory, type HostModuleSpec, type ImportRegistry, type SpecEngine, type Value} from '../engine.js';
import {type ExportType, readExportTypes} from './node/export-types.js';
import {buildHostModule} from './node/host-module.js';
import {HostRefs} from './node/host-refs.js';
import {Trampolines} from './node/trampolines.js';
import {type WasmApi, type WasmImports, type WasmModule, wasmApi} from './node/webassembly-api.js';

interface NodeModule {
	readonly module: WasmModule;
	readonly types: ReadonlyMap<string, ExportType>;
}

interface NodeInstance {
	readonly exports: Readonly<Record<string, unknown>>;
	readonly types: ReadonlyMap<string, ExportType>;
}

function isStackOverflow(error: unknown): boolean {
	return error instanceof RangeError && /call stack/i.test(error.message);
}

class NodeEngine implements SpecEngine<NodeModule, NodeInstance> {
	readonly name = 'node';
	readonly canInstantiate = true;
	private readonly api: WasmApi = wasmApi();
	private readonly refs = new HostRefs();
	private readonly trampolines = new Trampolines(this.refs);

	/** Runs `action`, turning V8's errors for wasm-level failures into EngineErrors of the given kinds. */
	private mapErrors<T>(action: () => T, kinds: {readonly runtime: EngineErrorKind; readonly overflow: EngineErrorKind}): T {
		try {
			return action();
		} catch (error) {
			if (error instanceof this.api.LinkError) throw new EngineError('unlinkable', error.message);
			if (error instanceof this.api.RuntimeError) throw new EngineError(kinds.runtime, error.message);
			if (isStackOverflow(error)) throw new EngineError(kinds.overflow, (error as Error).message);
			throw error;
		}
	}

	compile(bytes: Uint8Array): NodeModule {
		let module: WasmModule;
		try {
			module = new this.api.Module(bytes);
		} catch (error) {
			if (error instanceof this.api.CompileError) throw new EngineError('rejected', error.message);
			throw error;
		}
		return {module, types: readExportTypes(bytes)};
	}

	instantiate({module, types}: NodeModule, registry: ImportRegistry<NodeInstance>): NodeInstance {
		const imports: WasmImports = {};
		for (const {module: moduleName, name} of this.api.Module.imports(module)) {
			const value = registry.get(moduleName)?.exports[name];
			if (value === undefined) throw new EngineError('unlinkable', `unknown import "${moduleName}" "${name}"`);
			(imports[moduleName] ??= {})[name] = value;
		}
		const instance = this.mapErrors(() => new this.api.Instance(module, imports), {runtime: 'uninstantiable', overflow: 'uninstantiable'});
		return {exports: instance.exports, types};
	}

	hostModule(spec: HostModuleSpec): NodeInstance {
		const {bytes, imports} = buildHostModule(spec, this.refs);
		return {exports: new this.api.Instance(new this.api.Module(bytes), imports).exports, types: readExportTypes(bytes)};
	}

	invoke(instance: NodeInstance, field: string, args: readonly Value[]): Value[] {
		const type = instance.types.get(field);
		if (type?.kind !== 'func') throw new Error(`no exported function "${field}"`);
		return this.mapErrors(() => this.trampolines.call(instance.exports[field], type.type, args), {runtime: 'trap', overflow: 'exhaustion'});
	}

	getGlobal(instance: NodeInstance, field: string): Value {
		const type = instance.types.get(field);
		if (type?.kind !== 'global') throw new Error(`no exported global "${field}"`);
		return this.trampolines.read(instance.exports[field], type.type, type.mutable);
	}
}

export const createNodeEngine: EngineFactory = (options) => {
	const names = Object.keys(options);
	if (names.length > 0) throw new Error(`the node engine takes no options (got ${names.join(', ')})`);
	return new NodeEngine();
};
