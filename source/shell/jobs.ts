/*
 * The job table: one job per pipeline started (foreground or background), with its process group.
 * The shell reaps its children here at every step and derives each job's state from its members:
 * done when every member has been reaped, stopped when a live member is stopped, else running.
 * %N names job N; %% and %+ the current job (the newest), %- the one before it.
 */

import type {ExitInfo, TaskContext} from '../kernel/kernel.js';
import type {Job, ShellState} from './state.js';

/** How a process ended, in a job report; null for a plain exit. */
export function endText(exit: ExitInfo): string | null {
	const r = exit.reason;
	switch (r.kind) {
		case 'exit':
			return null;
		case 'signal':
			return SIGNAL_TEXT[r.signal] ?? `Signal ${r.signal}`;
		case 'trap':
			return `trap: ${r.trap} in ${r.func}`;
		case 'limit':
			return `${r.limit} limit exceeded: ${r.detail}`;
	}
}

const SIGNAL_TEXT: Readonly<Record<string, string>> = {INT: 'Interrupt', KILL: 'Killed', TERM: 'Terminated', PIPE: 'Broken pipe'};

/** Reaps ended members of every job and updates the jobs' states (a change not yet reported is marked). */
export function refreshJobs(ctx: TaskContext, state: ShellState): void {
	for (const job of state.jobs) {
		if (job.state === 'done') continue;
		let stopped = false;
		for (const pid of job.pids) {
			if (Object.hasOwn(job.statuses, String(pid))) continue;
			const view = ctx.process(pid);
			if (view === null) {
				// Reaped by someone else (it was not our child any more): its status is lost.
				job.statuses[String(pid)] = 0;
			} else if (view.state === 'ZOMBIE' && view.ppid === ctx.pid) {
				const exit = ctx.reap(pid)!;
				job.statuses[String(pid)] = exit.status;
				if (pid === job.pids.at(-1)) job.how = endText(exit);
			} else if (view.state === 'STOPPED') stopped = true;
		}
		const next = job.pids.every(pid => Object.hasOwn(job.statuses, String(pid))) ? 'done' : stopped ? 'stopped' : 'running';
		if (next !== job.state) {
			job.state = next;
			job.notified = next === 'running';
		}
	}
}

/** Reaps children that belong to no job: orphans handed to the shell as PID 1. */
export function reapOrphans(ctx: TaskContext, state: ShellState): void {
	const known = new Set(state.jobs.flatMap(j => j.pids));
	for (const view of ctx.processes()) if (view.ppid === ctx.pid && view.state === 'ZOMBIE' && !known.has(view.pid)) ctx.reap(view.pid);
}

/** A job's status: its last member's. */
export function jobStatus(job: Job): number {
	return job.statuses[String(job.pids.at(-1))] ?? 0;
}

/** "[2]+  Running                 spin &" as `jobs` and the prompt's notices print it. */
export function jobLine(state: ShellState, job: Job, withPids = false): string {
	const mark = job === state.jobs.at(-1) ? '+' : job === state.jobs.at(-2) ? '-' : ' ';
	const status = jobStatus(job);
	const what =
		job.state === 'running' ? 'Running' : job.state === 'stopped' ? 'Stopped' : job.how !== null ? job.how : status === 0 ? 'Done' : `Exit ${status}`;
	const pids = withPids ? `${job.pids.join(',')} ` : '';
	return `[${job.id}]${mark}  ${pids}${what.padEnd(22)}  ${job.text}${job.state === 'running' ? ' &' : ''}`;
}

/** The job a %N / %% / %+ / %- / PID word names, or an error message. */
export function findJob(state: ShellState, spec: string | undefined): Job | string {
	if (state.jobs.length === 0) return 'no jobs';
	if (spec === undefined || spec === '%%' || spec === '%+' || spec === '%') return state.jobs.at(-1)!;
	if (spec === '%-') return state.jobs.at(-2) ?? `${spec}: no such job`;
	const m = /^%(\d+)$/.exec(spec);
	if (m !== null) return state.jobs.find(j => j.id === Number(m[1])) ?? `${spec}: no such job`;
	if (/^\d+$/.test(spec)) return state.jobs.find(j => j.pids.includes(Number(spec))) ?? `${spec}: no such job`;
	return `${spec}: no such job (use %N or a PID)`;
}

/** Removes the job; the next job number restarts after the highest left. */
export function removeJob(state: ShellState, job: Job): void {
	state.jobs = state.jobs.filter(j => j !== job);
	state.nextJob = Math.max(0, ...state.jobs.map(j => j.id)) + 1;
}
