/*
 * The machine: the kernel behind kernel.ts's interface. It owns the clock, the process table, the
 * scheduling policy, the terminal, the open files, the PRNG and the event log, and moves processes
 * through their states (views.ts). One process at a time is on the CPU (`current`); its thread runs
 * on the engine until its quantum is spent, it makes a syscall that blocks, yields or exits, or the
 * host's slice ends (which ends nothing: the quantum goes on in the next slice).
 *
 * Every import of a process is bound to a host function that leaves the interpreter at once (the
 * thread "blocks" with the plain marker SYSCALL): the kernel then runs the syscall itself, outside
 * the interpreter, with the clock exact to the instruction, and resumes the thread in the same
 * quantum when the call completes. So a syscall sees the same time however the run is sliced, and
 * a process in a syscall is always plain data.
 */

import {Trap} from '../wasm/errors.js';
import type {BlockedCall} from '../wasm/exec/thread.js';
import type {Value} from '../wasm/exec/values.js';
import {funcLabel} from '../wasm/types.js';
import {Clock, DEFAULT_REALTIME_BASE} from './clock.js';
import {KernelError, KernelPanic, SpawnError} from './errors.js';
import {EventLog, DEFAULT_EVENT_CAPACITY, syscallLine, type EventInput, type EventListener, type KernelEvent, type SchedReason} from './events.js';
import {createExec, SYSCALL} from './exec.js';
import {ProcessContext} from './context.js';
import {FileTable, type OpenFile} from './files.js';
import {fileSystemControl} from './fs-control.js';
import type {FileSystemControl, Kernel, MachineOptions, SpawnSpec, StepOptions, StdioSpec, TerminalControl, TickResult} from './kernel.js';
import {allowPatternProblem, DEFAULT_LIMITS, DEFAULT_MAX_PROCESSES, importAllowed, LIMIT_TEXT, narrowLimits, type LimitName, type ProcessLimits} from './limits.js';
import {Prng} from './prng.js';
import {ProgramCache, programName} from './program-cache.js';
import {Process, type Binding, type Exec} from './process.js';
import {formatValue, type Program} from './program.js';
import {applyPolicyOptions, createPolicy, DEFAULT_POLICY_PARAMS, policyOptionProblem, type Policy, type PolicyContext, type PolicyOptions, type PolicyParams, type ReadyReason} from './scheduler/index.js';
import {SIGNALS, signalStatus, type SignalName} from './signals.js';
import {deadline, isBlock, type Abi, type Errno, type SyscallContext, type SyscallReturn, type Wait} from './syscalls.js';
import {newPipe, type Pipe} from './vfs/pipes.js';
import {procMaps, procStatus, type ProcFile} from './vfs/procfs.js';
import {FsError, refKey, type NodeRef} from './vfs/types.js';
import {DEFAULT_FS_CAPACITY, Vfs} from './vfs/vfs.js';
import {Terminal} from './terminal.js';
import {TASK_STEP_COST, plainState, type TaskDef, type TaskRun, type TaskStep} from './task.js';
import {TaskProcessContext} from './task-context.js';
import {memoryMapOf, watchMemory} from './memory-map.js';
import {PROCESS_STATES, type ExitInfo, type ExitReason, type MachineStatus, type MachineView, type MemoryMapView, type ProcessState, type ProcessView} from './views.js';

const DEFAULT_TICKETS = 100;
/** How many reaped processes MachineView.recent keeps. */
export const RECENT_ENDED = 16;
const DEFAULT_CPU_WINDOW = 10_000_000;
/** Host file work (bytes moved, 4 KiB per call) after which tick() ends its slice: a few ms of host I/O. */
const HOST_WORK_PER_SLICE = 2 * 1024 * 1024;

export class Machine implements Kernel {
	readonly clock: Clock;
	readonly prng: Prng;
	readonly log: EventLog;
	readonly terminal: Terminal;
	readonly files = new FileTable();
	readonly vfs: Vfs;
	/** Pipes by id (vfs/pipes.ts): a FIFO's while it is open, later the process ABI's. */
	readonly pipes = new Map<number, Pipe>();
	nextPipe = 1;
	/** tick() ends its slice when the host file work (vfs/host.ts) reaches this; Infinity outside tick(). */
	private hostWorkLimit = Infinity;
	readonly abis = new Map<string, Abi>();
	/** strace: pids whose syscalls are also printed on the terminal's error channel, and the names printed (null: all). */
	readonly traced = new Set<number>();
	traceNames: string[] | null = null;
	/** Programs spawned by path, loaded once per file version (program-cache.ts). */
	readonly programs: ProgramCache;
	/** Host task definitions by kind (task.ts). */
	readonly tasks = new Map<string, TaskDef<unknown>>();
	policy: Policy;
	/** The policies' parameters now (scheduler/params.ts); setPolicy changes them. */
	params: PolicyParams;
	readonly seed: number;
	readonly limits: ProcessLimits;
	readonly maxProcesses: number;
	readonly maxTicks: number | null;
	readonly idleMode: 'jump' | 'wait';
	readonly cpuWindow: number;

	/** The process table, by pid (zombies included until reaped). A Map iterates in pid order. */
	readonly procs = new Map<number, Process>();
	nextPid = 1;
	/** Views of the last RECENT_ENDED processes reaped, most recent first (MachineView.recent). */
	readonly recentlyEnded: ProcessView[] = [];

	// The CPU: who holds it, how much of its quantum is left, and the stretch it is in.
	current: Process | null = null;
	quantumLeft = 0;
	stretchStart = 0;
	stretchInstructions = 0;
	/** Instructions the current process has run since it was picked (what the policy hears in ran()). */
	dispatchRan = 0;
	/** Stretches ended since boot (step() runs until the next one ends). */
	stretches = 0;
	/** A process being run out of turn by step({pid}). */
	stepping: Process | null = null;

	halted: string | null = null;
	/**
	 * A checkpoint (snapshots, kernel/snapshot/): `run` is called between two instructions when the
	 * clock reaches `at` (null: as soon as the step or instruction under way is over), then dropped.
	 * When the clock would jump over `at` while every process sleeps, it is called before the jump.
	 */
	checkpoint: {readonly at: number | null; readonly run: () => void} | null = null;
	instructions = 0;
	syscalls = 0;
	idleTicks = 0;

	readonly tty: TerminalControl;
	readonly fs: FileSystemControl;

	constructor(options: MachineOptions) {
		this.params = resolveParams(DEFAULT_POLICY_PARAMS, {...options.policyOptions, quantum: options.quantum});
		this.seed = options.seed ?? 1;
		checkCount('seed', this.seed, 0);
		this.limits = {...DEFAULT_LIMITS, ...options.limits};
		checkLimits(this.limits);
		this.maxProcesses = options.maxProcesses ?? DEFAULT_MAX_PROCESSES;
		checkCount('maxProcesses', this.maxProcesses, 1);
		this.maxTicks = options.maxTicks ?? null;
		if (this.maxTicks !== null) checkCount('maxTicks', this.maxTicks, 0);
		this.idleMode = options.idle ?? 'jump';
		this.cpuWindow = options.cpuWindow ?? DEFAULT_CPU_WINDOW;
		checkCount('cpuWindow', this.cpuWindow, 1);
		this.clock = new Clock(options.realtimeBase ?? DEFAULT_REALTIME_BASE);
		this.prng = new Prng(this.seed);
		this.log = new EventLog(options.eventCapacity ?? DEFAULT_EVENT_CAPACITY);
		const t = options.terminal ?? {};
		this.terminal = new Terminal(
			{canonical: t.canonical ?? true, echo: t.echo ?? true, signals: t.signals ?? true},
			t.sanitize?.out ?? true,
			t.sanitize?.err ?? true,
		);
		this.policy = createPolicy(options.policy ?? 'rr', this.params, this.policyContext());
		this.tty = this.terminalControl();
		try {
			this.vfs = new Vfs(this.clock, {pids: () => [...this.procs.keys()], file: (pid, name) => this.procFile(pid, name)}, {
				capacity: options.fsCapacity ?? DEFAULT_FS_CAPACITY,
				mounts: options.mounts ?? [],
			});
		} catch (error) {
			if (error instanceof FsError) throw new KernelError('EINVAL', `cannot mount: ${error.message.replace(/^E[A-Z]+: /, '')}`);
			throw error;
		}
		this.fs = fileSystemControl(this.vfs);
		this.programs = new ProgramCache(this.vfs);
	}

