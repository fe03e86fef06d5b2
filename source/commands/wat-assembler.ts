/*
 * The shell's `asm` assembler (shell/host.ts's ShellHost.assemble) on the wabt npm package, for the
 * composition roots (the headless `sh` command and the TUI):
 *
 *   const host = {...programs, assemble: watAssembler(await loadWabt()) ?? undefined};
 *
 * wabt runs on Node's WebAssembly: without it (--no-expose-wasm) there is no assembler (null). An
 * error is wabt's own lines "NAME:LINE:COLUMN: error: ..." (every error it found), without the
 * source excerpt it adds: the shell shows the line itself.
 */

import type {ShellHost} from '../shell/host.js';

type Wabt = Awaited<ReturnType<typeof import('wabt')>>;

export function watAssembler(wabt: Wabt | null): NonNullable<ShellHost['assemble']> | null {
	if (wabt === null) return null;
	return (text, name) => {
		let parsed;
		try {
			parsed = wabt.parseWat(name, text);
		} catch (error) {
			return {error: errorLines(error, name)};
		}
		try {
			parsed.resolveNames();
			parsed.validate();
			return {bytes: parsed.toBinary({write_debug_names: true}).buffer};
		} catch (error) {
			return {error: errorLines(error, name)};
		} finally {
			parsed.destroy();
		}
	};
}

/**
 * The "NAME:LINE:COLUMN: error: ..." lines of a wabt failure (its first line when there are none).
 * The name is put back from ours: wabt sometimes prints a byte or two past the end of it.
 */
function errorLines(error: unknown, name: string): string {
	const text = error instanceof Error ? error.message : String(error);
	const lines = text.split('\n');
	const errors = lines.flatMap(line => {
		const m = /:(\d+):(\d+): (error: .*)$/.exec(line);
		return m === null ? [] : [`${name}:${m[1]}:${m[2]}: ${m[3]}`];
	});
	return errors.length > 0 ? errors.join('\n') : (lines.find(line => line.trim() !== '')?.trim() ?? 'cannot assemble');
}
