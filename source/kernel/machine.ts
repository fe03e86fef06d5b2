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
import {KernelError, KernelPanic} from './errors.js';
import {EventLog, DEFAULT_EVENT_CAPACITY, type EventInput, type EventListener, type KernelEvent, type SchedReason} from './events.js';
import {createExec, SYSCALL} from './exec.js';
import {ProcessContext} from './context.js';
import {FileTable, type OpenFile} from './files.js';
import type {Kernel, MachineOptions, SpawnSpec, StepOptions, StdioSpec, TerminalControl, TickResult} from './kernel.js';
import {DEFAULT_LIMITS, DEFAULT_MAX_PROCESSES, LIMIT_TEXT, type LimitName, type ProcessLimits} from './limits.js';
import {Prng} from './prng.js';
import {Process, type Binding, type Exec} from './process.js';
import {formatValue} from './program.js';
import {createPolicy, type Policy, type ReadyReason} from './scheduler/index.js';
import {SIGNALS, signalStatus, type SignalName} from './signals.js';
import {isBlock, type Abi, type Errno, type ReadResult, type SyscallContext, type SyscallReturn, type Wait} from './syscalls.js';
import {Terminal} from './terminal.js';
import {PROCESS_STATES, type ExitInfo, type ExitReason, type MachineStatus, type MachineView, type ProcessState, type ProcessView} from './views.js';

const DEFAULT_QUANTUM = 10_000;
const DEFAULT_CPU_WINDOW = 10_000_000;

export class Machine implements Kernel {
	readonly clock: Clock;
	readonly prng: Prng;
	readonly log: EventLog;
	readonly terminal: Terminal;
	readonly files = new FileTable();
	readonly abis = new Map<string, Abi>();
	policy: Policy;
	readonly seed: number;
	readonly limits: ProcessLimits;
	readonly maxProcesses: number;
	readonly maxTicks: number | null;
	readonly idleMode: 'jump' | 'wait';
	readonly cpuWindow: number;

	/** The process table, by pid (zombies included until reaped). A Map iterates in pid order. */
	readonly procs = new Map<number, Process>();
	nextPid = 1;

	// The CPU: who holds it, how much of its quantum is left, and the stretch it is in.
	current: Process | null = null;
	quantumLeft = 0;
	stretchStart = 0;
	stretchInstructions = 0;
	/** Stretches ended since boot (step() runs until the next one ends). */
	stretches = 0;
	/** A process being run out of turn by step({pid}). */
	stepping: Process | null = null;

	halted: string | null = null;
	instructions = 0;
	syscalls = 0;
	idleTicks = 0;

	readonly tty: TerminalControl;

	constructor(options: MachineOptions) {
		const quantum = options.quantum ?? DEFAULT_QUANTUM;
		checkCount('quantum', quantum, 1);
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
		this.policy = createPolicy(options.policy ?? 'rr', quantum, this.policyContext());
		this.tty = this.terminalControl();
	}

	registerAbi(abi: Abi): void {
		if (this.abis.has(abi.module)) throw new KernelError('EINVAL', `an ABI for module "${abi.module}" is already registered`);
		this.abis.set(abi.module, abi);
	}

	// ---- Running ------------------------------------------------------------------------------

	tick(budget: number): TickResult {
		checkCount('budget', budget, 1);
		const start = this.clock.now;
		this.runFor(budget, false);
		return this.result(start);
	}

	step(options: StepOptions = {}): TickResult {
		const start = this.clock.now;
		if (options.pid === undefined) {
			this.runFor(Number.MAX_SAFE_INTEGER, true);
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
			this.wakeSleepers();
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
		if (this.maxTicks !== null && this.clock.now >= this.maxTicks) this.halt('max-ticks');
	}

	setPolicy(name: string, quantum: number = this.policy.quantum): void {
		checkCount('quantum', quantum, 1);
		const next = createPolicy(name, quantum, this.policyContext());
		for (const pid of this.policy.queue()) next.ready(pid, 'policy');
		this.policy = next;
		this.record({type: 'policy', tick: this.clock.now, policy: next.name, quantum});
	}

	/*
	 * The scheduler loop, repeated until `budget` instructions have run (or one stretch has ended,
	 * for step()):
	 *   1. halt when the clock reaches --max-ticks;
	 *   2. wake the sleepers whose time has come;
	 *   3. if the CPU is free, let the policy pick a READY process (retrying the call it was blocked
	 *      in, if any); if none is READY, jump the clock to the next wake-up (headless) or return;
	 *   4. run the current process until its quantum, its fuel, the slice, the next wake-up or the
	 *      tick limit, whichever comes first; syscalls are handled as they come.
	 * Idle jumps cost no budget: the budget counts instructions.
	 */
	private runFor(budget: number, oneStretch: boolean): void {
		let left = budget;
		const stretches = this.stretches;
		while (left > 0 && this.halted === null) {
			if (this.maxTicks !== null && this.clock.now >= this.maxTicks) {
				this.halt('max-ticks');
				break;
			}
			this.wakeSleepers();
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
			this.setState(proc, 'RUNNING', 'dispatched');
			proc.firstRun ??= this.clock.now;
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
				this.terminate(proc, this.trapReason(proc, outcome.trap));
				return used;
			}
			const goesOn = outcome.reason === 'blocked' ? this.syscall(proc, outcome.call) : this.nextPhase(proc, outcome.results);
			if (!goesOn) return used;
		}
		if (proc.limits.fuel !== null && proc.instructions >= proc.limits.fuel) {
			this.limitKill(proc, 'fuel', `fuel of ${proc.limits.fuel} instructions spent`);
		} else if (proc === this.current && this.quantumLeft === 0) {
			this.leaveCpu(proc, 'quantum');
		}
		return used;
	}

