/*
 * Moving data through fds: fd_read, fd_write, fd_pread, fd_pwrite, fd_seek, fd_tell.
 *
 * Buffers are iovec arrays (fd_read, fd_pread: filled) or ciovec arrays (fd_write, fd_pwrite:
 * gathered), each element 8 bytes:
 *   +0 u32 buf      pointer to the bytes
 *   +4 u32 buf_len  how many
 * Every buffer is checked before anything happens (EFAULT). One call moves at most 16 MiB through
 * its first 1024 non-empty buffers; more comes back as a short count, which callers loop over. A read of the terminal, of an empty
 * pipe, or a write to a full pipe blocks the process (nonblock: EAGAIN); a regular file, a device
 * or /proc never blocks. A write to a pipe with no reader is EPIPE and the process gets PIPE.
 *
 * Checks in order: the buffers (EFAULT), the fd (EBADF), reading an fd not open for reading or
 * writing one not open for writing (EBADF), the fd's rights (ENOTCAPABLE).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_read
 */

import type {SyscallContext} from '../kernel/syscalls.js';
import {hex, preview, PREVIEW_BYTES, WasiErrno, wasiCall} from './calls.js';
import {ERRNO, RIGHTS, WHENCE, wasiErrno} from './errno.js';
import {s64, u32, u64, type GuestMemory} from './memory.js';
import {rightsOf} from './rights.js';

type IoVec = {readonly buf: number; readonly len: number};

/** Bytes one call moves at most, and buffers it uses at most (a longer read or write comes back short). */
const MAX_BYTES = 16 * 1024 * 1024;
const MAX_BUFFERS = 1024;

/**
 * Reads an iovec/ciovec array, checking that every buffer lies inside memory (EFAULT), and keeps
 * the first MAX_BUFFERS of them holding at most MAX_BYTES: what one call moves, so that a guest
 * cannot make the host copy gigabytes or build millions of records in one call.
 */
function buffers(mem: GuestMemory, ptr: number, count: number): IoVec[] {
	mem.check(ptr, count * 8);
	const list: IoVec[] = [];
	let bytes = 0;
	for (let k = 0; k < count; k++) {
		const buf = mem.u32(ptr + 8 * k);
		const len = mem.u32(ptr + 8 * k + 4);
		mem.check(buf, len);
		if (list.length < MAX_BUFFERS && bytes < MAX_BYTES && len > 0) {
			const take = Math.min(len, MAX_BYTES - bytes);
			list.push({buf, len: take});
			bytes += take;
		}
	}
	return list;
}

function iovText(list: readonly IoVec[]): string {
	return `[${list.map(v => `${hex(v.buf)}:${v.len}`).join(', ')}]`;
}

function total(list: readonly IoVec[]): number {
	return list.reduce((n, v) => n + v.len, 0);
}

/** A copy of the first `count` bytes the buffers hold, in order. */
function gather(mem: GuestMemory, list: readonly IoVec[], count: number): Uint8Array {
	const out = new Uint8Array(count);
	let at = 0;
	for (const v of list) {
		if (at >= count) break;
		const part = mem.view(v.buf, Math.min(v.len, count - at));
		out.set(part, at);
		at += part.length;
	}
	return out;
}

/** Spreads `data` over the buffers in order. */
function scatter(mem: GuestMemory, list: readonly IoVec[], data: Uint8Array): void {
	let at = 0;
	for (const v of list) {
		if (at >= data.length) break;
		const part = data.subarray(at, at + v.len);
		mem.write(v.buf, part);
		at += part.length;
	}
}

/** The fd is open, open for reading (or writing), and has `rights`. */
function access(ctx: SyscallContext, fd: number, writing: boolean, rights: number): void {
	const info = ctx.files.info(fd);
	if (info === null || !(writing ? info.writable : info.readable)) throw new WasiErrno(ERRNO.EBADF);
	if ((rightsOf(info).base & rights) !== rights) throw new WasiErrno(ERRNO.ENOTCAPABLE);
}

/** An offset argument (u64) the kernel can use; past 2^53 it is EINVAL. */
function offsetArg(value: bigint): number {
	if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new WasiErrno(ERRNO.EINVAL);
	return Number(value);
}

