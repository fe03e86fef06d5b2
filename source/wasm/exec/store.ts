/*
 * The store: everything instances share. Function handles (what funcref values and table elements
 * hold) index `funcs`; handle 0 is null. Function types are interned so that call_indirect compares
 * two small integers.
 */

import type {FuncType} from '../types.js';
import type {Value} from './values.js';
import type {Instance} from './instance.js';

/** What a host function asks for instead of returning: the thread blocks with `wait` as plain data. */
export interface Block {
	readonly block: unknown;
}

/**
 * A host function: receives its arguments as values (values.ts) and returns its results (an array,
 * or undefined for none), or a Block; it traps by throwing a Trap.
 */
export type HostImpl = (args: readonly Value[]) => readonly Value[] | undefined | Block;

export interface WasmFunc {
	readonly kind: 'wasm';
	readonly handle: number;
	readonly type: FuncType;
	readonly typeId: number;
	readonly instance: Instance;
	/** Index in the instance's function index space. */
	readonly index: number;
}

export interface HostFunc {
	readonly kind: 'host';
	readonly handle: number;
	readonly type: FuncType;
	readonly typeId: number;
	/** "module.name" for traces and snapshots. */
	readonly name: string;
	readonly impl: HostImpl;
}

export type FuncRef = WasmFunc | HostFunc;


export class Store {
	/** Function handles: funcs[h] for h >= 1. */
	readonly funcs: Array<FuncRef | null> = [null];
	readonly instances: Instance[] = [];
	private readonly typeIds = new Map<string, number>();

	typeId(type: FuncType): number {
		const key = `${type.params.join(',')}:${type.results.join(',')}`;
		let id = this.typeIds.get(key);
		if (id === undefined) {
			id = this.typeIds.size;
			this.typeIds.set(key, id);
		}
		return id;
	}

	hostFunc(name: string, type: FuncType, impl: HostImpl): HostFunc {
		const func: HostFunc = {kind: 'host', handle: this.funcs.length, type, typeId: this.typeId(type), name, impl};
		this.funcs.push(func);
		return func;
	}

	wasmFunc(instance: Instance, index: number, type: FuncType): WasmFunc {
		const func: WasmFunc = {kind: 'wasm', handle: this.funcs.length, type, typeId: this.typeId(type), instance, index};
		this.funcs.push(func);
		return func;
	}
}
