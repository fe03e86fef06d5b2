/**
 * The C-to-WebAssembly toolchain for building examples/bench: clang targeting wasm32-wasi, lld's
 * wasm-ld, wasi-libc (headers and libc.a) and compiler-rt's wasm32 builtins. Checks each piece up
 * front so a missing one is reported by name, with the command that installs it, instead of as a
 * compiler error. `WASI_SYSROOT` points clang at a sysroot other than the system's (e.g. wasi-sdk).
 */

import {spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';

export const INSTALL_HINT = 'apt-get install clang lld wasi-libc libclang-rt-dev-wasm32';

/** clang flags selecting the target (and the sysroot, when WASI_SYSROOT is set). */
export function targetFlags(): string[] {
	const sysroot = process.env['WASI_SYSROOT'];
	return ['--target=wasm32-wasi', ...(sysroot ? [`--sysroot=${sysroot}`] : [])];
}

function clang(args: readonly string[], input?: string) {
	return spawnSync('clang', [...targetFlags(), ...args], {encoding: 'utf8', input});
}

/** What is missing, one line each; empty when everything is there. */
export function toolchainProblems(): string[] {
	const version = clang(['--version']);
	if (version.error || version.status !== 0) return ['clang is not installed (or not on PATH)'];
	const problems: string[] = [];
	const linker = clang(['-print-prog-name=wasm-ld']).stdout.trim();
	const linkerVersion = spawnSync(linker, ['--version'], {encoding: 'utf8'});
	if (linkerVersion.error || linkerVersion.status !== 0) problems.push('wasm-ld (from lld) is not installed');
	const libc = clang(['-print-file-name=libc.a']).stdout.trim();
	if (!existsSync(libc)) problems.push('wasi-libc is not installed (no libc.a for wasm32-wasi)');
	if (clang(['-fsyntax-only', '-x', 'c', '-'], '#include <string.h>\n').status !== 0) {
		problems.push('wasi-libc headers are not installed (<string.h> for wasm32-wasi not found)');
	}
	const builtins = clang(['-print-libgcc-file-name']).stdout.trim();
	if (!existsSync(builtins)) problems.push(`compiler-rt builtins for wasm32 are not installed (${builtins})`);
	return problems;
}
