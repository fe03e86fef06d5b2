/*
 * The module under construction: the mutable twin of Module that the section decoders fill in
 * order. decodeModule hands it out as a Module when the last section is done.
 */

import type {
	CustomSection,
	DataSegment,
	ElemSegment,
	Export,
	Expr,
	Func,
	FuncType,
	GlobalType,
	Import,
	MemoryType,
	NameMap,
	SectionInfo,
	TableType,
} from '../types.js';

export interface ModuleBuilder {
	bytes: Uint8Array;
	sections: SectionInfo[];
	types: FuncType[];
	imports: Import[];
	funcTypeIndices: number[];
	funcs: Func[];
	importedFuncCount: number;
	tables: TableType[];
	importedTableCount: number;
	memories: MemoryType[];
	importedMemoryCount: number;
	globals: GlobalType[];
	globalInits: Expr[];
	importedGlobalCount: number;
	exports: Export[];
	start: number | null;
	elems: ElemSegment[];
	datas: DataSegment[];
	dataCount: number | null;
	customs: CustomSection[];
	names: NameMap;
	/** Entries the function section declared (null: no function section). */
	declaredFuncCount: number | null;
	/** Declared locals of all bodies so far (bounded by MAX_MODULE_LOCALS). */
	totalLocals: number;
}

export function emptyModule(bytes: Uint8Array): ModuleBuilder {
	return {
		bytes,
		sections: [],
		types: [],
		imports: [],
		funcTypeIndices: [],
		funcs: [],
		importedFuncCount: 0,
		tables: [],
		importedTableCount: 0,
		memories: [],
		importedMemoryCount: 0,
		globals: [],
		globalInits: [],
		importedGlobalCount: 0,
		exports: [],
		start: null,
		elems: [],
		datas: [],
		dataCount: null,
		customs: [],
		names: {module: null, functions: new Map(), locals: new Map()},
		declaredFuncCount: null,
		totalLocals: 0,
	};
}
