/*
 * The interface every scheduling policy implements. The kernel tells the policy which processes are
 * READY and asks it which to run next and for how many instructions; the policy never touches a
 * process. Policies can be switched while the machine runs: the new one receives the READY
 * processes in the old one's order. A policy's state is plain data (pids and numbers).
 */

import type {Prng} from '../prng.js';

/** Why a process became READY. */
export type ReadyReason =
	| 'new' // just spawned
	| 'preempted' // its quantum ran out
	| 'yielded' // it gave up the CPU (sched_yield)
	| 'woken' // what it was blocked on happened
	| 'continued' // CONT after a stop
	| 'policy'; // carried over from the previous policy when the policy was switched

/** What a policy may read about processes and the machine. */
export interface PolicyContext {
	priority(pid: number): number;
	readonly prng: Prng;
}

export interface Policy {
	/** The name used on the command line: "rr". */
	readonly name: string;
	/** The default quantum, in instructions. */
	quantum: number;
	ready(pid: number, why: ReadyReason): void;
	/** `pid` is no longer READY (it blocked, stopped or exited); a no-op when it is not queued. */
	remove(pid: number): void;
	/** Takes the next process to run off the ready set; null when none is READY. */
	pick(): number | null;
	/** Instructions `pid` may run in the dispatch that pick() just chose it for. */
	quantumFor(pid: number): number;
	/** The READY processes in the order the policy would run them. */
	queue(): readonly number[];
}

export type PolicyFactory = (quantum: number, context: PolicyContext) => Policy;
