/*
 * How ABIs plug into the kernel. An ABI (WASI preview 1, later the wasmos process ABI, the sensor
 * ABI) is a table of host functions for one import module, registered by the composition root:
 *
 *   kernel.registerAbi({module: 'wasi_snapshot_preview1', calls: {fd_write: {params, results,
 *     handler: (ctx, args) => [errno], describe: (ctx, args, results) => 'fd=1, ...'}}, outcome});
 *
 * When a process is spawned, each of its function imports is looked up by module and name; the
 * kernel wraps the handler so that every call is counted for the process, checked against its
 * syscall quota, and logged as one `syscall` event (decoded arguments from `describe`, result and
 * errno from the ABI's `outcome`). Handlers receive a SyscallContext bound to the calling process:
 * its memory, its fds, the clock, the PRNG, and the ways to block, yield and exit.
 *
 * A handler returns its results, or a SyscallBlock made by the context:
 *   ctx.block(wait)      not now: the process blocks; when `wait` may be satisfied the kernel calls
 *                        the same handler again with the same arguments and `ctx.retrying` set to
 *                        that wait (so a handler blocks before it has any side effect, like xv6's
 *                        sleep loops, and a sleep keeps its deadline)
 *   ctx.yield(results)   complete with `results` and give up the CPU
 *   ctx.exit(code)       end the process
 * A handler returns errno values for guest mistakes; it throws only a Trap (to kill the process
 * with a trap). Anything else it throws is a kernel bug and becomes a KernelPanic.
 */

import type {FuncType, ValType} from '../wasm/types.js';
import type {Memory} from '../wasm/exec/memory.js';
import type {Value} from '../wasm/exec/values.js';
import type {SignalName} from './signals.js';
import type {NodeKind, SpecialKind, Stat} from './vfs/types.js';

/**
 * Kernel error names (POSIX's, plus ENOTCAPABLE for a capability an fd lacks); an ABI converts them
 * to its own numbers at its boundary.
 */
export type Errno =
	| 'E2BIG'
	| 'EACCES'
	| 'EAGAIN'
	| 'EBADF'
	| 'EBUSY'
	| 'ECHILD'
	| 'EEXIST'
	| 'EFAULT'
	| 'EFBIG'
	| 'EILSEQ'
	| 'EINVAL'
	| 'EIO'
	| 'EISDIR'
	| 'ELOOP'
	| 'EMFILE'
	| 'EMLINK'
	| 'ENAMETOOLONG'
	| 'ENOENT'
	| 'ENOEXEC'
	| 'ENOSPC'
	| 'ENOSYS'
	| 'ENOTCAPABLE'
	| 'ENOTDIR'
	| 'ENOTEMPTY'
	| 'ENOTSUP'
	| 'ENXIO'
	| 'EOVERFLOW'
	| 'EPERM'
	| 'EPIPE'
	| 'EROFS'
	| 'ESPIPE'
	| 'ESRCH'
	| 'EXDEV';

/** What a blocked call waits for; the kernel knows how to wake each kind. */
export type Wait =
	/** A line (cooked mode) or a byte (raw mode) of terminal input, or end of input. */
	| {readonly on: 'tty-read'}
	/** The clock reaching `until` (ticks). */
	| {readonly on: 'sleep'; readonly until: number}
	/** A child ending or stopping (a host task waiting for its children, task.ts). */
	| {readonly on: 'child'}
	/** Data in a pipe, or its last writer gone. */
	| {readonly on: 'pipe-read'; readonly pipe: number}
	/** Room in a pipe, or its last reader gone. */
	| {readonly on: 'pipe-write'; readonly pipe: number}
	/**
	 * The other side of a FIFO (inode `ino`) opening: a writer when `write` is false, a reader when it
	 * is true. `seen` is how many opens of that side the FIFO had counted when the wait began.
	 */
	| {readonly on: 'fifo-open'; readonly ino: number; readonly write: boolean; readonly seen: number}
	/**
	 * Any of several things (poll_oneoff): woken whenever a pipe or the terminal changes, and at
	 * `until` if it has a deadline; `since` is the tick the wait began (relative timeouts count from it).
	 */
	| {readonly on: 'poll'; readonly since: number; readonly until: number | null};

