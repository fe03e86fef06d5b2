/*
 * The wasmos process ABI (import module "wasmos"): processes that make processes. Every call
 * returns an i32, ≥ 0 on success and a negative WASI errno on failure; docs/abi.md documents the
 * signatures, memory layouts and blocking, and examples/include/wasmos.h wraps them for C.
 *
 *   spawn(path, path_len, argv, argc, envp, envc, fds) → pid     wait(pid, status, options) → pid
 *   kill(pid, sig) → 0      getpid() → pid     getppid() → pid     pipe(fds) → 0
 *   dup2(from, to) → to     sleep(ns: i64) → 0     yield() → 0
 *   setpriority(pid, nice) → 0     getpriority(pid, out) → 0
 *
 * Registered by the composition roots next to WASI: kernel.registerAbi(wasmosAbi()). The work is
 * the kernel's (SyscallContext.procs, process-calls.ts; files.pipe); this file reads and writes
 * guest memory and speaks errno numbers.
 */

import {SIGNALS, type SignalName} from '../kernel/signals.js';
import type {Abi, ChildExit, SyscallDef} from '../kernel/syscalls.js';
import type {Value} from '../wasm/exec/values.js';
import {preview} from '../wasi/calls.js';
import {Fault, s64, u32, type GuestMemory} from '../wasi/memory.js';
import {abiCall, AbiErrno, I32, I64, negErrno, outcome} from './call.js';

export const WASMOS_MODULE = 'wasmos';

/** wait() options: return 0 at once when no child asked for has ended. */
export const WNOHANG = 1;

/** Bytes of the status wait() writes: i32 status, i32 reason, i32 detail. */
export const STATUS_SIZE = 12;

/** wait()'s reason codes. */
export const REASONS = {exit: 0, signal: 1, trap: 2, limit: 3} as const;

/** Most strings spawn reads from argv or envp, and the longest one (bytes). */
const MAX_STRINGS = 4096;
const MAX_STRING = 65536;

const encoder = new TextEncoder();

/** The NUL-terminated UTF-8 string at `ptr` (EFAULT past memory, E2BIG past MAX_STRING, EILSEQ if not UTF-8). */
function cString(mem: GuestMemory, ptr: number): string {
	let end = ptr;
	while (mem.u8(end) !== 0) {
		end++;
		if (end - ptr > MAX_STRING) throw new AbiErrno('E2BIG');
	}
	const text = mem.text(ptr, end - ptr);
	if (text === null) throw new AbiErrno('EILSEQ');
	return text;
}

/** `count` C strings through the pointer array at `ptr` (char **). */
function cStrings(mem: GuestMemory, ptr: number, count: number): string[] {
	if (count > MAX_STRINGS) throw new AbiErrno('E2BIG');
	const out: string[] = [];
	for (let k = 0; k < count; k++) out.push(cString(mem, mem.u32(ptr + 4 * k)));
	return out;
}

function list(words: readonly string[]): string {
	return `[${words.map(w => preview(encoder.encode(w))).join(', ')}]`;
}

/** Signal numbers are Linux's (the kernel's SIGNALS): 0 only checks that the process may be signalled. */
function signalOf(n: number): SignalName | null | undefined {
	if (n === 0) return null;
	for (const [name, row] of Object.entries(SIGNALS)) if (row.number === n) return name as SignalName;
	return undefined;
}

function i32(value: Value): number {
	return Number(value) | 0;
}

/**
 * spawn(path: i32, path_len: i32, argv: i32, argc: i32, envp: i32, envc: i32, fds: i32) → pid
 *   path ──► path_len bytes of UTF-8 (absolute, or relative to the working directory)
 *   argv ──► argc × u32 pointers to NUL-terminated strings (argv[0] included)
 *   envp ──► envc × u32 pointers to "KEY=VALUE" strings; envp 0: the caller's environment
 *   fds  ──► 3 × i32: the caller's fds that become the child's 0, 1, 2 (-1: /dev/null); fds 0: 0, 1, 2
 * Errors: ENOENT no such file; EISDIR, EACCES, ENOEXEC found but not runnable (EACCES also for an
 * import outside the caller's capabilities); EAGAIN a process limit; EBADF a bad fd in fds;
 * EINVAL an env entry without "="; E2BIG, EILSEQ, EFAULT bad strings.
 */
