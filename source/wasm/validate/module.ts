/*
 * Module validation (WebAssembly 2.0, section 3.4): every index in range, limits within bounds,
 * constant expressions well typed, export names unique, the start function of type [] -> [], and
 * every function body well typed (function.ts).
 */

import {ValidationError} from '../errors.js';
import {
	type Expr,
	type Limits,
	type Module,
	funcLabel,
	valTypeName,
} from '../types.js';
import {validateConstExpr} from './const-expr.js';
import {SIMD_UNSUPPORTED, V128, signatureText, unknownIndex} from './describe.js';
import {BodyValidator} from './function.js';

const MAX_PAGES = 65536;
const REF_FUNC = 0xd2;
const I32 = 0x7f;
const SECTION = {type: 1, table: 4, memory: 5, start: 8} as const;

/** Throws a ValidationError naming the place and the reason for the first rule the module breaks. */
export function validateModule(module: Module): void {
	validateTypes(module);
	validateImports(module);
	validateDefinitions(module);
	const refs = declaredFunctionRefs(module);
	validateElems(module);
	validateDatas(module);
	validateStart(module);
	validateExports(module);
	const body = new BodyValidator(module, refs);
	for (let i = 0; i < module.funcs.length; i++) body.validate(module.importedFuncCount + i);
}

/**
 * For a module validateModule has passed: a reader of the types on the operand stack just before
 * any instruction of any function body (replaying the validation of the body up to there).
 */
export function operandTypes(module: Module): (funcIndex: number, instr: number) => Uint8Array {
	const body = new BodyValidator(module, declaredFunctionRefs(module));
	return (funcIndex, instr) => body.typesBefore(funcIndex, instr);
}

function fail(reason: string, offset: number, where: string): never {
	throw new ValidationError(reason, null, offset, where);
}

/** Where a section's contents start, for entries that carry no offset of their own. */
function sectionOffset(module: Module, id: number): number {
	for (const section of module.sections) if (section.id === id) return section.contentOffset;
	return 0;
}

function validateTypes(module: Module): void {
	module.types.forEach((type, i) => {
		if (type.params.includes(V128) || type.results.includes(V128)) {
			fail(
				`${SIMD_UNSUPPORTED} (v128 in ${signatureText(type.params, type.results)})`,
				sectionOffset(module, SECTION.type),
				`type ${i}`,
			);
		}
	});
}

function validateImports(module: Module): void {
	module.imports.forEach((imp, i) => {
		const where = `import ${i} "${imp.module}" "${imp.name}"`;
		const desc = imp.desc;
		switch (desc.kind) {
			case 'func':
				checkTypeIndex(module, desc.typeIndex, imp.offset, where);
				break;
			case 'table':
				checkLimits(desc.type.limits, 'table', imp.offset, where);
				break;
			case 'memory':
				checkLimits(desc.type.limits, 'memory', imp.offset, where);
				break;
			case 'global':
				if (desc.type.valType === V128) fail(`${SIMD_UNSUPPORTED} (a v128 global)`, imp.offset, where);
				break;
		}
	});
}

/** Functions, tables, memories and globals defined by the module itself. */
function validateDefinitions(module: Module): void {
	module.funcs.forEach((func, i) => {
		const where = funcLabel(module, module.importedFuncCount + i);
		checkTypeIndex(module, func.typeIndex, func.offset, where);
	});
	const tableOffset = sectionOffset(module, SECTION.table);
	for (let i = module.importedTableCount; i < module.tables.length; i++) {
		checkLimits(module.tables[i].limits, 'table', tableOffset, `table ${i}`);
	}
	const memoryOffset = sectionOffset(module, SECTION.memory);
	if (module.memories.length > 1) {
		const importedSecond = module.imports.filter((imp) => imp.desc.kind === 'memory')[1];
		fail(
			`multiple memories: the module has ${module.memories.length} ` +
				`(${module.importedMemoryCount} imported), and WebAssembly 2.0 allows at most one`,
			importedSecond?.offset ?? memoryOffset,
			'memory 1',
		);
	}
	for (let i = module.importedMemoryCount; i < module.memories.length; i++) {
		checkLimits(module.memories[i].limits, 'memory', memoryOffset, `memory ${i}`);
	}
	for (let i = module.importedGlobalCount; i < module.globals.length; i++) {
		const type = module.globals[i];
		const init = module.globalInits[i - module.importedGlobalCount];
		if (type.valType === V128) fail(`${SIMD_UNSUPPORTED} (a v128 global)`, init.start, `global ${i}`);
		validateConstExpr(module, init, type.valType, `global ${i}`);
	}
}