	registerAbi(abi: Abi): void {
		if (this.abis.has(abi.module)) throw new KernelError('EINVAL', `an ABI for module "${abi.module}" is already registered`);
		this.abis.set(abi.module, abi);
	}

	registerTask<S>(def: TaskDef<S>): void {
		if (this.tasks.has(def.kind)) throw new KernelError('EINVAL', `a host task of kind "${def.kind}" is already registered`);
		this.tasks.set(def.kind, def as TaskDef<unknown>);
	}

	// ---- Running ------------------------------------------------------------------------------

	tick(budget: number): TickResult {
		checkCount('budget', budget, 1);
		const start = this.clock.now;
		// A slice also ends once it has done HOST_WORK_PER_SLICE of host file work (vfs/host.ts).
		this.hostWorkLimit = this.vfs.host.work + HOST_WORK_PER_SLICE;
		try {
			this.runFor(budget, false);
		} finally {
			this.hostWorkLimit = Infinity;
		}
		return this.result(start);
	}

	step(options: StepOptions = {}): TickResult {
		const start = this.clock.now;
		if (options.pid === undefined) {
			// One turn on the CPU; under a policy without time slices (fcfs, sjf) at most one base quantum of it.
			this.runFor(this.policy.sliced ? Number.MAX_SAFE_INTEGER : this.params.quantum, true);
			return this.result(start);
		}
		const n = options.instructions ?? 1;
		checkCount('instructions', n, 1);
		const proc = this.live(options.pid);
		if (this.halted !== null) throw new KernelError('EINVAL', `the machine has halted (${this.halted})`);
		if (proc.state === 'BLOCKED') throw new KernelError('EAGAIN', `process ${proc.pid} is blocked on ${proc.blockedOn()}: it cannot run`);
		const before = proc.instructions;
		// In its turn it uses its quantum; past it (or out of turn) it runs while the process on the
		// CPU, if any, keeps its place and the rest of its quantum. Wake-ups and the tick limit still
		// happen on time.
		for (let left = n; left > 0 && this.halted === null && canRun(proc); ) {
			if (this.maxTicks !== null && this.clock.now >= this.maxTicks) this.halt('max-ticks');
			while (this.checkpoint !== null && (this.checkpoint.at === null || this.clock.now >= this.checkpoint.at)) this.runCheckpoint();
			this.wakeSleepers();
			this.policyAlarm();
			const limit = Math.min(left, this.fuelLeft(proc), this.untilNextEvent());
			if (this.halted !== null || limit <= 0) break;
			const used = proc === this.current ? this.execute(proc, Math.min(limit, this.quantumLeft)) : this.runOutOfTurn(proc, limit);
			if (used === 0) break;
			left -= used;
		}
		this.record({type: 'step', tick: this.clock.now, pid: proc.pid, instructions: proc.instructions - before});
		return this.result(start);
	}

	/** step(): runs a process that is not on the CPU for at most n instructions. */
	private runOutOfTurn(proc: Process, n: number): number {
		if (this.current !== null) this.logStretch('interrupted');
		this.stepping = proc;
		const used = !proc.retry || this.retryPending(proc) ? this.execute(proc, n) : 0;
		this.stepping = null;
		this.reportRefusedGrowth(proc);
		return used;
	}

	advanceClock(to: number): void {
		checkCount('to', to, 0);
		if (this.current !== null || this.policy.queue().length > 0) throw new KernelError('EINVAL', 'the machine is not idle: a process can run');
		const wake = this.nextWakeup();
		const limit = Math.min(wake ?? Infinity, this.maxTicks ?? Infinity);
		const target = Math.min(to, limit);
		if (target > this.clock.now) this.passIdle(target);
		this.wakeSleepers();
		this.policyAlarm();
		if (this.maxTicks !== null && this.clock.now >= this.maxTicks) this.halt('max-ticks');
	}

	/**
	 * Switches the policy, with `options` changing some of the parameters (the others keep their
	 * values). The process on the CPU leaves it (SchedReason 'policy'); the new policy receives it and
	 * then the READY ones in the old policy's order, and decides who runs next. Every process keeps
	 * its accounting; what the old policy kept (MLFQ levels, SJF predictions) is gone.
	 */
	setPolicy(name: string, options: PolicyOptions = {}): void {
		const params = resolveParams(this.params, options);
		const next = createPolicy(name, params, this.policyContext());
		const carried = [...this.policy.queue()];
		const current = this.current;
		if (current !== null) {
			this.endStretch('policy');
			this.setState(current, 'READY', 'policy');
			carried.unshift(current.pid);
		}
		this.policy = next;
		this.params = params;
		for (const pid of carried) next.ready(pid, 'policy');
		this.record({type: 'policy', tick: this.clock.now, policy: next.name, quantum: params.quantum, params});
	}

	/** The policy's timer: when the clock has reached its alarm, ring it (it may take the CPU from the current process). */
	private policyAlarm(): void {
		const at = this.policy.alarm?.() ?? null;
		if (at === null || this.clock.now < at) return;
		const current = this.current?.state === 'RUNNING' ? this.current : null;
		if (this.policy.ring!(this.clock.now, current?.pid ?? null) && current !== null) this.leaveCpu(current, 'preempted');
	}

	/** Another process became READY (or priorities changed): the policy may take the CPU from the current one. */
	private checkPreemption(): void {
		const current = this.current;
		if (current === null || current.state !== 'RUNNING' || this.policy.preempts === undefined) return;
		if (this.policy.preempts(current.pid, this.dispatchRan)) this.leaveCpu(current, 'preempted');
	}

	/*
	 * The scheduler loop, repeated until `budget` instructions have run (or one stretch has ended,
	 * for step()):
	 *   1. halt when the clock reaches --max-ticks;
	 *   2. wake the sleepers whose time has come, and ring the policy's alarm if it is due;
	 *   3. if the CPU is free, let the policy pick a READY process (retrying the call it was blocked
	 *      in, if any); if none is READY, jump the clock to the next wake-up (headless) or return;
	 *   4. run the current process until its quantum, its fuel, the slice, the next wake-up or the
	 *      tick limit, whichever comes first; syscalls are handled as they come.
	 * Idle jumps cost no budget: the budget counts instructions.
	 */
	private runFor(budget: number, oneStretch: boolean): void {
		let left = budget;
		const stretches = this.stretches;
		while (left > 0 && this.halted === null && this.vfs.host.work < this.hostWorkLimit) {
			if (this.maxTicks !== null && this.clock.now >= this.maxTicks) {
				this.halt('max-ticks');
				break;
			}
			while (this.checkpoint !== null && (this.checkpoint.at === null || this.clock.now >= this.checkpoint.at)) this.runCheckpoint();
			this.wakeSleepers();
			this.policyAlarm();
			if (this.current === null && !this.dispatch()) {
				if (oneStretch && this.stretches !== stretches) break;
				if (!this.idleJump()) break;
				continue;
			}
			if (this.current !== null) {
				const proc = this.current;
				const n = Math.min(left, this.quantumLeft, this.fuelLeft(proc), this.untilNextEvent());
				if (n <= 0) throw new KernelPanic(`process ${proc.pid} on the CPU with nothing to run (quantum ${this.quantumLeft}, fuel ${this.fuelLeft(proc)})`);
				left -= this.execute(proc, n);
			}
			if (oneStretch && this.stretches !== stretches) break;
		}
		if (this.checkpoint?.at === null) this.runCheckpoint();
	}

