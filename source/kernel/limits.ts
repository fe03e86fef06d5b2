/*
 * Per-process limits, one line each (like xv6's param.h). A machine has defaults (boot options); a
 * spawn may lower or raise them for one process. What happens at each limit:
 *   memory      memory.grow past it returns -1 (malloc gets NULL); a module whose initial memory is
 *               already past it cannot start. Logged as a limit event, not fatal.
 *   fuel        the process is killed when it has executed this many instructions (status 137).
 *   syscalls    the process is killed at its next syscall past the quota (status 137).
 *   fds         opening past it fails with EMFILE.
 *   processes   (machine-wide) spawn past it fails.
 *   callDepth   a call nested deeper traps with "call stack exhausted" (status 134).
 */

export interface ProcessLimits {
	/** Bytes of linear memory (a whole number of 64 KiB pages is enforced: the cap rounds down). */
	readonly memory: number;
	/** Instructions it may execute in all; null for no limit. */
	readonly fuel: number | null;
	/** Syscalls it may make in all; null for no limit. */
	readonly syscalls: number | null;
	/** Open file descriptors at once. */
	readonly fds: number;
	/** Nested wasm calls. */
	readonly callDepth: number;
}

export type LimitName = 'memory' | 'fuel' | 'syscalls' | 'fds' | 'processes' | 'callDepth';

export const DEFAULT_LIMITS: ProcessLimits = {
	memory: 256 * 1024 * 1024, // 256 MiB: DESIGN.md's --max-memory default
	fuel: null, // --fuel: none by default
	syscalls: null, // no quota by default
	fds: 64, // like a small ulimit -n
	callDepth: 10_000, // deep enough for real recursion, far from the JS stack
};

/** Live processes (not counting zombies) the machine may hold at once. */
export const DEFAULT_MAX_PROCESSES = 64;

/** How a limit is named in messages ("fuel limit", "syscall quota"), with the flag that sets it. */
export const LIMIT_TEXT: Readonly<Record<LimitName, string>> = {
	memory: 'memory limit (--max-memory)',
	fuel: 'fuel limit (--fuel)',
	syscalls: 'syscall quota',
	fds: 'open file limit',
	processes: 'process limit',
	callDepth: 'call depth limit',
};
