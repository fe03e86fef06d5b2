/*
 * Per-process limits and capabilities, one line each (like xv6's param.h). A machine has defaults
 * (boot options, set by the command line's flags); a child inherits its parent's, and a spawn may
 * only lower them (narrowLimits); a spawn by the user (no parent) may set anything. What happens at
 * each limit (every fatal one ends only that process, with status 137 and a reason naming it):
 *   memory      memory.grow past it returns -1 (malloc gets NULL); a module whose initial memory is
 *               already past it cannot start (137). Logged as a limit event, not fatal.
 *   fuel        the process is killed when it has executed this many instructions (137). A host
 *               task (the shell) is kernel-side code that runs no guest instructions: it carries
 *               the limit for the programs it spawns and is not killed by it itself.
 *   syscalls    the process is killed at its next syscall past the quota (137).
 *   fds         opening past it fails with EMFILE.
 *   procs       live processes in a job's tree: its process group, which the children a program
 *               spawns join and keep even when orphaned. A spawn that would make the group larger
 *               fails with EAGAIN (logged as a limit event, not fatal): a spawn bomb stops growing,
 *               and below the machine-wide limit, so other jobs can still start.
 *   callDepth   a call nested deeper ends the process (137, "call depth limit").
 *   allow       capabilities: the imports a program may have, as "module" or "module.function"
 *               patterns (null: any); a program importing anything else is refused at spawn with a
 *               SpawnError naming the import.
 *   processes   (machine-wide, boot option maxProcesses) spawn past it fails with EAGAIN.
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
	/** Live processes in its process group (its job's tree), itself included; null for no limit but the machine's. */
	readonly procs: number | null;
	/** Imports it may link to ("wasi_snapshot_preview1", "wasmos.spawn"); null for any. */
	readonly allow: readonly string[] | null;
}

export type LimitName = 'memory' | 'fuel' | 'syscalls' | 'fds' | 'processes' | 'callDepth' | 'procs';

export const DEFAULT_LIMITS: ProcessLimits = {
	memory: 256 * 1024 * 1024, // 256 MiB: DESIGN.md's --max-memory default
	fuel: null, // --fuel: none by default
	syscalls: null, // no quota by default
	fds: 64, // like a small ulimit -n
	callDepth: 10_000, // deep enough for real recursion, far from the JS stack
	procs: 32, // half the machine-wide default: a spawn bomb leaves room for the rest
	allow: null, // every import an ABI provides
};

/** Live processes (not counting zombies) the machine may hold at once. */
export const DEFAULT_MAX_PROCESSES = 64;

/** How a limit is named in messages ("fuel limit", "syscall quota"), with the flag that sets it. */
export const LIMIT_TEXT: Readonly<Record<LimitName, string>> = {
	memory: 'memory limit (--max-memory)',
	fuel: 'fuel limit (--fuel)',
	syscalls: 'syscall quota (--max-syscalls)',
	fds: 'open file limit (--max-fds)',
	processes: 'process limit',
	callDepth: 'call depth limit (--max-call-depth)',
	procs: 'process tree limit (--max-procs)',
};

/** Each limit's number, as the wasmos ABI's wait() reports a limit that ended a child. */
export const LIMIT_NUMBERS: Readonly<Record<LimitName, number>> = {memory: 1, fuel: 2, syscalls: 3, fds: 4, processes: 5, callDepth: 6, procs: 7};

/** Whether the import `module`.`name` is allowed by the patterns (null: everything). */
export function importAllowed(allow: readonly string[] | null, module: string, name: string): boolean {
	if (allow === null) return true;
	return allow.includes(module) || allow.includes(`${module}.${name}`);
}

/**
 * A child's limits: its parent's, lowered where `asked` is lower (a raise keeps the parent's value).
 * Allowed imports: those of the asked patterns the parent allows too.
 */
export function narrowLimits(parent: ProcessLimits, asked: Partial<ProcessLimits> = {}): ProcessLimits {
	const low = (a: number, b: number | undefined) => (b === undefined ? a : Math.min(a, b));
	const lowOrNone = (a: number | null, b: number | null | undefined) => (b === undefined || b === null ? a : a === null ? b : Math.min(a, b));
	return {
		memory: low(parent.memory, asked.memory),
		fuel: lowOrNone(parent.fuel, asked.fuel),
		syscalls: lowOrNone(parent.syscalls, asked.syscalls),
		fds: low(parent.fds, asked.fds),
		callDepth: low(parent.callDepth, asked.callDepth),
		procs: lowOrNone(parent.procs, asked.procs),
		allow: narrowAllow(parent.allow, asked.allow),
	};
}

function narrowAllow(parent: readonly string[] | null, asked: readonly string[] | null | undefined): readonly string[] | null {
	if (asked === undefined || asked === null) return parent;
	if (parent === null) return asked;
	const out: string[] = [];
	for (const pattern of asked) {
		const dot = pattern.indexOf('.');
		if (dot < 0) {
			// A whole module: kept if the parent allows it whole, else the parent's functions of it.
			if (parent.includes(pattern)) out.push(pattern);
			else out.push(...parent.filter(p => p.startsWith(`${pattern}.`)));
		} else if (importAllowed(parent, pattern.slice(0, dot), pattern.slice(dot + 1))) {
			out.push(pattern);
		}
	}
	return [...new Set(out)];
}

/** What is wrong with an allowed-import pattern, or null: "module" or "module.function", no spaces. */
export function allowPatternProblem(pattern: string): string | null {
	if (!/^[^.\s]+(\.[^\s]+)?$/.test(pattern)) return `"${pattern}" is not an import pattern: MODULE or MODULE.FUNCTION`;
	return null;
}