	/** Gives the CPU to the policy's next READY process; false when there is none. */
	private dispatch(): boolean {
		for (;;) {
			const pid = this.policy.pick();
			if (pid === null) return false;
			const proc = this.procs.get(pid);
			if (proc === undefined || proc.state !== 'READY') throw new KernelPanic(`the policy picked pid ${pid}, which is ${proc?.state ?? 'gone'}`);
			this.current = proc;
			this.quantumLeft = this.policy.quantumFor(pid);
			this.stretchStart = this.clock.now;
			this.stretchInstructions = 0;
			this.dispatchRan = 0;
			this.setState(proc, 'RUNNING', 'dispatched');
			proc.firstRun ??= this.clock.now;
			proc.responded(this.clock.now);
			if (this.fuelLeft(proc) <= 0) {
				this.limitKill(proc, 'fuel', `fuel of ${proc.limits.fuel} instructions spent`);
				continue;
			}
			if (proc.retry && !this.retryPending(proc)) continue;
			return true;
		}
	}

	/**
	 * Runs `proc` (the current process, or one being stepped) for at most `n` instructions, handling
	 * its syscalls and entry phases as they come; returns the instructions it executed.
	 */
	private execute(proc: Process, n: number): number {
		if (proc.task !== null) return this.executeTask(proc, n);
		const thread = proc.exec!.thread;
		let used = 0;
		while (used < n) {
			const before = thread.instructions;
			const outcome = thread.run(n - used);
			const ran = thread.instructions - before;
			used += ran;
			this.account(proc, ran);
			if (outcome.reason === 'budget') break;
			if (outcome.reason === 'trapped') {
				if (outcome.trap.kind === 'call stack exhausted') {
					const at = this.trapReason(proc, outcome.trap);
					this.limitKill(proc, 'callDepth', `call depth of ${proc.limits.callDepth} exceeded${at.kind === 'trap' ? ` in ${at.func}` : ''}`);
				} else {
					this.terminate(proc, this.trapReason(proc, outcome.trap));
				}
				return used;
			}
			const goesOn = outcome.reason === 'blocked' ? this.syscall(proc, outcome.call) : this.nextPhase(proc, outcome.results);
			if (!goesOn) return used;
			if (this.vfs.host.work >= this.hostWorkLimit) break;
		}
		this.afterRun(proc);
		return used;
	}

	/** The process ran to the end of what it was given: out of fuel, or out of its quantum. */
	private afterRun(proc: Process): void {
		if (this.fuelLeft(proc) <= 0) {
			this.limitKill(proc, 'fuel', `fuel of ${proc.limits.fuel} instructions spent`);
		} else if (proc === this.current && this.quantumLeft === 0) {
			this.leaveCpu(proc, 'quantum');
		}
	}

	// ---- Host tasks (task.ts) -----------------------------------------------------------------

	private taskDef(kind: string): TaskDef<unknown> {
		const def = this.tasks.get(kind);
		if (def === undefined) throw new KernelError('EINVAL', `no host task of kind "${kind}" is registered`);
		return def;
	}

	/** Runs host task `proc` for at most `n` ticks: pays for its steps and runs each once paid for. */
	private executeTask(proc: Process, n: number): number {
		const task = proc.task!;
		const cost = this.taskDef(task.kind).cost ?? TASK_STEP_COST;
		let used = 0;
		while (used < n) {
			const pay = Math.min(n - used, cost - task.paid);
			task.paid += pay;
			used += pay;
			this.account(proc, pay);
			if (task.paid < cost) break;
			task.paid = 0;
			if (!this.stepTask(proc)) return used;
			// A checkpoint asked for by the step (a shell's `snapshot save`) comes before the next step.
			if (this.checkpoint?.at === null) break;
		}
		this.afterRun(proc);
		return used;
	}

	/** One step of a host task, and what it asked for. True: the process runs on. */
	private stepTask(proc: Process): boolean {
		const task = proc.task!;
		const retrying = task.retrying;
		task.retrying = null;
		let out: TaskStep;
		try {
			out = this.taskDef(task.kind).step(new TaskProcessContext(this, proc, retrying), task.state);
		} catch (error) {
			if (error instanceof KernelPanic) throw error;
			throw new KernelPanic(`host task "${task.kind}" of process ${proc.pid} threw: ${String(error)}`, {cause: error});
		}
		if (proc.state === 'ZOMBIE') return false;
		switch (out.next) {
			case 'run':
				return this.onCpu(proc);
			case 'yield':
				if (proc === this.current && proc.state === 'RUNNING') this.leaveCpu(proc, 'yield');
				return this.onCpu(proc);
			case 'exit':
				this.terminate(proc, {kind: 'exit', code: out.code});
				return false;
			case 'block':
				proc.pending = {binding: null, args: [], wait: out.wait, since: this.clock.now};
				if (proc.state !== 'STOPPED') this.block(proc);
				return false;
		}
	}

	/** Whether host task `proc` handles `signal` itself (KILL and STOP cannot be handled). */
	private taskHandles(proc: Process, signal: SignalName): boolean {
		if (proc.task === null || signal === 'KILL' || signal === 'STOP') return false;
		return this.taskDef(proc.task.kind).handles?.(proc.task.state, signal) === true;
	}

	/** A child ended or stopped: its parent, if it is blocked waiting for a child, is woken. */
	private notifyParent(proc: Process): void {
		const parent = this.procs.get(proc.ppid);
		if (parent !== undefined && parent.state === 'BLOCKED' && parent.pending?.wait.on === 'child') this.wake(parent);
	}

	/** Host task `by` reaps its child `pid`: its ExitInfo once the child is a zombie (it is then gone), else null. */
	reap(pid: number, by: number): ExitInfo | null {
		const proc = this.procs.get(pid);
		if (proc === undefined || proc.ppid !== by) throw new KernelError('ECHILD', `process ${pid} is not a child of process ${by}`);
		if (proc.state !== 'ZOMBIE') return null;
		this.remember(proc);
		this.procs.delete(pid);
		this.record({type: 'reap', tick: this.clock.now, pid, by});
		return proc.exit;
	}

	private account(proc: Process, ran: number): void {
		if (ran === 0) return;
		const from = this.clock.now;
		this.clock.now += ran;
		this.instructions += ran;
		proc.instructions += ran;
		proc.burstTicks += ran;
		proc.cpu.add(from, this.clock.now);
		if (proc === this.current) {
			this.quantumLeft -= ran;
			this.stretchInstructions += ran;
			this.dispatchRan += ran;
		}
	}

	/** The entry function returned: start the next phase (true), or the process exits with status 0. */
	private nextPhase(proc: Process, results: readonly Value[]): boolean {
		const exec = proc.exec!;
		const done = exec.phases[exec.phase];
		if (exec.phase + 1 < exec.phases.length) {
			exec.phase++;
			const next = exec.phases[exec.phase];
			exec.thread.start(next.func, next.args);
			return true;
		}
		const text = done.func.type.results.map((t, k) => formatValue(t, results[k]));
		this.terminate(proc, {kind: 'exit', code: 0}, text);
		return false;
	}

	/** Instructions left before the fuel limit; a host task has no fuel limit (limits.ts). */
	private fuelLeft(proc: Process): number {
		return proc.limits.fuel === null || proc.task !== null ? Infinity : proc.limits.fuel - proc.instructions;
	}

	/** Ticks until the next thing the clock must stop at: a wake-up, the policy's alarm or the tick limit. */
	private untilNextEvent(): number {
		const wake = this.nextWakeup();
		const alarm = this.policy.alarm?.() ?? null;
		return Math.min(
			wake === null ? Infinity : wake - this.clock.now,
			alarm === null ? Infinity : alarm - this.clock.now,
			this.maxTicks === null ? Infinity : this.maxTicks - this.clock.now,
			this.checkpoint?.at == null ? Infinity : Math.max(0, this.checkpoint.at - this.clock.now),
		);
	}

	/** Sets the checkpoint (see `checkpoint`); null clears it. */
	setCheckpoint(checkpoint: {readonly at: number | null; readonly run: () => void} | null): void {
		this.checkpoint = checkpoint;
	}

	private runCheckpoint(): void {
		const checkpoint = this.checkpoint!;
		this.checkpoint = null;
		checkpoint.run();
	}

