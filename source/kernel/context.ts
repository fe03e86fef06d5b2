/*
 * The calling process as a syscall handler sees it (syscalls.ts's SyscallContext): a small object
 * made for each call, pointing at the machine and the process, with methods on its prototype so
 * that a syscall allocates no closures.
 */

import type {Memory} from '../wasm/exec/memory.js';
import {ProcessFiles} from './io.js';
import type {Machine} from './machine.js';
import type {Process} from './process.js';
import {GuestProcessCalls} from './process-calls.js';
import type {SignalName} from './signals.js';
import type {FileCalls, ProcessCalls, SyscallBlock, SyscallContext, Wait} from './syscalls.js';

export class ProcessContext implements SyscallContext {
	constructor(
		private readonly machine: Machine,
		private readonly proc: Process,
		readonly retrying: Wait | null,
	) {}

	get pid(): number {
		return this.proc.pid;
	}

	get argv(): readonly string[] {
		return this.proc.argv;
	}

	get env(): readonly string[] {
		return this.proc.env;
	}

	memory(): Memory | null {
		return this.proc.exec?.memory ?? null;
	}

	now(): number {
		return this.machine.clock.now;
	}

	realtime(): bigint {
		return this.machine.clock.realtime();
	}

	cpuTime(): number {
		return this.proc.instructions;
	}

	random(into: Uint8Array): void {
		this.machine.prng.fill(into);
	}

	get files(): FileCalls {
		return new ProcessFiles(this.machine, this.proc, this.retrying);
	}

	get procs(): ProcessCalls {
		return new GuestProcessCalls(this.machine, this.proc);
	}

	raise(signal: SignalName): void {
		this.machine.raise(this.proc, signal);
	}

	block(wait: Wait): SyscallBlock {
		return {block: {kind: 'wait', wait}};
	}

	yield(results: readonly number[]): SyscallBlock {
		return {block: {kind: 'yield', results}};
	}

	exit(code: number): SyscallBlock {
		return {block: {kind: 'exit', code}};
	}
}