/** The tick at which a wait ends by itself, or null. */
export function deadline(wait: Wait): number | null {
	return wait.on === 'sleep' || wait.on === 'poll' ? wait.until : null;
}

/** What a handler hands the engine instead of results: the thread stops with this as plain data. */
export interface SyscallBlock {
	readonly block: Suspension;
}

/** The plain-data reason a thread left wasm through a syscall (kept in the thread's blocked call). */
export type Suspension =
	| {readonly kind: 'wait'; readonly wait: Wait}
	| {readonly kind: 'yield'; readonly results: readonly number[]}
	| {readonly kind: 'exit'; readonly code: number}
	/** The call completed but the process must leave the CPU (a signal stopped or ended it). */
	| {readonly kind: 'interrupt'; readonly results: readonly number[]};

/** Status flags of an open file (POSIX's O_APPEND, O_NONBLOCK, O_DSYNC, O_RSYNC, O_SYNC). */
export interface FdFlags {
	readonly append: boolean;
	readonly nonblock: boolean;
	readonly dsync: boolean;
	readonly rsync: boolean;
	readonly sync: boolean;
}

/** Capability bits an ABI attaches to an open file (WASI's rights); the kernel keeps them uninterpreted. */
export interface Rights {
	readonly base: number;
	readonly inheriting: number;
}

/** What an fd refers to, for fdstat-like calls. */
export interface FdInfo {
	readonly kind: 'tty' | 'device' | 'file' | 'directory' | 'pipe';
	/** For the terminal and devices: 'tty', 'null', 'zero', 'random'. */
	readonly device: 'tty' | 'null' | 'zero' | 'random' | null;
	readonly readable: boolean;
	readonly writable: boolean;
	readonly flags: FdFlags;
	/** The name it was preopened under, or null. */
	readonly preopen: string | null;
	/** The ABI's rights, null until the ABI sets them. */
	readonly rights: Rights | null;
	/** What a person calls it. */
	readonly path: string;
}

export type ReadResult = {readonly data: Uint8Array} | {readonly errno: Errno} | {readonly wait: Wait};

export type WriteResult = {readonly count: number} | {readonly errno: Errno} | {readonly wait: Wait};

/** How path_open-like calls open a file. */
export interface OpenRequest {
	/** Follow a symlink in the last component. */
	readonly follow: boolean;
	readonly create: boolean;
	/** With create: fail with EEXIST when it exists. */
	readonly exclusive: boolean;
	/** It must be a directory. */
	readonly directory: boolean;
	readonly truncate: boolean;
	readonly read: boolean;
	readonly write: boolean;
	readonly flags: FdFlags;
}

/** One entry of a listing ("." and ".." first). */
export interface ListedEntry {
	readonly name: string;
	readonly ino: bigint;
	readonly kind: NodeKind;
	readonly special: SpecialKind | null;
}

/** Readiness of an fd for poll: ready now, bytes available (or room), and whether the other side is gone. */
export interface Readiness {
	readonly ready: boolean;
	readonly nbytes: number;
	readonly hangup: boolean;
}

/**
 * The calling process's files: fds, the VFS, pipes, devices and the terminal. Paths are relative to
 * a directory fd (an absolute path starts at the root); "self" for /proc/self is the caller. Every
 * call returns an errno for a failure, never throws for one.
 */