	nextWakeup(): number | null {
		let next: number | null = null;
		for (const proc of this.procs.values()) {
			const at = proc.state === 'BLOCKED' && proc.pending !== null ? deadline(proc.pending.wait) : null;
			if (at !== null && (next === null || at < next)) next = at;
		}
		return next;
	}

	/** Wakes the processes whose wait has a deadline that has come (a sleep, a poll's timeout). */
	private wakeSleepers(): void {
		for (const proc of this.procs.values()) {
			const at = proc.state === 'BLOCKED' && proc.pending !== null ? deadline(proc.pending.wait) : null;
			if (at !== null && at <= this.clock.now) this.wake(proc);
		}
	}

	/** Nobody is READY: jump to the next wake-up if the machine is headless and someone sleeps. */
	private idleJump(): boolean {
		const wake = this.nextWakeup();
		if (wake === null || this.idleMode === 'wait') return false;
		const to = this.maxTicks === null ? wake : Math.min(wake, this.maxTicks);
		// Nothing changes while the clock jumps: a checkpoint inside the jump is taken before it.
		if (this.checkpoint?.at != null && this.checkpoint.at < to) this.runCheckpoint();
		this.passIdle(to);
		return true;
	}

	private passIdle(to: number): void {
		this.record({type: 'idle', tick: this.clock.now, from: this.clock.now, to});
		this.idleTicks += to - this.clock.now;
		this.clock.now = to;
	}

	private halt(reason: string): void {
		if (this.current !== null) this.logStretch('halted');
		this.halted = reason;
		this.record({type: 'halt', tick: this.clock.now, reason});
	}

	private result(start: number): TickResult {
		return {ran: this.clock.now - start, status: this.status(), nextWakeup: this.nextWakeup()};
	}

	status(): MachineStatus {
		if (this.halted !== null) return 'halted';
		if (this.current !== null || this.policy.queue().length > 0) return 'running';
		if (this.nextWakeup() !== null) return 'sleeping';
		for (const proc of this.procs.values()) if (proc.state !== 'ZOMBIE') return 'waiting';
		return 'empty';
	}

	// ---- Syscalls -----------------------------------------------------------------------------

	/** The thread left the interpreter at an import: run the syscall. True: the process runs on. */
	private syscall(proc: Process, call: BlockedCall): boolean {
		if (call.wait !== SYSCALL.block) throw new KernelPanic(`process ${proc.pid} blocked in ${call.func.name} without the syscall marker`);
		const binding = proc.exec!.bindings.get(call.func.handle);
		if (binding === undefined) throw new KernelPanic(`process ${proc.pid} called ${call.func.name}, which is bound to no syscall`);
		const quota = proc.limits.syscalls;
		if (quota !== null && proc.syscalls >= quota) {
			this.limitKill(proc, 'syscalls', `quota of ${quota} syscalls spent, at ${binding.name}`);
			return false;
		}
		proc.syscalls++;
		proc.syscallsByName[binding.name] = (proc.syscallsByName[binding.name] ?? 0) + 1;
		this.syscalls++;
		return this.invoke(proc, binding, call.args, this.clock.now, null);
	}

	/** Retries the call `proc` was blocked in; true when it completed and the process may run. */
	private retryPending(proc: Process): boolean {
		const pending = proc.pending!;
		proc.pending = null;
		proc.retry = false;
		if (pending.binding === null) {
			// A host task: its next step is the retry, told what it waited for.
			proc.task!.retrying = pending.wait;
			return true;
		}
		return this.invoke(proc, pending.binding, pending.args, pending.since, pending.wait);
	}

	/** Runs a syscall's handler and acts on what it returns. True: the process runs on. */
	private invoke(proc: Process, binding: Binding, args: readonly Value[], since: number, retrying: Wait | null): boolean {
		const ctx = this.context(proc, retrying);
		let out: SyscallReturn;
		try {
			out = binding.def.handler(ctx, args);
		} catch (error) {
			if (!(error instanceof Trap)) {
				throw new KernelPanic(`syscall ${binding.abi.module}.${binding.name} of process ${proc.pid} threw: ${String(error)}`, {cause: error});
			}
			this.logSyscall(proc, binding, args, null, since);
			const reason = this.trapReason(proc, error);
			proc.exec!.thread.fail(error);
			this.terminate(proc, reason);
			return false;
		}
		if (!isBlock(out)) {
			this.logSyscall(proc, binding, args, out, since);
			if (proc.state === 'ZOMBIE') return false;
			proc.exec!.thread.complete(out);
			return this.onCpu(proc);
		}
		const s = out.block;
		switch (s.kind) {
			case 'wait':
				proc.pending = {binding, args, wait: s.wait, since};
				if (proc.state !== 'ZOMBIE' && proc.state !== 'STOPPED') this.block(proc);
				return false;
			case 'yield':
				this.logSyscall(proc, binding, args, s.results, since);
				if (proc.state === 'ZOMBIE') return false;
				proc.exec!.thread.complete(s.results);
				if (proc === this.current) this.leaveCpu(proc, 'yield');
				return this.onCpu(proc);
			case 'exit':
				this.logSyscall(proc, binding, args, [], since);
				if (proc.state !== 'ZOMBIE') this.terminate(proc, {kind: 'exit', code: s.code});
				return false;
			default:
				throw new KernelPanic(`syscall ${binding.name} returned an unknown suspension ${JSON.stringify(s)}`);
		}
	}

	/** Whether `proc` still holds the CPU (as current, or as the process being stepped). */
	private onCpu(proc: Process): boolean {
		if (proc === this.current) return proc.state === 'RUNNING';
		return proc === this.stepping && canRun(proc);
	}

	private logSyscall(proc: Process, binding: Binding, args: readonly Value[], results: readonly Value[] | null, since: number): void {
		const {result, errno} = results === null ? {result: 'trap', errno: null} : binding.abi.outcome(results);
		const decoded = binding.def.describe === undefined ? args.map(String).join(', ') : binding.def.describe(this.context(proc), args, results ?? []);
		const event = {
			type: 'syscall',
			tick: this.clock.now,
			pid: proc.pid,
			abi: binding.abi.module,
			name: binding.name,
			args: decoded,
			result,
			errno,
			blockedFor: this.clock.now - since,
		} as const;
		this.record(event);
		if (this.traced.has(proc.pid) && (this.traceNames === null || this.traceNames.includes(binding.name))) {
			this.terminal.write('err', new TextEncoder().encode(syscallLine(event)));
		}
	}

	/** The calling process as its syscalls see it (a small object per call: no closures). */
	private context(proc: Process, retrying: Wait | null = null): SyscallContext {
		return new ProcessContext(this, proc, retrying);
	}

	fileOf(proc: Process, fd: number): OpenFile | null {
		const id = Number.isInteger(fd) && fd >= 0 ? proc.fds[fd] : undefined;
		return id === undefined || id === null ? null : this.files.get(id)!;
	}

	// ---- Files, pipes and /proc (io.ts calls these) ---------------------------------------------

	closeFd(proc: Process, fd: number): Errno | null {
		const file = this.fileOf(proc, fd);
		if (file === null) return 'EBADF';
		proc.fds[fd] = null;
		this.releaseFile(file.id);
		return null;
	}

	/** One fd fewer refers to open file `id`; the last one closes what it holds. */
	private releaseFile(id: number): void {
		const file = this.files.release(id);
		if (file === null) return;
		const t = file.target;
		switch (t.type) {
			case 'file':
				this.vfs.closeFile(t.handle);
				break;
			case 'dir':
				this.vfs.release(t.node);
				break;
			case 'device':
				if (t.node !== null) this.vfs.release(t.node);
				break;
			case 'pipe': {
				const pipe = this.pipe(t.pipe);
				if (file.readable) pipe.readers--;
				if (file.writable) pipe.writers--;
				this.pipeChanged(pipe, 'closed');
				if (t.node !== null) this.vfs.release(t.node);
				break;
			}
			case 'tty':
				break;
		}
	}

