/*
 * Where the headless shell's programs come from, until the VFS has a /bin: the host's files.
 *
 *   a word with a /     a host path (relative to the host's working directory): PATH, PATH.wasm
 *                       or PATH.wat, the first that is a regular file
 *   a bare NAME         the same in each directory of the shell's $PATH (colon-separated, host
 *                       directories); with $PATH unset, no program is found by name
 *
 * A .wat file is assembled with wabt (which runs on Node's WebAssembly: under --no-expose-wasm only
 * .wasm files run). Programs are decoded, validated and compiled once per file version (path, size,
 * mtime) and shared by every process that runs them.
 *
 * Once `--dir` mounts and /bin exist, lookup moves into the VFS and this host fallback goes.
 */

import {readFileSync, statSync} from 'node:fs';
import {basename, delimiter, join, resolve} from 'node:path';
import {loadProgram, type Program} from '../kernel/kernel.js';
import type {Lookup, ShellHost} from '../shell/host.js';
import {DecodeError, ValidationError} from '../wasm/errors.js';
import {readErrorText} from './program-file.js';

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;

/** wabt, when Node's WebAssembly is there to run it; null otherwise. */
export async function loadWabt(): Promise<Wabt | null> {
	if (!('WebAssembly' in globalThis)) return null;
	return (await import('wabt')).default();
}

export function hostPrograms(wabt: Wabt | null, cwd: string = process.cwd()): ShellHost {
	const cache = new Map<string, {version: string; program: Program}>();

	const load = (file: string, version: string): Lookup => {
		const cached = cache.get(file);
		if (cached?.version === version) return {program: cached.program};
		let bytes: Uint8Array;
		try {
			bytes = readFileSync(file);
		} catch (error) {
			return {error: `${file}: cannot read: ${readErrorText(error)}`, status: 126};
		}
		if (file.endsWith('.wat')) {
			if (wabt === null) return {error: `${file}: assembling WAT needs Node's WebAssembly (wabt runs on it), which is switched off here; run a .wasm file`, status: 126};
			const assembled = assemble(wabt, file, new TextDecoder().decode(bytes));
			if (typeof assembled === 'string') return {error: `${file}: ${assembled}`, status: 126};
			bytes = assembled;
		}
		try {
			const program = loadProgram(bytes, basename(file).replace(/\.(wasm|wat)$/, ''));
			cache.set(file, {version, program});
			return {program};
		} catch (error) {
			if (error instanceof DecodeError) return {error: `${file}: cannot execute: not a valid WebAssembly module (${error.message})`, status: 126};
			if (error instanceof ValidationError) return {error: `${file}: cannot execute: invalid module (${error.message})`, status: 126};
			throw error;
		}
	};

	/** The first of PATH, PATH.wasm, PATH.wat that is a regular file, loaded; null when none exists. */
	const tryPath = (path: string): Lookup | null => {
		for (const file of [path, `${path}.wasm`, `${path}.wat`]) {
			const absolute = resolve(cwd, file);
			let version: string;
			try {
				const st = statSync(absolute);
				if (!st.isFile()) continue;
				version = `${st.size}:${st.mtimeMs}`;
			} catch {
				continue;
			}
			return load(absolute, version);
		}
		return null;
	};

	return {
		findProgram: (word, path) => {
			if (word.includes('/')) return tryPath(word) ?? {error: `${word}: no such file`, status: 127};
			if (word !== '' && path !== undefined) {
				for (const dir of path.split(delimiter)) {
					const found = tryPath(join(dir === '' ? '.' : dir, word));
					if (found !== null) return found;
				}
			}
			return {error: `${word}: command not found`, status: 127};
		},
	};
}

/** Assembles WAT text; the first line of wabt's complaint when it cannot. */
function assemble(wabt: Wabt, file: string, text: string): Uint8Array | string {
	let parsed;
	try {
		parsed = wabt.parseWat(file, text);
	} catch (error) {
		return firstLine(error);
	}
	try {
		parsed.resolveNames();
		parsed.validate();
		return parsed.toBinary({write_debug_names: true}).buffer;
	} catch (error) {
		return firstLine(error);
	} finally {
		parsed.destroy();
	}
}

function firstLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.split('\n').find(line => line.trim() !== '')?.trim() ?? 'cannot assemble';
}
