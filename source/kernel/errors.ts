/*
 * The kernel's errors:
 *   KernelError   a request the kernel refuses (no such process, not permitted, a bad option):
 *                 the caller's mistake, with the errno name a syscall would give
 *   SpawnError    a program that cannot become a process (an import nothing provides, no entry
 *                 export, an initial memory over the cap), named for a person
 *   KernelPanic   a broken kernel invariant: a bug in the kernel, never a guest's or a user's doing
 */

import type {Errno} from './syscalls.js';

export class KernelError extends Error {
	override readonly name = 'KernelError';
	constructor(
		readonly errno: Errno,
		message: string,
	) {
		super(message);
	}
}

export class SpawnError extends Error {
	override readonly name = 'SpawnError';
	constructor(
		/** The program's name. */
		readonly program: string,
		/** What is wrong, without the name: "has no _start export ...". */
		readonly reason: string,
	) {
		super(`${program}: ${reason}`);
	}
}

export class KernelPanic extends Error {
	override readonly name = 'KernelPanic';
	constructor(message: string, options?: {cause?: unknown}) {
		super(`kernel panic: ${message}`, options);
	}
}
