/*
 * The full-screen TUI, loaded by tui.tsx once React's build is chosen. --init: a shell script on the
 * host, run by the shell before its first prompt.
 * Boots a machine whose idle time follows the wall clock (the driver waits it out), registers WASI,
 * takes the alternate screen and renders <App/> until the user quits; the terminal is restored on
 * every way out (tui/screen.ts). The command pane is the shell, PID 1 (tui/session.ts), with the
 * --env variables; it finds programs as `sh` does (shell/lookup.ts: in the VFS, with the example
 * programs installed into /bin by bin-install.ts).
 */

import {readFileSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import {UsageError} from '../cli/argv.js';
import type {CommandIo} from '../cli/commands.js';
import {boot, SnapshotError, type Kernel} from '../kernel/kernel.js';
import type {ShellHost} from '../shell/host.js';
import {grantsOf, restoreMachine} from './restore.js';
import {App} from '../tui/App.js';
import {frameWriter} from '../tui/frame-writer.js';
import {takeScreen} from '../tui/screen.js';
import {Session} from '../tui/session.js';
import {ThemeContext, type Theme} from '../tui/theme.js';
import {wasiPreview1} from '../wasi/index.js';
import {processAbis} from '../abi/index.js';
import {installBin} from './bin-install.js';
import {loadWabt} from './wabt.js';
import {watAssembler} from './wat-assembler.js';
import {bootOptions, checkMachineFlags, parseEnv, type MachineFlags} from './machine-options.js';

/**
 * Ink's own frame cap. Frames from the machine are capped at --fps by the app (use-frame.ts); Ink's
 * cap only delays drawing, so a key pressed between two machine frames would wait for the next one:
 * with this higher cap it is drawn at once. Only changed lines reach the terminal (frame-writer.ts).
 */
const KEY_FPS = 60;

export interface TuiOptions extends MachineFlags {
	readonly paused?: boolean;
	/** A shell script on the host that the first shell runs before its first prompt (a prepared demo). */
	readonly init?: string;
	readonly fps?: number;
	readonly noColor?: boolean;
	readonly ascii?: boolean;
	/** A snapshot to continue instead of booting a new machine (--restore FILE, `restore FILE`). */
	readonly restore?: string;
}

export async function tui(options: TuiOptions, io: CommandIo): Promise<number> {
	checkMachineFlags(options);
	const env = parseEnv(options.env ?? []);
	const fps = options.fps ?? 10;
	if (fps < 1 || fps > 120) throw new UsageError(`--fps must be between 1 and 120, got ${fps}`);
	const stdout = io.stdout as NodeJS.WriteStream;
	const stdin = io.stdin as NodeJS.ReadStream;
	if (!stdout.isTTY || !stdin.isTTY) {
		throw new UsageError(options.restore === undefined ? 'the TUI needs a terminal (for a headless run: wasmos-tui run or sh)' : `the TUI needs a terminal (to continue the snapshot without one: wasmos-tui restore --headless ${options.restore})`);
	}
	if (options.restore !== undefined && options.init !== undefined) throw new UsageError('--init and --restore do not go together: a restored machine continues its own shell');
	const init = options.init === undefined ? undefined : readInit(options.init);
	const theme: Theme = {color: options.noColor !== true && (process.env.NO_COLOR ?? '') === '', ascii: options.ascii === true};

	const programs = await tuiPrograms();
	let session: Session | null = null;
	let kernel: Kernel;
	if (options.restore === undefined) {
		kernel = boot({...bootOptions(options), idle: 'wait', terminal: {sanitize: {out: true, err: true}}});
		kernel.registerAbi(wasiPreview1());
		for (const abi of processAbis()) kernel.registerAbi(abi);
		installBin(kernel);
	} else {
		// The restored machine keeps its own options; the shell's `clear` reaches the session made below.
		const restored = await restoreOrExplain(options.restore, {...programs, clear: () => session?.clearConsole()}, grantsOf(options.dir));
		kernel = restored.kernel;
		for (const warning of restored.warnings) io.stderr.write(`wasmos-tui: ${options.restore}: warning: ${warning}\n`);
	}
	session = new Session(kernel, {paused: options.paused === true, env, programs, init, restored: options.restore !== undefined});

	let unmount = () => {};
	const screen = takeScreen(stdout, stdin, () => {
		session.dispose();
		unmount();
	});
	const instance = render(
		<ThemeContext.Provider value={theme}>
			<App session={session} fps={fps} />
		</ThemeContext.Provider>,
		{stdout: frameWriter(stdout), stdin, stderr: io.stderr as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: Math.max(fps, KEY_FPS)},
	);
	unmount = () => instance.unmount();
	session.start();
	try {
		await instance.waitUntilExit();
	} finally {
		session.dispose();
		screen.restore();
	}
	return 0;
}

/** The snapshot of --restore, restored; a file that cannot be restored is a usage error naming the JSON path at fault. */
async function restoreOrExplain(file: string, host: ShellHost, grants: readonly string[]) {
	try {
		return await restoreMachine(file, {idle: 'wait', sanitize: {out: true, err: true}, host, grants});
	} catch (error) {
		if (error instanceof SnapshotError) throw new UsageError(`--restore ${file}: ${error.message}`);
		throw error;
	}
}

/** The --init script's text; a file that cannot be read is a usage error naming it. */
function readInit(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new UsageError(`--init ${path}: cannot read it (${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? String(error))})`);
	}
}

/** What the shell gets from the host: its assembler for `asm` and .wat files (the session adds `clear`). */
async function tuiPrograms() {
	const wabt = await loadWabt();
	return {assemble: watAssembler(wabt) ?? undefined};
}
