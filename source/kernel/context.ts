/*
 * The calling process as a syscall handler sees it (syscalls.ts's SyscallContext): a small object
 * made for each call, pointing at the machine and the process, with methods on its prototype so
 * that a syscall allocates no closures.
 */

import type {Memory} from '../wasm/exec/memory.js';
import {fdInfo} from './files.js';
import type {Machine} from './machine.js';
import type {Process} from './process.js';
import type {Errno, FdInfo, ReadResult, SyscallBlock, SyscallContext, Wait} from './syscalls.js';

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

	fdInfo(fd: number): FdInfo | null {
		const file = this.machine.fileOf(this.proc, fd);
		return file === null ? null : fdInfo(file);
	}

	read(fd: number, max: number): ReadResult {
		return this.machine.read(this.proc, fd, max);
	}

	write(fd: number, data: Uint8Array): number | Errno {
		return this.machine.write(this.proc, fd, data);
	}

	close(fd: number): Errno | null {
		return this.machine.close(this.proc, fd);
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
