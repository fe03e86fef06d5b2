/*
 * The real terminal while the TUI owns it: the alternate screen (so the user's scrollback is left
 * as it was) with the cursor hidden, and everything put back on every way out — quit, Ctrl-Q,
 * SIGTERM, SIGHUP, SIGINT from outside, an uncaught exception. Ink 6 has no alternate-screen
 * option, so the escape sequences are written here.
 */

import process from 'node:process';

const ENTER = '\x1b[?1049h\x1b[?25l';
const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface Screen {
	/** Puts the terminal back (idempotent): main screen, cursor shown, cooked mode. */
	restore(): void;
}

/** Exit statuses when a signal ends the TUI: 128 + its number. */
const SIGNAL_EXITS: ReadonlyArray<[NodeJS.Signals, number]> = [
	['SIGTERM', 143],
	['SIGHUP', 129],
	['SIGINT', 130],
];

/**
 * Switches to the alternate screen and arranges the way back. `beforeExit` runs first on a signal
 * or a crash (unmount Ink, stop the machine), then the terminal is restored and the process exits.
 */
export function takeScreen(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, beforeExit: () => void): Screen {
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		for (const [signal, handler] of handlers) process.off(signal, handler);
		process.off('uncaughtException', onCrash);
		process.off('unhandledRejection', onCrash);
		if (stdin.isTTY) stdin.setRawMode(false);
		try {
			stdout.write(LEAVE);
		} catch {
			// The terminal may be gone (SIGHUP): nothing left to restore on it.
		}
	};
	const leave = (status: number, error?: unknown) => {
		try {
			beforeExit();
		} finally {
			restore();
			if (error !== undefined) process.stderr.write(`wasmos-tui: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
			process.exit(status);
		}
	};
	const handlers = SIGNAL_EXITS.map(([signal, status]) => [signal, () => leave(status)] as const);
	const onCrash = (error: unknown) => leave(1, error);
	for (const [signal, handler] of handlers) process.on(signal, handler);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	stdout.write(ENTER);
	return {restore};
}
