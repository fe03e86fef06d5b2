/*
 * The steps of the machine settings the keys change: the next scheduling policy (`p`), the quantum
 * on a 1-2-5 ladder (`[` / `]`) and a process's priority one nice level at a time (`<` / `>`),
 * clamped to what the kernel accepts.
 */

import {POLICY_NAMES} from '../kernel/kernel.js';

export function nextPolicy(name: string): string {
	return POLICY_NAMES[(POLICY_NAMES.indexOf(name) + 1) % POLICY_NAMES.length];
}

/** 1, 2, 5, 10, 20, 50, ... up to 100,000,000 instructions. */
export const QUANTA: readonly number[] = Array.from({length: 25}, (_, k) => [1, 2, 5][k % 3] * 10 ** Math.floor(k / 3));

/** The next quantum up (+1) or down (-1) the ladder from `quantum` (which need not be on it). */
export function stepQuantum(quantum: number, direction: 1 | -1): number {
	if (direction > 0) return QUANTA.find(q => q > quantum) ?? QUANTA.at(-1)!;
	return [...QUANTA].reverse().find(q => q < quantum) ?? QUANTA[0];
}

export const MIN_PRIORITY = -20;
export const MAX_PRIORITY = 19;

export function stepPriority(priority: number, direction: 1 | -1): number {
	return Math.max(MIN_PRIORITY, Math.min(MAX_PRIORITY, priority + direction));
}
