/*
 * A machine with WASI and the shell, for the shell's tests. Guests are fixtures/shell/NAME.wat,
 * assembled and written into the VFS as /bin/NAME (in place of the example programs): found as
 * /bin/NAME, or as NAME through the default $PATH.
 */

import {readdirSync, readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, type Kernel, type MachineOptions} from '../../source/kernel/kernel.js';
import type {ShellHost} from '../../source/shell/host.js';
import {SHELL_KIND, shellTask} from '../../source/shell/shell.js';
import {initialState, type ShellOptions} from '../../source/shell/state.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {processAbis} from '../../source/abi/index.js';
import {assemble} from '../kernel/helpers.js';
import {loadWabt} from '../../source/commands/wabt.js';
import {watAssembler} from '../../source/commands/wat-assembler.js';

const DIR = fileURLToPath(new URL('../../fixtures/shell/', import.meta.url));

let programs: Promise<Map<string, Uint8Array>> | undefined;

/** Every fixtures/shell/*.wat, assembled once: the binary by name. */
export function guests(): Promise<Map<string, Uint8Array>> {
	programs ??= (async () => {
		const out = new Map<string, Uint8Array>();
		for (const file of readdirSync(DIR).filter(f => f.endsWith('.wat'))) out.set(file.slice(0, -4), await assemble(readFileSync(DIR + file, 'utf8'), file));
		return out;
	})();
	return programs;
}

/** Writes every guest into the machine's /bin. */
export async function installGuests(kernel: Kernel): Promise<void> {
	for (const [name, bytes] of await guests()) kernel.fs.writeFile(`/bin/${name}`, bytes);
}

let wabt: ReturnType<typeof loadWabt> | undefined;

/** WAT assembled by wabt for `asm`, and `clear` counted in `host.cleared`. */
export function testHost(assembler: ShellHost['assemble'] = undefined): ShellHost & {cleared: number} {
	const host: ShellHost & {cleared: number} = {
		cleared: 0,
		clear: () => {
			host.cleared++;
		},
		assemble: assembler,
	};
	return host;
}

export interface ShellRun {
	readonly kernel: Kernel;
	readonly pid: number;
	readonly host: ShellHost & {cleared: number};
}

/** A machine whose PID 1 is the shell. Output is not sanitised; the terminal does not echo. */
export async function startShell(options: ShellOptions, machine: MachineOptions = {}): Promise<ShellRun> {
	const kernel = boot({...machine, terminal: {sanitize: {out: false, err: false}, echo: false}});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	await installGuests(kernel);
	wabt ??= loadWabt();
	const host = testHost(watAssembler(await wabt) ?? undefined);
	kernel.registerTask(shellTask(host));
	const pid = kernel.spawn({task: {kind: SHELL_KIND, state: initialState(options)}, name: 'sh', argv: ['sh'], env: options.env, foreground: true});
	return {kernel, pid, host};
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
