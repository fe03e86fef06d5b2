/*
 * The parameters of the scheduling policies, in one record shared by all of them: each policy reads
 * the fields it needs. The machine keeps the current record; boot options and kernel.setPolicy give
 * partial updates (PolicyOptions), so a parameter set once stays set when the policy changes
 * (`setPolicy('mlfq', {mlfqLevels: 4})`, later `setPolicy('rr')`, later `setPolicy('mlfq')`: 4 levels).
 *
 *   quantum        rr, priority, lottery: instructions per time slice; mlfq's level 0 by default;
 *                  sjf's first guess by default. fcfs, sjf and srtf run a process until it blocks.
 *   aging          priority: a READY process gains one priority level per `aging` ticks it waits (0: off)
 *   mlfqLevels     mlfq: number of queues
 *   mlfqQuanta     mlfq: time slice of each level, top first (null: quantum × 2^level; one value: every level)
 *   mlfqAllotment  mlfq: time slices a process may use at a level before it moves down one
 *   mlfqBoost      mlfq: every this many ticks every process goes back to the top (0: never)
 *   sjfAlpha       sjf, srtf: weight of the last burst in the prediction τ' = α·t + (1 − α)·τ
 *   sjfInitial     sjf, srtf: the prediction for a process that has not finished a burst (null: quantum)
 */

export interface PolicyParams {
	readonly quantum: number;
	readonly aging: number;
	readonly mlfqLevels: number;
	readonly mlfqQuanta: readonly number[] | null;
	readonly mlfqAllotment: number;
	readonly mlfqBoost: number;
	readonly sjfAlpha: number;
	readonly sjfInitial: number | null;
}

export type PolicyOptions = Partial<PolicyParams>;

export const DEFAULT_POLICY_PARAMS: PolicyParams = {
	quantum: 10_000,
	aging: 100_000,
	mlfqLevels: 3,
	mlfqQuanta: null,
	mlfqAllotment: 1,
	mlfqBoost: 1_000_000,
	sjfAlpha: 0.5,
	sjfInitial: null,
};

/** The most MLFQ levels: enough for any homework, few enough to print. */
export const MAX_MLFQ_LEVELS = 16;

/** What is wrong with one option, named by its key ("mlfqLevels"), or null when all are good. */
export interface OptionProblem {
	readonly option: keyof PolicyParams;
	readonly problem: string;
}

/** Checks the options given (not the result of merging them). */
export function policyOptionProblem(options: PolicyOptions): OptionProblem | null {
	const whole = (option: keyof PolicyParams, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): OptionProblem | null =>
		value === undefined || (Number.isSafeInteger(value) && value >= min && value <= max)
			? null
			: {option, problem: max === Number.MAX_SAFE_INTEGER ? `must be a whole number >= ${min}, got ${value}` : `must be a whole number from ${min} to ${max}, got ${value}`};
	const problem =
		whole('quantum', options.quantum, 1) ??
		whole('aging', options.aging, 0) ??
		whole('mlfqLevels', options.mlfqLevels, 1, MAX_MLFQ_LEVELS) ??
		whole('mlfqAllotment', options.mlfqAllotment, 1) ??
		whole('mlfqBoost', options.mlfqBoost, 0) ??
		(options.sjfInitial === null ? null : whole('sjfInitial', options.sjfInitial, 1));
	if (problem !== null) return problem;
	const alpha = options.sjfAlpha;
	if (alpha !== undefined && !(Number.isFinite(alpha) && alpha >= 0 && alpha <= 1)) return {option: 'sjfAlpha', problem: `must be a number from 0 to 1, got ${alpha}`};
	const quanta = options.mlfqQuanta;
	if (quanta !== undefined && quanta !== null) {
		if (quanta.length === 0 || quanta.length > MAX_MLFQ_LEVELS) return {option: 'mlfqQuanta', problem: `needs 1 to ${MAX_MLFQ_LEVELS} values, got ${quanta.length}`};
		const bad = quanta.find(q => !Number.isSafeInteger(q) || q < 1);
		if (bad !== undefined) return {option: 'mlfqQuanta', problem: `values must be whole numbers >= 1, got ${bad}`};
		const levels = options.mlfqLevels;
		if (levels !== undefined && quanta.length > 1 && quanta.length !== levels) {
			return {option: 'mlfqQuanta', problem: `has ${quanta.length} values for ${levels} levels (give one per level, or one for all)`};
		}
	}
	return null;
}

/**
 * The parameters after `options` are applied to `base`; null for the options that were not given.
 * MLFQ's levels follow its quanta: a list of n > 1 values sets n levels; new levels without new quanta
 * drop a list of the old length (the quanta are derived from the quantum again).
 */
export function applyPolicyOptions(base: PolicyParams, options: PolicyOptions): PolicyParams {
	const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PolicyOptions;
	const merged = {...base, ...given};
	const quanta = given.mlfqQuanta;
	if (quanta !== undefined && quanta !== null && quanta.length > 1) return {...merged, mlfqLevels: quanta.length};
	if (given.mlfqLevels !== undefined && quanta === undefined && base.mlfqQuanta !== null && base.mlfqQuanta.length > 1 && base.mlfqQuanta.length !== given.mlfqLevels) {
		return {...merged, mlfqQuanta: null};
	}
	return merged;
}

/** MLFQ's time slice at each level, top first. */
export function mlfqQuanta(params: PolicyParams): number[] {
	const given = params.mlfqQuanta;
	return Array.from({length: params.mlfqLevels}, (_, level) => (given === null ? params.quantum * 2 ** level : given.length === 1 ? given[0] : given[level]));
}

/** SJF's prediction for a process that has not finished a burst yet. */
export function sjfInitial(params: PolicyParams): number {
	return params.sjfInitial ?? params.quantum;
}