function checkTypeIndex(module: Module, index: number, offset: number, where: string): void {
	if (index >= module.types.length) fail(unknownIndex('type', index, module.types.length), offset, where);
}

/** Limits: min <= max, and for a memory both at most 65536 pages (a table's u32 bound is the decoder's). */
function checkLimits(limits: Limits, kind: 'table' | 'memory', offset: number, where: string): void {
	const {min, max} = limits;
	if (kind === 'memory' && (min > MAX_PAGES || (max !== null && max > MAX_PAGES))) {
		const which = min > MAX_PAGES ? `minimum is ${min}` : `maximum is ${max}`;
		fail(`memory size must be at most ${MAX_PAGES} pages (4GiB): the ${which}`, offset, where);
	}
	if (max !== null && min > max) {
		fail(`size minimum must not be greater than maximum: minimum ${min} > maximum ${max}`, offset, where);
	}
}

/*
 * C.refs of the specification: the functions that `ref.func` may name inside a function body are
 * those referenced outside function bodies — in element segments, exports and global initialisers.
 */
function declaredFunctionRefs(module: Module): ReadonlySet<number> {
	const refs = new Set<number>();
	const scan = (expr: Expr | null): void => {
		if (expr === null) return;
		for (const instr of expr.instrs) if (instr.op === REF_FUNC) refs.add(instr.a);
	};
	for (const init of module.globalInits) scan(init);
	for (const elem of module.elems) {
		scan(elem.offsetExpr);
		for (const init of elem.init) scan(init);
	}
	for (const data of module.datas) scan(data.offsetExpr);
	for (const exp of module.exports) if (exp.kind === 'func') refs.add(exp.index);
	return refs;
}

function validateElems(module: Module): void {
	module.elems.forEach((elem, i) => {
		const where = `elem segment ${i}`;
		if (elem.mode === 'active') {
			const tables = module.tables;
			if (elem.table >= tables.length) fail(unknownIndex('table', elem.table, tables.length), elem.offset, where);
			const tableType = tables[elem.table].elemType;
			if (tableType !== elem.type) {
				fail(
					`type mismatch: the segment holds ${valTypeName(elem.type)} but table ${elem.table} ` +
						`holds ${valTypeName(tableType)}`,
					elem.offset,
					where,
				);
			}
			if (elem.offsetExpr !== null) validateConstExpr(module, elem.offsetExpr, I32, `${where} offset`);
		}
		elem.init.forEach((init, j) => validateConstExpr(module, init, elem.type, `${where} element ${j}`));
	});
}

function validateDatas(module: Module): void {
	module.datas.forEach((data, i) => {
		if (data.mode !== 'active') return;
		const where = `data segment ${i}`;
		const count = module.memories.length;
		if (data.memory >= count) fail(unknownIndex('memory', data.memory, count, 'memories'), data.offset, where);
		if (data.offsetExpr !== null) validateConstExpr(module, data.offsetExpr, I32, `${where} offset`);
	});
}

function validateStart(module: Module): void {
	if (module.start === null) return;
	const where = 'start function';
	const offset = sectionOffset(module, SECTION.start);
	const index = module.start;
	const count = module.funcTypeIndices.length;
	if (index >= count) fail(unknownIndex('function', index, count), offset, where);
	const type = module.types[module.funcTypeIndices[index]];
	if (type.params.length !== 0 || type.results.length !== 0) {
		fail(
			`${funcLabel(module, index)} must have type [] -> [] to be the start function, ` +
				`it has ${signatureText(type.params, type.results)}`,
			offset,
			where,
		);
	}
}

function validateExports(module: Module): void {
	// Export name -> offset of its first export, to find duplicates in one pass.
	const seen = new Map<string, number>();
	for (const exp of module.exports) {
		const where = `export "${exp.name}"`;
		const first = seen.get(exp.name);
		if (first !== undefined) {
			fail(`duplicate export name "${exp.name}" (first exported at 0x${first.toString(16)})`, exp.offset, where);
		}
		seen.set(exp.name, exp.offset);
		const count = exportSpaceSize(module, exp.kind);
		if (exp.index >= count) {
			const kind = exp.kind === 'func' ? 'function' : exp.kind;
			fail(unknownIndex(kind, exp.index, count, kind === 'memory' ? 'memories' : `${kind}s`), exp.offset, where);
		}
	}
}

function exportSpaceSize(module: Module, kind: 'func' | 'table' | 'memory' | 'global'): number {
	switch (kind) {
		case 'func': return module.funcTypeIndices.length;
		case 'table': return module.tables.length;
		case 'memory': return module.memories.length;
		case 'global': return module.globals.length;
	}
}