	/** The lowest fd number `proc` has free (within its fd limit), or null. */
	freeFd(proc: Process): number | null {
		for (let fd = 0; fd < proc.limits.fds; fd++) if (proc.fds[fd] === null || proc.fds[fd] === undefined) return fd;
		return null;
	}

	pipe(id: number): Pipe {
		const pipe = this.pipes.get(id);
		if (pipe === undefined) throw new KernelPanic(`pipe ${id} is gone while an open file refers to it`);
		return pipe;
	}

	newPipe(fifo: number | null): Pipe {
		const pipe = newPipe(this.nextPipe++, fifo);
		this.pipes.set(pipe.id, pipe);
		return pipe;
	}

	/**
	 * Data went into a pipe, came out of it, or one of its ends closed: wake whoever waits on that
	 * (and every poller, which checks again). A pipe nobody holds any more is dropped with its data,
	 * unless an open of its FIFO is waiting (that open will find what the writer left).
	 */
	pipeChanged(pipe: Pipe, how: 'filled' | 'drained' | 'closed'): void {
		this.wakeWhere(wait => {
			if (wait.on === 'poll') return true;
			if (wait.on === 'pipe-read') return wait.pipe === pipe.id && how !== 'drained';
			if (wait.on === 'pipe-write') return wait.pipe === pipe.id && how !== 'filled';
			return false;
		});
		if (how !== 'closed' || pipe.readers > 0 || pipe.writers > 0) return;
		if (pipe.fifo !== null && (this.fifoWaiter(pipe.fifo, true) || this.fifoWaiter(pipe.fifo, false))) return;
		this.pipes.delete(pipe.id);
		if (pipe.fifo !== null) {
			const node = this.vfs.mem.inodes.get(pipe.fifo);
			if (node?.kind === 'fifo') node.pipe = null;
		}
	}

	/**
	 * Whether some process is in the middle of opening FIFO `ino` for writing (`write`) or for
	 * reading: blocked in the open, or woken and about to retry it. Such an opener counts as the
	 * other side already: a reader does not see end of file, a writer does not get EPIPE, while it
	 * is on its way.
	 */
	fifoWaiter(ino: number, write: boolean): boolean {
		for (const proc of this.procs.values()) {
			const wait = proc.pending?.wait;
			if (proc.state !== 'ZOMBIE' && wait?.on === 'fifo-open' && wait.ino === ino && wait.write === write) return true;
		}
		return false;
	}

	/** FIFO `ino` was opened, or an open of it was abandoned: whoever waits on it looks again. */
	fifoOpened(ino: number): void {
		const node = this.vfs.mem.inodes.get(ino);
		const pipe = node?.kind === 'fifo' ? node.pipe : null;
		this.wakeWhere(wait => (wait.on === 'fifo-open' && wait.ino === ino) || ((wait.on === 'pipe-read' || wait.on === 'pipe-write') && wait.pipe === pipe) || wait.on === 'poll');
	}

	private wakeWhere(match: (wait: Wait) => boolean): void {
		for (const proc of this.procs.values()) if (proc.state === 'BLOCKED' && proc.pending !== null && match(proc.pending.wait)) this.wake(proc);
	}

	/** `proc` signals itself (a write to a pipe without readers: PIPE; WASI's proc_raise). */
	raise(proc: Process, signal: SignalName): void {
		this.deliver(proc, signal, proc.pid);
	}

	/** The text of /proc/<pid>/<name>, or null when there is no such process. */
	private procFile(pid: number, name: ProcFile): string | null {
		const proc = this.procs.get(pid);
		if (proc === undefined) return null;
		const view = this.view(proc);
		switch (name) {
			case 'cmdline':
				return view.argv.map(a => `${a}\0`).join('');
			case 'status':
				return procStatus(view);
			case 'maps':
				return procMaps(view);
		}
	}

	// ---- State transitions --------------------------------------------------------------------

	private setState(proc: Process, to: ProcessState, why: string): void {
		const from = proc.state;
		if (from === to) return;
		addTicks(proc.ticksIn, from, this.clock.now - proc.stateSince);
		proc.stateSince = this.clock.now;
		proc.state = to;
		// READY <-> RUNNING is what `sched` events describe, and an ending is an `exit` event.
		const quiet = to === 'ZOMBIE' || from === 'NEW' || ((from === 'READY' || from === 'RUNNING') && (to === 'READY' || to === 'RUNNING'));
		if (!quiet) this.record({type: 'state', tick: this.clock.now, pid: proc.pid, from, to, why});
	}

	/** Logs the current stretch on the CPU (who ran from when to now, and why it stopped). */
	private logStretch(reason: SchedReason): void {
		const proc = this.current!;
		this.record({
			type: 'sched',
			tick: this.clock.now,
			pid: proc.pid,
			from: this.stretchStart,
			to: this.clock.now,
			instructions: this.stretchInstructions,
			reason,
			policy: this.policy.name,
		});
		this.stretches++;
		this.stretchStart = this.clock.now;
		this.stretchInstructions = 0;
		this.reportRefusedGrowth(proc);
	}

	/** The current process leaves the CPU for `reason`. */
	private endStretch(reason: SchedReason): void {
		const proc = this.current!;
		this.logStretch(reason);
		if (reason === 'blocked' || reason === 'yield') proc.voluntarySwitches++;
		else if (reason === 'quantum' || reason === 'signal' || reason === 'preempted' || reason === 'policy') proc.involuntarySwitches++;
		if (reason === 'blocked' || reason === 'yield') proc.endBurst();
		this.policy.ran?.(proc.pid, this.dispatchRan, reason);
		this.current = null;
	}

	/** Its slice spent, preempted by the policy, or yielded: back to READY. */
	private leaveCpu(proc: Process, reason: 'quantum' | 'preempted' | 'yield'): void {
		this.endStretch(reason);
		this.setState(proc, 'READY', reason);
		this.policy.ready(proc.pid, reason === 'quantum' ? 'expired' : reason === 'yield' ? 'yielded' : 'preempted');
	}

	private block(proc: Process): void {
		if (proc === this.current) this.endStretch('blocked');
		else this.policy.remove(proc.pid);
		this.setState(proc, 'BLOCKED', proc.blockedOn()!);
	}

	private wake(proc: Process): void {
		proc.retry = true;
		this.makeReady(proc, 'woken');
	}

	private makeReady(proc: Process, why: ReadyReason): void {
		this.setState(proc, 'READY', why);
		if (why === 'new' || why === 'woken') proc.awaitingSince = this.clock.now;
		this.policy.ready(proc.pid, why);
		this.checkPreemption();
	}

	private stopProcess(proc: Process, by: string): void {
		if (proc.state === 'ZOMBIE' || proc.state === 'STOPPED') return;
		if (proc === this.current) this.endStretch('signal');
		else if (proc.state === 'READY') this.policy.remove(proc.pid);
		proc.stoppedBy = by;
		this.setState(proc, 'STOPPED', by);
		this.notifyParent(proc);
	}

	private continueProcess(proc: Process): void {
		if (proc.state !== 'STOPPED') return;
		proc.stoppedBy = null;
		// A call it was blocked in when stopped is tried again: what it waited for may have come.
		if (proc.pending !== null) proc.retry = true;
		this.makeReady(proc, 'continued');
	}

