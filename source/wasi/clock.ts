/*
 * Clocks, all virtual (DESIGN.md): one tick per executed instruction is one nanosecond. realtime is
 * a fixed base (2025-01-01 by default) plus the machine's ticks; monotonic is the ticks; the CPU-time
 * clocks are the process's own instructions. So a program's clock readings are the same on every run.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#clockid
 */

import type {SyscallContext} from '../kernel/syscalls.js';
import type {Value} from '../wasm/exec/values.js';
import {hex, wasiCall} from './calls.js';
import {CLOCK, CLOCK_NAMES, ERRNO} from './errno.js';
import {u32, u64} from './memory.js';

function clockName(id: number): string {
	return CLOCK_NAMES[id] ?? `${id} (unknown)`;
}

function read(ctx: SyscallContext, id: number): bigint | null {
	switch (id) {
		case CLOCK.REALTIME:
			return ctx.realtime();
		case CLOCK.MONOTONIC:
			return BigInt(ctx.now());
		case CLOCK.PROCESS_CPUTIME_ID:
		case CLOCK.THREAD_CPUTIME_ID:
			return BigInt(ctx.cpuTime());
		default:
			return null;
	}
}

function idOf(args: readonly Value[]): number {
	return u32(args[0]);
}

/**
 * clock_res_get(id: i32, resolution_ptr: i32) → errno
 *   resolution_ptr ──► u64 nanoseconds (1: the virtual clocks tick once per instruction)
 * Errors: EINVAL for an unknown clock id; EFAULT when the pointer is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#clock_res_get
 */
export const clockResGet = wasiCall('clock_res_get', {
	handler: (_ctx, mem, args) => {
		if (idOf(args) > CLOCK.THREAD_CPUTIME_ID) return ERRNO.EINVAL;
		mem.setU64(u32(args[1]), 1n);
		return 0;
	},
	describe: (_ctx, _mem, args, errno) => `id=${clockName(idOf(args))}${errno === 0 ? ' → 1 ns' : ''}`,
});

/**
 * clock_time_get(id: i32, precision: i64, time_ptr: i32) → errno
 *   time_ptr ──► u64 the clock's time in nanoseconds (precision is accepted and ignored: exact)
 * Errors: EINVAL for an unknown clock id; EFAULT when the pointer is outside memory.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#clock_time_get
 */
export const clockTimeGet = wasiCall('clock_time_get', {
	handler: (ctx, mem, args) => {
		const time = read(ctx, idOf(args));
		if (time === null) return ERRNO.EINVAL;
		mem.setU64(u32(args[2]), time);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `id=${clockName(idOf(args))}, precision=${u64(args[1])}, time=${hex(u32(args[2]))}`;
		return errno === 0 ? `${head} → ${mem.u64(u32(args[2]))} ns` : head;
	},
});
