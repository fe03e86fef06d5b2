/*
 * What `wasmos-tui inspect` shows, as plain data (the --json document), and its text rendering.
 * Both come from one report so that the two outputs never disagree.
 */

import {hex} from '../wasm/errors.js';
import type {Expr, FuncType, Limits, Module} from '../wasm/types.js';
import {valTypeName} from '../wasm/types.js';

export interface InspectReport {
	readonly file: string;
	readonly size: number;
	readonly valid: boolean;
	/** Why the module is invalid (the validator's message), or null. */
	readonly invalidReason: string | null;
	readonly moduleName: string | null;
	readonly sections: readonly {id: number; name: string; offset: number; size: number}[];
	readonly types: readonly {index: number; signature: string}[];
	readonly imports: readonly {index: number; module: string; name: string; kind: string; type: string}[];
	readonly exports: readonly {name: string; kind: string; index: number; target: string}[];
	readonly functions: {
		readonly imported: number;
		readonly defined: number;
		readonly list: readonly {
			index: number;
			name: string | null;
			/** Names under which the function is exported. */
			exportedAs: string[];
			imported: boolean;
			typeIndex: number;
			signature: string;
			/** Declared locals and body size in bytes (defined functions only). */
			locals: number | null;
			bodySize: number | null;
			offset: number | null;
		}[];
	};
	readonly tables: readonly {index: number; imported: boolean; elemType: string; min: number; max: number | null}[];
	readonly memories: readonly {index: number; imported: boolean; minPages: number; maxPages: number | null}[];
	readonly globals: readonly {index: number; imported: boolean; type: string; mutable: boolean; init: string | null}[];
	readonly start: {index: number; name: string | null} | null;
	readonly elements: readonly {index: number; mode: string; table: number | null; type: string; count: number; offset: number}[];
	readonly data: readonly {index: number; mode: string; memory: number | null; size: number; offset: number}[];
	readonly dataCount: number | null;
	readonly customs: readonly {name: string; offset: number; size: number}[];
}

export function buildReport(file: string, module: Module, invalidReason: string | null): InspectReport {
	const names = module.names.functions;
	const funcExports = new Map<number, string[]>();
	for (const e of module.exports) {
		if (e.kind !== 'func') continue;
		const list = funcExports.get(e.index);
		if (list === undefined) funcExports.set(e.index, [e.name]);
		else list.push(e.name);
	}
	const exportedAs = (index: number) => funcExports.get(index) ?? [];
	const typeText = (index: number) => {
		const t = module.types[index];
		return t === undefined ? `type ${index} (missing)` : signature(t);
	};
	const imports: InspectReport['imports'][number][] = [];
	const functionList: InspectReport['functions']['list'][number][] = [];
	let tableIndex = 0;
	let memoryIndex = 0;
	let globalIndex = 0;
	const tables: InspectReport['tables'][number][] = [];
	const memories: InspectReport['memories'][number][] = [];
	const globals: InspectReport['globals'][number][] = [];
	module.imports.forEach((imp, i) => {
		const d = imp.desc;
		let type: string;
		switch (d.kind) {
			case 'func':
				type = typeText(d.typeIndex);
				functionList.push({
					index: functionList.length,
					name: names.get(functionList.length) ?? null,
					exportedAs: exportedAs(functionList.length),
					imported: true,
					typeIndex: d.typeIndex,
					signature: type,
					locals: null,
					bodySize: null,
					offset: null,
				});
				break;
			case 'table':
				type = `${valTypeName(d.type.elemType)} ${limitsText(d.type.limits, '')}`;
				tables.push({index: tableIndex++, imported: true, elemType: valTypeName(d.type.elemType), ...minMax(d.type.limits)});
				break;
			case 'memory':
				type = limitsText(d.type.limits, ' pages');
				memories.push({index: memoryIndex++, imported: true, ...pages(d.type.limits)});
				break;
			case 'global':
				type = `${d.type.mutable ? 'mut ' : ''}${valTypeName(d.type.valType)}`;
				globals.push({index: globalIndex++, imported: true, type: valTypeName(d.type.valType), mutable: d.type.mutable, init: null});
				break;
		}
		imports.push({index: i, module: imp.module, name: imp.name, kind: d.kind, type});
	});
	module.funcs.forEach((f, i) => {
		const index = module.importedFuncCount + i;
		functionList.push({
			index,
			name: names.get(index) ?? null,
			exportedAs: exportedAs(index),
			imported: false,
			typeIndex: f.typeIndex,
			signature: typeText(f.typeIndex),
			locals: f.locals.length,
			bodySize: f.size,
			offset: f.offset,
		});
	});
	for (const t of module.tables.slice(module.importedTableCount)) {
		tables.push({index: tableIndex++, imported: false, elemType: valTypeName(t.elemType), ...minMax(t.limits)});
	}
	for (const mem of module.memories.slice(module.importedMemoryCount)) {
		memories.push({index: memoryIndex++, imported: false, ...pages(mem.limits)});
	}
	module.globals.slice(module.importedGlobalCount).forEach((g, i) => {
		globals.push({
			index: globalIndex++,
			imported: false,
			type: valTypeName(g.valType),
			mutable: g.mutable,
			init: exprText(module.globalInits[i]),
		});
	});
	return {
		file,
		size: module.bytes.length,
		valid: invalidReason === null,
		invalidReason,
		moduleName: module.names.module,
		sections: module.sections.map(s => ({
			id: s.id,
			name: s.id === 0 ? `custom "${module.customs.find(c => c.offset === s.offset)?.name ?? ''}"` : s.name,
			offset: s.offset,
			size: s.size,
		})),
		types: module.types.map((t, index) => ({index, signature: signature(t)})),
		imports,
		exports: module.exports.map(e => ({
			name: e.name,
			kind: e.kind,
			index: e.index,
			target: e.kind === 'func' && names.has(e.index) ? `func ${e.index} \`${names.get(e.index)}\`` : `${e.kind} ${e.index}`,
		})),
		functions: {imported: module.importedFuncCount, defined: module.funcs.length, list: functionList},
		tables,
		memories,
		globals,
		start: module.start === null ? null : {index: module.start, name: names.get(module.start) ?? null},
		elements: module.elems.map((e, index) => ({
			index,
			mode: e.mode,
			table: e.mode === 'active' ? e.table : null,
			type: valTypeName(e.type),
			count: e.init.length,
			offset: e.offset,
		})),
		data: module.datas.map((d, index) => ({
			index,
			mode: d.mode,
			memory: d.mode === 'active' ? d.memory : null,
			size: d.bytes.length,
			offset: d.offset,
		})),
		dataCount: module.dataCount,
		customs: module.customs.map(c => ({name: c.name, offset: c.offset, size: c.bytes.length})),
	};
}