	private terminate(proc: Process, reason: ExitReason, results: readonly string[] = []): void {
		if (proc.state === 'ZOMBIE') throw new KernelPanic(`process ${proc.pid} ended twice`);
		if (proc === this.current) this.endStretch(reason.kind === 'signal' ? 'signal' : 'exited');
		else if (proc.state === 'READY') this.policy.remove(proc.pid);
		this.policy.forget?.(proc.pid);
		proc.endBurst();
		proc.awaitingSince = null;
		this.reportRefusedGrowth(proc);
		const status = reason.kind === 'exit' ? reason.code & 0xff : reason.kind === 'trap' ? 134 : reason.kind === 'signal' ? signalStatus(reason.signal) : 137;
		proc.exit = {status, reason, tick: this.clock.now, results};
		const abandoned = proc.pending?.wait.on === 'fifo-open' ? proc.pending.wait.ino : null;
		proc.pending = null;
		if (abandoned !== null) this.fifoOpened(abandoned);
		proc.retry = false;
		this.setState(proc, 'ZOMBIE', 'exit');
		proc.fds.forEach((id, fd) => {
			if (id === null) return;
			proc.fds[fd] = null;
			this.releaseFile(id);
		});
		// A process killed mid-run: the engine keeps nothing of it (its stacks and memory).
		proc.exec?.thread.release();
		proc.exec = null;
		proc.task = null;
		// Orphans go to pid 1 (the shell, which reaps them), or to the user when there is none.
		const init = this.procs.get(1);
		const heir = init !== undefined && init !== proc && init.state !== 'ZOMBIE' ? 1 : 0;
		for (const child of this.procs.values()) {
			if (child.ppid !== proc.pid) continue;
			child.ppid = heir;
			if (child.state === 'ZOMBIE') this.notifyParent(child);
		}
		this.record({type: 'exit', tick: this.clock.now, pid: proc.pid, status, reason});
		this.notifyParent(proc);
	}

	private limitKill(proc: Process, limit: LimitName, detail: string): void {
		this.record({type: 'limit', tick: this.clock.now, pid: proc.pid, limit, detail, fatal: true});
		this.terminate(proc, {kind: 'limit', limit, detail});
	}

	private reportRefusedGrowth(proc: Process): void {
		const refused = proc.refusedGrowth;
		if (refused === null) return;
		proc.refusedGrowth = null;
		const times = refused.count > 1 ? ` (${refused.count} times)` : '';
		const detail = `memory.grow to ${refused.pages} pages refused${times}: cap ${proc.capPages()} pages (${LIMIT_TEXT.memory})`;
		this.record({type: 'limit', tick: this.clock.now, pid: proc.pid, limit: 'memory', detail, fatal: false});
	}

	/** Why a trapped process ended: the trap and where (the engine's trace, or the calling function for a syscall's trap). */
	private trapReason(proc: Process, trap: Trap): ExitReason {
		const top = trap.trace[0];
		if (top !== undefined) return {kind: 'trap', trap: trap.kind, message: trap.message, func: top.label, offset: top.offset};
		const thread = proc.exec?.thread;
		const at = thread?.position() ?? null;
		const func = at === null || thread?.inst == null ? 'instantiation' : funcLabel(thread.inst.module, at.func);
		return {kind: 'trap', trap: trap.kind, message: trap.message, func, offset: at?.offset ?? null};
	}

	// ---- Signals ------------------------------------------------------------------------------

	kill(pid: number, signal: SignalName, options: {readonly from?: number} = {}): void {
		const proc = this.live(pid);
		if (options.from !== undefined) this.checkPermission(options.from, proc);
		this.deliver(proc, signal, options.from ?? 0);
	}

	killGroup(pgid: number, signal: SignalName, options: {readonly from?: number} = {}): void {
		const members = this.group(pgid);
		if (members.length === 0) throw new KernelError('ESRCH', `no process group ${pgid}`);
		if (options.from !== undefined) for (const proc of members) this.checkPermission(options.from, proc);
		for (const proc of members) this.deliver(proc, signal, options.from ?? 0);
	}

	stop(pid: number): void {
		this.kill(pid, 'STOP');
	}

	cont(pid: number): void {
		this.kill(pid, 'CONT');
	}

	signalGroup(pgid: number, signal: SignalName, from: number | 'tty'): void {
		for (const proc of this.group(pgid)) this.deliver(proc, signal, from);
	}

	private group(pgid: number): Process[] {
		return [...this.procs.values()].filter(p => p.pgid === pgid && p.state !== 'ZOMBIE');
	}

	private checkPermission(from: number, target: Process): void {
		// A process may signal itself and its descendants.
		for (let p: Process | undefined = target; p !== undefined; p = this.procs.get(p.ppid)) {
			if (p.pid === from) return;
			if (p.ppid === 0) break;
		}
		throw new KernelError('EPERM', `process ${from} may not signal process ${target.pid}: only itself and its descendants`);
	}

	private deliver(proc: Process, signal: SignalName, from: number | 'tty'): void {
		const action = SIGNALS[signal].action;
		const ignored = action === 'ignore';
		const handled = !ignored && this.taskHandles(proc, signal);
		const acted = ignored ? 'ignored' : handled ? 'handled' : action === 'terminate' ? 'terminated' : action === 'stop' ? (proc.state === 'STOPPED' ? 'ignored' : 'stopped') : proc.state === 'STOPPED' ? 'continued' : 'ignored';
		this.record({type: 'signal', tick: this.clock.now, pid: proc.pid, signal, from, action: acted});
		if (ignored) return;
		if (handled) {
			// Like EINTR: a host task blocked when it handled a signal steps again.
			if (proc.state === 'BLOCKED') this.wake(proc);
			return;
		}
		if (action === 'terminate') this.terminate(proc, {kind: 'signal', signal});
		else if (action === 'stop') this.stopProcess(proc, `signal ${signal}`);
		else this.continueProcess(proc);
	}

	// ---- Processes ----------------------------------------------------------------------------

