/*
 * The sensor ABI of the WASM-OS reference runtime (../shared/reference/001-wasm-os-runtime-readme.txt),
 * served under both import module names programs use for it, "env" and "sensor":
 *
 *   read_sensor(id: i32) → i32                    a simulated reading (models below)
 *   log(ptr: i32, len: i32)                       a message, shown in the event log
 *   send_alert(ptr: i32, len: i32, level: i32)    an alert (0 info, 1 warning, 2 critical), in the log
 *
 * Readings are deterministic: a smooth function of virtual time plus noise drawn from the
 * machine's seeded PRNG, so the same seed and program give the same readings on every run. Models
 * (t = virtual seconds since boot; noise(a) = a uniform whole number in -a..a):
 *   0 temperature  tenths of °C   230 + round(30·sin(2πt/60)) + noise(5)        (195..265)
 *   1 humidity     percent        50 + round(10·sin(2πt/90)) + noise(2)         (38..62)
 *   2 pressure     hPa            1013 + noise(3)
 *   3 light        lux            round(500 + 500·sin(2πt/120)) + noise(10), at least 0
 *   4 motion       0 or 1         1 with probability 1/10
 *   5 battery      percent        100 - floor(t / 10), at least 0 (it drains)
 * Any other id: -28 (-EINVAL, as the wasmos ABI answers). A bad pointer passed to log or
 * send_alert traps (out of bounds memory access): these calls have no result to carry an error.
 *
 *   kernel.registerAbi(sensorAbi('env')); kernel.registerAbi(sensorAbi('sensor'));
 */

import type {Abi, SyscallContext, SyscallDef} from '../kernel/syscalls.js';
import {Trap} from '../wasm/errors.js';
import {preview} from '../wasi/calls.js';
import {Fault, GuestMemory, u32} from '../wasi/memory.js';
import {I32, negErrno, outcome} from './call.js';

export const SENSOR_MODULES = ['env', 'sensor'] as const;

export const SENSOR_NAMES = ['temperature', 'humidity', 'pressure', 'light', 'motion', 'battery'] as const;

export const ALERT_LEVELS = ['info', 'warning', 'critical'] as const;

const SECOND = 1e9;

/** A whole number in 0..n-1 from the machine's PRNG. */
function draw(ctx: SyscallContext, n: number): number {
	const word = new Uint8Array(4);
	ctx.random(word);
	return new DataView(word.buffer).getUint32(0, true) % n;
}

/** A whole number in -a..a from the machine's PRNG. */
function noise(ctx: SyscallContext, a: number): number {
	return draw(ctx, 2 * a + 1) - a;
}

function wave(t: number, period: number): number {
	return Math.sin((2 * Math.PI * t) / period);
}

/** The reading of sensor `id` now, or null for an id there is no sensor for. */
export function reading(ctx: SyscallContext, id: number): number | null {
	const t = ctx.now() / SECOND;
	switch (id) {
		case 0:
			return 230 + Math.round(30 * wave(t, 60)) + noise(ctx, 5);
		case 1:
			return 50 + Math.round(10 * wave(t, 90)) + noise(ctx, 2);
		case 2:
			return 1013 + noise(ctx, 3);
		case 3:
			return Math.max(0, Math.round(500 + 500 * wave(t, 120)) + noise(ctx, 10));
		case 4:
			return draw(ctx, 10) === 0 ? 1 : 0;
		case 5:
			return Math.max(0, 100 - Math.floor(t / 10));
		default:
			return null;
	}
}

/** A message argument: its bytes, or a trap when they lie outside memory. */
function message(ctx: SyscallContext, ptr: number, len: number): Uint8Array {
	try {
		return new GuestMemory(ctx.memory()).read(ptr, len);
	} catch (error) {
		if (error instanceof Fault) throw new Trap('out of bounds memory access', `out of bounds memory access: ${error.message}`);
		throw error;
	}
}

/** A message for the log: its text, or its address and length when they lie outside memory. */
function messageText(ctx: SyscallContext, ptr: number, len: number): string {
	try {
		return preview(message(ctx, ptr, Math.min(len, 1024)), len);
	} catch (error) {
		if (error instanceof Trap) return `${ptr}, ${len}`;
		throw error;
	}
}

const readSensor: SyscallDef = {
	params: [I32],
	results: [I32],
	handler: (ctx, args) => {
		const value = reading(ctx, Number(args[0]) | 0);
		return [value === null ? negErrno('EINVAL') : value];
	},
	describe: (_ctx, args) => {
		const id = Number(args[0]) | 0;
		return `id=${id}${SENSOR_NAMES[id] === undefined ? '' : ` (${SENSOR_NAMES[id]})`}`;
	},
};

const log: SyscallDef = {
	params: [I32, I32],
	results: [],
	handler: (ctx, args) => {
		message(ctx, u32(args[0]), u32(args[1]));
		return [];
	},
	describe: (ctx, args) => messageText(ctx, u32(args[0]), u32(args[1])),
};

const sendAlert: SyscallDef = {
	params: [I32, I32, I32],
	results: [],
	handler: (ctx, args) => {
		message(ctx, u32(args[0]), u32(args[1]));
		return [];
	},
	describe: (ctx, args) => {
		const level = Number(args[2]) | 0;
		return `level=${ALERT_LEVELS[level] ?? level}, ${messageText(ctx, u32(args[0]), u32(args[1]))}`;
	},
};

/** The sensor ABI under import module `module` ("env" or "sensor"). */
export function sensorAbi(module: (typeof SENSOR_MODULES)[number]): Abi {
	return {
		module,
		calls: {read_sensor: readSensor, log, send_alert: sendAlert},
		outcome: results => (results.length === 0 ? {result: 'done', errno: null} : outcome(results)),
	};
}
