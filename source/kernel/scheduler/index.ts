/*
 * The table of scheduling policies, one row each (one file per policy, with a header explaining it).
 * `--policy NAME` and kernel.setPolicy look names up here; a name that is not here is refused with
 * the list. Each row says in one line what the policy does and which of its parameters matter.
 */

import {KernelError} from '../errors.js';
import {fcfs} from './fcfs.js';
import {lottery} from './lottery.js';
import {mlfq} from './mlfq.js';
import {mlfqQuanta, sjfInitial, type PolicyParams} from './params.js';
import type {Policy, PolicyContext, PolicyFactory} from './policy.js';
import {priority} from './priority.js';
import {roundRobin} from './round-robin.js';
import {sjf, srtf} from './sjf.js';

interface PolicyRow {
	readonly factory: PolicyFactory;
	readonly summary: string;
	/** The parameters this policy uses, for a person: "quantum 10000". */
	readonly settings: (params: PolicyParams) => string;
}

const sjfSettings = (p: PolicyParams) => `alpha ${p.sjfAlpha}, first guess ${sjfInitial(p)}`;

export const SCHEDULING_POLICIES: Readonly<Record<string, PolicyRow>> = {
	fcfs: {factory: fcfs, summary: 'first come, first served: runs each process until it blocks, yields or ends', settings: () => 'runs until it blocks'},
	rr: {factory: roundRobin, summary: 'round robin: a FIFO of READY processes, a fixed quantum each', settings: p => `quantum ${p.quantum}`},
	priority: {
		factory: priority,
		summary: 'static priority (nice), preemptive, with aging against starvation',
		settings: p => `quantum ${p.quantum}, ${p.aging === 0 ? 'no aging' : `aging 1 level per ${p.aging} ticks waiting`}`,
	},
	mlfq: {
		factory: mlfq,
		summary: 'multi-level feedback queue: levels, per-level quanta, demotion, periodic boost',
		settings: p => `${p.mlfqLevels} levels, quanta ${mlfqQuanta(p).join('/')}, allotment ${p.mlfqAllotment}, ${p.mlfqBoost === 0 ? 'no boost' : `boost every ${p.mlfqBoost}`}`,
	},
	lottery: {factory: lottery, summary: 'lottery: a seeded draw among the READY processes\' tickets, a quantum each', settings: p => `quantum ${p.quantum}, tickets per process`},
	sjf: {factory: sjf, summary: 'shortest job first on bursts predicted by exponential averaging (non-preemptive)', settings: sjfSettings},
	srtf: {factory: srtf, summary: 'shortest remaining time first: sjf that preempts for a shorter predicted burst', settings: sjfSettings},
};

export const POLICY_NAMES: readonly string[] = Object.keys(SCHEDULING_POLICIES);

function row(name: string): PolicyRow {
	const found = Object.hasOwn(SCHEDULING_POLICIES, name) ? SCHEDULING_POLICIES[name] : undefined;
	if (found === undefined) throw new KernelError('EINVAL', `unknown scheduling policy "${name}" (policies: ${POLICY_NAMES.join(', ')})`);
	return found;
}

export function createPolicy(name: string, params: PolicyParams, context: PolicyContext): Policy {
	return row(name).factory(params, context);
}

/** "mlfq (3 levels, quanta 10000/20000/40000, allotment 1, boost every 1000000)". */
export function describePolicy(name: string, params: PolicyParams): string {
	return `${name} (${row(name).settings(params)})`;
}

export type {Policy, PolicyContext, ReadyReason} from './policy.js';
export {applyPolicyOptions, DEFAULT_POLICY_PARAMS, policyOptionProblem, type PolicyOptions, type PolicyParams} from './params.js';