	spawn(spec: SpawnSpec): number {
		const live = [...this.procs.values()].filter(p => p.state !== 'ZOMBIE').length;
		if (live >= this.maxProcesses) throw new KernelError('EAGAIN', `${LIMIT_TEXT.processes} reached: ${this.maxProcesses} live processes`);
		if ([spec.program, spec.path, spec.task].filter(x => x !== undefined).length !== 1) throw new KernelError('EINVAL', 'spawn needs exactly one of a program, a path or a host task');
		const program = spec.path === undefined ? spec.program : this.programs.load(spec.path, absoluteDir(spec.cwd ?? '/'));
		const task: TaskRun | null = spec.task === undefined ? null : {kind: this.taskDef(spec.task.kind).kind, state: plainState(spec.task.state), paid: 0, retrying: null};
		const name = spec.name ?? (spec.path === undefined ? undefined : programName(spec.path)) ?? program?.name ?? spec.task!.kind;
		const argv = spec.argv ?? [name];
		const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`);
		for (const word of [...argv, ...env]) {
			if (word.includes('\0')) throw new KernelError('EINVAL', `arguments and environment cannot contain a NUL character: ${JSON.stringify(word)}`);
		}
		for (const key of Object.keys(spec.env ?? {})) {
			if (key === '' || key.includes('=')) throw new KernelError('EINVAL', `bad environment variable name ${JSON.stringify(key)}`);
		}
		const parent = spec.parent ?? 0;
		const parentProc = parent === 0 ? null : this.live(parent);
		// A child inherits its parent's limits and may only lower them; the user's spawns start from the machine's.
		const limits: ProcessLimits = parentProc === null ? {...this.limits, ...spec.limits} : narrowLimits(parentProc.limits, spec.limits);
		checkLimits(limits);
		if (program !== undefined) checkImports(program, limits.allow, spec.path ?? program.name);
		const pid = this.nextPid;
		const pgid = spec.pgid ?? pid;
		if (pgid !== pid && this.group(pgid).length === 0) throw new KernelError('ESRCH', `no process group ${pgid} to join`);
		if (pgid !== pid) this.checkTreeLimit(pgid, limits, parent);
		const priority = spec.priority ?? 0;
		checkPriority(priority);
		const tickets = spec.tickets ?? DEFAULT_TICKETS;
		checkCount('tickets', tickets, 1);
		const cwd = this.workingDirectory(spec.cwd ?? '/');

		let exec: Exec | null = null;
		let failure: ExitReason | null = null;
		const initialPages = program?.module.memories[0]?.limits.min ?? 0;
		const capPages = Math.floor(limits.memory / 65536);
		if (initialPages > capPages) {
			failure = {kind: 'limit', limit: 'memory', detail: `the module needs ${initialPages} pages of memory at start: cap ${capPages} pages (${LIMIT_TEXT.memory})`};
		} else if (program !== undefined) {
			const made = createExec(program, spec, limits, this.abis);
			if ('trap' in made) failure = made.trap;
			else exec = made;
		}

		const stdio = spec.stdio ?? ['tty', 'tty', 'tty'];
		for (const s of stdio) {
			if (typeof s === 'object' && (parent === 0 || this.fileOf(this.live(parent), s.fd) === null)) {
				throw new KernelError('EBADF', `stdio names fd ${s.fd}, which the parent has not open`);
			}
		}
		this.nextPid++;
		const fds = stdio.map((s, fd) => this.openStdio(s, fd, parent));
		for (const {name: dir, node} of this.preopens(cwd, limits.fds)) fds.push(this.openPreopen(dir, node));
		const proc = new Process({pid, ppid: parent, pgid, name, argv, env, priority, tickets, limits, exec, fds, now: this.clock.now, cpuWindow: this.cpuWindow});
		proc.task = task;
		proc.cwd = this.vfs.pathOf(cwd);
		this.procs.set(pid, proc);
		this.record({type: 'spawn', tick: this.clock.now, pid, ppid: parent, pgid, name, argv: [...argv]});
		if (spec.foreground === true) this.terminal.foreground = pgid;
		if (failure !== null) {
			if (failure.kind === 'limit') this.record({type: 'limit', tick: this.clock.now, pid, limit: failure.limit, detail: failure.detail, fatal: true});
			this.terminate(proc, failure);
			return pid;
		}
		if (task !== null) {
			this.makeReady(proc, 'new');
			return pid;
		}
		this.attachGrowHook(proc);
		const first = exec!.phases[0];
		exec!.thread.start(first.func, first.args);
		this.makeReady(proc, 'new');
		return pid;
	}

	/**
	 * A process joining group `pgid` must fit in it: the group's live processes stay within the
	 * joiner's tree limit (limits.ts's procs; a job's programs and all they spawn share a group,
	 * orphans included, so a spawn bomb cannot escape its count). Else EAGAIN, logged as a limit
	 * event of the spawning process.
	 */
	private checkTreeLimit(pgid: number, limits: ProcessLimits, spawner: number): void {
		if (limits.procs === null) return;
		let size = 0;
		for (const proc of this.procs.values()) if (proc.pgid === pgid && proc.state !== 'ZOMBIE') size++;
		if (size < limits.procs) return;
		const detail = `spawn refused: process group ${pgid} has ${size} live processes, cap ${limits.procs} (${LIMIT_TEXT.procs})`;
		if (spawner !== 0) this.record({type: 'limit', tick: this.clock.now, pid: spawner, limit: 'procs', detail, fatal: false});
		throw new KernelError('EAGAIN', detail);
	}

	/** Memory growth of a wasm process goes through its cap (limits.ts); also for a process restored from a snapshot. */
	attachGrowHook(proc: Process): void {
		const memory = proc.exec?.memory ?? null;
		if (memory === null) return;
		memory.growHook = (_memory, pages) => {
			if (pages > proc.capPages()) {
				proc.refusedGrowth = {count: (proc.refusedGrowth?.count ?? 0) + 1, pages};
				return false;
			}
			proc.peakPages = Math.max(proc.peakPages, pages);
			return true;
		};
	}

	private openStdio(spec: StdioSpec, fd: number, parent: number): number {
		if (typeof spec === 'object') {
			const shared = this.fileOf(this.live(parent), spec.fd)!.id;
			this.files.retain(shared);
			return shared;
		}
		const id =
			spec === 'null'
				? this.files.open({target: {type: 'device', device: 'null', node: null}, path: '/dev/null', readable: true, writable: true})
				: this.files.open({target: {type: 'tty', channel: fd === 2 ? 'err' : 'out'}, path: '/dev/tty', readable: fd === 0, writable: fd !== 0});
		this.files.retain(id);
		return id;
	}

	/**
	 * The directories a new process starts with as fds 3, 4, ... (WASI's preopens), for its working
	 * directory `cwd`. In "/": just the root, "/". Elsewhere wasi-libc needs more: it has no way to
	 * learn a starting directory (its own cwd starts at "/"), strips the leading "/" of an absolute
	 * path, and opens every path through the preopen whose name is the longest prefix of it — the
	 * last one listed among equals. So the root comes first as "/", then each directory at the top of
	 * the tree under its absolute name ("/tmp", "/home", ...: absolute paths keep reaching them), and
	 * the working directory last as ".", which takes every other path: the relative ones. Limits:
	 * under another directory a relative path whose first name is a top-level directory's ("tmp/x")
	 * and an absolute path to the root itself or to something made at the top later go to the
	 * working directory instead; and the preopens take fds the process would otherwise have free
	 * (top-level directories past its fd limit less 8 are left out).
	 */
	private preopens(cwd: NodeRef, limit: number): Array<{name: string; node: NodeRef}> {
		const root = this.vfs.root;
		const out = [{name: '/', node: root}];
		if (refKey(cwd) === refKey(root)) return out;
		try {
			for (const entry of this.vfs.list(root)) {
				if (out.length >= limit - 8) break;
				const found = this.vfs.child(root, entry.name);
				if (found !== null && found.stat.kind === 'dir') out.push({name: `/${entry.name}`, node: found.ref});
			}
		} catch (error) {
			// A host root that cannot be listed gives no top-level preopens; the rest still works.
			if (!(error instanceof FsError)) throw error;
		}
		out.push({name: '.', node: cwd});
		return out;
	}

	private openPreopen(name: string, node: NodeRef): number {
		const id = this.files.open({target: {type: 'dir', node}, path: this.vfs.pathOf(node), readable: true, writable: false, preopen: name});
		this.files.retain(id);
		this.vfs.retain(node);
		return id;
	}

	/** The working directory a spawn names, as a node: it must be a directory (KernelError otherwise). */
	private workingDirectory(path: string): NodeRef {
		try {
			const r = this.vfs.existing(this.vfs.root, path.startsWith('/') ? path : `/${path}`, true, null);
			if (r.stat.kind !== 'dir') throw new FsError('ENOTDIR');
			return r.node;
		} catch (error) {
			if (error instanceof FsError) throw new KernelError(error.errno === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT', `no directory ${path} for the working directory (${error.errno})`);
			throw error;
		}
	}

	wait(pid: number): ExitInfo | null {
		const proc = this.procs.get(pid);
		if (proc === undefined) throw new KernelError('ESRCH', `no process ${pid}`);
		if (proc.state !== 'ZOMBIE') return null;
		this.remember(proc);
		this.procs.delete(pid);
		this.record({type: 'reap', tick: this.clock.now, pid, by: 0});
		return proc.exit;
	}

	setPriority(pid: number, priority: number): void {
		checkPriority(priority);
		this.live(pid).priority = priority;
		this.checkPreemption();
	}

	setTickets(pid: number, tickets: number): void {
		checkCount('tickets', tickets, 1);
		this.live(pid).tickets = tickets;
	}

	setLimits(pid: number, limits: Partial<ProcessLimits>): void {
		const proc = this.live(pid);
		for (const name of ['callDepth', 'allow'] as const) {
			if (limits[name] !== undefined) throw new KernelError('EINVAL', `the ${name} limit is fixed when a process starts: set it for later spawns`);
		}
		const next = {...proc.limits, ...limits};
		checkLimits(next);
		proc.limits = next;
	}

	setTrace(pid: number, on: boolean): void {
		this.live(pid);
		if (on) this.traced.add(pid);
		else this.traced.delete(pid);
	}

	setTraceFilter(names: readonly string[] | null): void {
		this.traceNames = names === null ? null : [...names];
	}

	tracing(): {readonly pids: readonly number[]; readonly names: readonly string[] | null} {
		// Processes that have ended are traced no more.
		for (const pid of this.traced) if ((this.procs.get(pid)?.state ?? 'ZOMBIE') === 'ZOMBIE') this.traced.delete(pid);
		return {pids: [...this.traced].sort((a, b) => a - b), names: this.traceNames === null ? null : [...this.traceNames]};
	}

	/** One byte per 4 KiB of `pid`'s linear memory: 1 where some byte is not zero; null for no such process. */
	nonZeroCells(pid: number): Uint8Array | null {
		const proc = this.procs.get(pid);
		if (proc === undefined) return null;
		const memory = proc.exec?.memory ?? null;
		if (memory === null) return new Uint8Array(0);
		const words = new Uint32Array(memory.buffer);
		const cells = new Uint8Array(words.length >>> 10);
		// 1024 words of 4 bytes per cell; a cell stops being scanned at its first non-zero word.
		for (let c = 0; c < cells.length; c++) {
			for (let w = c << 10, end = w + 1024; w < end; w++) {
				if (words[w] !== 0) {
					cells[c] = 1;
					break;
				}
			}
		}
		return cells;
	}

	/** A process that has not ended, or a KernelError. */
	private live(pid: number): Process {
		const proc = this.procs.get(pid);
		if (proc === undefined || proc.state === 'ZOMBIE') throw new KernelError('ESRCH', `no process ${pid}${proc === undefined ? '' : ' (it has ended)'}`);
		return proc;
	}

	private policyContext(): PolicyContext {
		return {
			priority: pid => this.procs.get(pid)?.priority ?? 0,
			tickets: pid => this.procs.get(pid)?.tickets ?? DEFAULT_TICKETS,
			now: () => this.clock.now,
			prng: this.prng,
		};
	}

	// ---- Terminal -----------------------------------------------------------------------------

	private terminalControl(): TerminalControl {
		const terminal = this.terminal;
		return {
			input: data => {
				for (const signal of terminal.input(data)) if (terminal.foreground !== null) this.signalGroup(terminal.foreground, signal, 'tty');
				if (terminal.readable()) this.wakeWhere(wait => wait.on === 'tty-read' || wait.on === 'poll');
			},
			hangup: () => {
				terminal.hangup();
				this.wakeWhere(wait => wait.on === 'tty-read' || wait.on === 'poll');
			},
			closeOutput: channel => terminal.closeOutput(channel),
			setMode: mode => {
				terminal.setMode(mode);
				if (terminal.readable()) this.wakeWhere(wait => wait.on === 'tty-read' || wait.on === 'poll');
			},
			setForeground: pgid => {
				terminal.foreground = pgid;
			},
			takeOutput: () => terminal.takeOutput(),
			view: () => terminal.view(),
		};
	}

	// ---- Views and events ---------------------------------------------------------------------

	private record(event: EventInput): void {
		this.log.record(event);
	}

	/** Keeps the view of a zombie being reaped in `recentlyEnded` (MachineView.recent), dropping the oldest past RECENT_ENDED. */
	private remember(proc: Process): void {
		this.recentlyEnded.unshift(this.view(proc));
		if (this.recentlyEnded.length > RECENT_ENDED) this.recentlyEnded.pop();
	}

	machine(): MachineView {
		const counts = Object.fromEntries(PROCESS_STATES.map(s => [s, 0])) as Record<ProcessState, number>;
		let pages = 0;
		for (const proc of this.procs.values()) {
			counts[proc.state]++;
			pages += proc.pages();
		}
		return {
			clock: this.clock.now,
			recent: [...this.recentlyEnded],
			status: this.status(),
			haltedBy: this.halted,
			nextWakeup: this.nextWakeup(),
			policy: this.policy.name,
			quantum: this.params.quantum,
			policyParams: this.params,
			seed: this.seed,
			current: this.current?.pid ?? null,
			counts,
			processes: this.procs.size,
			memory: {pages, bytes: pages * 65536},
			instructions: this.instructions,
			syscalls: this.syscalls,
			idleTicks: this.idleTicks,
			cpuWindow: this.cpuWindow,
			events: {total: this.log.total, capacity: this.log.capacity, dropped: this.log.dropped},
			terminal: this.terminal.view(),
		};
	}

	process(pid: number): ProcessView | null {
		const proc = this.procs.get(pid);
		return proc === undefined ? null : this.view(proc);
	}

	processes(): ProcessView[] {
		return [...this.procs.values()].map(p => this.view(p));
	}

	private view(proc: Process): ProcessView {
		const policyState = proc.state === 'ZOMBIE' ? {} : (this.policy.state?.(proc.pid) ?? {});
		return proc.view(this.clock.now, this.terminal.foreground, this.files, policyState);
	}

	events(sinceSeq = 0): KernelEvent[] {
		return this.log.since(sinceSeq);
	}

	subscribe(listener: EventListener): () => void {
		return this.log.subscribe(listener);
	}

	watchMemory(pid: number, on: boolean): void {
		watchMemory(this.live(pid), on);
	}

	memoryMap(pid: number): MemoryMapView | null {
		const proc = this.procs.get(pid);
		return proc === undefined ? null : memoryMapOf(proc);
	}
}

/** Whether a process could execute an instruction now (READY, RUNNING, or STOPPED for a debugger's step). */
function canRun(proc: Process): boolean {
	return proc.state !== 'ZOMBIE' && proc.state !== 'BLOCKED';
}

/** A working directory as an absolute path (a relative one is taken from the root, as workingDirectory does). */
function absoluteDir(path: string): string {
	return path.startsWith('/') ? path : `/${path}`;
}

function checkCount(name: string, value: number, min: number): void {
	if (!Number.isSafeInteger(value) || value < min) throw new KernelError('EINVAL', `${name} must be a whole number >= ${min}, got ${value}`);
}

/** The parameters after `options`, or a KernelError naming the bad option. */
function resolveParams(base: PolicyParams, options: PolicyOptions): PolicyParams {
	const bad = policyOptionProblem(options);
	if (bad !== null) throw new KernelError('EINVAL', `${bad.option} ${bad.problem}`);
	return applyPolicyOptions(base, options);
}

function checkPriority(priority: number): void {
	if (!Number.isInteger(priority) || priority < -20 || priority > 19) throw new KernelError('EINVAL', `priority must be a whole number from -20 to 19, got ${priority}`);
}

function checkLimits(limits: ProcessLimits): void {
	checkCount('memory limit', limits.memory, 0);
	if (limits.fuel !== null) checkCount('fuel', limits.fuel, 0);
	if (limits.syscalls !== null) checkCount('syscall quota', limits.syscalls, 0);
	checkCount('fd limit', limits.fds, 3);
	checkCount('call depth limit', limits.callDepth, 1);
	if (limits.procs !== null) checkCount('process tree limit', limits.procs, 1);
	for (const pattern of limits.allow ?? []) {
		const problem = allowPatternProblem(pattern);
		if (problem !== null) throw new KernelError('EINVAL', problem);
	}
}

/** Capabilities: every import of the program must be allowed, else a SpawnError naming the first that is not. */
function checkImports(program: Program, allow: readonly string[] | null, name: string): void {
	if (allow === null) return;
	for (const imp of program.module.imports) {
		if (importAllowed(allow, imp.module, imp.name)) continue;
		const allowed = allow.length === 0 ? 'nothing' : allow.join(', ');
		throw new SpawnError(name, `imports "${imp.module}"."${imp.name}", which its capabilities do not allow (allowed: ${allowed}; --allow)`, 'EACCES');
	}
}

/**
 * ticksIn[state] += ticks, written out per state: setState runs twice per time slice, and a keyed
 * access by the state's name was a megamorphic property lookup (~25 ns of a slice's kernel work).
 */
function addTicks(ticksIn: Record<ProcessState, number>, state: ProcessState, ticks: number): void {
	switch (state) {
		case 'NEW':
			ticksIn.NEW += ticks;
			break;
		case 'READY':
			ticksIn.READY += ticks;
			break;
		case 'RUNNING':
			ticksIn.RUNNING += ticks;
			break;
		case 'BLOCKED':
			ticksIn.BLOCKED += ticks;
			break;
		case 'STOPPED':
			ticksIn.STOPPED += ticks;
			break;
		case 'ZOMBIE':
			ticksIn.ZOMBIE += ticks;
			break;
		default:
			throw new KernelPanic(`no tick count for process state ${state satisfies never}`);
	}
}
