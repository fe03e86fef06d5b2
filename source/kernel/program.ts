/*
 * A program: a module decoded, validated and compiled once, from which any number of processes can
 * be spawned (each gets its own store, instance and thread). Loading throws the engine's
 * DecodeError or ValidationError, which name the offset and the reason. A program keeps its
 * module's bytes and their SHA-256 (hex): a snapshot stores each distinct module once under that
 * hash; programOf(module) finds the program a process's instance was made from.
 */

import {createHash} from 'node:crypto';

import {compileModule, type CompiledModule} from '../wasm/compile/compiler.js';
import {decodeModule} from '../wasm/decode/index.js';
import type {Value} from '../wasm/exec/values.js';
import type {Module, ValType} from '../wasm/types.js';
import {validateModule} from '../wasm/validate/index.js';

export interface Program {
	readonly name: string;
	readonly module: Module;
	readonly compiled: CompiledModule;
	/** The module's binary, as loaded. */
	readonly bytes: Uint8Array;
	/** SHA-256 of `bytes`, lowercase hex. */
	readonly sha256: string;
}

/** The program each loaded module belongs to. */
const programs = new WeakMap<Module, Program>();

export function loadProgram(bytes: Uint8Array, name: string): Program {
	const module = decodeModule(bytes);
	validateModule(module);
	const program = {name, module, compiled: compileModule(module), bytes, sha256: sha256Hex(bytes)};
	programs.set(module, program);
	return program;
}

/** The program `module` was loaded as (undefined for a module not loaded by loadProgram). */
export function programOf(module: Module): Program | undefined {
	return programs.get(module);
}

export function sha256Hex(bytes: Uint8Array): string {
	return createHash('sha256').update(bytes).digest('hex');
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1);
const f64Bits = new BigUint64Array(f64.buffer);

/** A value as a person reads it: integers in decimal (signed), floats as numbers, references as handles. */
export function formatValue(type: ValType, value: Value): string {
	switch (type) {
		case 0x7d:
			f32Bits[0] = Number(value);
			return String(f32[0]);
		case 0x7c:
			f64Bits[0] = BigInt.asUintN(64, value as bigint);
			return String(f64[0]);
		default:
			return value === null ? 'null' : String(value);
	}
}

/** Parses an argument for a parameter of type `type` ("42", "-1", "3.5"); null when it is not one. */
export function parseValue(type: ValType, text: string): Value | null {
	const t = text.trim();
	switch (type) {
		case 0x7f: {
			if (!/^-?\d+$/.test(t)) return null;
			const n = BigInt(t);
			return n < -(2n ** 31n) || n >= 2n ** 32n ? null : Number(BigInt.asIntN(32, n));
		}
		case 0x7e: {
			if (!/^-?\d+$/.test(t)) return null;
			const n = BigInt(t);
			return n < -(2n ** 63n) || n >= 2n ** 64n ? null : BigInt.asIntN(64, n);
		}
		case 0x7d:
		case 0x7c: {
			const n = /^[-+]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /^nan$/i.test(t) ? NaN : Number(t);
			if (t === '' || Number.isNaN(n) && !/^nan$/i.test(t)) return null;
			if (type === 0x7d) {
				f32[0] = n;
				return f32Bits[0];
			}
			f64[0] = n;
			return f64Bits[0];
		}
		default:
			return null;
	}
}
