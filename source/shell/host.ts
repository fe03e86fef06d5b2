/*
 * What the shell needs from whoever composes it, besides the kernel: where programs come from and
 * (optionally) how to list a directory for globbing. Not plain data, so not in the shell's state:
 * the composition root (the headless `sh` command, the TUI, a test) hands it to shellTask(host),
 * and hands the same one again to a machine restored from a snapshot.
 */

import type {Program} from '../kernel/kernel.js';
import type {ListDir} from './glob.js';

/** A program found, or why not: status 127 (not found) or 126 (found but cannot be run), with the message. */
export type Lookup = {readonly program: Program} | {readonly error: string; readonly status: 126 | 127};

export interface ShellHost {
	/** The program a command word names; `path` is the shell's $PATH (undefined when unset). */
	findProgram(word: string, path: string | undefined): Lookup;
	/** Names in a directory for * and ?; absent (the usual case): the shell lists the VFS through its own fds. */
	readonly listDir?: ListDir;
}