const spawn = abiCall([I32, I32, I32, I32, I32, I32, I32], {
	handler: (ctx, mem, args) => {
		const path = mem.text(u32(args[0]), u32(args[1]));
		if (path === null) return negErrno('EILSEQ');
		const argv = cStrings(mem, u32(args[2]), u32(args[3]));
		const env = u32(args[4]) === 0 ? null : cStrings(mem, u32(args[4]), u32(args[5]));
		const fdsPtr = u32(args[6]);
		const stdio = fdsPtr === 0 ? null : ([0, 1, 2].map(k => mem.u32(fdsPtr + 4 * k) | 0) as [number, number, number]);
		const out = ctx.procs.spawn({path, argv, env, stdio});
		return 'pid' in out ? out.pid : negErrno(out.errno);
	},
	describe: (ctx, mem, args, result) => {
		const path = preview(mem.view(u32(args[0]), Math.min(u32(args[1]), 256)), u32(args[1]));
		let rest: string;
		try {
			const argv = cStrings(mem, u32(args[2]), u32(args[3]));
			const env = u32(args[4]) === 0 ? 'inherit' : list(cStrings(mem, u32(args[4]), u32(args[5])));
			const fdsPtr = u32(args[6]);
			const fds = fdsPtr === 0 ? 'inherit' : `[${[0, 1, 2].map(k => mem.u32(fdsPtr + 4 * k) | 0).join(', ')}]`;
			rest = `argv=${list(argv)}, env=${env}, fds=${fds}`;
		} catch (error) {
			if (!(error instanceof Fault || error instanceof AbiErrno)) throw error;
			rest = `argv=0x${u32(args[2]).toString(16)}, argc=${u32(args[3])}`;
		}
		const why = result < 0 ? ctx.procs.lastError() : null;
		return `path=${path}, ${rest}${why === null ? '' : ` (${why})`}`;
	},
});

function writeStatus(mem: GuestMemory, ptr: number, exit: ChildExit): void {
	mem.check(ptr, STATUS_SIZE);
	mem.setU32(ptr, exit.status);
	mem.setU32(ptr + 4, REASONS[exit.reason]);
	mem.setU32(ptr + 8, exit.detail);
}

/**
 * wait(pid: i32, status: i32, options: i32) → pid
 * Reaps child `pid` (-1: any child) once it has ended, blocking until then; with WNOHANG it
 * returns 0 when none has ended. status (0: not wanted) ──► {i32 status, i32 reason, i32 detail}:
 * status is shell-style (exit code, 128+n, 134 trap, 137 limit); reason 0 exit, 1 signal, 2 trap,
 * 3 limit; detail the exit code, the signal's number, 0, or the limit's number.
 * Errors: ECHILD no such child (or none at all); EINVAL unknown options; EFAULT bad status pointer
 * (checked before anything is reaped).
 */
const wait = abiCall([I32, I32, I32], {
	handler: (ctx, mem, args) => {
		const options = u32(args[2]);
		if ((options & ~WNOHANG) !== 0) return negErrno('EINVAL');
		const statusPtr = u32(args[1]);
		if (statusPtr !== 0) mem.check(statusPtr, STATUS_SIZE);
		const out = ctx.procs.reap(i32(args[0]));
		if (out === null) return (options & WNOHANG) !== 0 ? 0 : ctx.block({on: 'child'});
		if ('errno' in out) return negErrno(out.errno);
		if (statusPtr !== 0) writeStatus(mem, statusPtr, out);
		return out.pid;
	},
	describe: (ctx, mem, args, result) => {
		const head = `pid=${i32(args[0])}, options=${(u32(args[2]) & WNOHANG) !== 0 ? 'WNOHANG' : '0'}`;
		const statusPtr = u32(args[1]);
		if (result <= 0 || statusPtr === 0) return result < 0 && ctx.procs.lastError() !== null ? `${head} (${ctx.procs.lastError()})` : head;
		const reason = Object.keys(REASONS)[mem.u32(statusPtr + 4)] ?? '?';
		return `${head} → status ${mem.u32(statusPtr)} (${reason} ${mem.u32(statusPtr + 8)})`;
	},
});

/**
 * kill(pid: i32, sig: i32) → 0
 * Sends signal `sig` (Linux's numbers: 2 INT, 9 KILL, 15 TERM, 19 STOP, 18 CONT, ...) to the
 * caller itself or one of its descendants; 0 only checks that it could.
 * Errors: EINVAL unknown signal or pid ≤ 0; ESRCH no such process; EPERM not itself or a descendant.
 */
const kill = abiCall([I32, I32], {
	handler: (ctx, _mem, args) => {
		const signal = signalOf(i32(args[1]));
		if (signal === undefined) return negErrno('EINVAL');
		const errno = ctx.procs.kill(i32(args[0]), signal);
		return errno === null ? 0 : negErrno(errno);
	},
	describe: (ctx, _mem, args, result) => {
		const signal = signalOf(i32(args[1]));
		const why = result < 0 ? ctx.procs.lastError() : null;
		return `pid=${i32(args[0])}, sig=${signal === null ? '0' : signal === undefined ? i32(args[1]) : signal}${why === null ? '' : ` (${why})`}`;
	},
});

