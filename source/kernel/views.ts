/*
 * What the world outside the kernel may see: immutable, plain-data views of the machine and of each
 * process, built fresh on request (kernel.machine(), kernel.process(pid), kernel.processes()). A view
 * is a copy — holding one never keeps a process alive and changing one changes nothing. The shell and
 * the TUI read these and the event log (events.ts), never the kernel's own records.
 *
 * Time is virtual: one tick is one executed wasm instruction, one virtual nanosecond (DESIGN.md).
 */

import type {LimitName, ProcessLimits} from './limits.js';
import type {SignalName} from './signals.js';
import type {PolicyParams} from './scheduler/params.js';

/**
 * The life of a process (DESIGN.md):
 *
 *   NEW ──► READY ◄──► RUNNING ──► ZOMBIE ──► (reaped: gone)
 *             ▲           │
 *             └─ BLOCKED ◄┘        STOPPED: by the user, a signal (STOP, TSTP, TTIN) or the debugger;
 *                                  CONT returns it to READY (a blocked call is retried).
 */
export type ProcessState = 'NEW' | 'READY' | 'RUNNING' | 'BLOCKED' | 'STOPPED' | 'ZOMBIE';

export const PROCESS_STATES: readonly ProcessState[] = ['NEW', 'READY', 'RUNNING', 'BLOCKED', 'STOPPED', 'ZOMBIE'];

/** Why a process ended. */
export type ExitReason =
	/** It called proc_exit (or its entry function returned: code 0). */
	| {readonly kind: 'exit'; readonly code: number}
	/**
	 * It trapped: the trap's kind and message, the wasm function it was in ("function 3 `main`", or
	 * "instantiation") and the byte offset of the instruction in the module (null if none).
	 */
	| {readonly kind: 'trap'; readonly trap: string; readonly message: string; readonly func: string; readonly offset: number | null}
	/** A signal ended it. */
	| {readonly kind: 'signal'; readonly signal: SignalName}
	/** It went past one of its limits (limits.ts); `detail` says by how much, for a person. */
	| {readonly kind: 'limit'; readonly limit: LimitName; readonly detail: string};

export interface ExitInfo {
	/** The status a shell sees: the exit code, 134 for a trap, 128+n for signal n, 137 for a limit. */
	readonly status: number;
	readonly reason: ExitReason;
	/** Tick at which it ended. */
	readonly tick: number;
	/** Results of the entry function, formatted ("42", "-1", "3.5"), when it returned normally. */
	readonly results: readonly string[];
}

/** One open file descriptor of a process. */
export interface FdView {
	readonly fd: number;
	/** What it refers to: "/dev/tty", "/dev/null", "/tmp/notes.txt", "/" (a directory), "pipe:[3]". */
	readonly target: string;
	readonly readable: boolean;
	readonly writable: boolean;
}

export interface ProcessView {
	readonly pid: number;
	/** Parent pid; 0 is the user (the host: the shell, the TUI or a headless run). */
	readonly ppid: number;
	/** Process group (a job); the terminal's foreground group receives Ctrl-C and Ctrl-Z. */
	readonly pgid: number;
	readonly name: string;
	readonly argv: readonly string[];
	/** "KEY=VALUE" in the order the guest sees them. */
	readonly env: readonly string[];
	readonly state: ProcessState;
	/** For a BLOCKED process (or a STOPPED one stopped inside a call): "read /dev/tty", "sleep until 1.5 ms". */
	readonly blockedOn: string | null;
	/** For a STOPPED process: "user", "signal TSTP", "signal TTIN", ... */
	readonly stoppedBy: string | null;
	/** Whether its group is the terminal's foreground group. */
	readonly foreground: boolean;
	/** Scheduling priority (used by the priority policies): 0 normal, lower runs first, -20..19. */
	readonly priority: number;
	/** Lottery tickets (used by the lottery policy), >= 1; 100 by default. */
	readonly tickets: number;
	/** What the current policy keeps about it: mlfq {level, sliceLeft, allotmentLeft}, sjf {predictedBurst, burstSoFar}, priority {effectivePriority}, lottery {tickets}; {} for the others. */
	readonly policyState: Readonly<Record<string, number>>;

