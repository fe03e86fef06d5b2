/* The policies' parameters: how options apply to the current ones, and what is refused. */

import {describe, expect, it} from 'vitest';
import {applyPolicyOptions, DEFAULT_POLICY_PARAMS, mlfqQuanta, policyOptionProblem} from '../../../source/kernel/scheduler/params.js';
import {describePolicy} from '../../../source/kernel/scheduler/index.js';

describe('policy parameters', () => {
	it('derives MLFQ quanta from the quantum until they are given, one for all levels or one per level', () => {
		expect(mlfqQuanta(DEFAULT_POLICY_PARAMS)).toEqual([10_000, 20_000, 40_000]);
		expect(mlfqQuanta(applyPolicyOptions(DEFAULT_POLICY_PARAMS, {quantum: 500}))).toEqual([500, 1000, 2000]);
		expect(mlfqQuanta(applyPolicyOptions(DEFAULT_POLICY_PARAMS, {mlfqQuanta: [7]}))).toEqual([7, 7, 7]);
		const four = applyPolicyOptions(DEFAULT_POLICY_PARAMS, {mlfqQuanta: [1, 2, 3, 4]});
		expect(four.mlfqLevels).toBe(4);
		expect(mlfqQuanta(four)).toEqual([1, 2, 3, 4]);
		// New levels without new quanta: the list no longer fits, the quanta are derived again.
		expect(mlfqQuanta(applyPolicyOptions(four, {mlfqLevels: 2}))).toEqual([10_000, 20_000]);
		expect(applyPolicyOptions(four, {aging: 5})).toMatchObject({mlfqQuanta: [1, 2, 3, 4], aging: 5});
		expect(applyPolicyOptions(four, {mlfqLevels: undefined}).mlfqLevels).toBe(4);
	});

	it('names the option that is out of range', () => {
		expect(policyOptionProblem({quantum: 1, aging: 0, mlfqBoost: 0, sjfAlpha: 0, sjfInitial: null})).toBeNull();
		expect(policyOptionProblem({quantum: 1.5})).toEqual({option: 'quantum', problem: 'must be a whole number >= 1, got 1.5'});
		expect(policyOptionProblem({mlfqLevels: 17})).toEqual({option: 'mlfqLevels', problem: 'must be a whole number from 1 to 16, got 17'});
		expect(policyOptionProblem({mlfqAllotment: 0})?.option).toBe('mlfqAllotment');
		expect(policyOptionProblem({mlfqQuanta: []})?.problem).toBe('needs 1 to 16 values, got 0');
		expect(policyOptionProblem({mlfqQuanta: [5, 0]})?.problem).toBe('values must be whole numbers >= 1, got 0');
		expect(policyOptionProblem({sjfAlpha: Number.NaN})?.option).toBe('sjfAlpha');
		expect(policyOptionProblem({sjfInitial: 0})?.option).toBe('sjfInitial');
	});

	it('describes each policy with the parameters it uses', () => {
		expect(describePolicy('fcfs', DEFAULT_POLICY_PARAMS)).toBe('fcfs (runs until it blocks)');
		expect(describePolicy('rr', DEFAULT_POLICY_PARAMS)).toBe('rr (quantum 10000)');
		expect(describePolicy('mlfq', DEFAULT_POLICY_PARAMS)).toBe('mlfq (3 levels, quanta 10000/20000/40000, allotment 1, boost every 1000000)');
		expect(describePolicy('priority', {...DEFAULT_POLICY_PARAMS, aging: 0})).toBe('priority (quantum 10000, no aging)');
		expect(describePolicy('sjf', DEFAULT_POLICY_PARAMS)).toBe('sjf (alpha 0.5, first guess 10000)');
	});
});
