/* A small real machine for the TUI's tests: WASI, idle 'wait', spinners from fixtures/tui. */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, loadProgram, type Kernel, type MemoryMapView, type MountSpec, type ProcessView, type Program} from '../../source/kernel/kernel.js';
import {installBin} from '../../source/commands/bin-install.js';
import {DEFAULT_LIMITS} from '../../source/kernel/limits.js';
import {loadWabt} from '../../source/commands/wabt.js';
import {watAssembler} from '../../source/commands/wat-assembler.js';
import {Session} from '../../source/tui/session.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {processAbis} from '../../source/abi/index.js';
import {assemble} from '../kernel/helpers.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TUI_FIXTURES = fileURLToPath(new URL('../../fixtures/tui/', import.meta.url));

export async function spinner(): Promise<Program> {
	return loadProgram(await assemble(readFileSync(`${TUI_FIXTURES}spinner.wat`, 'utf8'), 'spinner.wat'), 'spinner');
}

export function tuiKernel(mounts: readonly MountSpec[] = []): Kernel {
	const kernel = boot({idle: 'wait', mounts, terminal: {sanitize: {out: true, err: true}}});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	return kernel;
}

/** A paused session with `count` spinners that have run `ticks` instructions in all. */
export async function spinnerSession(count: number, ticks = 1_000_000): Promise<Session> {
	const kernel = tuiKernel();
	const program = await spinner();
	for (let k = 0; k < count; k++) kernel.spawn({program, argv: ['spinner'], name: 'spinner'});
	const session = new Session(kernel, {paused: true});
	if (ticks > 0) kernel.tick(ticks);
	return session;
}

export const tick = (ms = 20) => new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * A running session whose command pane is the shell (PID 1): the example programs in /bin, and the
 * repository's fixtures/ mounted read-only at /fixtures (so `fixtures/tui/spinner.wat` runs from /).
 */
export async function shellSession(env: Record<string, string> = {}, init?: string): Promise<Session> {
	const kernel = tuiKernel([{host: `${ROOT}fixtures`, guest: '/fixtures', readOnly: true}]);
	installBin(kernel);
	const session = new Session(kernel, {env, programs: {assemble: watAssembler(await loadWabt()) ?? undefined}, init});
	session.start();
	return session;
}

/** A process view as the kernel would give it, with `fields` changed: panes drawn from made-up data. */
export function fakeProcess(fields: Partial<ProcessView> & {pid: number}): ProcessView {
	return {
		ppid: 1,
		pgid: fields.pid,
		name: 'proc',
		argv: ['proc'],
		env: [],
		state: 'READY',
		blockedOn: null,
		stoppedBy: null,
		foreground: false,
		priority: 0,
		tickets: 100,
		policyState: {},
		instructions: 0,
		cpuShare: 0,
		memory: {pages: 1, peakPages: 1, capPages: 4096},
		syscalls: {total: 0, byName: {}},
		contextSwitches: {voluntary: 0, involuntary: 0},
		cpuBursts: {count: 0, total: 0, last: null, current: 0},
		responses: {count: 0, total: 0, max: 0},
		ticks: {running: 0, ready: 0, blocked: 0, stopped: 0},
		created: 0,
		firstRun: null,
		ended: null,
		responseTime: null,
		turnaround: null,
		limits: DEFAULT_LIMITS,
		fds: [],
		cwd: '/',
		exit: null,
		...fields,
	};
}

/** A memory map view of `pages` pages with the given cells marked (cell index → bits). */
export function fakeMemoryMap(pid: number, pages: number, marks: Readonly<Record<number, number>> = {}): MemoryMapView {
	const cells = new Uint8Array((pages * 65536) / 4096);
	for (const [cell, bits] of Object.entries(marks)) cells[Number(cell)] = bits;
	return {pid, cellBytes: 4096, pages, peakPages: pages, capPages: 4096, watching: true, cells};
}
