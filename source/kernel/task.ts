/*
 * Host tasks: processes whose body is TypeScript instead of wasm (the shell; later the builtins that
 * run inside a pipeline). A task is scheduled, blocked, signalled, reaped and shown exactly like a
 * wasm process; only what runs on the CPU differs.
 *
 *   kernel.registerTask(shellTask);                       a definition, by kind (like an ABI)
 *   kernel.spawn({task: {kind: 'sh', state: {...}}, argv: ['sh'], foreground: true});
 *
 * A definition is a step function over plain data:
 *
 *   step(ctx, state) → {next: 'run'}            did one unit of work; call me again
 *                    | {next: 'block', wait}    call me again once `wait` may be satisfied
 *                    | {next: 'yield'}          call me again after the others had their turn
 *                    | {next: 'exit', code}     the process ends with this code
 *
 * The step mutates `state` in place, and `state` must stay JSON-able (no functions, no class
 * instances, no Maps): it is all a snapshot needs besides the kind, so a restored machine continues
 * the task by calling the same kind's step with the restored state. A step does a bounded amount of
 * work and never waits: what it cannot do now it asks to block on, and it is called again — like a
 * syscall retried (syscalls.ts).
 *
 * Cost: every step is charged `cost` ticks (default TASK_STEP_COST) of the process's quantum and
 * CPU time, paid before the step runs; the payment can span slices and quanta (the ticks paid so far
 * are kept in the process), so a step happens at the same tick however the run is sliced. A blocked
 * task that is woken pays for the step that retries.
 *
 * What a step may do (TaskContext): use its files as a syscall does (fds, paths, pipes); spawn processes (children of
 * the task unless it says otherwise); reap its children's exit statuses; signal any process (a task
 * is kernel-side code we wrote: it acts with the user's authority); hand the terminal to a process
 * group; read the machine's views; switch the scheduling policy. A definition may also handle
 * signals itself (an interactive shell survives Ctrl-C, which cancels a half-typed command); KILL
 * and STOP cannot be handled.
 */

import type {Kernel, SpawnSpec} from './kernel.js';
import type {SignalName} from './signals.js';
import type {FileCalls, Wait} from './syscalls.js';
import type {ExitInfo, MachineView, MemoryMapView, ProcessView} from './views.js';

/** Ticks a task step costs unless its definition says otherwise (one virtual microsecond). */
export const TASK_STEP_COST = 1000;

/** What a step asks for next. */
export type TaskStep =
	| {readonly next: 'run'}
	| {readonly next: 'block'; readonly wait: Wait}
	| {readonly next: 'yield'}
	| {readonly next: 'exit'; readonly code: number};

export interface TaskDef<S = unknown> {
	/** The name it is registered and spawned under: "sh". */
	readonly kind: string;
	/** Ticks charged per step (default TASK_STEP_COST). */
	readonly cost?: number;
	step(ctx: TaskContext, state: S): TaskStep;
	/**
	 * A signal arrived: true when the task handles it itself (it may change its state; the default
	 * action is not taken, and a blocked task steps again, like a call interrupted with EINTR);
	 * false for the default action. Never asked for KILL or STOP.
	 */
	handles?(state: S, signal: SignalName): boolean;
}

/** How spawn names a task: its kind and its initial state (plain data, copied). */
export interface TaskSpec {
	readonly kind: string;
	readonly state: unknown;
}

/** A live task's part of its process record: all plain data. */
export interface TaskRun {
	readonly kind: string;
	state: unknown;
	/** Ticks paid toward the next step. */
	paid: number;
	/** What it waited for, when its next step is the retry of a block. */
	retrying: Wait | null;
}

/** The calling task as a step sees it. Valid only during the step. */
export interface TaskContext {
	readonly pid: number;
	readonly argv: readonly string[];
	readonly env: readonly string[];
	/** When the step is retried after a block: what it waited for; null otherwise. */
	readonly retrying: Wait | null;
	now(): number;
	/** Wall-clock time of the virtual machine: nanoseconds since the Unix epoch (for file times). */
	realtime(): bigint;
	/** Its files, exactly as a syscall handler has them (syscalls.ts's FileCalls). */
	readonly files: FileCalls;
	/** A new process, a child of this task unless `spec.parent` says otherwise (errors as kernel.spawn). */
	spawn(spec: SpawnSpec): number;
	/** Reaps a child that has ended: its ExitInfo (the process is gone), or null while it lives. ECHILD if it is not a child. */
	reap(pid: number): ExitInfo | null;
	/** Signals any process or group, with the user's authority (KernelError ESRCH when there is none). */
	kill(pid: number, signal: SignalName): void;
	killGroup(pgid: number, signal: SignalName): void;
	/** Gives the terminal to a process group (null: nobody). */
	setForeground(pgid: number | null): void;
	process(pid: number): ProcessView | null;
	processes(): ProcessView[];
	machine(): MachineView;
	/** As kernel.setPolicy. */
	setPolicy(...args: Parameters<Kernel['setPolicy']>): void;
	/**
	 * Saves a snapshot of the machine to host file `file` once this step is over (between two
	 * instructions: the saved task has finished this step). The outcome, saved or why not, is
	 * written to the task's fd 2 after the save, so a restored machine does not repeat it.
	 */
	saveSnapshot(file: string): void;
	/** As the kernel's methods of the same names, with the user's authority (renice, limits, strace, mem). */
	setPriority(pid: number, priority: number): void;
	setLimits(...args: Parameters<Kernel['setLimits']>): void;
	setTrace(pid: number, on: boolean): void;
	setTraceFilter(names: readonly string[] | null): void;
	tracing(): ReturnType<Kernel['tracing']>;
	watchMemory(pid: number, on: boolean): void;
	memoryMap(pid: number): MemoryMapView | null;
	/** One byte per 4 KiB cell of `pid`'s memory: 1 where a byte is not zero (null: no such process). */
	nonZeroCells(pid: number): Uint8Array | null;
}

/** A deep copy of a task's state through JSON: what it would be after a snapshot. */
export function plainState(state: unknown): unknown {
	return state === undefined ? undefined : JSON.parse(JSON.stringify(state));
}
