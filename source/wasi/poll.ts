/*
 * Waiting for several things at once: poll_oneoff — clock timeouts (sleep, nanosleep and
 * clock_nanosleep in wasi-libc are this call) and fds becoming readable or writable.
 *
 * subscription (48 bytes):
 *   +0  u64 userdata            copied into the event
 *   +8  u8  tag                 eventtype: 0 clock, 1 fd_read, 2 fd_write
 *   clock:
 *   +16 u32 id                  clockid: realtime or monotonic (CPU-time clocks cannot be waited on)
 *   +24 u64 timeout             ns: relative to the call, or with abstime an absolute time of the clock
 *   +32 u64 precision           ignored: virtual time is exact
 *   +40 u16 flags               subclockflags: abstime 1
 *   fd_read / fd_write:
 *   +16 u32 file_descriptor
 * event (32 bytes), one per subscription that is ready, in subscription order:
 *   +0  u64 userdata
 *   +8  u16 error               errno for this subscription (EBADF: fd not open, or not open for that
 *                               direction; ENOTCAPABLE: no poll_fd_readwrite right; EINVAL: bad clock)
 *   +10 u8  type                the subscription's tag
 *   +16 u64 nbytes              fd events: bytes readable (or room to write)
 *   +24 u16 flags               eventrwflags: fd_readwrite_hangup 1 (the other end of a pipe is gone,
 *                               the terminal's input has ended)
 *
 * Readiness: regular files, directories and devices are always ready; the terminal is readable when
 * a line (cooked) or a byte (raw) or end of input is there, always writable; a pipe is readable with
 * data or without writers, writable with room or without readers. When nothing is ready the process
 * blocks (virtual time: a timeout of 5 s ends 5e9 ticks later, at once in a headless run with nothing
 * else to do) and is woken to look again whenever a pipe or the terminal changes, or at its earliest
 * deadline; relative timeouts keep counting from the first attempt.
 * Errors of the call itself: EINVAL for no subscriptions, more than 4096, or an unknown tag; EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#poll_oneoff
 */

import type {SyscallContext} from '../kernel/syscalls.js';
import {hex, wasiCall} from './calls.js';
import {CLOCK, CLOCK_NAMES, ERRNO, EVENT_FD_READWRITE_HANGUP, EVENTTYPE, RIGHTS, SUBCLOCK_ABSTIME, wasiErrno} from './errno.js';
import {u32, type GuestMemory} from './memory.js';
import {rightsOf} from './rights.js';

interface Event {
	readonly userdata: bigint;
	readonly error: number;
	readonly type: number;
	readonly nbytes: number;
	readonly hangup: boolean;
}

const MAX_TICK = BigInt(Number.MAX_SAFE_INTEGER);

/** Subscriptions one call may have (as poll(2) refuses more fds than a process may open). */
const MAX_SUBSCRIPTIONS = 4096;

/** The tick a clock subscription fires at (null: never), or an errno for a clock it cannot wait on. */
function clockDeadline(ctx: SyscallContext, mem: GuestMemory, sub: number, since: number): number | null | {errno: number} {
	const id = mem.u32(sub + 16);
	const timeout = mem.u64(sub + 24);
	const absolute = (mem.u16(sub + 40) & SUBCLOCK_ABSTIME) !== 0;
	let at: bigint;
	if (id === CLOCK.MONOTONIC) at = absolute ? timeout : BigInt(since) + timeout;
	else if (id === CLOCK.REALTIME) at = absolute ? timeout - (ctx.realtime() - BigInt(ctx.now())) : BigInt(since) + timeout;
	else return {errno: ERRNO.EINVAL};
	if (at > MAX_TICK) return null;
	return Number(at < 0n ? 0n : at);
}

