/*
 * The boundary between the kernel's syscall table and WASI functions. wasiCall() turns a WASI
 * function — a handler that returns an errno number and a describe() for the log — into the
 * kernel's SyscallDef: it takes the signature from signatures.ts, gives the handler bounds-checked
 * memory, and converts a Fault (a bad guest pointer) into EFAULT, here and nowhere else. A handler
 * deep in a check may also throw a WasiErrno to answer with that errno at once.
 */

import type {SyscallBlock, SyscallContext, SyscallDef} from '../kernel/syscalls.js';
import {continues, decode, sequenceLength} from '../kernel/utf8.js';
import type {Value} from '../wasm/exec/values.js';
import type {ValType} from '../wasm/types.js';
import {ERRNO} from './errno.js';
import {Fault, GuestMemory} from './memory.js';
import {SIGNATURES} from './signatures.js';

/** Thrown inside a handler: the call answers this errno. */
export class WasiErrno extends Error {
	override readonly name = 'WasiErrno';
	constructor(readonly errno: number) {
		super(`errno ${errno}`);
	}
}

export interface WasiFunction {
	/** Does the call; returns an errno (0 for success) or a block/yield/exit from the context. */
	readonly handler: (ctx: SyscallContext, mem: GuestMemory, args: readonly Value[]) => number | SyscallBlock;
	/** Decoded arguments (and, after "→", what it returned through memory) for the log. */
	readonly describe?: (ctx: SyscallContext, mem: GuestMemory, args: readonly Value[], errno: number) => string;
}

export function wasiCall(name: string, fn: WasiFunction): SyscallDef {
	const [params, results] = SIGNATURES[name];
	return guestCall(params, results, fn, error => (error instanceof Fault ? ERRNO.EFAULT : error instanceof WasiErrno ? error.errno : null));
}

/**
 * A host function over bounds-checked guest memory, for WASI and the ABIs built like it
 * (abi/call.ts): the handler's number is the call's one result; `answer` turns what a handler
 * throws (a Fault, the ABI's own errno exception) into that result, or null for anything else,
 * which is rethrown. describe() falls back to the raw arguments when it cannot read memory.
 */
export function guestCall(params: readonly ValType[], results: readonly ValType[], fn: WasiFunction, answer: (error: unknown) => number | null): SyscallDef {
	return {
		params,
		results,
		handler: (ctx, args) => {
			try {
				const out = fn.handler(ctx, new GuestMemory(ctx.memory()), args);
				return typeof out === 'number' ? [out | 0] : out;
			} catch (error) {
				const result = answer(error);
				if (result === null) throw error;
				return [result];
			}
		},
		describe: (ctx, args, out) => {
			const raw = args.map(String).join(', ');
			if (fn.describe === undefined) return raw;
			try {
				return fn.describe(ctx, new GuestMemory(ctx.memory()), args, Number(out[0] ?? 0));
			} catch (error) {
				if (answer(error) !== null) return raw;
				throw error;
			}
		},
	};
}

/** "0x1f40": a guest pointer for the log. */
export function hex(ptr: number): string {
	return `0x${ptr.toString(16)}`;
}

/** Characters of data the log shows (previewBytes() gathers enough bytes for them). */
const PREVIEW = 48;
export const PREVIEW_BYTES = PREVIEW * 4;

/** How each ASCII character shows in the log: itself, or an escape. */
const ASCII = Array.from({length: 128}, (_, b) => {
	const named: Record<number, string> = {0x0a: '\\n', 0x0d: '\\r', 0x09: '\\t', 0x22: '\\"', 0x5c: '\\\\'};
	if (named[b] !== undefined) return named[b];
	return b < 0x20 || b === 0x7f ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b);
});

/**
 * Bytes as a quoted, escaped string for the log, cut after PREVIEW characters: "héllo\n"... Valid
 * UTF-8 shows as text; control characters and bytes that are not UTF-8 show as \xNN escapes.
 * `total` is the length of the whole data when `bytes` is only its beginning.
 */
export function preview(bytes: Uint8Array, total: number = bytes.length): string {
	let out = '';
	let at = 0;
	for (let shown = 0; shown < PREVIEW && at < bytes.length; shown++) {
		const b = bytes[at];
		if (b < 0x80) {
			out += ASCII[b];
			at++;
			continue;
		}
		const cp = codePointAt(bytes, at);
		out += cp === null ? `\\x${b.toString(16)}` : cp <= 0x9f ? `\\u${cp.toString(16).padStart(4, '0')}` : String.fromCodePoint(cp);
		at += cp === null ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	}
	return `"${out}"${at < total ? '...' : ''}`;
}

/** The code point of the well-formed UTF-8 sequence at `at`, or null. */
function codePointAt(bytes: Uint8Array, at: number): number | null {
	const length = sequenceLength(bytes[at]);
	if (length === 0 || at + length > bytes.length) return null;
	const seq = [bytes[at]];
	for (let k = 1; k < length; k++) {
		if (!continues(seq, bytes[at + k])) return null;
		seq.push(bytes[at + k]);
	}
	return decode(seq);
}

/** A path argument: `len` bytes at `ptr` as UTF-8 (EFAULT outside memory, EILSEQ when not UTF-8). */
export function pathArg(mem: GuestMemory, ptr: number, len: number): string {
	const text = mem.text(ptr, len);
	if (text === null) throw new WasiErrno(ERRNO.EILSEQ);
	return text;
}

/** A path argument for the log: "foo/bar", or its address when it cannot be read. */
export function pathText(mem: GuestMemory, ptr: number, len: number): string {
	return preview(mem.view(ptr, Math.min(len, PREVIEW_BYTES)), len);
}
