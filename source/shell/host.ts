/*
 * What the shell may get from whoever composes it, besides the kernel (every part optional: programs
 * come from the VFS, lookup.ts): how to list a directory for globbing, how to clear the screen
 * (`clear`) and how to assemble WAT (`asm`, and running a .wat file: the wabt npm package, which
 * needs Node's WebAssembly, lives above the shell). Not plain data, so not in the shell's state:
 * the composition root (the headless `sh` command, the TUI, a test) hands it to shellTask(host),
 * and hands the same one again to a machine restored from a snapshot.
 */

import type {ListDir} from './glob.js';

export interface ShellHost {
	/** Names in a directory for * and ?; absent (the usual case): the shell lists the VFS through its own fds. */
	readonly listDir?: ListDir;
	/**
	 * Clears the screen the terminal is shown on (`clear`, when its output is the terminal): the TUI
	 * empties its command pane; headless, the ANSI clear sequence goes to a host stdout that is a
	 * terminal. Absent: clear does nothing.
	 */
	readonly clear?: () => void;
	/**
	 * Assembles WAT text into a binary module; `name` is the file name errors start with, as
	 * "NAME:LINE:COLUMN: error: ...". Absent: `asm` says that it cannot assemble here.
	 */
	readonly assemble?: (text: string, name: string) => {readonly bytes: Uint8Array} | {readonly error: string};
}
