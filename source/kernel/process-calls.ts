/*
 * The calling process's family as a syscall handler sees it (syscalls.ts's ProcessCalls): spawning
 * and reaping its children, signalling, priorities and dup2 — what the wasmos ABI (source/abi)
 * turns into host functions. A small object made per call, like ProcessContext.
 *
 * A child gets: the caller's limits and capabilities (the kernel's narrowLimits: nothing more),
 * its working directory, priority, lottery tickets and process group; the environment and fds
 * 0, 1, 2 the request names or, by default, the caller's. Failures are errnos, and the reason in
 * words is kept in the process (lastError) for the log.
 */

import {KernelError, SpawnError} from './errors.js';
import {LIMIT_NUMBERS} from './limits.js';
import type {Machine} from './machine.js';
import type {Process} from './process.js';
import {SIGNALS, type SignalName} from './signals.js';
import type {ChildExit, ChildSpawn, Errno, ProcessCalls} from './syscalls.js';
import type {StdioSpec} from './kernel.js';
import type {ExitInfo} from './views.js';

export class GuestProcessCalls implements ProcessCalls {
	constructor(
		private readonly machine: Machine,
		private readonly proc: Process,
	) {}

	get ppid(): number {
		return this.proc.ppid;
	}

	lastError(): string | null {
		return this.proc.lastError;
	}

	spawn(request: ChildSpawn): {readonly pid: number} | {readonly errno: Errno} {
		const proc = this.proc;
		const env: Record<string, string> = {};
		for (const word of request.env ?? proc.env) {
			const eq = word.indexOf('=');
			if (eq <= 0) return {errno: this.fail('EINVAL', `environment entry ${JSON.stringify(word)} is not KEY=VALUE`)};
			env[word.slice(0, eq)] = word.slice(eq + 1);
		}
		const stdio = (request.stdio ?? [0, 1, 2]).map((fd, k): StdioSpec => {
			if (fd === -1) return 'null';
			// Inheriting an fd the caller has closed gives the child /dev/null there.
			if (request.stdio === null && this.machine.fileOf(proc, k) === null) return 'null';
			return {fd};
		}) as [StdioSpec, StdioSpec, StdioSpec];
		try {
			const pid = this.machine.spawn({
				path: request.path,
				// No arguments at all: argv is just the program's name, as for a spawn from the host.
				argv: request.argv.length === 0 ? undefined : request.argv,
				env,
				parent: proc.pid,
				pgid: proc.pgid,
				cwd: proc.cwd,
				stdio,
				priority: proc.priority,
				tickets: proc.tickets,
			});
			proc.lastError = null;
			return {pid};
		} catch (error) {
			if (error instanceof SpawnError) return {errno: this.fail(error.errno, error.message)};
			if (error instanceof KernelError) return {errno: this.fail(error.errno, error.message)};
			throw error;
		}
	}

	reap(pid: number): ChildExit | {readonly errno: Errno} | null {
		const children = [...this.machine.procs.values()].filter(p => p.ppid === this.proc.pid);
		const wanted = pid === -1 ? children : children.filter(p => p.pid === pid);
		if (wanted.length === 0) return {errno: this.fail('ECHILD', pid === -1 ? 'no children' : `process ${pid} is not a child of process ${this.proc.pid}`)};
		const ended = wanted.find(p => p.state === 'ZOMBIE');
		if (ended === undefined) return null;
		const exit = this.machine.reap(ended.pid, this.proc.pid)!;
		return childExit(ended.pid, exit);
	}

	kill(pid: number, signal: SignalName | null): Errno | null {
		if (pid <= 0) return this.fail('EINVAL', `pid ${pid}: only a single process can be signalled`);
		const target = this.machine.procs.get(pid);
		if (target === undefined || target.state === 'ZOMBIE') return this.fail('ESRCH', `no process ${pid}`);
		if (!this.mayControl(target)) return this.fail('EPERM', `process ${this.proc.pid} may not signal process ${pid}: only itself and its descendants`);
		if (signal !== null) this.machine.kill(pid, signal, {from: this.proc.pid});
		return null;
	}

	getPriority(pid: number): {readonly priority: number} | {readonly errno: Errno} {
		const target = this.target(pid);
		return 'errno' in target ? target : {priority: target.priority};
	}

	setPriority(pid: number, priority: number): Errno | null {
		if (!Number.isInteger(priority) || priority < -20 || priority > 19) return this.fail('EINVAL', `priority ${priority} is outside -20..19`);
		const target = this.target(pid);
		if ('errno' in target) return target.errno;
		if (priority < this.proc.priority) return this.fail('EACCES', `priority ${priority} is better than the caller's own (${this.proc.priority})`);
		this.machine.setPriority(target.pid, priority);
		return null;
	}

	dup2(from: number, to: number): Errno | null {
		const proc = this.proc;
		const file = this.machine.fileOf(proc, from);
		if (file === null) return this.fail('EBADF', `fd ${from} is not open`);
		if (!Number.isInteger(to) || to < 0 || to >= proc.limits.fds) return this.fail('EBADF', `fd ${to} is outside 0..${proc.limits.fds - 1} (open file limit)`);
		if (from === to) return null;
		this.machine.files.retain(file.id);
		if (this.machine.fileOf(proc, to) !== null) this.machine.closeFd(proc, to);
		while (proc.fds.length < to) proc.fds.push(null);
		proc.fds[to] = file.id;
		return null;
	}

	/** The process a priority call names (0: the caller), if the caller may control it. */
	private target(pid: number): Process | {readonly errno: Errno} {
		const target = pid === 0 ? this.proc : this.machine.procs.get(pid);
		if (target === undefined || target.state === 'ZOMBIE') return {errno: this.fail('ESRCH', `no process ${pid}`)};
		if (!this.mayControl(target)) return {errno: this.fail('EPERM', `process ${this.proc.pid} may not change process ${pid}: only itself and its descendants`)};
		return target;
	}

	/** Whether `target` is the caller or one of its descendants. */
	private mayControl(target: Process): boolean {
		for (let p: Process | undefined = target; p !== undefined; p = p.ppid === 0 ? undefined : this.machine.procs.get(p.ppid)) {
			if (p.pid === this.proc.pid) return true;
		}
		return false;
	}

	private fail(errno: Errno, why: string): Errno {
		this.proc.lastError = why;
		return errno;
	}
}

/** An ExitInfo as wait() reports it. */
function childExit(pid: number, exit: ExitInfo): ChildExit {
	const r = exit.reason;
	switch (r.kind) {
		case 'exit':
			return {pid, status: exit.status, reason: 'exit', detail: r.code};
		case 'signal':
			return {pid, status: exit.status, reason: 'signal', detail: SIGNALS[r.signal].number};
		case 'trap':
			return {pid, status: exit.status, reason: 'trap', detail: 0};
		case 'limit':
			return {pid, status: exit.status, reason: 'limit', detail: LIMIT_NUMBERS[r.limit]};
	}
}
