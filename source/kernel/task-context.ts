/*
 * The calling host task as its step sees it (task.ts's TaskContext): a small object made for each
 * step, pointing at the machine and the process, like ProcessContext for a syscall.
 */

import {ProcessFiles} from './io.js';
import type {Kernel, SpawnSpec} from './kernel.js';
import type {Machine} from './machine.js';
import type {Process} from './process.js';
import type {SignalName} from './signals.js';
import type {FileCalls, Wait} from './syscalls.js';
import type {TaskContext} from './task.js';
import type {ExitInfo, MachineView, ProcessView} from './views.js';

export class TaskProcessContext implements TaskContext {
	/** Its files, exactly as a syscall handler has them. */
	readonly files: FileCalls;

	constructor(
		private readonly kernel: Machine,
		private readonly proc: Process,
		readonly retrying: Wait | null,
	) {
		this.files = new ProcessFiles(kernel, proc, retrying);
	}

	get pid(): number {
		return this.proc.pid;
	}

	get argv(): readonly string[] {
		return this.proc.argv;
	}

	get env(): readonly string[] {
		return this.proc.env;
	}

	now(): number {
		return this.kernel.clock.now;
	}

	realtime(): bigint {
		return this.kernel.clock.realtime();
	}

	spawn(spec: SpawnSpec): number {
		return this.kernel.spawn({parent: this.proc.pid, ...spec});
	}

	reap(pid: number): ExitInfo | null {
		return this.kernel.reap(pid, this.proc.pid);
	}

	kill(pid: number, signal: SignalName): void {
		this.kernel.kill(pid, signal);
	}

	killGroup(pgid: number, signal: SignalName): void {
		this.kernel.killGroup(pgid, signal);
	}

	setForeground(pgid: number | null): void {
		this.kernel.terminal.foreground = pgid;
	}

	process(pid: number): ProcessView | null {
		return this.kernel.process(pid);
	}

	processes(): ProcessView[] {
		return this.kernel.processes();
	}

	machine(): MachineView {
		return this.kernel.machine();
	}

	setPolicy(...args: Parameters<Kernel['setPolicy']>): void {
		this.kernel.setPolicy(...args);
	}
}
