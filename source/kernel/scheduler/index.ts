/*
 * The table of scheduling policies, one row each (one file per policy). `--policy NAME` and
 * kernel.setPolicy look names up here; a name that is not here is refused with the list.
 */

import {KernelError} from '../errors.js';
import type {Policy, PolicyContext, PolicyFactory} from './policy.js';
import {roundRobin} from './round-robin.js';

export const SCHEDULING_POLICIES: Readonly<Record<string, {readonly factory: PolicyFactory; readonly summary: string}>> = {
	rr: {factory: roundRobin, summary: 'round robin: a FIFO of READY processes, a fixed quantum each'},
};

export function createPolicy(name: string, quantum: number, context: PolicyContext): Policy {
	const row = Object.hasOwn(SCHEDULING_POLICIES, name) ? SCHEDULING_POLICIES[name] : undefined;
	if (row === undefined) {
		throw new KernelError('EINVAL', `unknown scheduling policy "${name}" (policies: ${Object.keys(SCHEDULING_POLICIES).join(', ')})`);
	}
	return row.factory(quantum, context);
}

export type {Policy, PolicyContext, ReadyReason} from './policy.js';