/** How many entries of each list the text output shows before "... and K more". */
const TEXT_LIST_LIMIT = 20;

export function renderText(report: InspectReport): string {
	const lines: string[] = [];
	const push = (s: string) => lines.push(s);
	const list = <T>(title: string, items: readonly T[], line: (item: T) => string, summary = '') => {
		if (items.length === 0) {
			push(`${title}: none`);
			return;
		}
		push(`${title} (${items.length}${summary}):`);
		for (const item of items.slice(0, TEXT_LIST_LIMIT)) push(`  ${line(item)}`);
		if (items.length > TEXT_LIST_LIMIT) push(`  ... and ${items.length - TEXT_LIST_LIMIT} more`);
	};

	push(`${report.file}: WebAssembly module, version 1, ${report.size} bytes`);
	if (report.moduleName !== null) push(`module name: ${printable(report.moduleName)}`);
	push(report.valid ? 'valid: yes' : `valid: no — ${report.invalidReason ?? ''}`);
	push('');
	push('sections:');
	push(`  ${'offset'.padStart(10)}  ${'size'.padStart(9)}  section`);
	for (const s of report.sections) push(`  ${hex(s.offset).padStart(10)}  ${String(s.size).padStart(9)}  ${s.name}`);
	list('types', report.types, t => `${t.index}: ${t.signature}`);
	list('imports', report.imports, i => `${printable(JSON.stringify(i.module))}.${printable(JSON.stringify(i.name))}: ${i.kind} ${i.type}`);
	list('exports', report.exports, e => `${printable(JSON.stringify(e.name))}: ${printable(e.target)}`);
	const f = report.functions;
	list('functions', f.list, fn => {
		const name = fn.name === null ? '' : ` \`${printable(fn.name)}\``;
		const where = fn.imported ? 'imported' : `${fn.locals} locals, body ${fn.bodySize} bytes at ${hex(fn.offset ?? 0)}`;
		const exported = fn.exportedAs.map(n => `, exported as ${printable(JSON.stringify(n))}`).join('');
		return `${fn.index}${name}: ${fn.signature}, ${where}${exported}`;
	}, `: ${f.imported} imported, ${f.defined} defined`);
	list('tables', report.tables, t => `${t.index}: ${t.elemType}, min ${t.min}, max ${t.max ?? 'none'}${t.imported ? ' (imported)' : ''}`);
	list('memories', report.memories, m => {
		const max = m.maxPages === null ? 'none' : `${m.maxPages} pages (${bytesText(m.maxPages * 65536)})`;
		return `${m.index}: min ${m.minPages} pages (${bytesText(m.minPages * 65536)}), max ${max}${m.imported ? ' (imported)' : ''}`;
	});
	list('globals', report.globals, g => {
		const init = g.imported ? ' (imported)' : g.init === null ? '' : ` = ${g.init}`;
		return `${g.index}: ${g.mutable ? 'mut ' : ''}${g.type}${init}`;
	});
	const start = report.start;
	push(`start: ${start === null ? 'none' : `function ${start.index}${start.name === null ? '' : ` \`${printable(start.name)}\``}`}`);
	const elementCount = report.elements.reduce((n, e) => n + e.count, 0);
	list('element segments', report.elements, e =>
		`${e.index}: ${e.mode}${e.table === null ? '' : ` table ${e.table}`}, ${e.count} × ${e.type} at ${hex(e.offset)}`,
	`, ${elementCount} elements`);
	const dataBytes = report.data.reduce((n, d) => n + d.size, 0);
	list('data segments', report.data, d =>
		`${d.index}: ${d.mode}${d.memory === null ? '' : ` memory ${d.memory}`}, ${d.size} bytes at ${hex(d.offset)}`,
	`, ${bytesText(dataBytes)}`);
	if (report.dataCount !== null) push(`data count: ${report.dataCount}`);
	list('custom sections', report.customs, c => `${printable(JSON.stringify(c.name))}: ${c.size} bytes at ${hex(c.offset)}`);
	return `${lines.join('\n')}\n`;
}

