/*
 * Turning a program into the execution context of a new process (process.ts's Exec): a store of its
 * own, its imports bound to syscalls of the registered ABIs, the instance, the entry phases and a
 * thread. Every import becomes a host function that leaves the interpreter at once with the plain
 * marker SYSCALL; the kernel then runs the syscall itself (machine.ts).
 */

import {LinkError, Trap} from '../wasm/errors.js';
import {instantiate, type Instance} from '../wasm/exec/instance.js';
import type {Memory} from '../wasm/exec/memory.js';
import {Store, type FuncRef, type HostImpl} from '../wasm/exec/store.js';
import {Thread} from '../wasm/exec/thread.js';
import type {Value} from '../wasm/exec/values.js';
import {valTypeName, type FuncType} from '../wasm/types.js';
import {SpawnError} from './errors.js';
import type {SpawnSpec} from './kernel.js';
import type {ProcessLimits} from './limits.js';
import type {Binding, Exec} from './process.js';
import {parseValue, type Program} from './program.js';
import type {Abi} from './syscalls.js';
import type {ExitReason} from './views.js';

/** What every import's host function returns: leave the interpreter, the kernel takes the call. */
export const SYSCALL = {block: 'syscall'} as const;
const enterKernel: HostImpl = () => SYSCALL;

/** Links and instantiates a program for a new process; a trap while initialising ends it at once (the trap is returned). */
export function createExec(program: Program, spec: SpawnSpec, limits: ProcessLimits, abis: ReadonlyMap<string, Abi>): Exec | {trap: ExitReason} {
	const module = program.module;
	const store = new Store();
	const bindings = new Map<number, Binding>();
	const resolve = (moduleName: string, fieldName: string) => {
		const abi = abis.get(moduleName);
		if (abi === undefined) return undefined;
		const imp = module.imports.find(i => i.module === moduleName && i.name === fieldName && i.desc.kind === 'func');
		if (imp === undefined || imp.desc.kind !== 'func') return undefined;
		const wanted = module.types[imp.desc.typeIndex];
		const def = Object.hasOwn(abi.calls, fieldName) ? abi.calls[fieldName] : abi.missing?.(fieldName, wanted);
		if (def === undefined) return undefined;
		const type: FuncType = {params: def.params, results: def.results};
		const func = store.hostFunc(`${moduleName}.${fieldName}`, type, enterKernel);
		bindings.set(func.handle, {abi, name: fieldName, def});
		return {kind: 'func' as const, func};
	};
	let start: FuncRef | null = null;
	let instance: Instance;
	try {
		instance = instantiate(store, module, program.compiled, resolve, {runStart: (_instance, func) => (start = func)});
	} catch (error) {
		if (error instanceof LinkError) throw new SpawnError(program.name, error.message);
		if (error instanceof Trap) return {trap: {kind: 'trap', trap: error.kind, message: error.message, func: 'instantiation', offset: null}};
		throw error;
	}
	const phases: Array<{func: FuncRef; args: readonly Value[]}> = [];
	if (start !== null) phases.push({func: start, args: []});
	const exported = (exportName: string) => {
		const ext = instance.exports.get(exportName);
		return ext?.kind === 'func' ? ext.func : null;
	};
	if (spec.invoke !== undefined) {
		const init = exported('_initialize');
		if (init !== null && spec.invoke.name !== '_initialize') phases.push({func: init, args: []});
		const target = exported(spec.invoke.name);
		if (target === null) {
			const names = [...instance.exports].filter(([, e]) => e.kind === 'func').map(([n]) => n);
			throw new SpawnError(program.name, `has no exported function "${spec.invoke.name}" (exported functions: ${names.join(', ') || 'none'})`);
		}
		phases.push({func: target, args: invokeArgs(program.name, spec.invoke.name, target.type, spec.invoke.args)});
	} else {
		const entry = exported('_start');
		if (entry === null) throw new SpawnError(program.name, 'has no _start export (it is not a command); use --invoke NAME to call one of its functions');
		phases.push({func: entry, args: []});
	}
	const memoryExport = instance.exports.get('memory');
	const memory: Memory | null = memoryExport?.kind === 'memory' ? memoryExport.memory : (instance.memories[0] ?? null);
	const thread = new Thread(store, {maxCallDepth: limits.callDepth});
	return {store, instance, thread, memory, bindings, phases, phase: 0};
}

/** Parses --invoke's argument words for the export's parameter types. */
function invokeArgs(program: string, name: string, type: FuncType, words: readonly string[]): Value[] {
	const types = type.params.map(valTypeName).join(' ');
	if (words.length !== type.params.length) {
		throw new SpawnError(program, `"${name}" takes ${type.params.length} argument${type.params.length === 1 ? '' : 's'} (${types}), got ${words.length}`);
	}
	return type.params.map((t, k) => {
		const value = parseValue(t, words[k]);
		if (value === null) throw new SpawnError(program, `argument ${k + 1} of "${name}" must be ${valTypeName(t)}, got "${words[k]}"`);
		return value;
	});
}
