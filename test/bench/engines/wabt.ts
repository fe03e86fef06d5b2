/**
 * A second reference engine: wabt's interpreter, `wasm-interp` (Debian's wabt 1.0.32:
 * `apt-get install wabt`; another binary can be named with the WASM_INTERP environment variable).
 * It is a plain C++ interpreter, the kind of engine ours is, so it is the yardstick for our speed
 * target (at least 5× faster than wabt on every benchmark).
 *
 * The binary is looked up on PATH without its node_modules/.bin entries: `npm run` puts those
 * first, and our dependency `wabt` (wabt.js) installs a `wasm-interp` there that is wabt compiled
 * to WebAssembly and run by Node: about 3× slower than the native one, and not what we compare with.
 *
 * wasm-interp has no WASI (the benchmark modules import nothing) and cannot call one chosen
 * export: `--run-all-exports` calls every export without parameters in order (`_initialize`, then
 * `run`) and prints the results. So every call is a new process, and its time includes process
 * start-up, reading and validating the module and the empty `_initialize`; nothing is subtracted.
 * "Load" is one `wasm-interp FILE` (read + validate, no call) on the run's bytes, written to a
 * temporary file. Since no call can warm the next one, the harness skips its warm-up calls
 * (`coldCalls`). It takes seconds per call, so it is measured only when asked for:
 * `npm run bench -- --engine wasmos --engine wabt --runs 3`.
 */

import {execFile} from 'node:child_process';
import {accessSync, constants, statSync} from 'node:fs';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {delimiter, join, sep} from 'node:path';
import {promisify} from 'node:util';
import type {CallOutcome, Engine, EngineInstance} from '../engine.js';
import {exportResult} from '../wabt-output.js';

const exec = promisify(execFile);

const NAME = 'wasm-interp';
/** More than any benchmark prints (a few lines). */
const MAX_OUTPUT = 1 << 20;

/**
 * The first `name` in the directories of `pathVariable` (a PATH value) for which `isExecutable`
 * holds, skipping every directory inside a node_modules folder; null when there is none.
 */
export function findOnPath(name: string, pathVariable: string, isExecutable: (file: string) => boolean): string | null {
	for (const directory of pathVariable.split(delimiter)) {
		if (directory === '' || directory.split(sep).includes('node_modules')) continue;
		const file = join(directory, name);
		if (isExecutable(file)) return file;
	}
	return null;
}

function isExecutableFile(file: string): boolean {
	try {
		accessSync(file, constants.X_OK);
		return statSync(file).isFile();
	} catch {
		return false;
	}
}

/** The binary: $WASM_INTERP, else the native wasm-interp on PATH; null when there is none. */
const binary: string | null = process.env['WASM_INTERP'] || findOnPath(NAME, process.env['PATH'] ?? '', isExecutableFile);

/** The version `--version` printed, once unavailableReason() has run it. */
let version: string | null = null;

function executable(): string {
	if (binary === null) throw new Error(`${NAME} not found`);
	return binary;
}

/** The first line of a failed process's stderr, or the error's own message. */
function failure(error: unknown): string {
	const {stderr, message} = error as {stderr?: string; message?: string};
	const line = stderr?.split('\n').find((text) => text.trim() !== '');
	return line?.trim() ?? message ?? String(error);
}

class WabtInstance implements EngineInstance {
	constructor(
		private readonly directory: string,
		private readonly file: string,
	) {}

	async call(name: string): Promise<CallOutcome> {
		let stdout: string;
		try {
			({stdout} = await exec(executable(), [this.file, '--run-all-exports'], {maxBuffer: MAX_OUTPUT}));
		} catch (error) {
			throw new Error(`wasm-interp --run-all-exports: ${failure(error)}`);
		}
		return {value: exportResult(stdout, name)};
	}

	async dispose(): Promise<void> {
		await rm(this.directory, {recursive: true, force: true});
	}
}

export const wabtEngine: Engine = {
	name: 'wabt',
	get description() {
		return (
			`wabt's wasm-interp${version === null ? '' : ` ${version}`} (${binary ?? NAME}, a C++ interpreter), one process per call: ` +
			'times include process start-up, reading and validating the module, and _initialize()'
		);
	},
	optional: true,
	coldCalls: true,
	async unavailableReason() {
		if (binary === null) return `${NAME} not found (apt-get install wabt)`;
		try {
			const {stdout} = await exec(binary, ['--version']);
			version = stdout.trim() || null;
			return null;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return `${binary} not found (apt-get install wabt)`;
			return `${binary} --version failed: ${failure(error)}`;
		}
	},
	async load(bytes) {
		const directory = await mkdtemp(join(tmpdir(), 'wasmos-bench-wabt-'));
		const file = join(directory, 'module.wasm');
		try {
			await writeFile(file, bytes);
			await exec(executable(), [file], {maxBuffer: MAX_OUTPUT});
		} catch (error) {
			await rm(directory, {recursive: true, force: true});
			throw new Error(`wasm-interp: ${failure(error)}`);
		}
		return new WabtInstance(directory, file);
	},
};
