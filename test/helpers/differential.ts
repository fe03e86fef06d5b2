/*
 * Runs one wasm32-wasi binary twice — under Node's node:wasi (on Node's own engine) and on our
 * machine (our engine, our kernel, our WASI) — each with a fresh host directory mounted at "/",
 * the same arguments, environment and stdin, and returns what each printed and its exit status,
 * for a test to compare. Both run in this process: node:wasi writes to temp files given as its
 * stdio fds; our machine's terminal output is collected.
 */

import {closeSync, mkdtempSync, openSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {WASI} from 'node:wasi';
import {boot, loadProgram} from '../../source/kernel/kernel.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {nativeWebAssembly} from '../bench/wasm-api.js';

export interface Invocation {
	readonly args?: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
	readonly stdin?: string;
	/** Files to put into the mounted directory first: relative path → contents. */
	readonly files?: Readonly<Record<string, string>>;
	/** Options of our machine (quantum...). */
	readonly quantum?: number;
}

export interface Outcome {
	readonly stdout: string;
	readonly stderr: string;
	readonly status: number;
}

function freshDir(prefix: string, files: Readonly<Record<string, string>>): string {
	const dir = mkdtempSync(join(tmpdir(), prefix));
	for (const [path, text] of Object.entries(files)) writeFileSync(join(dir, path), text);
	return dir;
}

/** The binary under Node's WASI, in a fresh directory mounted at "/". Also returns the directory. */
export function underNode(wasm: Uint8Array, name: string, invocation: Invocation = {}): Outcome & {dir: string} {
	const native = nativeWebAssembly();
	if (native === undefined) throw new Error("the differential runs need Node's WebAssembly");
	const dir = freshDir('wasmos-node-', invocation.files ?? {});
	const io = mkdtempSync(join(tmpdir(), 'wasmos-node-io-'));
	writeFileSync(join(io, 'in'), invocation.stdin ?? '');
	const fds = [openSync(join(io, 'in'), 'r'), openSync(join(io, 'out'), 'w'), openSync(join(io, 'err'), 'w')];
	let status: number;
	try {
		const wasi = new WASI({
			version: 'preview1',
			args: [name, ...(invocation.args ?? [])],
			env: {...invocation.env},
			preopens: {'/': dir},
			stdin: fds[0],
			stdout: fds[1],
			stderr: fds[2],
			returnOnExit: true,
		});
		const instance = new native.Instance(new native.Module(wasm), wasi.getImportObject());
		status = wasi.start(instance);
	} finally {
		for (const fd of fds) closeSync(fd);
	}
	return {stdout: readFileSync(join(io, 'out'), 'utf8'), stderr: readFileSync(join(io, 'err'), 'utf8'), status, dir};
}

/** The binary on our machine, in a fresh directory mounted at "/". Also returns the directory. */
export function underWasmos(wasm: Uint8Array, name: string, invocation: Invocation = {}): Outcome & {dir: string} {
	const dir = freshDir('wasmos-ours-', invocation.files ?? {});
	const kernel = boot({quantum: invocation.quantum, mounts: [{host: dir, guest: '/', readOnly: false}], terminal: {echo: false, sanitize: {out: false, err: false}}});
	kernel.registerAbi(wasiPreview1());
	kernel.tty.setMode({canonical: false});
	const pid = kernel.spawn({program: loadProgram(wasm, name), argv: [name, ...(invocation.args ?? [])], env: invocation.env, foreground: true});
	kernel.tty.input(invocation.stdin ?? '');
	kernel.tty.hangup();
	const decoder = {out: new TextDecoder(), err: new TextDecoder()};
	let stdout = '';
	let stderr = '';
	for (let k = 0; k < 100_000 && kernel.process(pid)!.state !== 'ZOMBIE'; k++) {
		kernel.tick(5_000_000);
		for (const chunk of kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') stdout += decoder.out.decode(chunk.bytes, {stream: true});
			else stderr += decoder.err.decode(chunk.bytes, {stream: true});
		}
	}
	const exit = kernel.wait(pid);
	if (exit === null) throw new Error(`${name} did not end`);
	return {stdout, stderr, status: exit.status, dir};
}
