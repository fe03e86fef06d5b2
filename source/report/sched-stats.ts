/*
 * The statistics a scheduling course asks for, from the kernel's process views (kernel.processes(),
 * taken before the zombies are reaped). Times are in ticks (one tick = one instruction = one virtual
 * nanosecond):
 *
 *   response     first run − arrival (the textbook's response time)
 *   wake resp.   for each time a process was woken (an event it waited for happened): the ticks until
 *                it next got the CPU — what an interactive user feels — averaged
 *   turnaround   end − arrival
 *   waiting      ticks spent READY (wanting the CPU, not getting it)
 *   CPU bursts   CPU time from becoming READY to blocking, yielding or ending
 *   share        CPU time / (CPU time + waiting): the part of the time it wanted the CPU that it got
 *   fairness     Jain's index over the shares, (Σx)² / (n · Σx²): 1 when all are equal, 1/n when one
 *                process got everything
 *   throughput   processes completed per virtual millisecond (10^6 ticks) of the run
 */

import type {ProcessView} from '../kernel/kernel.js';

export interface ProcessStats {
	readonly pid: number;
	readonly name: string;
	/** Exit status, or null while it lives. */
	readonly status: number | null;
	readonly response: number | null;
	/** Times it was woken and then got the CPU, and the mean delay (null when never). */
	readonly wakeups: number;
	readonly wakeResponse: number | null;
	readonly turnaround: number | null;
	readonly waiting: number;
	readonly cpu: number;
	readonly bursts: number;
	readonly meanBurst: number | null;
	readonly switches: number;
	readonly share: number | null;
}

export interface RunSummary {
	readonly processes: number;
	readonly completed: number;
	/** The clock at the end of the run. */
	readonly makespan: number;
	readonly avgResponse: number | null;
	readonly avgWakeResponse: number | null;
	readonly avgTurnaround: number | null;
	readonly avgWaiting: number | null;
	/** Completed processes per 10^6 ticks. */
	readonly throughput: number;
	readonly fairness: number | null;
	readonly contextSwitches: number;
}

/** The responses to wake-ups: ProcessView.responses counts its first run (the response to its spawn) too. */
function wakeResponses(view: ProcessView): {count: number; total: number} {
	const first = view.responseTime === null ? 0 : 1;
	return {count: view.responses.count - first, total: view.responses.total - (view.responseTime ?? 0)};
}

export function processStats(view: ProcessView): ProcessStats {
	const {count, total} = view.cpuBursts;
	const wanted = view.instructions + view.ticks.ready;
	const wakes = wakeResponses(view);
	return {
		pid: view.pid,
		name: view.name,
		status: view.exit?.status ?? null,
		response: view.responseTime,
		wakeups: wakes.count,
		wakeResponse: wakes.count === 0 ? null : wakes.total / wakes.count,
		turnaround: view.turnaround,
		waiting: view.ticks.ready,
		cpu: view.instructions,
		bursts: count,
		meanBurst: count === 0 ? null : total / count,
		switches: view.contextSwitches.voluntary + view.contextSwitches.involuntary,
		share: wanted === 0 ? null : view.instructions / wanted,
	};
}

/** Jain's fairness index of `values` (null for none, or when all are 0). */
export function jainIndex(values: readonly number[]): number | null {
	let sum = 0;
	let squares = 0;
	for (const x of values) {
		sum += x;
		squares += x * x;
	}
	return squares === 0 ? null : (sum * sum) / (values.length * squares);
}

function mean(values: readonly number[]): number | null {
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export function summarize(views: readonly ProcessView[], makespan: number): RunSummary {
	const stats = views.map(processStats);
	const present = <T>(v: T | null): v is T => v !== null;
	// The mean over every wake-up of every process (a process woken often weighs more: it was kept waiting more often).
	let wakeCount = 0;
	let wakeTotal = 0;
	for (const view of views) {
		const wakes = wakeResponses(view);
		wakeCount += wakes.count;
		wakeTotal += wakes.total;
	}
	const completed = stats.filter(s => s.status !== null).length;
	return {
		processes: stats.length,
		completed,
		makespan,
		avgResponse: mean(stats.map(s => s.response).filter(present)),
		avgWakeResponse: wakeCount === 0 ? null : wakeTotal / wakeCount,
		avgTurnaround: mean(stats.map(s => s.turnaround).filter(present)),
		avgWaiting: mean(stats.map(s => s.waiting)),
		throughput: makespan === 0 ? 0 : (completed * 1_000_000) / makespan,
		fairness: jainIndex(stats.map(s => s.share).filter(present)),
		contextSwitches: stats.reduce((n, s) => n + s.switches, 0),
	};
}