	private account(proc: Process, ran: number): void {
		if (ran === 0) return;
		const from = this.clock.now;
		this.clock.now += ran;
		this.instructions += ran;
		proc.instructions += ran;
		proc.cpu.add(from, this.clock.now);
		if (proc === this.current) {
			this.quantumLeft -= ran;
			this.stretchInstructions += ran;
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

	private fuelLeft(proc: Process): number {
		return proc.limits.fuel === null ? Infinity : proc.limits.fuel - proc.instructions;
	}

	/** Ticks until the next thing the clock must stop at: a wake-up or the tick limit. */
	private untilNextEvent(): number {
		const wake = this.nextWakeup();
		return Math.min(wake === null ? Infinity : wake - this.clock.now, this.maxTicks === null ? Infinity : this.maxTicks - this.clock.now);
	}

	nextWakeup(): number | null {
		let next: number | null = null;
		for (const proc of this.procs.values()) {
			const wait = proc.pending?.wait;
			if (proc.state === 'BLOCKED' && wait?.on === 'sleep' && (next === null || wait.until < next)) next = wait.until;
		}
		return next;
	}

	private wakeSleepers(): void {
		for (const proc of this.procs.values()) {
			const wait = proc.pending?.wait;
			if (proc.state === 'BLOCKED' && wait?.on === 'sleep' && wait.until <= this.clock.now) this.wake(proc);
		}
	}

	private wakeAll(on: Wait['on']): void {
		for (const proc of this.procs.values()) if (proc.state === 'BLOCKED' && proc.pending?.wait.on === on) this.wake(proc);
	}

	/** Nobody is READY: jump to the next wake-up if the machine is headless and someone sleeps. */
	private idleJump(): boolean {
		const wake = this.nextWakeup();
		if (wake === null || this.idleMode === 'wait') return false;
		this.passIdle(this.maxTicks === null ? wake : Math.min(wake, this.maxTicks));
		return true;
	}

	private passIdle(to: number): void {
		this.record({type: 'idle', tick: this.clock.now, from: this.clock.now, to});
		this.idleTicks += to - this.clock.now;
		this.clock.now = to;
	}

	private halt(reason: string): void {
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
		this.record({
			type: 'syscall',
			tick: this.clock.now,
			pid: proc.pid,
			abi: binding.abi.module,
			name: binding.name,
			args: decoded,
			result,
			errno,
			blockedFor: this.clock.now - since,
		});
	}

	/** The calling process as its syscalls see it (a small object per call: no closures). */
	private context(proc: Process, retrying: Wait | null = null): SyscallContext {
		return new ProcessContext(this, proc, retrying);
	}

	fileOf(proc: Process, fd: number): OpenFile | null {
		const id = Number.isInteger(fd) && fd >= 0 ? proc.fds[fd] : undefined;
		return id === undefined || id === null ? null : this.files.get(id)!;
	}

	read(proc: Process, fd: number, max: number): ReadResult {
		const file = this.fileOf(proc, fd);
		if (file === null || !file.readable) return {errno: 'EBADF'};
		if (file.kind === 'null') return {data: new Uint8Array(0)};
		const foreground = this.terminal.foreground;
		// A background job that reads the terminal is stopped (TTIN), and reads again when continued.
		if (foreground !== null && proc.pgid !== foreground) {
			this.signalGroup(proc.pgid, 'TTIN', 'tty');
			return {wait: {on: 'tty-read'}};
		}
		const data = this.terminal.read(max);
		return data === null ? {wait: {on: 'tty-read'}} : {data};
	}

	write(proc: Process, fd: number, data: Uint8Array): number | Errno {
		const file = this.fileOf(proc, fd);
		if (file === null || !file.writable) return 'EBADF';
		if (file.kind === 'tty') this.terminal.write(file.channel, data);
		return data.length;
	}

	close(proc: Process, fd: number): Errno | null {
		const file = this.fileOf(proc, fd);
		if (file === null) return 'EBADF';
		proc.fds[fd] = null;
		this.files.release(file.id);
		return null;
	}

	// ---- State transitions --------------------------------------------------------------------

	private setState(proc: Process, to: ProcessState, why: string): void {
		const from = proc.state;
		if (from === to) return;
		proc.ticksIn[from] += this.clock.now - proc.stateSince;
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
		else if (reason === 'quantum' || reason === 'signal') proc.involuntarySwitches++;
		this.current = null;
	}

	/** Preempted (quantum spent) or yielded: back to READY. */
	private leaveCpu(proc: Process, reason: 'quantum' | 'yield'): void {
		this.endStretch(reason);
		this.setState(proc, 'READY', reason);
		this.policy.ready(proc.pid, reason === 'quantum' ? 'preempted' : 'yielded');
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
		this.policy.ready(proc.pid, why);
	}

	private stopProcess(proc: Process, by: string): void {
		if (proc.state === 'ZOMBIE' || proc.state === 'STOPPED') return;
		if (proc === this.current) this.endStretch('signal');
		else if (proc.state === 'READY') this.policy.remove(proc.pid);
		proc.stoppedBy = by;
		this.setState(proc, 'STOPPED', by);
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
		this.reportRefusedGrowth(proc);
		const status = reason.kind === 'exit' ? reason.code & 0xff : reason.kind === 'trap' ? 134 : reason.kind === 'signal' ? signalStatus(reason.signal) : 137;
		proc.exit = {status, reason, tick: this.clock.now, results};
		proc.pending = null;
		proc.retry = false;
		this.setState(proc, 'ZOMBIE', 'exit');
		proc.fds.forEach((id, fd) => {
			if (id === null) return;
			this.files.release(id);
			proc.fds[fd] = null;
		});
		proc.exec = null;
		// Orphans go to pid 1 (the shell, which reaps them), or to the user when there is none.
		const init = this.procs.get(1);
		const heir = init !== undefined && init !== proc && init.state !== 'ZOMBIE' ? 1 : 0;
		for (const child of this.procs.values()) if (child.ppid === proc.pid) child.ppid = heir;
		this.record({type: 'exit', tick: this.clock.now, pid: proc.pid, status, reason});
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

	private signalGroup(pgid: number, signal: SignalName, from: number | 'tty'): void {
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
		const acted = action === 'terminate' ? 'terminated' : action === 'stop' ? (proc.state === 'STOPPED' ? 'ignored' : 'stopped') : proc.state === 'STOPPED' ? 'continued' : 'ignored';
		this.record({type: 'signal', tick: this.clock.now, pid: proc.pid, signal, from, action: acted});
		if (action === 'terminate') this.terminate(proc, {kind: 'signal', signal});
		else if (action === 'stop') this.stopProcess(proc, `signal ${signal}`);
		else this.continueProcess(proc);
	}

	// ---- Processes ----------------------------------------------------------------------------

	spawn(spec: SpawnSpec): number {
		const live = [...this.procs.values()].filter(p => p.state !== 'ZOMBIE').length;
		if (live >= this.maxProcesses) throw new KernelError('EAGAIN', `${LIMIT_TEXT.processes} reached: ${this.maxProcesses} live processes`);
		const program = spec.program;
		const name = spec.name ?? program.name;
		const argv = spec.argv ?? [name];
		const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`);
		for (const word of [...argv, ...env]) {
			if (word.includes('\0')) throw new KernelError('EINVAL', `arguments and environment cannot contain a NUL character: ${JSON.stringify(word)}`);
		}
		for (const key of Object.keys(spec.env ?? {})) {
			if (key === '' || key.includes('=')) throw new KernelError('EINVAL', `bad environment variable name ${JSON.stringify(key)}`);
		}
		const limits: ProcessLimits = {...this.limits, ...spec.limits};
		checkLimits(limits);
		const parent = spec.parent ?? 0;
		if (parent !== 0) this.live(parent);
		const pid = this.nextPid;
		const pgid = spec.pgid ?? pid;
		if (pgid !== pid && this.group(pgid).length === 0) throw new KernelError('ESRCH', `no process group ${pgid} to join`);
		const priority = spec.priority ?? 0;
		checkPriority(priority);

		let exec: Exec | null = null;
		let failure: ExitReason | null = null;
		const initialPages = program.module.memories[0]?.limits.min ?? 0;
		const capPages = Math.floor(limits.memory / 65536);
		if (initialPages > capPages) {
			failure = {kind: 'limit', limit: 'memory', detail: `the module needs ${initialPages} pages of memory at start: cap ${capPages} pages (${LIMIT_TEXT.memory})`};
		} else {
			const made = createExec(program, spec, limits, this.abis);
			if ('trap' in made) failure = made.trap;
			else exec = made;
		}

		this.nextPid++;
		const fds = (spec.stdio ?? ['tty', 'tty', 'tty']).map((s, fd) => this.openStdio(s, fd));
		const proc = new Process({pid, ppid: parent, pgid, name, argv, env, priority, limits, exec, fds, now: this.clock.now, cpuWindow: this.cpuWindow});
		this.procs.set(pid, proc);
		this.record({type: 'spawn', tick: this.clock.now, pid, ppid: parent, pgid, name, argv: [...argv]});
		if (spec.foreground === true) this.terminal.foreground = pgid;
		if (failure !== null) {
			if (failure.kind === 'limit') this.record({type: 'limit', tick: this.clock.now, pid, limit: failure.limit, detail: failure.detail, fatal: true});
			this.terminate(proc, failure);
			return pid;
		}
		const memory = exec!.memory;
		if (memory !== null) {
			memory.growHook = (_memory, pages) => {
				if (pages > proc.capPages()) {
					proc.refusedGrowth = {count: (proc.refusedGrowth?.count ?? 0) + 1, pages};
					return false;
				}
				proc.peakPages = Math.max(proc.peakPages, pages);
				return true;
			};
		}
		const first = exec!.phases[0];
		exec!.thread.start(first.func, first.args);
		this.makeReady(proc, 'new');
		return pid;
	}

	private openStdio(spec: StdioSpec, fd: number): number {
		const id =
			spec === 'null'
				? this.files.open('null', {readable: true, writable: true})
				: this.files.open('tty', {readable: fd === 0, writable: fd !== 0, channel: fd === 2 ? 'err' : 'out'});
		this.files.retain(id);
		return id;
	}

	wait(pid: number): ExitInfo | null {
		const proc = this.procs.get(pid);
		if (proc === undefined) throw new KernelError('ESRCH', `no process ${pid}`);
		if (proc.state !== 'ZOMBIE') return null;
		this.procs.delete(pid);
		this.record({type: 'reap', tick: this.clock.now, pid, by: 0});
		return proc.exit;
	}

	setPriority(pid: number, priority: number): void {
		checkPriority(priority);
		this.live(pid).priority = priority;
	}

	/** A process that has not ended, or a KernelError. */
	private live(pid: number): Process {
		const proc = this.procs.get(pid);
		if (proc === undefined || proc.state === 'ZOMBIE') throw new KernelError('ESRCH', `no process ${pid}${proc === undefined ? '' : ' (it has ended)'}`);
		return proc;
	}

	private policyContext() {
		return {priority: (pid: number) => this.procs.get(pid)?.priority ?? 0, prng: this.prng};
	}

	// ---- Terminal -----------------------------------------------------------------------------

	private terminalControl(): TerminalControl {
		const terminal = this.terminal;
		return {
			input: data => {
				for (const signal of terminal.input(data)) if (terminal.foreground !== null) this.signalGroup(terminal.foreground, signal, 'tty');
				if (terminal.readable()) this.wakeAll('tty-read');
			},
			hangup: () => {
				terminal.hangup();
				this.wakeAll('tty-read');
			},
			setMode: mode => {
				terminal.setMode(mode);
				if (terminal.readable()) this.wakeAll('tty-read');
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

	machine(): MachineView {
		const counts = Object.fromEntries(PROCESS_STATES.map(s => [s, 0])) as Record<ProcessState, number>;
		let pages = 0;
		for (const proc of this.procs.values()) {
			counts[proc.state]++;
			pages += proc.pages();
		}
		return {
			clock: this.clock.now,
			status: this.status(),
			haltedBy: this.halted,
			nextWakeup: this.nextWakeup(),
			policy: this.policy.name,
			quantum: this.policy.quantum,
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
		return this.procs.get(pid)?.view(this.clock.now, this.terminal.foreground, this.files) ?? null;
	}

	processes(): ProcessView[] {
		return [...this.procs.values()].map(p => p.view(this.clock.now, this.terminal.foreground, this.files));
	}

	events(sinceSeq = 0): KernelEvent[] {
		return this.log.since(sinceSeq);
	}

	subscribe(listener: EventListener): () => void {
		return this.log.subscribe(listener);
	}
}

/** Whether a process could execute an instruction now (READY, RUNNING, or STOPPED for a debugger's step). */
function canRun(proc: Process): boolean {
	return proc.state !== 'ZOMBIE' && proc.state !== 'BLOCKED';
}

function checkCount(name: string, value: number, min: number): void {
	if (!Number.isSafeInteger(value) || value < min) throw new KernelError('EINVAL', `${name} must be a whole number >= ${min}, got ${value}`);
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
}
