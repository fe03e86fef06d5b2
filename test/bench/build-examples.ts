/**
 * `npm run build:examples`: rebuilds the committed .wasm files under examples/.
 * - every examples/**\/*.wat is assembled next to itself with the `wabt` npm package;
 * - every examples/bench/*.c is compiled with clang (wasm32-wasi, -O2, reactor model: wasi-libc's
 *   string functions, no `_start`) exporting `run`, and then checked to have no imports at all, so
 *   the same modules run on engines without WASI (wabt's wasm-interp);
 * - every examples/bin/*.c is compiled as a WASI command (wasi-libc, `_start`, -O2, debug info
 *   stripped, with examples/include on the include path): the programs the machine's /bin holds;
 *   so are examples/samples/*.c (hostile samples) and fixtures/abi/*.c (the wasmos ABI's C test).
 * When the C toolchain is missing, it names what is missing and the apt-get command, and exits 1.
 */

import {spawnSync} from 'node:child_process';
import {chmodSync, readdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join, relative} from 'node:path';
import {fileURLToPath} from 'node:url';
import {INSTALL_HINT, targetFlags, toolchainProblems} from './toolchain.js';
import {nativeWebAssembly} from './wasm-api.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = join(ROOT, 'examples');
const BENCH = join(EXAMPLES, 'bench');
const BIN = join(EXAMPLES, 'bin');

const BENCH_FLAGS = ['-O2', '-Wall', '-Wextra', '-mexec-model=reactor', '-Wl,--export=run', '-Wl,--strip-debug'];

function show(path: string): string {
	return relative(ROOT, path);
}

function report(path: string, bytes: Uint8Array): void {
	process.stdout.write(`built ${show(path)} (${bytes.length} bytes)\n`);
}

async function assembleWat(paths: readonly string[]): Promise<void> {
	const {default: loadWabt} = await import('wabt');
	const wabt = await loadWabt();
	for (const path of paths) {
		const module = wabt.parseWat(show(path), readFileSync(path, 'utf8'));
		try {
			module.resolveNames();
			module.validate();
			const {buffer} = module.toBinary({write_debug_names: true});
			const out = path.replace(/\.wat$/, '.wasm');
			writeFileSync(out, buffer);
			report(out, buffer);
		} finally {
			module.destroy();
		}
	}
}

/** Why a built benchmark module is unusable: imports, or no exported `run` function. */
function benchModuleProblems(bytes: Uint8Array): string[] {
	const wasm = nativeWebAssembly();
	if (!wasm) return ['cannot check the module: WebAssembly is not exposed'];
	const module = new wasm.Module(bytes);
	const problems = wasm.Module.imports(module).map(({module: from, name}) => `imports ${from}.${name}`);
	if (!wasm.Module.exports(module).some(({name, kind}) => name === 'run' && kind === 'function')) problems.push('does not export a function "run"');
	return problems;
}

function compileBench(sources: readonly string[]): boolean {
	let ok = true;
	for (const source of sources) {
		const out = source.replace(/\.c$/, '.wasm');
		const result = spawnSync('clang', [...targetFlags(), ...BENCH_FLAGS, '-o', out, source], {encoding: 'utf8'});
		process.stderr.write(result.stderr);
		if (result.status !== 0) {
			process.stderr.write(`build:examples: clang failed on ${show(source)}\n`);
			ok = false;
			continue;
		}
		const bytes = readFileSync(out);
		const problems = benchModuleProblems(bytes);
		if (problems.length > 0) {
			process.stderr.write(`build:examples: ${show(out)}: ${problems.join('; ')}\n`);
			ok = false;
			continue;
		}
		report(out, bytes);
	}
	return ok;
}

const COMMAND_FLAGS = ['-O2', '-Wall', '-Wextra', '-Wl,--strip-debug', '-I', join(EXAMPLES, 'include')];

/** The .c files of a directory, sorted (none when it does not exist). */
function cSources(dir: string): string[] {
	let names: string[];
	try {
		names = readdirSync(dir);
	} catch {
		return [];
	}
	return names.filter((file) => file.endsWith('.c')).sort().map((file) => join(dir, file));
}

/** Compiles each source into a WASI command module next to itself; false when one failed. */
function compileCommands(sources: readonly string[]): boolean {
	let ok = true;
	for (const source of sources) {
		const out = source.replace(/\.c$/, '.wasm');
		const result = spawnSync('clang', [...targetFlags(), ...COMMAND_FLAGS, '-o', out, source], {encoding: 'utf8'});
		process.stderr.write(result.stderr);
		if (result.status !== 0) {
			process.stderr.write(`build:examples: clang failed on ${show(source)}\n`);
			ok = false;
			continue;
		}
		// clang marks its output executable; the committed modules are data for the machine.
		chmodSync(out, 0o644);
		report(out, readFileSync(out));
	}
	return ok;
}

/**
 * The other C commands built like examples/bin's: the hostile samples (examples/samples) and the C
 * test of the wasmos ABI (fixtures/abi), which include examples/include/wasmos.h.
 */
function processAbiSources(): string[] {
	return [...cSources(join(EXAMPLES, 'samples')), ...cSources(join(ROOT, 'fixtures', 'abi'))];
}

async function main(): Promise<number> {
	const files = readdirSync(EXAMPLES, {recursive: true, encoding: 'utf8'}).map((file) => join(EXAMPLES, file)).sort();
	const wat = files.filter((file) => file.endsWith('.wat'));
	if (wat.length > 0) await assembleWat(wat);

	const sources = readdirSync(BENCH).filter((file) => file.endsWith('.c')).sort().map((file) => join(BENCH, file));
	const commands = [...cSources(BIN), ...processAbiSources()];
	if (sources.length === 0 && commands.length === 0) return 0;
	const missing = toolchainProblems();
	if (missing.length > 0) {
		process.stderr.write(
			`build:examples: cannot compile ${show(BENCH)}/*.c and ${show(BIN)}/*.c:\n${missing.map((line) => `  - ${line}\n`).join('')}` +
				`Install the WebAssembly C toolchain (Debian/Ubuntu): ${INSTALL_HINT}\n`,
		);
		return 1;
	}
	const benchOk = compileBench(sources);
	const commandsOk = compileCommands(commands);
	return benchOk && commandsOk ? 0 : 1;
}

process.exitCode = await main();
