/*
 * Where a command word's program is: always in the VFS, as the shell sees it (its cwd, its $PATH),
 * never on the host — host programs are reached through --dir mounts like any host file.
 *
 *   a word with a /   a path, relative to the shell's working directory: WORD, else WORD.wasm when
 *                     that is a file; when neither is, the kernel's spawn says why (no such file →
 *                     127, a directory or not a module → 126)
 *   a bare NAME       DIR/NAME, else DIR/NAME.wasm, for each DIR of $PATH (colon-separated; an
 *                     empty entry is the working directory); the first regular file wins, and
 *                     none is `NAME: command not found` (127). $PATH unset: no NAME is found.
 *   FILE.wat          read from the VFS and assembled by the host's assembler (ShellHost.assemble,
 *                     when there is one) into a program; otherwise a .wasm file is spawned by path,
 *                     and the kernel loads it once per version of the file (SpawnSpec.path).
 *
 *   const found = findProgram(sh, 'math');   {target: {path: '/bin/math'}} | {error, status}
 *   ctx.spawn({...found.target, argv, ...});
 */

import {loadProgram, type Program} from '../kernel/kernel.js';
import type {Shell} from './builtin.js';
import {FileError, readFile, statPath} from './files.js';

/** What spawn is given: a VFS path the kernel loads, or a program already loaded (assembled WAT). */
export type SpawnTarget = {readonly path: string} | {readonly program: Program};

/** A program found, or why not: status 127 (not found) or 126 (found but cannot be run), with the message. */
export type Lookup = {readonly target: SpawnTarget} | {readonly error: string; readonly status: 126 | 127};

export function findProgram(sh: Shell, word: string): Lookup {
	if (word.includes('/')) {
		const file = regularFile(sh, word);
		return file === null ? {target: {path: word}} : load(sh, file);
	}
	const path = sh.state.vars.PATH;
	if (word !== '' && path !== undefined) {
		for (const dir of path.split(':')) {
			const file = regularFile(sh, dir === '' ? word : `${dir.replace(/\/+$/, '')}/${word}`);
			if (file !== null) return load(sh, file);
		}
	}
	return {error: `${word}: command not found`, status: 127};
}

/** PATH or PATH.wasm, the first that is a regular file (through symlinks); null when neither is. */
function regularFile(sh: Shell, path: string): string | null {
	for (const file of [path, `${path}.wasm`]) {
		try {
			if (statPath(sh, file).kind === 'file') return file;
		} catch (error) {
			if (!(error instanceof FileError)) throw error;
		}
	}
	return null;
}

function load(sh: Shell, file: string): Lookup {
	if (!file.endsWith('.wat')) return {target: {path: file}};
	const assemble = sh.host.assemble;
	if (assemble === undefined) return {error: `${file}: cannot assemble WAT here (wabt needs Node's WebAssembly); run a .wasm file`, status: 126};
	let text: string;
	try {
		const {data, truncated} = readFile(sh, file);
		if (truncated) return {error: `${file}: too big to assemble (more than 1 MiB)`, status: 126};
		text = new TextDecoder().decode(data);
	} catch (error) {
		if (!(error instanceof FileError)) throw error;
		return {error: `${file}: cannot read it: ${error.message}`, status: 126};
	}
	const name = file.slice(file.lastIndexOf('/') + 1);
	const assembled = assemble(text, name);
	if ('error' in assembled) return {error: `${file}: cannot assemble it:\n${assembled.error}`, status: 126};
	try {
		return {target: {program: loadProgram(assembled.bytes, name.replace(/\.wat$/, ''))}};
	} catch (error) {
		// wabt validated the module, so this is rare (a feature our engine lacks): the decoder's or validator's reason.
		if (!(error instanceof Error)) throw error;
		return {error: `${file}: cannot execute: ${error.message}`, status: 126};
	}
}
