/*
 * Test helpers for the process and sensor ABIs: a machine with WASI, wasmos and the sensor ABI
 * registered; WAT programs made from a body and some data (every wasmos call imported), installed
 * in the VFS; the wasmos calls a process made, from the event log.
 */

import {boot, type Kernel, type KernelEvent, type MachineOptions} from '../../source/kernel/kernel.js';
import {processAbis} from '../../source/abi/index.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {assemble} from '../kernel/helpers.js';

export {assemble, runToEnd} from '../kernel/helpers.js';

/** A machine with every ABI, sanitising nothing. */
export function abiMachine(options: MachineOptions = {}): Kernel {
	const kernel = boot({...options, terminal: {sanitize: {out: false, err: false}, ...options.terminal}});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	return kernel;
}

const IMPORTS = `
  (import "wasmos" "spawn" (func $spawn (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasmos" "wait" (func $wait (param i32 i32 i32) (result i32)))
  (import "wasmos" "kill" (func $kill (param i32 i32) (result i32)))
  (import "wasmos" "getpid" (func $getpid (result i32)))
  (import "wasmos" "getppid" (func $getppid (result i32)))
  (import "wasmos" "pipe" (func $pipe (param i32) (result i32)))
  (import "wasmos" "dup2" (func $dup2 (param i32 i32) (result i32)))
  (import "wasmos" "sleep" (func $sleep (param i64) (result i32)))
  (import "wasmos" "yield" (func $yield (result i32)))
  (import "wasmos" "setpriority" (func $setpriority (param i32 i32) (result i32)))
  (import "wasmos" "getpriority" (func $getpriority (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))`;

/** A byte string as WAT data text. */
function watString(bytes: Uint8Array): string {
	return [...bytes].map(b => (b >= 0x20 && b < 0x7f && b !== 0x22 && b !== 0x5c ? String.fromCharCode(b) : `\\${b.toString(16).padStart(2, '0')}`)).join('');
}

/**
 * A command module: `body` is the body of _start (every wasmos call and proc_exit, fd_write,
 * fd_read, fd_close imported under $names). `data` puts bytes at addresses: a string (written as
 * is: add "\0" for C strings) or a list of u32 words (pointer arrays, fd lists).
 */
export function program(body: string, data: Record<number, string | readonly number[]> = {}): string {
	const segments = Object.entries(data).map(([at, value]) => {
		let bytes: Uint8Array;
		if (typeof value === 'string') bytes = new TextEncoder().encode(value);
		else {
			bytes = new Uint8Array(value.length * 4);
			const view = new DataView(bytes.buffer);
			value.forEach((w, k) => view.setInt32(4 * k, w, true));
		}
		return `  (data (i32.const ${at}) "${watString(bytes)}")`;
	});
	return `(module${IMPORTS}\n  (memory (export "memory") 1)\n${segments.join('\n')}\n  (func (export "_start")\n${body}))`;
}

/** Assembles a WAT text into the VFS at `path`. */
export async function install(kernel: Kernel, path: string, wat: string): Promise<void> {
	kernel.fs.writeFile(path, await assemble(wat, path));
}

/** A program that exits with `code`. */
export function exits(code: number): string {
	return program(`(call $exit (i32.const ${code}))`);
}

/** A program that spins forever. */
export const SPIN = program('(loop $l (br $l))');

type SyscallEvent = Extract<KernelEvent, {type: 'syscall'}>;

/** The syscall events of the wasmos ABI (of `pid`, if given), in order. */
export function wasmosCalls(kernel: Kernel, pid?: number): SyscallEvent[] {
	return kernel.events().filter((e): e is SyscallEvent => e.type === 'syscall' && e.abi === 'wasmos' && (pid === undefined || e.pid === pid));
}

/** "name → result" for each wasmos call of `pid`: a compact view of what a program did. */
export function results(kernel: Kernel, pid: number): string[] {
	return wasmosCalls(kernel, pid).map(e => `${e.name} → ${e.result}`);
}
