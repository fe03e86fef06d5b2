/*
 * Sockets: sock_accept, sock_recv, sock_send, sock_shutdown. The machine has no network and no
 * socket is ever an fd, so each answers ENOTSUP (as Node's WASI does).
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#sock_accept
 */

import type {SyscallDef} from '../kernel/syscalls.js';
import {wasiCall} from './calls.js';
import {ERRNO} from './errno.js';
import {u32} from './memory.js';

function unsupported(name: string): SyscallDef {
	return wasiCall(name, {
		handler: () => ERRNO.ENOTSUP,
		describe: (_ctx, _mem, args) => `fd=${u32(args[0])} (no sockets here)`,
	});
}

/** sock_accept(fd: i32, flags: u16, result_fd_ptr: i32) → errno: ENOTSUP. */
export const sockAccept = unsupported('sock_accept');
/** sock_recv(fd: i32, ri_data: i32, ri_data_len: i32, ri_flags: u16, ro_datalen_ptr: i32, ro_flags_ptr: i32) → errno: ENOTSUP. */
export const sockRecv = unsupported('sock_recv');
/** sock_send(fd: i32, si_data: i32, si_data_len: i32, si_flags: u16, so_datalen_ptr: i32) → errno: ENOTSUP. */
export const sockSend = unsupported('sock_send');
/** sock_shutdown(fd: i32, how: u8) → errno: ENOTSUP. */
export const sockShutdown = unsupported('sock_shutdown');
