/*
 * The calling host task as its step sees it (task.ts's TaskContext): a small object made for each
 * step, pointing at the machine and the process, like ProcessContext for a syscall.
 */

import {ProcessFiles} from './io.js';
import type {Kernel, SpawnSpec} from './kernel.js';
import type {Machine} from './machine.js';
import {SnapshotError} from './snapshot/errors.js';
import {saveSnapshot} from './snapshot/save.js';
import type {Process} from './process.js';
import type {SignalName} from './signals.js';
import type {FileCalls, Wait} from './syscalls.js';
import type {TaskContext} from './task.js';
import type {ExitInfo, MachineView, MemoryMapView, ProcessView} from './views.js';

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

	saveSnapshot(file: string): void {
		const m = this.kernel;
		const proc = this.proc;
		// A checkpoint already set (--snapshot-at) is set again once this one has run.
		const previous = m.checkpoint;
		m.setCheckpoint({
			at: null,
			run: () => {
				m.setCheckpoint(previous);
				let text: string;
				try {
					const {bytes} = saveSnapshot(m, file);
					text = `snapshot: saved ${file} (${bytes} bytes)\n`;
				} catch (error) {
					if (!(error instanceof SnapshotError)) throw error;
					text = `snapshot: ${error.message}\n`;
				}
				if (proc.state !== 'ZOMBIE') new ProcessFiles(m, proc, null).write(2, new TextEncoder().encode(text));
			},
		});
	}

	setPriority(pid: number, priority: number): void {
		this.kernel.setPriority(pid, priority);
	}

	setLimits(...args: Parameters<Kernel['setLimits']>): void {
		this.kernel.setLimits(...args);
	}

	setTrace(pid: number, on: boolean): void {
		this.kernel.setTrace(pid, on);
	}

	setTraceFilter(names: readonly string[] | null): void {
		this.kernel.setTraceFilter(names);
	}

	tracing(): ReturnType<Kernel['tracing']> {
		return this.kernel.tracing();
	}

	watchMemory(pid: number, on: boolean): void {
		this.kernel.watchMemory(pid, on);
	}

	memoryMap(pid: number): MemoryMapView | null {
		return this.kernel.memoryMap(pid);
	}

	nonZeroCells(pid: number): Uint8Array | null {
		return this.kernel.nonZeroCells(pid);
	}
}
