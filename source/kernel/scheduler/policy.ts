/*
 * The interface every scheduling policy implements. The kernel tells the policy which processes are
 * READY and asks it which to run next and for how many instructions; the policy never touches a
 * process. Policies can be switched while the machine runs: the new one receives the READY
 * processes in the old one's order (the one that was on the CPU first), and meets the others when
 * they become READY again. A policy's state is plain data (pids and numbers).
 *
 * The kernel's calls, in the order they come for one process:
 *   ready(pid, why)          it became READY (spawned, woken, its slice ran out, preempted, ...)
 *   pick() → pid             it is chosen: it leaves the ready set and gets the CPU for quantumFor(pid)
 *   ran(pid, n, why)         it left the CPU after n instructions in this dispatch, for `why`
 *   remove(pid)              it stopped being READY without running (blocked, stopped, killed)
 *   forget(pid)              it ended: drop what is kept about it
 * and for preemption, while some process holds the CPU:
 *   preempts(current, ran)   asked whenever another process becomes READY (and after renice): true
 *                            takes the CPU from `current` (SchedReason 'preempted', ReadyReason 'preempted')
 *   alarm() / ring(now)      a policy with a timer (MLFQ's boost) names the tick it wants; when the
 *                            clock reaches it the kernel calls ring(), which may take the CPU too
 * and for snapshots (kernel/snapshot/):
 *   exportState()            everything it keeps, as plain JSON-able data
 *   importState(state)       the same, into a fresh policy of the same name and parameters; a
 *                            malformed state throws a PolicyStateError naming the field
 */

import type {Prng} from '../prng.js';
import type {SchedReason} from '../events.js';
import type {PolicyParams} from './params.js';

/** Why a process became READY. */
export type ReadyReason =
	| 'new' // just spawned
	| 'expired' // its time slice ran out
	| 'preempted' // the policy gave the CPU to another process before its slice ran out
	| 'yielded' // it gave up the CPU (sched_yield)
	| 'woken' // what it was blocked on happened
	| 'continued' // CONT after a stop
	| 'policy'; // carried over from the previous policy when the policy was switched

/** A quantum that never runs out: the process runs until it blocks, yields or ends (fcfs, sjf). */
export const UNTIL_BLOCKED = Number.MAX_SAFE_INTEGER;

/** What a policy may read about processes and the machine. */
export interface PolicyContext {
	/** Static priority (nice), -20 (first) .. 19 (last). */
	priority(pid: number): number;
	/** Lottery tickets, >= 1. */
	tickets(pid: number): number;
	/** The virtual clock, in ticks. */
	now(): number;
	readonly prng: Prng;
}

export interface Policy {
	/** The name used on the command line: "rr". */
	readonly name: string;
	/** Whether it preempts on a time slice; false for fcfs, sjf and srtf, which run a process until it blocks. */
	readonly sliced: boolean;
	ready(pid: number, why: ReadyReason): void;
	/** `pid` is no longer READY (it blocked, stopped or exited); a no-op when it is not queued. */
	remove(pid: number): void;
	/** Takes the next process to run off the ready set; null when none is READY. */
	pick(): number | null;
	/** Instructions `pid` may run in the dispatch that pick() just chose it for (UNTIL_BLOCKED: no limit). */
	quantumFor(pid: number): number;
	/** The READY processes in the order the policy would run them (lottery: the order they arrived). */
	queue(): readonly number[];
	/** `pid` left the CPU after running `instructions` since it was picked. */
	ran?(pid: number, instructions: number, why: SchedReason): void;
	/** Whether `current` (on the CPU for `ran` instructions of this dispatch) must give way to a READY process. */
	preempts?(current: number, ran: number): boolean;
	/** The tick at which the policy wants to act next (ring), or null. */
	alarm?(): number | null;
	/** The clock reached alarm(): act. True when `current` (the process on the CPU, if any) must leave it. */
	ring?(now: number, current: number | null): boolean;
	/** `pid` ended. */
	forget?(pid: number): void;
	/** What it keeps about `pid`, for the process table ({level: 2}, {predictedBurst: 12000}). */
	state?(pid: number): Readonly<Record<string, number>>;
	/** Its whole state as plain data (snapshots). */
	exportState(): unknown;
	/** Replaces its state with an exported one (a fresh policy, same name and parameters). */
	importState(state: unknown): void;
}

/** A policy state that cannot be imported: `field` names where, inside the state. */
export class PolicyStateError extends Error {
	override readonly name = 'PolicyStateError';
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(`${field}: ${problem}`);
	}
}

/** The record `state` as an object with these fields, or a PolicyStateError. */
export function stateRecord(state: unknown, fields: readonly string[]): Record<string, unknown> {
	if (typeof state !== 'object' || state === null || Array.isArray(state)) throw new PolicyStateError('', 'must be an object');
	for (const field of fields) if (!(field in state)) throw new PolicyStateError(field, 'is missing');
	return state as Record<string, unknown>;
}

/** A whole number (or null when `nullable`), else a PolicyStateError naming `field`. */
export function stateNumber(value: unknown, field: string, nullable = false): number {
	if (nullable && value === null) return null as unknown as number;
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new PolicyStateError(field, `must be a number, got ${JSON.stringify(value)}`);
	return value;
}

/** A list of pids, else a PolicyStateError naming `field`. */
export function statePids(value: unknown, field: string): number[] {
	if (!Array.isArray(value)) throw new PolicyStateError(field, 'must be a list of pids');
	return value.map((pid, k) => {
		if (!Number.isSafeInteger(pid) || (pid as number) < 1) throw new PolicyStateError(`${field}[${k}]`, `must be a pid, got ${JSON.stringify(pid)}`);
		return pid as number;
	});
}

/** Entries [pid, record] of a saved map, each record checked for its numeric fields. */
export function stateEntries(value: unknown, field: string, numbers: readonly string[]): Array<[number, Record<string, number>]> {
	if (!Array.isArray(value)) throw new PolicyStateError(field, 'must be a list of [pid, {...}] entries');
	return value.map((entry, k) => {
		const at = `${field}[${k}]`;
		if (!Array.isArray(entry) || entry.length !== 2) throw new PolicyStateError(at, 'must be [pid, {...}]');
		const [pid] = statePids([entry[0]], at);
		const record = stateRecord(entry[1], numbers);
		const out: Record<string, number> = {};
		for (const name of numbers) out[name] = stateNumber(record[name], `${at}.${name}`);
		return [pid, out];
	});
}

export type PolicyFactory = (params: PolicyParams, context: PolicyContext) => Policy;
