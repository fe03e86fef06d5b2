/*
 * The kernel's public interface: everything the shell, the TUI and the headless commands may do
 * with a machine. They send commands through these methods and read immutable views (views.ts) and
 * the event log (events.ts); nothing outside the kernel touches a process's internals.
 *
 *   const kernel = boot({policy: 'rr', quantum: 10_000, seed: 1, limits: {memory: 256 * 2 ** 20}});
 *   kernel.registerAbi(wasiPreview1());                  ABIs are host-function tables (syscalls.ts)
 *   const pid = kernel.spawn({program: loadProgram(bytes, 'hello'), argv: ['hello'], foreground: true});
 *   while (kernel.tick(1_000_000).status === 'running') await nextTurnOfTheEventLoop();
 *   kernel.tty.takeOutput();                             sanitised guest output, in order
 *   kernel.wait(pid);                                    {status, reason, ...} once it is a zombie
 *
 * Machine
 *   boot(options)                 a machine: virtual clock at 0, empty process table, the policy,
 *                                 a seeded PRNG, a terminal, an empty event log (options below)
 *   registerAbi(abi)              host functions for one import module, linked into later spawns
 *   registerTask(def)             a host task's step function, by kind (task.ts): spawn({task}) runs it
 *   tick(budget)                  runs the machine until `budget` instructions have executed or
 *                                 nothing can run; returns the ticks that passed and the machine's
 *                                 status. Slicing never changes what the machine computes: a
 *                                 quantum spans slices, wake-ups happen at their exact tick.
 *                                 When every process sleeps: with idle 'jump' (headless) the clock
 *                                 jumps to the next wake-up (free: the budget counts instructions);
 *                                 with idle 'wait' tick returns 'sleeping' and the driver waits
 *                                 wall time × speed, then calls advanceClock(nextWakeup).
 *   advanceClock(to)              passes idle time up to tick `to` (never past a wake-up)
 *   step({pid?, instructions?})   one quantum of the schedule (no pid), or exactly N instructions of
 *                                 one process (READY, RUNNING or STOPPED: it stays stopped) while
 *                                 every other stays frozen and the one on the CPU keeps its place
 *   setPolicy(name, options?)     switch the scheduling policy while running (SCHEDULING_POLICIES),
 *                                 changing any of its parameters (PolicyOptions: quantum, aging,
 *                                 mlfqLevels, mlfqQuanta, mlfqAllotment, mlfqBoost, sjfAlpha,
 *                                 sjfInitial); the others keep their values. The process on the
 *                                 CPU leaves it and the new policy picks; every process keeps its
 *                                 accounting (views.ts: bursts, responses, ticks in each state)
 *
 * Processes
 *   spawn(spec)                   a new process from a loaded program, a program file in the VFS
 *                                 (spec.path: loaded once per file version), or a host task of a
 *                                 registered kind → its pid (SpawnError when it cannot be found,
 *                                 link or start, KernelError for the process limit)
 *   kill(pid, signal, {from})     deliver a signal; `from` a pid: it may signal itself and its
 *                                 descendants only (else EPERM); omitted: the user, who may signal anything
 *   killGroup(pgid, signal)       the same to every process of a group
 *   stop(pid) / cont(pid)         STOP / CONT from the user
 *   wait(pid)                     reap a zombie: its ExitInfo, or null while the process lives
 *   setPriority(pid, priority)    renice: -20 (first) .. 19 (last); the priority policy reads it
 *   setTickets(pid, tickets)      lottery tickets (>= 1, 100 by default); the lottery policy reads them
 *   setLimits(pid, limits)        change a live process's limits (limits.ts) from the user's side
 *   setTrace(pid, on), setTraceFilter(names), tracing()
 *                                 strace: a traced process's syscalls are printed on the terminal's
 *                                 error channel as "[pid N] name(args) = result" (the event log has
 *                                 every call anyway); the filter keeps only the named calls
 *
 * Files (kernel.fs)                 the VFS from the host side: mkdir, mkfifo, symlink, writeFile,
 *                                 readFile, list, stat (absolute paths; the booted tree is /bin
 *                                 /dev /etc /home /proc /tmp, plus the mounts of options.mounts)
 *
 * Terminal (kernel.tty)
 *   input(bytes | text)           keys typed / bytes arriving, through the line discipline
 *   hangup()                      input ended for good: reads return end of file
 *   closeOutput('out' | 'err')    the output's reader on the host has gone: a write there fails
 *                                 with EPIPE and raises PIPE in the writer (not machine state)
 *   setMode({canonical, echo, signals})   cooked or raw, echo, Ctrl-C/Ctrl-Z as signals
 *   setForeground(pgid | null)    which process group owns the terminal
 *   takeOutput()                  guest output and echo since the last call, in order, by channel
 *                                 (fd 2 → 'err'), sanitised when asked
 *   view()                        the terminal's state (foreground group, mode, pending input)
 *
 * Views and events
 *   machine(), process(pid), processes()      immutable snapshots of the state (views.ts)
 *   events(sinceSeq?)                         the ring buffer's events, oldest first
 *   subscribe(listener) → unsubscribe         every event as it happens
 *
 * Snapshots (snapshot/, docs/snapshot-format.md)
 *   saveSnapshot(kernel, file)                the whole machine to a JSON file, atomically
 *   restoreSnapshot(file, {abis, tasks})      → {kernel, warnings, sections}: it continues exactly
 *   setCheckpoint({at, run})                  run() between two instructions at tick `at` (--snapshot-at)
 *   watchMemory(pid, on), memoryMap(pid)      which 4 KiB cells of its memory were read / written
 *                                             (tracking on for the watched one only; memory-map.ts)
 *
 * Errors: a KernelError (with an errno name) for a request the kernel refuses (no such process, not
 * permitted); a SpawnError for a program that cannot be started (the message names the import or the
 * export); a KernelPanic for a broken kernel invariant — a bug, never a guest's doing.
 */

