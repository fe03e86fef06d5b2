/*
 * `wasmos-tui sh [machine options] (-c 'LINE' | SCRIPT) [ARGS...]`: shell commands headless, like
 * `sh -c`. The shell (source/shell) is PID 1 of a fresh machine with WASI, a host task holding the
 * terminal; what its commands print goes to the host's stdout and stderr in order, the host's stdin
 * is the terminal's input, and the exit status is the shell's: the last command's, or exit N's.
 *
 *   sh -c 'LINE' [NAME [ARGS...]]   runs LINE with $0 = NAME (default "sh") and $1... = ARGS
 *   sh SCRIPT [ARGS...]             runs the host file SCRIPT with $0 = SCRIPT and $1... = ARGS
 *
 * The shell sees only the --env variables (all exported), and PATH=/bin unless --env sets it.
 * Programs are files in the VFS (shell/lookup.ts): the example programs installed into /bin
 * (bin-install.ts), and host files through --dir mounts. --max-ticks reached → 124; a shell that waits for something that can
 * never come (every process blocked, input ended) → a line saying so, 1.
 */

import {readFileSync} from 'node:fs';
import {UsageError} from '../cli/argv.js';
import type {CommandIo} from '../cli/commands.js';
import {boot, syscallLine} from '../kernel/kernel.js';
import {shellTask, SHELL_KIND} from '../shell/shell.js';
import {initialState} from '../shell/state.js';
import {wasiPreview1} from '../wasi/index.js';
import {processAbis} from '../abi/index.js';
import {HeadlessHost} from './headless.js';
import {armSnapshotAt} from './snapshot-at.js';
import {installBin} from './bin-install.js';
import {loadWabt} from './wabt.js';
import {watAssembler} from './wat-assembler.js';
import {bootOptions, checkMachineFlags, parseEnv, type MachineFlags} from './machine-options.js';
import {readErrorText} from './program-file.js';

/** The first bytes of a wasm module. */
const WASM_MAGIC = Buffer.from([0x00, 0x61, 0x73, 0x6d]);

export interface ShOptions extends MachineFlags {
	/** -c LINE */
	readonly command?: string;
	readonly strace?: boolean;
}

export async function sh(operand: string, args: readonly string[], options: ShOptions, io: CommandIo): Promise<number> {
	const say = (text: string) => new Promise<void>(resolve => io.stderr.write(`wasmos-tui sh: ${text}\n`, () => resolve()));
	const env = parseEnv(options.env ?? []);
	checkMachineFlags(options);
	let commands: string;
	let argv0: string;
	let params: readonly string[];
	if (options.command !== undefined) {
		commands = options.command;
		argv0 = operand === '' ? 'sh' : operand;
		params = args;
	} else {
		if (operand === '') throw new UsageError("sh needs -c 'LINE' or a SCRIPT");
		let bytes: Buffer;
		try {
			bytes = readFileSync(operand);
		} catch (error) {
			await say(`cannot read ${operand}: ${readErrorText(error)}`);
			return 127;
		}
		// A program, not a script (a shell's "cannot execute binary file", 126): it runs with `run`.
		const wasm = bytes.subarray(0, 4).equals(WASM_MAGIC);
		if (wasm || bytes.includes(0)) {
			await say(`${operand}: not a shell script (a binary file${wasm ? `: a wasm module runs with wasmos-tui run ${operand}` : ''})`);
			return 126;
		}
		commands = bytes.toString('utf8');
		argv0 = operand;
		params = args;
	}

	const kernel = boot({
		...bootOptions(options),
		terminal: {sanitize: {out: isTty(io.stdout), err: isTty(io.stderr)}},
	});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	installBin(kernel);
	const wabt = await loadWabt();
	const host = new HeadlessHost(kernel, io);
	const snapshotMissed = armSnapshotAt(kernel, options, line => host.print('err', line));
	// `clear` writes the ANSI clear (screen, scrollback, cursor home) only to a terminal.
	const clear = () => {
		if (isTty(io.stdout)) host.print('out', '\x1b[H\x1b[2J\x1b[3J');
	};
	kernel.registerTask(shellTask({clear, assemble: watAssembler(wabt) ?? undefined}));
	if (options.strace === true) {
		kernel.subscribe(event => {
			if (event.type === 'syscall') host.print('err', syscallLine(event));
		});
	}
	const pid = kernel.spawn({
		task: {kind: SHELL_KIND, state: initialState({commands, argv0, params, env, interactive: false})},
		name: 'sh',
		argv: [argv0, ...params],
		env,
		foreground: true,
	});
	const end = await host.drive(() => kernel.process(pid)?.state === 'ZOMBIE');
	snapshotMissed();
	if (end === 'halted') {
		await host.close();
		await say(`stopped at tick ${kernel.machine().clock} (--max-ticks ${options.maxTicks})`);
		return 124;
	}
	if (end === 'stuck') {
		const view = kernel.process(pid);
		await host.close();
		await say(`every process waits and nothing can wake one (the shell is ${view?.state ?? 'gone'}${view?.blockedOn ? `: ${view.blockedOn}` : ''})`);
		return 1;
	}
	const exit = kernel.wait(pid)!;
	await host.close();
	return exit.status;
}

function isTty(stream: NodeJS.WritableStream): boolean {
	return (stream as {isTTY?: boolean}).isTTY === true;
}
