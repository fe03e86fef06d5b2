/*
 * Reading a directory: fd_readdir, with cookies.
 *
 * The buffer is filled with entries one after another, each a 24-byte dirent and then its name
 * (not NUL-terminated):
 *   +0  u64 d_next     the cookie of the next entry (pass it back to continue from there)
 *   +8  u64 d_ino      the entry's inode number
 *   +16 u32 d_namlen   bytes of its name
 *   +20 u8  d_type     filetype (as filestat's)
 *   +24 ... name
 * The last entry may be cut off at the end of the buffer: bufused == buf_len means "there may be
 * more" (wasi-libc then retries from that entry with a bigger buffer); bufused < buf_len means the
 * end was reached. Cookie 0 starts at the beginning and takes a fresh listing; other cookies index
 * the listing taken then, so entries made or removed meanwhile do not shift the walk. "." and ".."
 * come first, then the entries in the directory's own order.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#fd_readdir
 */

import {hex, wasiCall} from './calls.js';
import {RIGHTS, wasiErrno} from './errno.js';
import {kindFiletype} from './filestat.js';
import {u32, u64} from './memory.js';
import {need} from './rights.js';

const encoder = new TextEncoder();

/**
 * fd_readdir(fd: i32, buf: i32, buf_len: i32, cookie: u64, bufused_ptr: i32) → errno
 *   buf ──► entries from `cookie` on, as above
 *   bufused_ptr ──► u32 bytes written
 * Errors: EBADF; ENOTCAPABLE (no fd_readdir right); ENOTDIR; EFAULT.
 */
export const fdReaddir = wasiCall('fd_readdir', {
	handler: (ctx, mem, args) => {
		const buf = u32(args[1]);
		const size = u32(args[2]);
		mem.check(buf, size);
		mem.check(u32(args[4]), 4);
		const fd = u32(args[0]);
		need(ctx, fd, RIGHTS.FD_READDIR);
		const cookie = u64(args[3]);
		const out = ctx.files.readdir(fd, cookie === 0n);
		if ('errno' in out) return wasiErrno(out.errno);
		// Lay the entries out in a scratch buffer until `size` bytes are filled.
		const bytes = new Uint8Array(size);
		let used = 0;
		for (let k = cookie; k < BigInt(out.entries.length) && used < size; k++) {
			const entry = out.entries[Number(k)];
			const name = encoder.encode(entry.name);
			const record = new Uint8Array(24 + name.length);
			const rv = new DataView(record.buffer);
			rv.setBigUint64(0, k + 1n, true);
			rv.setBigUint64(8, entry.ino, true);
			rv.setUint32(16, name.length, true);
			rv.setUint8(20, kindFiletype(entry.kind, entry.special));
			record.set(name, 24);
			const n = Math.min(record.length, size - used);
			bytes.set(record.subarray(0, n), used);
			used += n;
		}
		mem.write(buf, bytes.subarray(0, used));
		mem.setU32(u32(args[4]), used);
		return 0;
	},
	describe: (_ctx, mem, args, errno) => `fd=${u32(args[0])}, buf=${hex(u32(args[1]))}:${u32(args[2])}, cookie=${u64(args[3])}${errno === 0 ? ` → bufused=${mem.u32(u32(args[4]))}` : ''}`,
});