import type {EventListener, KernelEvent} from './events.js';
import type {ProcessLimits} from './limits.js';
import type {PolicyOptions} from './scheduler/params.js';
import type {Program} from './program.js';
import type {SignalName} from './signals.js';
import type {Abi} from './syscalls.js';
import type {TaskDef, TaskSpec} from './task.js';
import type {ExitInfo, MachineStatus, MachineView, MemoryMapView, ProcessView, TerminalView} from './views.js';
import type {MountSpec} from './vfs/vfs.js';
import type {Stat} from './vfs/types.js';
import {Machine} from './machine.js';

export {loadProgram, type Program} from './program.js';
export {hostErrorText, KernelError, KernelPanic, SpawnError, type SpawnCause} from './errors.js';
export {describePolicy, POLICY_NAMES, SCHEDULING_POLICIES, type PolicyOptions, type PolicyParams} from './scheduler/index.js';
export {parseSignal, SIGNALS, type SignalName} from './signals.js';
export {formatTicks} from './clock.js';
export {CELL_BYTES, CELL_DATA, CELL_READ, CELL_WRITTEN} from './memory-map.js';
export {eventJson, syscallLine, type KernelEvent} from './events.js';
export {FORMAT as SNAPSHOT_FORMAT, restoreSnapshot, restoreText, saveSnapshot, SnapshotError, snapshotText, type RestoreOptions, type Restored, type SaveOptions} from './snapshot/index.js';
export type * from './views.js';
export type {MountSpec} from './vfs/vfs.js';
export type {Stat} from './vfs/types.js';
export type {TaskContext, TaskDef, TaskSpec, TaskStep} from './task.js';

export interface TerminalMode {
	/** Cooked mode: line editing, input delivered a line at a time. Off: raw, byte by byte. */
	readonly canonical: boolean;
	/** Typed characters are echoed to the output. */
	readonly echo: boolean;
	/** Ctrl-C and Ctrl-Z send INT and TSTP to the foreground group. */
	readonly signals: boolean;
}

export interface TerminalOptions extends Partial<TerminalMode> {
	/** Neutralise guest output on each channel (escape sequences, control characters). Default: both. */
	readonly sanitize?: {readonly out: boolean; readonly err: boolean};
}

