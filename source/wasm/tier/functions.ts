/*
 * Function tier: hot wasm functions run as JavaScript functions generated from their fast IR
 * (function-source.ts), and call each other directly, so call-heavy code (recursion, small helpers
 * such as strlen or a hash function) leaves the interpreter's dispatch loop too. One FunctionTier
 * belongs to one compiled module; the generated code reads the instance's memory and globals and the
 * thread's stacks from the tier context (exec/tier-context.ts), so all instances of the module share it.
 *
 *   const tier = new FunctionTier(imported, threshold, metered)   // compileModule does this
 *   tier.initialCountdown              what a CompiledFunc's `countdown` starts at (0: never)
 *   tier.compile(compiled, cf)         translates cf (the interpreter calls it when cf.countdown
 *                                      reaches 0, the loop tier when one of its loops gets hot);
 *                                      sets cf.hot and cf.hotLabels (and, metered, cf.edges and
 *                                      cf.edgeLabels: edge-source.ts), or leaves cf.hot null for good
 *
 * The interpreter's CALL counts a function's calls down; once it is hot, a call of it (from the
 * interpreter or from generated code) runs its generated code, and so do its loop heads (thread.ts,
 * loopHead): a function whose loop got hot is translated whole, the thread's entry function too
 * (its code leaves to the interpreter at its return). A function too big for V8 to optimise stays
 * interpreted (its loops go to the loop tier). A host that refuses code generation gets the
 * interpreter, with the same results.
 */

import type {CompiledFunc, CompiledModule} from '../compile/compiler.js';
import {buildGenerated, type GeneratedCode} from './build.js';
import {generateEdgeSource} from './edge-source.js';
import {generateFunctionSource} from './function-source.js';

/** Function code (function-source.ts): returns the fuel left, or -1 when it left to the interpreter (`out` says where). */
export type FunctionCode = GeneratedCode;

export class FunctionTier {
	/** Functions translated so far (for tests). */
	compiledCount = 0;

	constructor(
		readonly imported: number,
		/** Calls of a function before it is translated (0: at its first call). */
		readonly threshold: number,
		readonly metered: boolean,
	) {}

	/** A CompiledFunc's calls to count down before compile() (at least 1, so 0 means never). */
	get initialCountdown(): number {
		return Math.max(1, this.threshold);
	}

	/** Translates `cf` and sets cf.hot; false (cf.hot stays null) when it is not translated. */
	compile(compiled: CompiledModule, cf: CompiledFunc): boolean {
		const generated = generateFunctionSource(compiled.code, {
			whole: true,
			index: cf.index,
			imported: this.imported,
			callees: compiled.funcs,
			from: cf.entry,
			to: cf.fastEnd,
			body: cf.body,
			metered: this.metered,
			preciseTo: cf.preciseEnd,
		});
		if (generated === null) return false;
		try {
			const fn = buildGenerated(`tier_f${cf.index}`, generated.source);
			const labels = new Int32Array(cf.fastEnd - cf.entry).fill(-1);
			for (const [pc, label] of generated.labels) labels[pc - cf.entry] = label;
			cf.hotLabels = labels;
			cf.hot = fn;
		} catch {
			// Code generation refused (a host that forbids it, or a limit of the JS engine): the
			// interpreter runs the function, exactly as it would have.
			return false;
		}
		this.compiledCount++;
		if (this.metered) this.compileEdge(compiled, cf, generated.entries);
		return true;
	}

	/** Translates cf's slice-edge code (edge-source.ts) into cf.edges, one function per part (null: left to the interpreter). */
	private compileEdge(compiled: CompiledModule, cf: CompiledFunc, main: ReadonlyMap<number, number>): void {
		const generated = generateEdgeSource(
			compiled.code,
			{whole: true, index: cf.index, imported: this.imported, callees: compiled.funcs, from: cf.entry, to: cf.fastEnd, preciseFrom: cf.fastEnd, preciseTo: cf.preciseEnd},
			main,
		);
		if (generated === null) return;
		const parts: Array<FunctionCode | null> = [];
		for (const [p, source] of generated.sources.entries()) {
			let fn: FunctionCode | null = null;
			try {
				if (source !== null) fn = buildGenerated(`edge_f${cf.index}_${p}`, source);
			} catch {
				// As above: the interpreter runs the slice edges.
			}
			parts.push(fn);
		}
		if (parts.every((fn) => fn === null)) return;
		const labels = new Int32Array(cf.preciseEnd - cf.fastEnd).fill(-1);
		for (const [pc, label] of generated.labels) labels[pc - cf.fastEnd] = label;
		cf.edgeLabels = labels;
		cf.edges = parts;
	}
}
