/* A small real machine for the TUI's tests: WASI, idle 'wait', spinners from fixtures/tui. */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, loadProgram, type Kernel, type Program} from '../../source/kernel/kernel.js';
import {hostPrograms, loadWabt} from '../../source/commands/host-programs.js';
import {Session} from '../../source/tui/session.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {assemble} from '../kernel/helpers.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TUI_FIXTURES = fileURLToPath(new URL('../../fixtures/tui/', import.meta.url));

export async function spinner(): Promise<Program> {
	return loadProgram(await assemble(readFileSync(`${TUI_FIXTURES}spinner.wat`, 'utf8'), 'spinner.wat'), 'spinner');
}

export function tuiKernel(): Kernel {
	const kernel = boot({idle: 'wait', terminal: {sanitize: {out: true, err: true}}});
	kernel.registerAbi(wasiPreview1());
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

/** A running session whose command pane is the shell (PID 1), finding programs from the repository's root. */
export async function shellSession(env: Record<string, string> = {}): Promise<Session> {
	const session = new Session(tuiKernel(), {env, programs: hostPrograms(await loadWabt(), ROOT)});
	session.start();
	return session;
}