export interface MachineOptions {
	/** Scheduling policy name (default "rr"). */
	readonly policy?: string;
	/** Instructions per time slice (default 10,000). */
	readonly quantum?: number;
	/** The policies' other parameters (scheduler/params.ts); defaults for those not given. */
	readonly policyOptions?: Omit<PolicyOptions, 'quantum'>;
	/** PRNG seed (default 1). */
	readonly seed?: number;
	/**
	 * Host directories mounted into the file system, in order (--dir HOST::GUEST[:ro]); a guest path
	 * of "/" replaces the booted tree. Each host directory must exist (KernelError otherwise).
	 */
	readonly mounts?: readonly MountSpec[];
	/** Bytes of file data the in-memory file system holds (default 256 MiB). */
	readonly fsCapacity?: number;
	/** Default limits of every process (limits.ts). */
	readonly limits?: Partial<ProcessLimits>;
	/** Live processes at once (default 64). */
	readonly maxProcesses?: number;
	/** The machine halts when the clock reaches this tick. */
	readonly maxTicks?: number | null;
	/** What an idle machine does when every process sleeps: 'jump' the clock (default) or 'wait' for the driver. */
	readonly idle?: 'jump' | 'wait';
	/** Events the ring buffer keeps (default 65,536). */
	readonly eventCapacity?: number;
	/** Window of the CPU-share metric, in ticks (default 10,000,000: 10 ms of virtual time). */
	readonly cpuWindow?: number;
	/** The virtual wall clock at tick 0, in ns since the Unix epoch (default 2025-01-01T00:00:00Z). */
	readonly realtimeBase?: bigint;
	readonly terminal?: TerminalOptions;
}

/**
 * Where a new process's fds 0, 1, 2 point: the terminal, /dev/null, or `{fd: N}`: the open file
 * that fd N of the parent (spec.parent, the spawning process) refers to, shared with it (as after
 * a fork: one more fd refers to it, so a pipe end stays open until both have closed it). EBADF
 * (a KernelError) when the parent has no fd N.
 */
export type StdioSpec = 'tty' | 'null' | {readonly fd: number};

export interface SpawnSpec {
	/** The wasm program to run; or `path`, or `task`: a host task (task.ts). Exactly one of the three. */
	readonly program?: Program;
	/**
	 * A wasm program file in the VFS, absolute or relative to `cwd` (program-cache.ts): loaded once
	 * per version of the file. SpawnError with `errno` and `notFound` (no such file: a shell's 127,
	 * else 126) when it cannot be loaded.
	 */
	readonly path?: string;
	readonly task?: TaskSpec;
	/** Shown in the process table (default: the program's name, or the task's kind). */
	readonly name?: string;
	/** Its argv, argv[0] included (default: [name]). */
	readonly argv?: readonly string[];
	/** Its environment, in order; it sees only these. */
	readonly env?: Readonly<Record<string, string>>;
	/** Parent pid (default 0: the user). */
	readonly parent?: number;
	/** Join this process group (default: a new group led by the new process). */
	readonly pgid?: number;
	/** Give the terminal to its group. */
	readonly foreground?: boolean;
	readonly stdio?: readonly [StdioSpec, StdioSpec, StdioSpec];
	/**
	 * Call this export instead of `_start` (a reactor's `_initialize` runs first), with arguments
	 * written as text and parsed for its parameter types ("42", "-1", "0.5").
	 */
	readonly invoke?: {readonly name: string; readonly args: readonly string[]};
	/** Its priority (nice), -20..19 (default 0). */
	readonly priority?: number;
	/** Its lottery tickets, >= 1 (default 100). */
	readonly tickets?: number;
	/**
	 * Its working directory (default "/"); it must exist. A WASI process gets the root as fd 3 and,
	 * elsewhere than "/", the directory as its last preopen "." (machine.ts explains the layout).
	 */
	readonly cwd?: string;
	/** Limits of this process (default: the machine's). */
	readonly limits?: Partial<ProcessLimits>;
}