/**
 * fd_write(fd: i32, iovs: i32, iovs_len: i32, nwritten_ptr: i32) → errno
 *   iovs ──► iovs_len × ciovec, gathered in order
 *   nwritten_ptr ──► u32 bytes written (a pipe may take fewer than all; the terminal and files take all)
 * Errors: EBADF (not open for writing), ENOTCAPABLE (no fd_write right), EFAULT, EPIPE, EAGAIN
 * (nonblock and a full pipe), ENOSPC / EFBIG / EROFS (files).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_write
 */
export const fdWrite = wasiCall('fd_write', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[3]), 4);
		const fd = u32(args[0]);
		access(ctx, fd, true, RIGHTS.FD_WRITE);
		const out = ctx.files.write(fd, gather(mem, list, total(list)));
		if ('wait' in out) return ctx.block(out.wait);
		if ('errno' in out) return wasiErrno(out.errno);
		mem.setU32(u32(args[3]), out.count);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)} ${preview(gather(mem, list, Math.min(total(list), PREVIEW_BYTES)), total(list))}`;
		return errno === 0 ? `${head} → nwritten=${mem.u32(u32(args[3]))}` : head;
	},
});

/**
 * fd_read(fd: i32, iovs: i32, iovs_len: i32, nread_ptr: i32) → errno
 *   iovs ──► iovs_len × iovec, filled in order with what was read
 *   nread_ptr ──► u32 bytes read (0: end of file)
 * On the terminal a read blocks until a line (cooked mode) or a byte (raw) is there, and returns at
 * most one line; a background job that reads it is stopped (TTIN) until continued. An empty pipe
 * blocks while it has a writer.
 * Errors: EBADF (not open for reading), ENOTCAPABLE (no fd_read right), EFAULT, EISDIR, EAGAIN.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_read
 */
export const fdRead = wasiCall('fd_read', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[3]), 4);
		const fd = u32(args[0]);
		access(ctx, fd, false, RIGHTS.FD_READ);
		const room = total(list);
		if (room === 0) {
			mem.setU32(u32(args[3]), 0);
			return 0;
		}
		const got = ctx.files.read(fd, room);
		if ('wait' in got) return ctx.block(got.wait);
		if ('errno' in got) return wasiErrno(got.errno);
		scatter(mem, list, got.data);
		mem.setU32(u32(args[3]), got.data.length);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)}`;
		if (errno !== 0) return head;
		const n = mem.u32(u32(args[3]));
		return `${head} → nread=${n} ${preview(gather(mem, list, Math.min(n, PREVIEW_BYTES)), n)}`;
	},
});

/**
 * fd_pread(fd: i32, iovs: i32, iovs_len: i32, offset: u64, nread_ptr: i32) → errno
 * Reads at `offset` without moving the fd's offset; iovs and nread_ptr as fd_read.
 * Errors: as fd_read; ENOTCAPABLE without fd_read and fd_seek (a pipe or the terminal has no
 * fd_seek); ESPIPE for what cannot seek; EINVAL for an offset past 2^53.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_pread
 */
