/*
 * WASI preview 1 as a kernel ABI: the table of its functions, one row each, every one of the
 * specification's (signatures.ts). An import that is not a preview-1 function is refused at link
 * time. Registered by the composition root:
 *
 *   kernel.registerAbi(wasiPreview1());
 *
 * One file per area: args, environ, clock, random, io (read/write/seek), fd (fdstat, close,
 * renumber, sync, advise, allocate), filestat, readdir, prestat, path, poll, proc, sched, sock.
 */

import type {Abi, SyscallDef} from '../kernel/syscalls.js';
import {argsGet, argsSizesGet} from './args.js';
import {clockResGet, clockTimeGet} from './clock.js';
import {environGet, environSizesGet} from './environ.js';
import {ERRNO_NAMES} from './errno.js';
import {fdAdvise, fdAllocate, fdClose, fdDatasync, fdFdstatGet, fdFdstatSetFlags, fdFdstatSetRights, fdRenumber, fdSync} from './fd.js';
import {fdFilestatGet, fdFilestatSetSize, fdFilestatSetTimes, pathFilestatGet, pathFilestatSetTimes} from './filestat.js';
import {fdPread, fdPwrite, fdRead, fdSeek, fdTell, fdWrite} from './io.js';
import {pathCreateDirectory, pathLink, pathOpen, pathReadlink, pathRemoveDirectory, pathRename, pathSymlink, pathUnlinkFile} from './path.js';
import {pollOneoff} from './poll.js';
import {fdPrestatDirName, fdPrestatGet} from './prestat.js';
import {procExit, procRaise} from './proc.js';
import {randomGet} from './random.js';
import {fdReaddir} from './readdir.js';
import {schedYield} from './sched.js';
import {sockAccept, sockRecv, sockSend, sockShutdown} from './sock.js';

export const WASI_MODULE = 'wasi_snapshot_preview1';

const CALLS: Readonly<Record<string, SyscallDef>> = {
	args_get: argsGet,
	args_sizes_get: argsSizesGet,
	environ_get: environGet,
	environ_sizes_get: environSizesGet,
	clock_res_get: clockResGet,
	clock_time_get: clockTimeGet,
	fd_advise: fdAdvise,
	fd_allocate: fdAllocate,
	fd_close: fdClose,
	fd_datasync: fdDatasync,
	fd_fdstat_get: fdFdstatGet,
	fd_fdstat_set_flags: fdFdstatSetFlags,
	fd_fdstat_set_rights: fdFdstatSetRights,
	fd_filestat_get: fdFilestatGet,
	fd_filestat_set_size: fdFilestatSetSize,
	fd_filestat_set_times: fdFilestatSetTimes,
	fd_pread: fdPread,
	fd_prestat_get: fdPrestatGet,
	fd_prestat_dir_name: fdPrestatDirName,
	fd_pwrite: fdPwrite,
	fd_read: fdRead,
	fd_readdir: fdReaddir,
	fd_renumber: fdRenumber,
	fd_seek: fdSeek,
	fd_sync: fdSync,
	fd_tell: fdTell,
	fd_write: fdWrite,
	path_create_directory: pathCreateDirectory,
	path_filestat_get: pathFilestatGet,
	path_filestat_set_times: pathFilestatSetTimes,
	path_link: pathLink,
	path_open: pathOpen,
	path_readlink: pathReadlink,
	path_remove_directory: pathRemoveDirectory,
	path_rename: pathRename,
	path_symlink: pathSymlink,
	path_unlink_file: pathUnlinkFile,
	poll_oneoff: pollOneoff,
	proc_exit: procExit,
	proc_raise: procRaise,
	random_get: randomGet,
	sched_yield: schedYield,
	sock_accept: sockAccept,
	sock_recv: sockRecv,
	sock_send: sockSend,
	sock_shutdown: sockShutdown,
};

export function wasiPreview1(): Abi {
	return {
		module: WASI_MODULE,
		calls: CALLS,
		outcome: results => {
			if (results.length === 0) return {result: 'does not return', errno: null};
			const n = Number(results[0]);
			if (n === 0) return {result: '0', errno: null};
			const name = ERRNO_NAMES[n] ?? `errno ${n}`;
			return {result: name, errno: name};
		},
	};
}
