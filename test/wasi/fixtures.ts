/*
 * Runs the WASI fixtures of fixtures/wasi/: each NAME.wat is a module body assembled with
 * prelude.wat (imports, memory, print helpers), after one macro is expanded: `(str "text")` becomes
 * `(i32.const PTR) (i32.const LEN)` of the text, placed in a data segment above 8192. What a
 * fixture prints is compared with NAME.out.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {loadProgram, type Kernel, type MachineOptions, type Program} from '../../source/kernel/kernel.js';
import {assemble, machine} from '../kernel/helpers.js';

export const WASI_FIXTURES = fileURLToPath(new URL('../../fixtures/wasi/', import.meta.url));

const encoder = new TextEncoder();

/** Bytes of a WAT string literal's contents (escapes: \n \t \r \\ \" \' \hh \u{...}). */
export function watStringBytes(literal: string): number {
	let n = 0;
	for (let k = 0; k < literal.length; k++) {
		if (literal[k] !== '\\') {
			const cp = literal.codePointAt(k)!;
			n += encoder.encode(String.fromCodePoint(cp)).length;
			if (cp > 0xffff) k++;
			continue;
		}
		const next = literal[k + 1];
		if (next === 'u') {
			const end = literal.indexOf('}', k);
			n += encoder.encode(String.fromCodePoint(parseInt(literal.slice(k + 3, end), 16))).length;
			k = end;
		} else if (/[0-9a-fA-F]/.test(next)) {
			n++;
			k += 2;
		} else {
			n++;
			k++;
		}
	}
	return n;
}

/** Expands every `(str "...")` into a pointer and a length, and appends the data segments. */
export function expandStrings(text: string, base = 8192): string {
	const segments: string[] = [];
	let at = base;
	const body = text.replace(/\(str\s+"((?:[^"\\]|\\.)*)"\)/g, (_match, literal: string) => {
		const len = watStringBytes(literal);
		segments.push(`(data (i32.const ${at}) "${literal}\\00")`);
		const out = `(i32.const ${at}) (i32.const ${len})`;
		at += len + 1;
		return out;
	});
	return `${body}\n${segments.join('\n')}`;
}

const programs = new Map<string, Promise<Program>>();

/** A module body written like a fixture's (prelude helpers, `(str ...)`), assembled with the prelude. */
export async function withPrelude(body: string, name = 'guest'): Promise<Program> {
	const prelude = readFileSync(`${WASI_FIXTURES}prelude.wat`, 'utf8');
	return loadProgram(await assemble(`(module\n${prelude}\n${expandStrings(body)}\n)`, `${name}.wat`), name);
}

/** fixtures/wasi/NAME.wat with the prelude, assembled and loaded (once per test file). */
export function wasiFixture(name: string): Promise<Program> {
	let program = programs.get(name);
	if (program === undefined) {
		const prelude = readFileSync(`${WASI_FIXTURES}prelude.wat`, 'utf8');
		const body = readFileSync(`${WASI_FIXTURES}${name}.wat`, 'utf8');
		program = assemble(`(module\n${prelude}\n${expandStrings(body)}\n)`, `${name}.wat`).then(bytes => loadProgram(bytes, name));
		programs.set(name, program);
	}
	return program;
}

export function expected(name: string): string {
	return readFileSync(`${WASI_FIXTURES}${name}.out`, 'utf8');
}

export interface FixtureRun {
	readonly out: string;
	readonly err: string;
	readonly statuses: number[];
	readonly kernel: Kernel;
}

/**
 * Spawns one process per argv (each running fixture `name`), runs the machine until all have
 * ended, and returns their output (stdout of all, in order) and exit statuses.
 */
export async function runFixture(
	name: string,
	options: {readonly argvs?: ReadonlyArray<readonly string[]>; readonly machine?: MachineOptions; readonly input?: string; readonly cwd?: string; readonly setup?: (kernel: Kernel) => void} = {},
): Promise<FixtureRun> {
	const program = await wasiFixture(name);
	const kernel = machine({...options.machine, terminal: {echo: false, sanitize: {out: false, err: false}}});
	options.setup?.(kernel);
	const pids = (options.argvs ?? [[name]]).map(argv => kernel.spawn({program, argv: [...argv], foreground: true, cwd: options.cwd}));
	if (options.input !== undefined) {
		kernel.tty.input(options.input);
		kernel.tty.hangup();
	}
	const decoder = new TextDecoder();
	let out = '';
	let err = '';
	for (let k = 0; k < 100_000; k++) {
		const {status} = kernel.tick(1_000_000);
		for (const chunk of kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') out += decoder.decode(chunk.bytes, {stream: true});
			else err += decoder.decode(chunk.bytes);
		}
		if (status !== 'running' && status !== 'sleeping') break;
	}
	const statuses = pids.map(pid => kernel.process(pid)?.exit?.status ?? -1);
	return {out, err, statuses, kernel};
}
