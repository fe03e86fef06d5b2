/*
 * The process record: one per entry of the process table, grouped by what each field is for. The
 * kernel (machine.ts) is the only writer; the world sees ProcessViews built by view(). Everything
 * but the execution context (`exec`: the engine's store, instance and thread, saved by the engine's
 * own state export) is plain data.
 */

import type {Instance} from '../wasm/exec/instance.js';
import type {Memory} from '../wasm/exec/memory.js';
import {PAGE_SIZE} from '../wasm/exec/memory.js';
import type {FuncRef, Store} from '../wasm/exec/store.js';
import type {Thread} from '../wasm/exec/thread.js';
import type {Value} from '../wasm/exec/values.js';
import {formatTicks} from './clock.js';
import {CpuMeter} from './cpu-meter.js';
import {fdViews, type FileTable} from './files.js';
import type {ProcessLimits} from './limits.js';
import type {Abi, SyscallDef, Wait} from './syscalls.js';
import type {TaskRun} from './task.js';
import type {ExitInfo, ProcessState, ProcessView} from './views.js';

/** An import bound to a syscall: which ABI and function a host-function handle stands for. */
export interface Binding {
	readonly abi: Abi;
	readonly name: string;
	readonly def: SyscallDef;
}

/** A syscall that could not complete yet: retried with the same arguments when it may. */
export interface PendingCall {
	/** Null for a host task's wait: the retry is its next step (task.ts). */
	readonly binding: Binding | null;
	readonly args: readonly Value[];
	readonly wait: Wait;
	/** Tick it first blocked. */
	readonly since: number;
}

/** The engine objects a live process runs in; dropped (null) when it ends, so its memory is freed. */
export interface Exec {
	readonly store: Store;
	readonly instance: Instance;
	readonly thread: Thread;
	readonly memory: Memory | null;
	/** Host-function handle → the syscall it stands for. */
	readonly bindings: ReadonlyMap<number, Binding>;
	/** Entry calls in order: the start function, `_initialize`, then `_start` or the invoked export. */
	readonly phases: ReadonlyArray<{readonly func: FuncRef; readonly args: readonly Value[]}>;
	/** The phase the thread is in. */
	phase: number;
}

export class Process {
	// Identity: fixed at spawn (ppid changes when the parent dies first).
	readonly pid: number;
	ppid: number;
	readonly pgid: number;
	readonly name: string;
	readonly argv: readonly string[];
	readonly env: readonly string[];

	// Scheduling: written by the kernel's scheduler and state transitions.
	state: ProcessState = 'NEW';
	/** Tick of the last state change. */
	stateSince: number;
	priority: number;
	/** Lottery tickets (>= 1). */
	tickets: number;
	/** The call it is blocked in (BLOCKED, or STOPPED inside a call); retried when woken or continued. */
	pending: PendingCall | null = null;
	/** Whether `pending` must be retried before it runs again. */
	retry = false;
	stoppedBy: string | null = null;

	// Execution: a wasm instance (exec) or a host task (task.ts); null once it has ended.
	exec: Exec | null;
	task: TaskRun | null = null;
	/** Its limits; the user may change some of them while it runs (kernel.setLimits). */
	limits: ProcessLimits;
	/** Open-file id per fd number (null: closed). */
	readonly fds: Array<number | null>;
	/** Its working directory (absolute path). */
	cwd = '/';

	// Metrics.
	instructions = 0;
	readonly cpu: CpuMeter;
	syscalls = 0;
	readonly syscallsByName: Record<string, number> = {};
	voluntarySwitches = 0;
	involuntarySwitches = 0;
	/** CPU bursts (CPU time from becoming READY to blocking, yielding or ending): the one under way, and the finished ones. */
	burstTicks = 0;
	readonly bursts = {count: 0, total: 0, last: null as number | null};
	/** Tick it became READY because it was spawned or woken, until it next gets the CPU (then a response is counted). */
	awaitingSince: number | null = null;
	readonly responses = {count: 0, total: 0, max: 0};
	/** Ticks spent in each state, up to stateSince. */
	readonly ticksIn: Record<ProcessState, number> = {NEW: 0, READY: 0, RUNNING: 0, BLOCKED: 0, STOPPED: 0, ZOMBIE: 0};
	readonly created: number;
	firstRun: number | null = null;
	peakPages = 0;
	/** memory.grow refusals since the last report: reported as one limit event at the end of a stretch. */
	refusedGrowth: {count: number; pages: number} | null = null;

