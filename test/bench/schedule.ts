/**
 * The order in which (run, engine) measurements happen: runs of the engines interleaved
 * (A B A B ...), so a slow drift of the machine (thermal, other load) hits every engine alike
 * instead of whichever engine happened to be measured last.
 */

export interface Slot<T> {
	readonly run: number;
	readonly engine: T;
}

export function interleave<T>(engines: readonly T[], runs: number): Slot<T>[] {
	const slots: Slot<T>[] = [];
	for (let run = 0; run < runs; run++) {
		for (const engine of engines) slots.push({run, engine});
	}
	return slots;
}
