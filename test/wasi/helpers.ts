/*
 * Runs a WAT program under WASI on a fresh machine and returns what a test checks: stdout as bytes
 * and text, stderr, the exit, and the syscall events.
 */

import type {SyscallEvent} from '../../source/kernel/events.js';
import {loadProgram, type MachineOptions} from '../../source/kernel/kernel.js';
import type {ExitInfo} from '../../source/kernel/views.js';
import {assemble, machine} from '../kernel/helpers.js';

export interface WasiRun {
	readonly out: Uint8Array;
	readonly text: string;
	readonly err: string;
	readonly exit: ExitInfo;
	readonly calls: SyscallEvent[];
}

/** The imports every program below may use, by name: `(import ...)` lines. */
export const IMPORT = {
	fd_write: '(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))',
	fd_read: '(import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))',
	proc_exit: '(import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))',
};

/**
 * `(call $dump (i32.const AT) (i32.const LEN))` writes LEN bytes at AT to stdout; `(call $exit X)`
 * exits with X. A module body written with these gets them from here.
 */
export function program(imports: string, body: string): string {
	return `(module
  ${IMPORT.fd_write}
  ${IMPORT.proc_exit}
  ${imports}
  (memory (export "memory") 1)
  (func $dump (param $at i32) (param $len i32)
    (i32.store (i32.const 65520) (local.get $at))
    (i32.store (i32.const 65524) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 65520) (i32.const 1) (i32.const 65528))))
  (func $exit (param $code i32) (call $proc_exit (local.get $code)))
  ${body})`;
}

export async function runWat(
	text: string,
	options: {argv?: string[]; env?: Record<string, string>; input?: string; machine?: MachineOptions} = {},
): Promise<WasiRun> {
	// Typed input is not echoed: stdout is only what the program wrote.
	const kernel = machine({...options.machine, terminal: {echo: false, sanitize: {out: false, err: false}}});
	const pid = kernel.spawn({program: loadProgram(await assemble(text), 'test'), argv: options.argv, env: options.env, foreground: true});
	if (options.input !== undefined) {
		kernel.tty.input(options.input);
		kernel.tty.hangup();
	}
	const out: number[] = [];
	let err = '';
	for (let k = 0; k < 1000 && kernel.process(pid)!.state !== 'ZOMBIE'; k++) {
		kernel.tick(1_000_000);
		for (const chunk of kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') out.push(...chunk.bytes);
			else err += new TextDecoder().decode(chunk.bytes);
		}
	}
	const bytes = Uint8Array.from(out);
	const calls = kernel.events().filter((e): e is SyscallEvent => e.type === 'syscall' && e.name !== 'proc_exit');
	return {out: bytes, text: new TextDecoder().decode(bytes), err, exit: kernel.process(pid)!.exit!, calls};
}

/** Little-endian u32 / u64 at `at` of `bytes`. */
export function u32(bytes: Uint8Array, at: number): number {
	return new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
}

export function u64(bytes: Uint8Array, at: number): bigint {
	return new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(at, true);
}