export interface TickResult {
	/** Ticks that passed during this call (instructions executed plus idle time jumped). */
	readonly ran: number;
	readonly status: MachineStatus;
	readonly nextWakeup: number | null;
}

export interface StepOptions {
	/** Run this process only (others stay frozen); default: the schedule's next quantum. */
	readonly pid?: number;
	/** With a pid: this many instructions (default 1). */
	readonly instructions?: number;
}

/** Guest output since the last takeOutput: the channel is the fd it was written to (2 → err). */
export interface OutputChunk {
	readonly channel: 'out' | 'err';
	readonly bytes: Uint8Array;
}

/** The file system from the host side (fs-control.ts): absolute paths; failures are KernelErrors with an errno. */
export interface FileSystemControl {
	mkdir(path: string): void;
	/** Makes a FIFO (named pipe) in the in-memory tree. */
	mkfifo(path: string): void;
	symlink(target: string, path: string): void;
	/** Creates or replaces a regular file's contents. */
	writeFile(path: string, data: Uint8Array | string): void;
	readFile(path: string): Uint8Array;
	/** The names in a directory, in its order ("." and ".." left out). */
	list(path: string): string[];
	/** What lstat says about a path. */
	stat(path: string): Stat;
}

export interface TerminalControl {
	input(data: Uint8Array | string): void;
	hangup(): void;
	closeOutput(channel: 'out' | 'err'): void;
	setMode(mode: Partial<TerminalMode>): void;
	setForeground(pgid: number | null): void;
	takeOutput(): OutputChunk[];
	view(): TerminalView;
}

export interface Kernel {
	registerAbi(abi: Abi): void;
	registerTask<S>(def: TaskDef<S>): void;
	tick(budget: number): TickResult;
	advanceClock(to: number): void;
	step(options?: StepOptions): TickResult;
	setPolicy(name: string, options?: PolicyOptions): void;

	spawn(spec: SpawnSpec): number;
	kill(pid: number, signal: SignalName, options?: {readonly from?: number}): void;
	killGroup(pgid: number, signal: SignalName, options?: {readonly from?: number}): void;
	stop(pid: number): void;
	cont(pid: number): void;
	wait(pid: number): ExitInfo | null;
	setPriority(pid: number, priority: number): void;
	setTickets(pid: number, tickets: number): void;
	/** Changes a live process's limits (memory, fuel, syscalls, fds, procs; callDepth and allow are fixed at spawn): EINVAL for a bad value. */
	setLimits(pid: number, limits: Partial<ProcessLimits>): void;
	/** strace: a traced process's syscalls (those the filter names, all when it is null) are also printed on the terminal's error channel as they complete. */
	setTrace(pid: number, on: boolean): void;
	setTraceFilter(names: readonly string[] | null): void;
	/** The traced live processes and the filter. */
	tracing(): {readonly pids: readonly number[]; readonly names: readonly string[] | null};

	readonly tty: TerminalControl;
	readonly fs: FileSystemControl;

	machine(): MachineView;
	process(pid: number): ProcessView | null;
	processes(): ProcessView[];
	events(sinceSeq?: number): KernelEvent[];
	subscribe(listener: EventListener): () => void;
	/**
	 * Snapshots (snapshot/): `run` is called once, between two instructions, when the clock reaches
	 * `at` (null: as soon as the step or instruction under way is over; while every process sleeps,
	 * just before the clock jumps past `at`); null clears it. `run` may save the machine.
	 */
	setCheckpoint(checkpoint: {readonly at: number | null; readonly run: () => void} | null): void;
	/** Records which 4 KiB cells of `pid`'s memory wasm code reads and writes (on), or stops (memory-map.ts: a view concern, never in a snapshot). */
	watchMemory(pid: number, on: boolean): void;
	/** `pid`'s memory cell by cell (views.ts MemoryMapView), or null when there is no such process. */
	memoryMap(pid: number): MemoryMapView | null;
}

/** Boots a machine. Options are checked: a bad one is a KernelError naming it. */
export function boot(options: MachineOptions = {}): Kernel {
	return new Machine(options);
}