export const fdPread = wasiCall('fd_pread', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[4]), 4);
		const fd = u32(args[0]);
		access(ctx, fd, false, RIGHTS.FD_READ | RIGHTS.FD_SEEK);
		const got = ctx.files.pread(fd, total(list), offsetArg(u64(args[3])));
		if ('wait' in got) return ctx.block(got.wait);
		if ('errno' in got) return wasiErrno(got.errno);
		scatter(mem, list, got.data);
		mem.setU32(u32(args[4]), got.data.length);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)}, offset=${u64(args[3])}`;
		if (errno !== 0) return head;
		const n = mem.u32(u32(args[4]));
		return `${head} → nread=${n} ${preview(gather(mem, list, Math.min(n, PREVIEW_BYTES)), n)}`;
	},
});

/**
 * fd_pwrite(fd: i32, iovs: i32, iovs_len: i32, offset: u64, nwritten_ptr: i32) → errno
 * Writes at `offset` without moving the fd's offset (past the end: the gap reads as zeros);
 * iovs and nwritten_ptr as fd_write.
 * Errors: as fd_write; ENOTCAPABLE without fd_write and fd_seek; ESPIPE; EINVAL past 2^53.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_pwrite
 */
export const fdPwrite = wasiCall('fd_pwrite', {
	handler: (ctx, mem, args) => {
		const list = buffers(mem, u32(args[1]), u32(args[2]));
		mem.check(u32(args[4]), 4);
		const fd = u32(args[0]);
		access(ctx, fd, true, RIGHTS.FD_WRITE | RIGHTS.FD_SEEK);
		const out = ctx.files.pwrite(fd, gather(mem, list, total(list)), offsetArg(u64(args[3])));
		if ('wait' in out) return ctx.block(out.wait);
		if ('errno' in out) return wasiErrno(out.errno);
		mem.setU32(u32(args[4]), out.count);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const list = mem.iovecs(u32(args[1]), u32(args[2]));
		const head = `fd=${u32(args[0])}, iovs=${iovText(list)} ${preview(gather(mem, list, Math.min(total(list), PREVIEW_BYTES)), total(list))}, offset=${u64(args[3])}`;
		return errno === 0 ? `${head} → nwritten=${mem.u32(u32(args[4]))}` : head;
	},
});

/**
 * fd_seek(fd: i32, offset: s64, whence: u8, newoffset_ptr: i32) → errno
 *   whence: 0 set (from the start), 1 cur (from the offset now), 2 end (from the end of the file)
 *   newoffset_ptr ──► u64 the offset now, from the start
 * Asking where one is (cur, offset 0) needs fd_tell; moving needs fd_seek.
 * Errors: EBADF; ENOTCAPABLE (the terminal and pipes have neither right); EINVAL for an unknown
 * whence or a resulting offset below 0 or past 2^53; ESPIPE; EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_seek
 */
export const fdSeek = wasiCall('fd_seek', {
	handler: (ctx, mem, args) => {
		mem.check(u32(args[3]), 8);
		const fd = u32(args[0]);
		const offset = s64(args[1]);
		const whence = WHENCE[u32(args[2]) & 0xff];
		const info = ctx.files.info(fd);
		if (info === null) return ERRNO.EBADF;
		const right = whence === 'cur' && offset === 0n ? RIGHTS.FD_TELL : RIGHTS.FD_SEEK;
		if ((rightsOf(info).base & right) !== right) return ERRNO.ENOTCAPABLE;
		if (whence === undefined || (u32(args[2]) & ~0xff) !== 0) return ERRNO.EINVAL;
		const out = ctx.files.seek(fd, offset, whence);
		if ('errno' in out) return wasiErrno(out.errno);
		mem.setU64(u32(args[3]), BigInt(out.position));
		return 0;
	},
	describe: (_ctx, mem, args, errno) => {
		const head = `fd=${u32(args[0])}, offset=${s64(args[1])}, whence=${WHENCE[u32(args[2])] ?? u32(args[2])}`;
		return errno === 0 ? `${head} → ${mem.u64(u32(args[3]))}` : head;
	},
});

/**
 * fd_tell(fd: i32, offset_ptr: i32) → errno
 *   offset_ptr ──► u64 the fd's offset
 * Errors: EBADF; ENOTCAPABLE (no fd_tell right: the terminal, pipes); EFAULT.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_tell
 */
export const fdTell = wasiCall('fd_tell', {
	handler: (ctx, mem, args) => {
		mem.check(u32(args[1]), 8);
		const fd = u32(args[0]);
		const info = ctx.files.info(fd);
		if (info === null) return ERRNO.EBADF;
		if ((rightsOf(info).base & RIGHTS.FD_TELL) === 0) return ERRNO.ENOTCAPABLE;
		const out = ctx.files.seek(fd, 0n, 'cur');
		if ('errno' in out) return wasiErrno(out.errno);
		mem.setU64(u32(args[1]), BigInt(out.position));
		return 0;
	},
	describe: (_ctx, mem, args, errno) => `fd=${u32(args[0])}${errno === 0 ? ` → ${mem.u64(u32(args[1]))}` : ''}`,
});
