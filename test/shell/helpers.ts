/*
 * A machine with WASI and the shell, for the shell's tests. Guests are fixtures/shell/NAME.wat,
 * found as /bin/NAME, or as NAME when $PATH contains /bin (a stand-in for the VFS's /bin).
 */

import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, loadProgram, type Kernel, type MachineOptions, type Program} from '../../source/kernel/kernel.js';
import type {ShellHost} from '../../source/shell/host.js';
import {SHELL_KIND, shellTask} from '../../source/shell/shell.js';
import {initialState, type ShellOptions} from '../../source/shell/state.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {assemble} from '../kernel/helpers.js';

const DIR = fileURLToPath(new URL('../../fixtures/shell/', import.meta.url));

let programs: Promise<Map<string, Program>> | undefined;

/** Every fixtures/shell/*.wat, assembled once. */
export function guests(): Promise<Map<string, Program>> {
	programs ??= (async () => {
		const out = new Map<string, Program>();
		for (const file of readdirSync(DIR).filter(f => f.endsWith('.wat'))) {
			const name = file.slice(0, -4);
			out.set(name, loadProgram(await assemble(readFileSync(DIR + file, 'utf8'), file), name));
		}
		return out;
	})();
	return programs;
}

export function testHost(bin: ReadonlyMap<string, Program>): ShellHost {
	return {
		findProgram: (word, path) => {
			const name = word.startsWith('/bin/') ? word.slice(5) : !word.includes('/') && path?.split(':').includes('/bin') ? word : null;
			const program = name === null ? undefined : bin.get(name);
			if (program !== undefined) return {program};
			return word.includes('/') ? {error: `${word}: no such file`, status: 127} : {error: `${word}: command not found`, status: 127};
		},
	};
}

export interface ShellRun {
	readonly kernel: Kernel;
	readonly pid: number;
}

/** A machine whose PID 1 is the shell. Output is not sanitised; the terminal does not echo. */
export async function startShell(options: ShellOptions, machine: MachineOptions = {}): Promise<ShellRun> {
	const kernel = boot({...machine, terminal: {sanitize: {out: false, err: false}, echo: false}});
	kernel.registerAbi(wasiPreview1());
	kernel.registerTask(shellTask(testHost(await guests())));
	const pid = kernel.spawn({task: {kind: SHELL_KIND, state: initialState(options)}, name: 'sh', argv: ['sh'], env: options.env, foreground: true});
	return {kernel, pid};
}

export interface Output {
	out: string;
	err: string;
}

/** Runs until the shell has ended or waits (for input, or on a stopped job), at most `maxTicks`; appends the output. */
export function settle(run: ShellRun, output: Output = {out: '', err: ''}, maxTicks = 50_000_000): Output {
	const decoder = new TextDecoder();
	const start = run.kernel.machine().clock;
	for (;;) {
		const {status} = run.kernel.tick(100_000);
		for (const chunk of run.kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') output.out += decoder.decode(chunk.bytes);
			else output.err += decoder.decode(chunk.bytes);
		}
		const shell = run.kernel.process(run.pid);
		if (shell === null || shell.state === 'ZOMBIE') return output;
		if (status !== 'running' && status !== 'sleeping') return output;
		if (shell.state === 'BLOCKED' && shell.blockedOn === 'read /dev/tty') return output;
		if (run.kernel.machine().clock - start > maxTicks) return output;
	}
}

/** Runs `commands` as sh -c would; returns the output and the shell's exit status. */
export async function sh(commands: string, options: Omit<ShellOptions, 'commands'> = {}, machine: MachineOptions = {}): Promise<Output & {status: number | null}> {
	const run = await startShell({...options, commands}, machine);
	const output = settle(run);
	return {...output, status: run.kernel.process(run.pid)?.exit?.status ?? null};
}
