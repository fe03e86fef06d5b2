/*
 * `wasmos-tui [machine options] [--paused] [--fps N] [--no-color] [--ascii]`: the full-screen TUI.
 * Boots a machine whose idle time follows the wall clock (the driver waits it out), registers WASI,
 * takes the alternate screen and renders <App/> until the user quits; the terminal is restored on
 * every way out (tui/screen.ts). The command pane is the shell, PID 1 (tui/session.ts), with the
 * --env variables; it finds programs as `sh` does (host-programs.ts: a path, or a NAME in $PATH).
 */

import process from 'node:process';
import {render} from 'ink';
import {UsageError} from '../cli/argv.js';
import type {CommandIo} from '../cli/commands.js';
import {boot} from '../kernel/kernel.js';
import {App} from '../tui/App.js';
import {takeScreen} from '../tui/screen.js';
import {Session} from '../tui/session.js';
import {ThemeContext, type Theme} from '../tui/theme.js';
import {wasiPreview1} from '../wasi/index.js';
import {hostPrograms, loadWabt} from './host-programs.js';
import {bootOptions, checkMachineFlags, parseEnv, type MachineFlags} from './machine-options.js';

export interface TuiOptions extends MachineFlags {
	readonly paused?: boolean;
	readonly fps?: number;
	readonly noColor?: boolean;
	readonly ascii?: boolean;
}

export async function tui(options: TuiOptions, io: CommandIo): Promise<number> {
	checkMachineFlags(options);
	const env = parseEnv(options.env ?? []);
	const fps = options.fps ?? 10;
	if (fps < 1 || fps > 120) throw new UsageError(`--fps must be between 1 and 120, got ${fps}`);
	const stdout = io.stdout as NodeJS.WriteStream;
	const stdin = io.stdin as NodeJS.ReadStream;
	if (!stdout.isTTY || !stdin.isTTY) throw new UsageError('the TUI needs a terminal (for a headless run: wasmos-tui run or sh)');
	const theme: Theme = {color: options.noColor !== true && (process.env.NO_COLOR ?? '') === '', ascii: options.ascii === true};

	const kernel = boot({...bootOptions(options), idle: 'wait', terminal: {sanitize: {out: true, err: true}}});
	kernel.registerAbi(wasiPreview1());
	const session = new Session(kernel, {paused: options.paused === true, env, programs: hostPrograms(await loadWabt())});

	let unmount = () => {};
	const screen = takeScreen(stdout, stdin, () => {
		session.dispose();
		unmount();
	});
	const instance = render(
		<ThemeContext.Provider value={theme}>
			<App session={session} fps={fps} />
		</ThemeContext.Provider>,
		{stdout, stdin, stderr: io.stderr as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false, maxFps: fps},
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
