/**
 * `wasmos-kernel` (optional): the benchmark as the app runs a program, `wasmos-tui run --invoke run
 * FILE`: a process in a booted machine, headless, under round robin at the default quantum (10,000
 * instructions), so the figure includes what the scheduler does at every slice (accounting, the
 * policy, the event log) on top of the engine's own slicing (`wasmos`).
 *
 * Load = boot a machine + load the program (decode, validate, compile). Each call is a new process
 * of that program (a fresh instance, as every command a shell runs), run to its exit; the machine
 * and the compiled program are kept, so a later call finds the program's functions translated, as
 * a second run of a command does in the app. It reports no instruction count: the process's own
 * includes the module's `_initialize`, where the other engines count the call alone.
 */

import {boot, loadProgram, type Kernel, type Program} from '../../../source/kernel/kernel.js';
import type {CallOutcome, Engine, EngineInstance, RunValue} from '../engine.js';

/** Instructions per kernel.tick(): what the headless host asks for at most per turn of the event loop. */
const TICK = 1_000_000;

class KernelInstance implements EngineInstance {
	constructor(
		private readonly kernel: Kernel,
		private readonly program: Program,
	) {}

	call(name: string): CallOutcome {
		const type = resultType(this.program, name);
		const pid = this.kernel.spawn({program: this.program, argv: [this.program.name], invoke: {name, args: []}});
		while (this.kernel.tick(TICK).status === 'running');
		const exit = this.kernel.process(pid)?.exit;
		if (exit === undefined || exit === null) throw new Error(`process ${pid} did not end (${this.kernel.process(pid)?.state ?? 'gone'})`);
		if (exit.reason.kind !== 'exit' || exit.status !== 0) throw new Error(`process ${pid} ended with status ${exit.status} (${JSON.stringify(exit.reason)})`);
		const [text] = exit.results;
		if (text === undefined) throw new Error(`export "${name}" returned nothing`);
		const value: RunValue = type === 0x7e ? BigInt(text) : Number(text);
		return {value};
	}
}

/** The result type of export `name` (0x7f i32, 0x7e i64, ...). */
function resultType(program: Program, name: string): number {
	const module = program.module;
	const exported = module.exports.find((e) => e.name === name && e.kind === 'func');
	if (exported === undefined) throw new Error(`export "${name}" is not a function`);
	const [type] = module.types[module.funcTypeIndices[exported.index]].results;
	if (type !== 0x7f && type !== 0x7e) throw new Error(`export "${name}" does not return an integer`);
	return type;
}

export const kernelEngine: Engine = {
	name: 'wasmos-kernel',
	description: 'our engine as the app runs a program: a process in a headless machine (round robin, quantum 10,000), one process per call',
	optional: true,
	async unavailableReason() {
		return null;
	},
	async load(bytes) {
		const kernel = boot({terminal: {sanitize: {out: false, err: false}}});
		return new KernelInstance(kernel, loadProgram(bytes, 'bench'));
	},
};