	/** Wasm instructions executed (its CPU time in ticks). */
	readonly instructions: number;
	/** Share of the CPU over the last `cpuWindow` ticks (MachineView), 0..1. */
	readonly cpuShare: number;
	/** Linear memory in 64 KiB pages: now, the most it ever had, and its cap. */
	readonly memory: {readonly pages: number; readonly peakPages: number; readonly capPages: number};
	readonly syscalls: {readonly total: number; readonly byName: Readonly<Record<string, number>>};
	/** Times it left the CPU: voluntarily (blocked, yielded) or not (quantum spent, preempted). */
	readonly contextSwitches: {readonly voluntary: number; readonly involuntary: number};
	/**
	 * CPU bursts: CPU time from becoming READY (spawned, woken) until it blocks, yields or ends, however
	 * often it was preempted in between. Finished ones: how many, their total and the last one's length;
	 * `current`: ticks of the burst under way.
	 */
	readonly cpuBursts: {readonly count: number; readonly total: number; readonly last: number | null; readonly current: number};
	/**
	 * Responses: each time it became READY because it was spawned or woken (an event it waited for
	 * happened), the ticks until it next got the CPU. An interactive process's responsiveness is their mean.
	 */
	readonly responses: {readonly count: number; readonly total: number; readonly max: number};
	/** Ticks spent in each state so far. */
	readonly ticks: {readonly running: number; readonly ready: number; readonly blocked: number; readonly stopped: number};
	/** Tick it was created, first ran, ended (null until then). */
	readonly created: number;
	readonly firstRun: number | null;
	readonly ended: number | null;
	/** firstRun - created, and ended - created: the scheduling textbook's response and turnaround times. */
	readonly responseTime: number | null;
	readonly turnaround: number | null;

	readonly limits: ProcessLimits;
	readonly fds: readonly FdView[];
	/** Its working directory. */
	readonly cwd: string;
	/** Set once it is a ZOMBIE. */
	readonly exit: ExitInfo | null;
}

/** What the machine is doing as a whole. */
export type MachineStatus =
	/** Some process can run. */
	| 'running'
	/** Every live process waits for time to pass (sleep): see nextWakeup. */
	| 'sleeping'
	/** Every live process waits for something from outside (terminal input) or is stopped. */
	| 'waiting'
	/** No live process (zombies may remain). */
	| 'empty'
	/** Stopped for good: --max-ticks was reached. */
	| 'halted';

export interface MachineView {
	/** Virtual time in ticks (= instructions executed by all processes + idle time jumped over). */
	readonly clock: number;
	/**
	 * The last RECENT_ENDED processes that ended and were reaped (gone from the table), most recent
	 * first, as they were when reaped: state ZOMBIE, with their exit, CPU time and peak memory (their
	 * memory.pages is 0). Not kept in snapshots: a restored machine starts with none.
	 */
	readonly recent: readonly ProcessView[];
	readonly status: MachineStatus;
	/** Why the machine halted, when it did ("max-ticks"). */
	readonly haltedBy: string | null;
	/** Tick at which a sleeping process wakes next, or null. */
	readonly nextWakeup: number | null;
	readonly policy: string;
	/** The base time slice (policyParams.quantum; fcfs, sjf and srtf run a process until it blocks). */
	readonly quantum: number;
	/** Every parameter of the policies (kernel/scheduler/params.ts). */
	readonly policyParams: PolicyParams;
	readonly seed: number;
	/** The process on the CPU (mid-quantum), or null. */
	readonly current: number | null;
	/** Processes in each state (ZOMBIE included, reaped ones not). */
	readonly counts: Readonly<Record<ProcessState, number>>;
	readonly processes: number;
	/** Linear memory of all live processes. */
	readonly memory: {readonly pages: number; readonly bytes: number};
	/** Instructions executed and syscalls made by all processes, since boot. */
	readonly instructions: number;
	readonly syscalls: number;
	/** Ticks with no process on the CPU. */
	readonly idleTicks: number;
	/** The window (in ticks) over which cpuShare is measured. */
	readonly cpuWindow: number;
	/** Events recorded since boot, how many the ring buffer holds, and how many fell out of it. */
	readonly events: {readonly total: number; readonly capacity: number; readonly dropped: number};
	readonly terminal: TerminalView;
}

export interface TerminalView {
	/** The foreground process group, or null when nobody holds the terminal. */
	readonly foreground: number | null;
	/** Cooked (canonical) mode: input is edited and delivered a line at a time. */
	readonly canonical: boolean;
	readonly echo: boolean;
	/** Whether Ctrl-C / Ctrl-Z raise signals. */
	readonly signals: boolean;
	/** The line being edited (cooked mode), and complete input not yet read, in bytes. */
	readonly editing: string;
	readonly pending: number;
	/** Input has ended for good (host stdin closed): reads return end of file. */
	readonly hungUp: boolean;
}

/**
 * A process's linear memory cell by cell (kernel.memoryMap, memory-map.ts): one entry per
 * `cellBytes` (4 KiB) of the memory now, with the bits CELL_READ and CELL_WRITTEN (wasm code read /
 * wrote it since kernel.watchMemory turned watching on) and CELL_DATA (an active data segment was
 * placed there at start). Without watching, only CELL_DATA is set.
 */
export interface MemoryMapView {
	readonly pid: number;
	readonly cellBytes: number;
	/** Size in 64 KiB pages: now, the most it ever had, and its cap (as in ProcessView.memory). */
	readonly pages: number;
	readonly peakPages: number;
	readonly capPages: number;
	/** Whether reads and writes are being recorded. */
	readonly watching: boolean;
	readonly cells: Uint8Array;
}