function fdEvent(ctx: SyscallContext, fd: number, type: number, userdata: bigint): Event | null {
	const info = ctx.files.info(fd);
	const fail = (error: number): Event => ({userdata, error, type, nbytes: 0, hangup: false});
	if (info === null) return fail(ERRNO.EBADF);
	if ((rightsOf(info).base & RIGHTS.POLL_FD_READWRITE) === 0) return fail(ERRNO.ENOTCAPABLE);
	const ready = ctx.files.readiness(fd, type === EVENTTYPE.FD_READ ? 'read' : 'write');
	if ('errno' in ready) return fail(wasiErrno(ready.errno));
	return ready.ready ? {userdata, error: 0, type, nbytes: ready.nbytes, hangup: ready.hangup} : null;
}

/**
 * poll_oneoff(in: i32, out: i32, nsubscriptions: i32, nevents_ptr: i32) → errno
 *   in ──► nsubscriptions × subscription
 *   out ──► events, as many as are ready (at most nsubscriptions)
 *   nevents_ptr ──► u32 events written
 */
export const pollOneoff = wasiCall('poll_oneoff', {
	handler: (ctx, mem, args) => {
		const input = u32(args[0]);
		const output = u32(args[1]);
		const n = u32(args[2]);
		if (n === 0 || n > MAX_SUBSCRIPTIONS) return ERRNO.EINVAL;
		mem.check(input, n * 48);
		mem.check(output, n * 32);
		mem.check(u32(args[3]), 4);
		const now = ctx.now();
		const since = ctx.retrying?.on === 'poll' ? ctx.retrying.since : now;
		const events: Event[] = [];
		let earliest: number | null = null;
		for (let k = 0; k < n; k++) {
			const sub = input + 48 * k;
			const userdata = mem.u64(sub);
			const type = mem.u8(sub + 8);
			if (type === EVENTTYPE.CLOCK) {
				const at = clockDeadline(ctx, mem, sub, since);
				if (at !== null && typeof at === 'object') events.push({userdata, error: at.errno, type, nbytes: 0, hangup: false});
				else if (at !== null && at <= now) events.push({userdata, error: 0, type, nbytes: 0, hangup: false});
				else if (at !== null) earliest = earliest === null ? at : Math.min(earliest, at);
			} else if (type === EVENTTYPE.FD_READ || type === EVENTTYPE.FD_WRITE) {
				const event = fdEvent(ctx, mem.u32(sub + 16), type, userdata);
				if (event !== null) events.push(event);
			} else {
				return ERRNO.EINVAL;
			}
		}
		if (events.length === 0) return ctx.block({on: 'poll', since, until: earliest});
		const bytes = new Uint8Array(32 * events.length);
		const view = new DataView(bytes.buffer);
		events.forEach((e, k) => {
			view.setBigUint64(32 * k, e.userdata, true);
			view.setUint16(32 * k + 8, e.error, true);
			view.setUint8(32 * k + 10, e.type);
			view.setBigUint64(32 * k + 16, BigInt(e.nbytes), true);
			view.setUint16(32 * k + 24, e.hangup ? EVENT_FD_READWRITE_HANGUP : 0, true);
		});
		mem.write(output, bytes);
		mem.setU32(u32(args[3]), events.length);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const input = u32(args[0]);
		const n = u32(args[2]);
		const subs: string[] = [];
		for (let k = 0; k < Math.min(n, 8); k++) {
			const sub = input + 48 * k;
			const type = mem.u8(sub + 8);
			if (type === EVENTTYPE.CLOCK) {
				const absolute = (mem.u16(sub + 40) & SUBCLOCK_ABSTIME) !== 0;
				subs.push(`clock ${CLOCK_NAMES[mem.u32(sub + 16)] ?? mem.u32(sub + 16)} ${absolute ? 'at' : '+'}${mem.u64(sub + 24)}ns`);
			} else {
				subs.push(`${type === EVENTTYPE.FD_READ ? 'read' : type === EVENTTYPE.FD_WRITE ? 'write' : `tag ${type}`} fd ${mem.u32(sub + 16)}`);
			}
		}
		const head = `[${subs.join(', ')}${n > 8 ? ', ...' : ''}], out=${hex(u32(args[1]))}`;
		return errno === 0 ? `${head} → nevents=${mem.u32(u32(args[3]))}` : head;
	},
});
