/*
 * Guest memory as a syscall sees it: every access is bounds-checked, and a bad pointer throws a
 * Fault, which the WASI boundary (calls.ts) turns into EFAULT — a guest's mistake never becomes a
 * host exception. Pointers and lengths arrive as i32 values and are read as unsigned. Little endian,
 * as wasm is.
 */

import type {Memory} from '../wasm/exec/memory.js';
import type {Value} from '../wasm/exec/values.js';

const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true});

export class Fault extends Error {
	override readonly name = 'Fault';
}

export class GuestMemory {
	constructor(private readonly memory: Memory | null) {}

	/** Checks that [ptr, ptr + len) lies inside memory (else a Fault); returns ptr. */
	check(ptr: number, len: number): number {
		if (this.memory === null) throw new Fault('the process has no memory');
		if (ptr + len > this.memory.buffer.byteLength) throw new Fault(`bytes ${ptr}..${ptr + len} are outside memory (${this.memory.buffer.byteLength} bytes)`);
		return ptr;
	}

	u8(ptr: number): number {
		return this.memory!.view.getUint8(this.check(ptr, 1));
	}

	u16(ptr: number): number {
		return this.memory!.view.getUint16(this.check(ptr, 2), true);
	}

	u32(ptr: number): number {
		return this.memory!.view.getUint32(this.check(ptr, 4), true);
	}

	u64(ptr: number): bigint {
		return this.memory!.view.getBigUint64(this.check(ptr, 8), true);
	}

	setU8(ptr: number, value: number): void {
		this.memory!.view.setUint8(this.check(ptr, 1), value);
	}

	setU16(ptr: number, value: number): void {
		this.memory!.view.setUint16(this.check(ptr, 2), value, true);
	}

	setU32(ptr: number, value: number): void {
		this.memory!.view.setUint32(this.check(ptr, 4), value, true);
	}

	setU64(ptr: number, value: bigint): void {
		this.memory!.view.setBigUint64(this.check(ptr, 8), BigInt.asUintN(64, value), true);
	}

	/** [ptr, ptr + len) itself, valid until memory grows: for reading at once. */
	view(ptr: number, len: number): Uint8Array {
		const at = this.check(ptr, len);
		return this.memory!.bytes.subarray(at, at + len);
	}

	/** A copy of [ptr, ptr + len). */
	read(ptr: number, len: number): Uint8Array {
		const at = this.check(ptr, len);
		return this.memory!.bytes.slice(at, at + len);
	}

	/** [ptr, ptr + len) as UTF-8 text, or null when it is not valid UTF-8. */
	text(ptr: number, len: number): string | null {
		try {
			return strict.decode(this.view(ptr, len));
		} catch (error) {
			if (error instanceof TypeError) return null;
			throw error;
		}
	}

	write(ptr: number, bytes: Uint8Array): void {
		this.memory!.bytes.set(bytes, this.check(ptr, bytes.length));
	}

	/** Reads an array of `count` (buf, len) pairs — an iovec or ciovec array — at ptr. */
	iovecs(ptr: number, count: number): Array<{readonly buf: number; readonly len: number}> {
		this.check(ptr, count * 8);
		const out: Array<{buf: number; len: number}> = [];
		for (let k = 0; k < count; k++) out.push({buf: this.u32(ptr + 8 * k), len: this.u32(ptr + 8 * k + 4)});
		return out;
	}
}

/** An i32 argument as an unsigned number (pointers, lengths, fds). */
export function u32(value: Value): number {
	return Number(value) >>> 0;
}

/** An i64 argument as an unsigned bigint. */
export function u64(value: Value): bigint {
	return BigInt.asUintN(64, value as bigint);
}

/** An i64 argument as a signed bigint. */
export function s64(value: Value): bigint {
	return BigInt.asIntN(64, value as bigint);
}