export interface FileCalls {
	info(fd: number): FdInfo | null;
	/** Reads at most `max` bytes at the fd's offset (0 bytes: end of file), or says to wait. */
	read(fd: number, max: number): ReadResult;
	/** Reads at `offset` without moving the fd's offset. */
	pread(fd: number, max: number, offset: number): ReadResult;
	/** Writes at the fd's offset (at the end with append); a pipe or terminal may take fewer bytes. */
	write(fd: number, data: Uint8Array): WriteResult;
	pwrite(fd: number, data: Uint8Array, offset: number): WriteResult;
	seek(fd: number, offset: bigint, whence: 'set' | 'cur' | 'end'): {readonly position: number} | {readonly errno: Errno};
	close(fd: number): Errno | null;
	/** Moves `from` to `to`, closing what `to` was (both must be open). */
	renumber(from: number, to: number): Errno | null;
	open(dirfd: number, path: string, request: OpenRequest): {readonly fd: number} | {readonly errno: Errno} | {readonly wait: Wait};
	stat(fd: number): {readonly stat: Stat} | {readonly errno: Errno};
	statAt(dirfd: number, path: string, follow: boolean): {readonly stat: Stat} | {readonly errno: Errno};
	truncate(fd: number, size: bigint): Errno | null;
	/** Makes the file at least offset + length bytes long. */
	allocate(fd: number, offset: bigint, length: bigint): Errno | null;
	/** Sets times in ns since the epoch (null: keep). */
	setTimes(fd: number, atim: bigint | null, mtim: bigint | null): Errno | null;
	setTimesAt(dirfd: number, path: string, follow: boolean, atim: bigint | null, mtim: bigint | null): Errno | null;
	sync(fd: number, dataOnly: boolean): Errno | null;
	setFlags(fd: number, flags: FdFlags): Errno | null;
	setRights(fd: number, rights: Rights): Errno | null;
	/** A directory's entries, "." and ".." first; `rewind` takes a fresh listing, else the one kept since the last rewind. */
	readdir(fd: number, rewind: boolean): {readonly entries: readonly ListedEntry[]} | {readonly errno: Errno};
	mkdirAt(dirfd: number, path: string): Errno | null;
	unlinkAt(dirfd: number, path: string): Errno | null;
	rmdirAt(dirfd: number, path: string): Errno | null;
	renameAt(dirfd: number, path: string, dirfd2: number, path2: string): Errno | null;
	linkAt(dirfd: number, path: string, follow: boolean, dirfd2: number, path2: string): Errno | null;
	symlinkAt(target: string, dirfd: number, path: string): Errno | null;
	readlinkAt(dirfd: number, path: string): {readonly target: string} | {readonly errno: Errno};
	readiness(fd: number, direction: 'read' | 'write'): Readiness | {readonly errno: Errno};
	/** A new anonymous pipe: its read end and its write end, at the two lowest free fds (EMFILE). */
	pipe(): {readonly read: number; readonly write: number} | {readonly errno: Errno};
}

/** A spawn a process asks for (the wasmos ABI's spawn): the child is its own, in its working directory. */
export interface ChildSpawn {
	/** A program file in the VFS, absolute or relative to the caller's working directory. */
	readonly path: string;
	/** argv, argv[0] included. */
	readonly argv: readonly string[];
	/** "KEY=VALUE" strings; null: the caller's environment. */
	readonly env: readonly string[] | null;
	/** The caller's fds that become the child's 0, 1, 2 (-1: /dev/null); null: the caller's 0, 1, 2. */
	readonly stdio: readonly [number, number, number] | null;
}

/** How a child ended, as wait() reports it. */
export interface ChildExit {
	readonly pid: number;
	/** Shell-style status: the exit code, 128+n for signal n, 134 for a trap, 137 for a limit. */
	readonly status: number;
	readonly reason: 'exit' | 'signal' | 'trap' | 'limit';
	/** The exit code, the signal's number, 0 for a trap, or the limit's number (LIMIT_NUMBERS). */
	readonly detail: number;
}