	/** Why its last failing process call (spawn, kill, ...) failed, in words, for the log; null if none. */
	lastError: string | null = null;

	// The end.
	exit: ExitInfo | null = null;

	constructor(init: {
		pid: number;
		ppid: number;
		pgid: number;
		name: string;
		argv: readonly string[];
		env: readonly string[];
		priority: number;
		tickets: number;
		limits: ProcessLimits;
		exec: Exec | null;
		fds: Array<number | null>;
		now: number;
		cpuWindow: number;
	}) {
		this.pid = init.pid;
		this.ppid = init.ppid;
		this.pgid = init.pgid;
		this.name = init.name;
		this.argv = init.argv;
		this.env = init.env;
		this.priority = init.priority;
		this.tickets = init.tickets;
		this.limits = init.limits;
		this.exec = init.exec;
		this.fds = init.fds;
		this.created = init.now;
		this.stateSince = init.now;
		this.cpu = new CpuMeter(init.cpuWindow);
		this.peakPages = this.pages();
	}

	/** Pages of linear memory now (0 once it has ended). */
	pages(): number {
		return this.exec?.memory?.pages ?? 0;
	}

	capPages(): number {
		return Math.floor(this.limits.memory / PAGE_SIZE);
	}

	/** What it is blocked on, for a person: "read /dev/tty", "sleep until 1.5 ms". */
	blockedOn(): string | null {
		const wait = this.pending?.wait;
		if (wait === undefined) return null;
		switch (wait.on) {
			case 'tty-read':
				return 'read /dev/tty';
			case 'sleep':
				return `sleep until ${formatTicks(wait.until)}`;
			case 'child':
				return 'wait for a child';
			case 'pipe-read':
				return `read pipe:[${wait.pipe}]`;
			case 'pipe-write':
				return `write pipe:[${wait.pipe}]`;
			case 'fifo-open':
				return `open a FIFO for ${wait.write ? 'writing' : 'reading'}`;
			case 'poll':
				return wait.until === null ? 'poll' : `poll until ${formatTicks(wait.until)}`;
		}
	}

	/** A burst ended (it blocked, yielded or ended): count it. */
	endBurst(): void {
		if (this.burstTicks === 0) return;
		this.bursts.count++;
		this.bursts.total += this.burstTicks;
		this.bursts.last = this.burstTicks;
		this.burstTicks = 0;
	}

	/** It got the CPU: if it was waiting to respond (spawned or woken), count the response. */
	responded(now: number): void {
		if (this.awaitingSince === null) return;
		const delay = now - this.awaitingSince;
		this.responses.count++;
		this.responses.total += delay;
		this.responses.max = Math.max(this.responses.max, delay);
		this.awaitingSince = null;
	}

	view(now: number, foreground: number | null, files: FileTable, policyState: Readonly<Record<string, number>>): ProcessView {
		const since = now - this.stateSince;
		const ticks = (state: ProcessState) => this.ticksIn[state] + (this.state === state ? since : 0);
		const ended = this.exit?.tick ?? null;
		return {
			pid: this.pid,
			ppid: this.ppid,
			pgid: this.pgid,
			name: this.name,
			argv: [...this.argv],
			env: [...this.env],
			state: this.state,
			blockedOn: this.state === 'BLOCKED' || this.state === 'STOPPED' ? this.blockedOn() : null,
			stoppedBy: this.state === 'STOPPED' ? this.stoppedBy : null,
			foreground: foreground === this.pgid,
			priority: this.priority,
			tickets: this.tickets,
			policyState: {...policyState},
			instructions: this.instructions,
			cpuShare: this.cpu.share(now),
			memory: {pages: this.pages(), peakPages: this.peakPages, capPages: this.capPages()},
			syscalls: {total: this.syscalls, byName: {...this.syscallsByName}},
			contextSwitches: {voluntary: this.voluntarySwitches, involuntary: this.involuntarySwitches},
			cpuBursts: {...this.bursts, current: this.burstTicks},
			responses: {...this.responses},
			ticks: {running: ticks('RUNNING'), ready: ticks('READY') + ticks('NEW'), blocked: ticks('BLOCKED'), stopped: ticks('STOPPED')},
			created: this.created,
			firstRun: this.firstRun,
			ended,
			responseTime: this.firstRun === null ? null : this.firstRun - this.created,
			turnaround: ended === null ? null : ended - this.created,
			limits: {...this.limits},
			fds: fdViews(this.fds, files),
			cwd: this.cwd,
			exit: this.exit,
		};
	}
}