/*
 * Names come from the module, so from anyone: control characters (which could move the cursor or
 * retitle the terminal) and bidirectional overrides (which could make a name read as another) are
 * shown as \u{..} escapes.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function printable(s: string): string {
	return s.replace(UNPRINTABLE, ch => `\\u{${ch.charCodeAt(0).toString(16)}}`);
}

function signature(t: FuncType): string {
	return `(${t.params.map(valTypeName).join(' ')}) -> (${t.results.map(valTypeName).join(' ')})`;
}

function minMax(l: Limits): {min: number; max: number | null} {
	return {min: l.min, max: l.max};
}

function pages(l: Limits): {minPages: number; maxPages: number | null} {
	return {minPages: l.min, maxPages: l.max};
}

function limitsText(l: Limits, unit: string): string {
	return `min ${l.min}${unit}, max ${l.max === null ? 'none' : `${l.max}${unit}`}`;
}

function bytesText(n: number): string {
	if (n >= 1 << 30) return `${(n / (1 << 30)).toFixed(n % (1 << 30) === 0 ? 0 : 1)} GiB`;
	if (n >= 1 << 20) return `${(n / (1 << 20)).toFixed(n % (1 << 20) === 0 ? 0 : 1)} MiB`;
	if (n >= 1 << 10) return `${(n / (1 << 10)).toFixed(n % (1 << 10) === 0 ? 0 : 1)} KiB`;
	return `${n} bytes`;
}

/** A constant expression of one instruction in text form ("i32.const 66560"), else null. */
function exprText(expr: Expr | undefined): string | null {
	if (expr === undefined || expr.instrs.length !== 2) return null;
	const i = expr.instrs[0];
	switch (i.op) {
		case 0x41:
			return `i32.const ${i.a}`;
		case 0x42:
			return `i64.const ${(BigInt(i.b) << 32n) | BigInt(i.a >>> 0)}`;
		case 0x43:
			return `f32.const ${floatFromBits32(i.a)}`;
		case 0x44:
			return `f64.const ${floatFromBits64(i.a, i.b)}`;
		case 0x23:
			return `global.get ${i.a}`;
		case 0xd0:
			return `ref.null ${i.a === 0x70 ? 'func' : 'extern'}`;
		case 0xd2:
			return `ref.func ${i.a}`;
		default:
			return null;
	}
}

function floatFromBits32(bits: number): number {
	const view = new DataView(new ArrayBuffer(4));
	view.setInt32(0, bits, true);
	return view.getFloat32(0, true);
}

function floatFromBits64(lo: number, hi: number): number {
	const view = new DataView(new ArrayBuffer(8));
	view.setInt32(0, lo, true);
	view.setInt32(4, hi, true);
	return view.getFloat64(0, true);
}
