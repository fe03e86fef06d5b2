/**
 * References between the harness and Node's WebAssembly. Host reference N (externref) becomes one
 * frozen JS object per N, so the same N is always the same reference, and maps back to N. A non-null
 * funcref that Node hands out (a function object) gets a number on first sight, and maps back to the
 * same function when it is passed in again.
 */
import type {RefType, Value} from '../../engine.js';

/** A JS value map with numbers allocated on demand in one direction and looked up in the other. */
class Numbering<T> {
	private readonly byNumber = new Map<number, T>();
	private readonly byValue = new Map<T, number>();

	set(number: number, value: T): void {
		this.byNumber.set(number, value);
		this.byValue.set(value, number);
	}

	value(number: number): T | undefined {
		return this.byNumber.get(number);
	}

	number(value: T): number | undefined {
		return this.byValue.get(value);
	}

	get size(): number {
		return this.byNumber.size;
	}
}

export class HostRefs {
	private readonly externs = new Numbering<object>();
	private readonly funcs = new Numbering<unknown>();

	/** The JS value to pass to wasm for a reference. */
	toJs(value: Value & {type: RefType}): unknown {
		if (value.ref === null) return null;
		if (value.type === 'funcref') {
			const func = this.funcs.value(value.ref);
			if (func === undefined) throw new Error(`funcref ${value.ref} was never returned by the engine`);
			return func;
		}
		let object = this.externs.value(value.ref);
		if (object === undefined) {
			object = Object.freeze({hostRef: value.ref});
			this.externs.set(value.ref, object);
		}
		return object;
	}

	/** The reference a JS value from wasm stands for. */
	fromJs(type: RefType, js: unknown): Value {
		if (js === null) return {type, ref: null};
		if (type === 'funcref') {
			let ref = this.funcs.number(js);
			if (ref === undefined) {
				ref = this.funcs.size;
				this.funcs.set(ref, js);
			}
			return {type, ref};
		}
		const ref = typeof js === 'object' ? this.externs.number(js) : undefined;
		if (ref === undefined) throw new Error(`externref result ${String(js)} is not a host reference the harness made`);
		return {type, ref};
	}
}
