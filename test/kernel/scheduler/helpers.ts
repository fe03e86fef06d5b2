/*
 * Helpers for the scheduling tests: the workload programs of fixtures/sched (assembled once each),
 * the `sched` events of a run, and a driver that types lines at the terminal at fixed ticks.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {SchedEvent} from '../../../source/kernel/events.js';
import {loadProgram, type Kernel, type KernelEvent, type Program} from '../../../source/kernel/kernel.js';
import {assemble} from '../helpers.js';

const SCHED = fileURLToPath(new URL('../../../fixtures/sched/', import.meta.url));
const programs = new Map<string, Promise<Program>>();

/** fixtures/sched/NAME.wat, assembled and loaded (cpu, io, interactive). */
export function program(name: string): Promise<Program> {
	let loaded = programs.get(name);
	if (loaded === undefined) {
		loaded = assemble(readFileSync(`${SCHED}${name}.wat`, 'utf8'), `${name}.wat`).then(bytes => loadProgram(bytes, name));
		programs.set(name, loaded);
	}
	return loaded;
}

export const schedEvents = (events: readonly KernelEvent[]) => events.filter((e): e is SchedEvent => e.type === 'sched');

/** Every event of the run, however many the ring buffer keeps. */
export function recordEvents(kernel: Kernel): KernelEvent[] {
	const events: KernelEvent[] = [];
	kernel.subscribe(event => events.push(event));
	return events;
}

/**
 * Runs the machine in slices of `every` ticks, typing "x\n" at the terminal after each of the first
 * `lines` slices, then ends the input; until no process can run. Slices are exact, so the lines
 * arrive at the same ticks under every policy.
 */
export function typeLines(kernel: Kernel, lines: number, every: number): void {
	for (let k = 0; ; k++) {
		const {status} = kernel.tick(every);
		if (k < lines) kernel.tty.input('x\n');
		else if (k === lines) kernel.tty.hangup();
		if (k >= lines && status !== 'running' && status !== 'sleeping') return;
		if (k > 100_000) throw new Error('the workload did not finish');
	}
}
