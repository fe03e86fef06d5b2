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

/** Kernel error names (POSIX's); an ABI converts them to its own numbers at its boundary. */
export type Errno = 'EBADF' | 'EFAULT' | 'EINVAL' | 'EIO' | 'EMFILE' | 'ENOSYS' | 'EPERM' | 'EPIPE' | 'ESRCH' | 'ECHILD' | 'EAGAIN';

/** What a blocked call waits for; the kernel knows how to wake each kind. */
export type Wait =
	/** A line (cooked mode) or a byte (raw mode) of terminal input, or end of input. */
	| {readonly on: 'tty-read'}
	/** The clock reaching `until` (ticks). */
	| {readonly on: 'sleep'; readonly until: number};

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

/** What an fd refers to, for fdstat-like calls. */
export interface FdInfo {
	/** 'tty': the terminal (a character device without seek); 'null': /dev/null. */
	readonly kind: 'tty' | 'null';
	readonly readable: boolean;
	readonly writable: boolean;
}

export type ReadResult = {readonly data: Uint8Array} | {readonly errno: Errno} | {readonly wait: Wait};

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
	fdInfo(fd: number): FdInfo | null;
	/** Reads at most `max` bytes (0 bytes = end of file), or says to wait. */
	read(fd: number, max: number): ReadResult;
	/** Writes everything; returns the count or an error. */
	write(fd: number, data: Uint8Array): number | Errno;
	close(fd: number): Errno | null;
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