/**
 * The calling process's family: its children, signals, priority and fds as one table (the wasmos
 * ABI). Every call returns an errno for a failure, never throws for one; `lastError` then says why
 * in words (for the log).
 */
export interface ProcessCalls {
	readonly ppid: number;
	/** A new child (its limits and capabilities are the caller's): its pid. */
	spawn(request: ChildSpawn): {readonly pid: number} | {readonly errno: Errno};
	/**
	 * Reaps an ended child: `pid`, or any with -1. null: the child (or some child) is alive and none
	 * of those asked for has ended — block on {on: 'child'} or answer 0 (WNOHANG). ECHILD: no such child.
	 */
	reap(pid: number): ChildExit | {readonly errno: Errno} | null;
	/** Signals itself or a descendant (EPERM for any other, ESRCH for none); null signal: only checks. */
	kill(pid: number, signal: SignalName | null): Errno | null;
	/** The nice value of itself (pid 0) or a descendant. */
	getPriority(pid: number): {readonly priority: number} | {readonly errno: Errno};
	/** Sets it for itself or a descendant: EINVAL outside -20..19, EACCES below the caller's own. */
	setPriority(pid: number, priority: number): Errno | null;
	/** Makes `to` refer to what `from` does (closing what `to` was); both stay open. */
	dup2(from: number, to: number): Errno | null;
	/** Why the last failing call of this process failed, in words; null if nothing to say. */
	lastError(): string | null;
}

/** The calling process as a syscall handler sees it. Valid only during the call. */
export interface SyscallContext {
	readonly pid: number;
	readonly argv: readonly string[];
	/** "KEY=VALUE" strings. */
	readonly env: readonly string[];
	/** When the call is being retried: what it waited for last time; null on its first attempt. */
	readonly retrying: Wait | null;
	/** Its linear memory (the export "memory", else memory 0); null if it has none. Re-read after a call that can grow memory. */
	memory(): Memory | null;
	/** Virtual time now, in ticks (nanoseconds), exact to the instruction. */
	now(): number;
	/** Wall-clock time of the virtual machine: nanoseconds since the Unix epoch (a fixed base + now). */
	realtime(): bigint;
	/** This process's CPU time in ticks (instructions it executed). */
	cpuTime(): number;
	/** Fills `into` from the machine's seeded PRNG. */
	random(into: Uint8Array): void;
	/** Its files: fds, paths, pipes, the terminal. */
	readonly files: FileCalls;
	/** Its children, signals and priority (process-calls.ts). */
	readonly procs: ProcessCalls;
	/** Delivers `signal` to the calling process itself (raise). */
	raise(signal: SignalName): void;
	block(wait: Wait): SyscallBlock;
	yield(results: readonly number[]): SyscallBlock;
	exit(code: number): SyscallBlock;
}

export type SyscallReturn = readonly Value[] | SyscallBlock;

export interface SyscallDef {
	readonly params: readonly ValType[];
	readonly results: readonly ValType[];
	readonly handler: (ctx: SyscallContext, args: readonly Value[]) => SyscallReturn;
	/** Decoded arguments for the log, called once the call completed (it may read memory). */
	readonly describe?: (ctx: SyscallContext, args: readonly Value[], results: readonly Value[]) => string;
}

export interface Abi {
	/** The import module name it serves: "wasi_snapshot_preview1". */
	readonly module: string;
	readonly calls: Readonly<Record<string, SyscallDef>>;
	/**
	 * For an import this ABI does not implement: a stand-in (an ENOSYS stub, so the program still
	 * links), or undefined to refuse linking.
	 */
	readonly missing?: (name: string, type: FuncType) => SyscallDef | undefined;
	/** The result for the log: its text and the error name (null on success). */
	readonly outcome: (results: readonly Value[]) => {readonly result: string; readonly errno: string | null};
}

export function isBlock(out: SyscallReturn): out is SyscallBlock {
	return !Array.isArray(out);
}