/** getpid() → the caller's pid. */
const getpid = abiCall([], {handler: ctx => ctx.pid, describe: () => ''});

/** getppid() → its parent's pid (1 once orphaned and adopted by the shell, 0 for the user). */
const getppid = abiCall([], {handler: ctx => ctx.procs.ppid, describe: () => ''});

/**
 * pipe(fds: i32) → 0
 * A new pipe (64 KiB buffer): fds ──► {i32 read end, i32 write end}, the two lowest free fds.
 * Errors: EMFILE no two free fds; EFAULT bad pointer (checked first: no fds leak).
 */
const pipe = abiCall([I32], {
	handler: (ctx, mem, args) => {
		const ptr = u32(args[0]);
		mem.check(ptr, 8);
		const out = ctx.files.pipe();
		if ('errno' in out) return negErrno(out.errno);
		mem.setU32(ptr, out.read);
		mem.setU32(ptr + 4, out.write);
		return 0;
	},
	describe: (_ctx, mem, args, result) => (result === 0 ? `fds → [${mem.u32(u32(args[0]))}, ${mem.u32(u32(args[0]) + 4)}]` : `fds=0x${u32(args[0]).toString(16)}`),
});

/**
 * dup2(from: i32, to: i32) → to
 * Makes fd `to` refer to what `from` refers to (closing what `to` was); both stay open.
 * Errors: EBADF `from` not open or `to` outside 0 .. the fd limit - 1.
 */
const dup2 = abiCall([I32, I32], {
	handler: (ctx, _mem, args) => {
		const errno = ctx.procs.dup2(i32(args[0]), i32(args[1]));
		return errno === null ? i32(args[1]) : negErrno(errno);
	},
	describe: (_ctx, _mem, args) => `from=${i32(args[0])}, to=${i32(args[1])}`,
});

/**
 * sleep(ns: i64) → 0
 * Blocks for `ns` nanoseconds of virtual time (ticks); 0 returns at once.
 * Errors: EINVAL negative ns.
 */
const sleep = abiCall([I64], {
	handler: (ctx, _mem, args) => {
		const ns = s64(args[0]);
		if (ns < 0n) return negErrno('EINVAL');
		const until = ctx.retrying?.on === 'sleep' ? ctx.retrying.until : ctx.now() + Number(ns);
		return ctx.now() >= until ? 0 : ctx.block({on: 'sleep', until});
	},
	describe: (_ctx, _mem, args) => `ns=${s64(args[0])}`,
});

/** yield() → 0: gives up the rest of its quantum; it is READY again at once. */
const yieldCall = abiCall([], {handler: ctx => ctx.yield([0]), describe: () => ''});

/**
 * setpriority(pid: i32, nice: i32) → 0
 * Sets the nice value (-20 first .. 19 last) of itself (pid 0) or a descendant.
 * Errors: EINVAL outside -20..19; ESRCH no such process; EPERM not itself or a descendant;
 * EACCES a value below (better than) the caller's own.
 */
const setpriority = abiCall([I32, I32], {
	handler: (ctx, _mem, args) => {
		const errno = ctx.procs.setPriority(i32(args[0]), i32(args[1]));
		return errno === null ? 0 : negErrno(errno);
	},
	describe: (_ctx, _mem, args) => `pid=${i32(args[0])}, nice=${i32(args[1])}`,
});

/**
 * getpriority(pid: i32, out: i32) → 0
 * out ──► i32 the nice value of itself (pid 0) or a descendant.
 * Errors: ESRCH, EPERM as setpriority; EFAULT bad pointer.
 */
const getpriority = abiCall([I32, I32], {
	handler: (ctx, mem, args) => {
		mem.check(u32(args[1]), 4);
		const out = ctx.procs.getPriority(i32(args[0]));
		if ('errno' in out) return negErrno(out.errno);
		mem.setU32(u32(args[1]), out.priority);
		return 0;
	},
	describe: (_ctx, mem, args, result) => `pid=${i32(args[0])}${result === 0 ? ` → ${mem.u32(u32(args[1])) | 0}` : ''}`,
});

const CALLS: Readonly<Record<string, SyscallDef>> = {
	spawn,
	wait,
	kill,
	getpid,
	getppid,
	pipe,
	dup2,
	sleep,
	yield: yieldCall,
	setpriority,
	getpriority,
};

/** The wasmos ABI; an import it does not have is refused at link time. */
export function wasmosAbi(): Abi {
	return {module: WASMOS_MODULE, calls: CALLS, outcome};
}
