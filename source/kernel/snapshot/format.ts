/*
 * The snapshot format's name, version and the options of saving and restoring. The document itself
 * is described in docs/snapshot-format.md (and docs/snapshot.schema.json); save.ts writes it and
 * restore.ts reads it, each section in this order:
 *
 *   format, version   "wasmos-snapshot", 1
 *   options           what the machine was booted with (seed, limits, idle mode, capacities, ...)
 *   machine           clock, counters, PRNG state, who holds the CPU and what is left of its quantum
 *   scheduler         policy name, its parameters, its own state (queues, levels, predictions)
 *   terminal          mode, foreground group, the line being edited, input not yet read
 *   modules           each distinct wasm module once: its bytes (base64) under its SHA-256
 *   vfs               root, host mounts (by host path), mount points, the in-memory inodes
 *   pipes             each pipe's buffered bytes and its open ends
 *   files             open file descriptions (offsets, flags, what they refer to)
 *   processes         one per line: every field, the fd table, what it waits for, and its
 *                     execution: module, instance (globals, tables), memories (non-zero pages
 *                     only), thread (stack, frames, positions as function index + wasm offset)
 *   sections          named sections a driver adds (the TUI's, for instance)
 *   events            the event log's ring, oldest first, and how many were ever recorded
 */

import type {Abi} from '../syscalls.js';
import type {TaskDef} from '../task.js';

export const FORMAT = 'wasmos-snapshot';
export const VERSION = 1;

export interface SaveOptions {
	/** Named sections of a higher layer, saved as they are (plain data) and handed back by restore. */
	readonly sections?: Readonly<Record<string, unknown>>;
}

export interface RestoreOptions {
	/** The ABIs to link the processes' imports to (as registered when the machine was saved). */
	readonly abis: readonly Abi[];
	/** The host task definitions (the shell, with its ShellHost), by kind. */
	readonly tasks?: ReadonlyArray<TaskDef<never>>;
	/** Overrides of what the driver decides: the idle mode ('jump' headless, 'wait' in the TUI) and output sanitising. */
	readonly idle?: 'jump' | 'wait';
	readonly sanitize?: {readonly out: boolean; readonly err: boolean};
	/**
	 * Host directories the user grants the restored machine (the restore command's --dir): a saved
	 * mount of one of them is re-attached; any other saved mount refuses access (EACCES).
	 */
	readonly grants?: readonly string[];
}

export interface Restored<K> {
	readonly kernel: K;
	/** Things a person should know: host mounts or host files that are gone (the mount is then empty). */
	readonly warnings: readonly string[];
	/** The sections saved with it. */
	readonly sections: Readonly<Record<string, unknown>>;
}
