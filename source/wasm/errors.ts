/*
 * One error type per stage, each carrying where it happened, like the reference interpreter:
 *   DecodeError      the bytes are not a well-formed module (malformed)
 *   ValidationError  well-formed but not valid (type errors, bad indices, ...)
 *   LinkError        imports cannot be resolved or have incompatible types
 *   Trap             execution failed (the trap kind is a stable identifier for tests and UIs)
 * Messages are complete sentences for a person; offsets are absolute byte offsets in the module.
 */

export function hex(offset: number): string {
	return `0x${offset.toString(16)}`;
}

export class DecodeError extends Error {
	override readonly name = 'DecodeError';
	constructor(
		readonly reason: string,
		readonly offset: number,
	) {
		super(`${reason}, at offset ${hex(offset)}`);
	}
}

export class ValidationError extends Error {
	override readonly name = 'ValidationError';
	constructor(
		readonly reason: string,
		/** Function index (in the function index space) when the error is inside a body, else null. */
		readonly funcIndex: number | null,
		readonly offset: number,
		/** "function 7 `parse_line`" or "global 2", prefixed to the message. */
		where: string,
	) {
		super(`${where} at ${hex(offset)}: ${reason}`);
	}
}

export class LinkError extends Error {
	override readonly name = 'LinkError';
	constructor(message: string) {
		super(message);
	}
}

export type TrapKind =
	| 'unreachable'
	| 'out of bounds memory access'
	| 'out of bounds table access'
	| 'integer divide by zero'
	| 'integer overflow'
	| 'invalid conversion to integer'
	| 'indirect call type mismatch'
	| 'uninitialized element'
	| 'undefined element'
	| 'call stack exhausted'
	| 'host';

/** One entry of a wasm stack trace: innermost first. */
export interface TraceFrame {
	readonly func: number;
	/** "function 7 `parse_line`" or "function 7". */
	readonly label: string;
	/** Byte offset of the instruction (the trapping one, or a call). */
	readonly offset: number;
}

export class Trap extends Error {
	override readonly name = 'Trap';
	/** Where it happened, innermost first; filled in by the thread that trapped. */
	trace: readonly TraceFrame[] = [];
	constructor(
		readonly kind: TrapKind,
		message: string = kind,
	) {
		super(message);
	}
}

/** Saved engine state that cannot be restored: says which field is wrong and why. */
export class StateError extends Error {
	override readonly name = 'StateError';
	constructor(message: string) {
		super(message);
	}
}
