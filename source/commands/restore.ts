/*
 * `wasmos-tui restore [--headless] SNAPSHOT.json`: continues a saved machine (docs/snapshot-format.md)
 * from the exact instruction it was saved at. Without --headless it opens the TUI on it (as
 * `wasmos-tui --restore FILE`); with --headless it runs to the end like `run` and `sh` do: the host's
 * stdin is the terminal's input, guest output goes to stdout and stderr, and the exit status is
 * process 1's (the program of a `run`, the shell of an `sh`), or 0 when it was gone already.
 *
 * The composition is the one `run`, `sh` and the TUI use — WASI, the process ABIs, the shell — so
 * every process of the snapshot finds what it was linked to. Warnings
 * (a host mount or an open host file that is gone) go to stderr; a snapshot that cannot be restored
 * is one line naming the JSON path at fault, status 1.
 *
 *   restoreMachine(file, {idle, sanitize}) → {kernel, warnings, sections}   for the TUI's --restore
 */

import type {CommandIo} from '../cli/commands.js';
import {restoreSnapshot, SnapshotError, type Kernel, type Restored} from '../kernel/kernel.js';
import {processAbis} from '../abi/index.js';
import {shellTask} from '../shell/shell.js';
import type {ShellHost} from '../shell/host.js';
import {wasiPreview1} from '../wasi/index.js';
import {HeadlessHost} from './headless.js';
import {parseMounts} from './machine-options.js';
import {loadWabt} from './wabt.js';
import {exitMessage} from './run.js';
import {watAssembler} from './wat-assembler.js';

export interface RestoreFlags {
	readonly headless?: boolean;
	/** --dir HOST::GUEST[:ro] words: the host directories granted again (a snapshot's own mounts of others refuse access). */
	readonly dir?: readonly string[];
}

/** The host directories --dir grants a restored machine (each checked as run's --dir is). */
export function grantsOf(dir: readonly string[] | undefined): string[] {
	return parseMounts(dir ?? []).map(mount => mount.host);
}

/**
 * Restores a snapshot file with the usual ABIs and the shell (programs come from the snapshot's own
 * VFS; the shell's host gets the WAT assembler and what `options.host` adds, e.g. the TUI's `clear`).
 * Throws a SnapshotError for a bad file.
 */
export async function restoreMachine(file: string, options: {idle: 'jump' | 'wait'; sanitize: {out: boolean; err: boolean}; host?: Partial<ShellHost>; grants?: readonly string[]}): Promise<Restored<Kernel>> {
	const wabt = await loadWabt();
	const host: ShellHost = {assemble: watAssembler(wabt) ?? undefined, ...options.host};
	return restoreSnapshot(file, {abis: [wasiPreview1(), ...processAbis()], tasks: [shellTask(host) as never], idle: options.idle, sanitize: options.sanitize, grants: options.grants});
}

export async function restore(file: string, flags: RestoreFlags, io: CommandIo): Promise<number> {
	const say = (text: string) => new Promise<void>(resolve => io.stderr.write(`wasmos-tui restore: ${text}\n`, () => resolve()));
	if (flags.headless !== true) {
		const {tui} = await import('./tui.js');
		return tui({restore: file, dir: flags.dir}, io);
	}
	const grants = grantsOf(flags.dir);
	let restored: Restored<Kernel>;
	try {
		restored = await restoreMachine(file, {idle: 'jump', sanitize: {out: isTty(io.stdout), err: isTty(io.stderr)}, grants});
	} catch (error) {
		if (!(error instanceof SnapshotError)) throw error;
		await say(`${file}: ${error.message}`);
		return 1;
	}
	const {kernel, warnings} = restored;
	for (const warning of warnings) await say(`warning: ${warning}`);
	const host = new HeadlessHost(kernel, io);
	const end = await host.drive(() => kernel.processes().every(p => p.state === 'ZOMBIE'));
	if (end === 'halted') {
		await host.close();
		await say(`stopped at tick ${kernel.machine().clock}: the machine's --max-ticks`);
		return 124;
	}
	if (end === 'stuck') {
		await host.close();
		await say('every process waits and nothing can wake one');
		return 1;
	}
	const first = kernel.process(1);
	const exit = first === null ? null : kernel.wait(1);
	await host.close();
	if (exit === null) return 0;
	const message = exitMessage(exit);
	if (message !== null) await say(`process 1 (${first!.name}): ${message}`);
	return exit.status;
}

function isTty(stream: NodeJS.WritableStream): boolean {
	return (stream as {isTTY?: boolean}).isTTY === true;
}
