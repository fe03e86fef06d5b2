/*
 * The kernel's errors:
 *   KernelError   a request the kernel refuses (no such process, not permitted, a bad option):
 *                 the caller's mistake, with the errno name a syscall would give
 *   SpawnError    a program that cannot become a process (an import nothing provides, no entry
 *                 export, an initial memory over the cap), named for a person
 *   KernelPanic   a broken kernel invariant: a bug in the kernel, never a guest's or a user's doing
 */

import type {Errno} from './syscalls.js';

/**
 * What a failed host file call (Node's fs) says, for a person: "no such file or directory", without
 * the code before it and the call and path after it ("ENOENT: ..., open '/x'").
 */
export function hostErrorText(error: unknown): string {
	if (!(error instanceof Error)) return String(error);
	return error.message.replace(/^E[A-Z]+: /, '').replace(/, \w+ '.*'$/, '').replace(/, \w+$/, '');
}

export class KernelError extends Error {
	override readonly name = 'KernelError';
	constructor(
		readonly errno: Errno,
		message: string,
	) {
		// An answer, not a bug: no stack trace, whose capture was most of what a refused request cost
		// (a spawn bomb's EAGAIN spawns: 31% of the run).
		const limit = Error.stackTraceLimit;
		Error.stackTraceLimit = 0;
		super(message);
		Error.stackTraceLimit = limit;
	}
}

/**
 * Why a program could not start, errno-like: ENOENT (no such file: a shell reports 127), EISDIR,
 * ENOEXEC (not a valid module), EACCES (not a regular file, or an import its capabilities do not
 * allow), or EINVAL (it cannot link or start: the default). Shells report 126 for all but ENOENT.
 */
export type SpawnCause = 'ENOENT' | 'ENOTDIR' | 'ELOOP' | 'EISDIR' | 'ENOEXEC' | 'EACCES' | 'EINVAL';

export class SpawnError extends Error {
	override readonly name = 'SpawnError';
	/** The file was not found (a shell's 127); otherwise it was found but cannot run (126). */
	readonly notFound: boolean;
	constructor(
		/** The program's name (or the path it was spawned from). */
		readonly program: string,
		/** What is wrong, without the name: "has no _start export ...". */
		readonly reason: string,
		readonly errno: SpawnCause = 'EINVAL',
	) {
		super(`${program}: ${reason}`);
		this.notFound = errno === 'ENOENT';
	}
}

export class KernelPanic extends Error {
	override readonly name = 'KernelPanic';
	constructor(message: string, options?: {cause?: unknown}) {
		super(`kernel panic: ${message}`, options);
	}
}
