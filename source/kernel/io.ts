/*
 * The kernel's file calls for one process (syscalls.ts's FileCalls): its fd table over the VFS,
 * pipes, devices and the terminal. A small object made per syscall, bound to the machine and the
 * calling process. VFS failures arrive as FsErrors and leave here as errno values.
 *
 * Blocking follows the kernel's rule (syscalls.ts): a call that cannot complete returns a wait
 * before it has changed anything, and is retried whole when the wait may be over:
 *   read of the terminal     until a line (cooked) or a byte (raw), or end of input; a background
 *                            job is stopped with TTIN instead
 *   read of an empty pipe    until data comes or the last writer goes (then end of file)
 *   write to a full pipe     until there is room; no reader left: EPIPE and the PIPE signal
 *   open of a FIFO           for reading, until a writer opens it; for writing, until a reader does
 * With the nonblock flag each of these answers EAGAIN instead (a FIFO opened for writing with no
 * reader: ENXIO).
 */

import {fdInfo, NO_FLAGS, type OpenFile, type OpenTarget} from './files.js';
import type {Machine} from './machine.js';
import type {Process} from './process.js';
import type {Errno, FdFlags, FdInfo, FileCalls, ListedEntry, OpenRequest, ReadResult, Readiness, Rights, Wait, WriteResult} from './syscalls.js';
import {readDevice} from './vfs/devices.js';
import type {MemFifo} from './vfs/memory.js';
import {acceptable, putIntoPipe, room, takeFromPipe, type Pipe} from './vfs/pipes.js';
import {fail, FsError, type NodeRef, type Stat} from './vfs/types.js';

/** The largest file offset the kernel works with. */
const MAX_OFFSET = Number.MAX_SAFE_INTEGER;

const ESPIPE = {errno: 'ESPIPE'} as const;
const EBADF = {errno: 'EBADF'} as const;

/** An FsError's errno as a result; anything else is not ours to catch. */
function failed(error: unknown): {errno: Errno} {
	if (error instanceof FsError) return {errno: error.errno};
	throw error;
}

function errnoOf(error: unknown): Errno {
	return failed(error).errno;
}

export class ProcessFiles implements FileCalls {
	constructor(
		private readonly m: Machine,
		private readonly proc: Process,
		private readonly retrying: Wait | null,
	) {}

	info(fd: number): FdInfo | null {
		const file = this.m.fileOf(this.proc, fd);
		return file === null ? null : fdInfo(file);
	}

	// ---- Data ---------------------------------------------------------------------------------

	read(fd: number, max: number): ReadResult {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null || !file.readable) return EBADF;
		try {
			return this.readFrom(file, max, null);
		} catch (error) {
			return failed(error);
		}
	}

	pread(fd: number, max: number, offset: number): ReadResult {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null || !file.readable) return EBADF;
		try {
			return this.readFrom(file, max, offset);
		} catch (error) {
			return failed(error);
		}
	}

	write(fd: number, data: Uint8Array): WriteResult {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null || !file.writable) return EBADF;
		try {
			return this.writeTo(file, data, null);
		} catch (error) {
			return failed(error);
		}
	}

	pwrite(fd: number, data: Uint8Array, offset: number): WriteResult {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null || !file.writable) return EBADF;
		try {
			return this.writeTo(file, data, offset);
		} catch (error) {
			return failed(error);
		}
	}

	/** Reads at `at`, or at the fd's offset (moving it) when `at` is null. */
	private readFrom(file: OpenFile, max: number, at: number | null): ReadResult {
		const t = file.target;
		switch (t.type) {
			case 'tty':
				return at !== null ? ESPIPE : this.readTty(file, max);
			case 'device':
				return {data: readDevice(t.device, max, this.m.prng)};
			case 'file': {
				const data = this.m.vfs.readFile(t.handle, at ?? file.position, max);
				if (at === null) file.position += data.length;
				return {data};
			}
			case 'dir':
				return {errno: 'EISDIR'};
			case 'pipe':
				return at !== null ? ESPIPE : this.readPipe(file, this.m.pipe(t.pipe), max);
		}
	}

	private readTty(file: OpenFile, max: number): ReadResult {
		const foreground = this.m.terminal.foreground;
		// A background job that reads the terminal is stopped (TTIN), and reads again when continued.
		if (foreground !== null && this.proc.pgid !== foreground) {
			this.m.signalGroup(this.proc.pgid, 'TTIN', 'tty');
			return {wait: {on: 'tty-read'}};
		}
		const data = this.m.terminal.read(max);
		if (data !== null) return {data};
		return file.flags.nonblock ? {errno: 'EAGAIN'} : {wait: {on: 'tty-read'}};
	}

	/** Whether a pipe has a writer (or, a FIFO, one on its way: opening it). */
	private hasWriter(pipe: Pipe): boolean {
		return pipe.writers > 0 || (pipe.fifo !== null && this.m.fifoWaiter(pipe.fifo, true));
	}

	private hasReader(pipe: Pipe): boolean {
		return pipe.readers > 0 || (pipe.fifo !== null && this.m.fifoWaiter(pipe.fifo, false));
	}

	private readPipe(file: OpenFile, pipe: Pipe, max: number): ReadResult {
		if (pipe.length === 0) {
			if (!this.hasWriter(pipe)) return {data: new Uint8Array(0)};
			return file.flags.nonblock ? {errno: 'EAGAIN'} : {wait: {on: 'pipe-read', pipe: pipe.id}};
		}
		const data = takeFromPipe(pipe, max);
		this.m.pipeChanged(pipe, 'drained');
		return {data};
	}

	private writeTo(file: OpenFile, data: Uint8Array, at: number | null): WriteResult {
		const t = file.target;
		switch (t.type) {
			case 'tty':
				if (at !== null) return ESPIPE;
				if (this.m.terminal.closedOutput[t.channel]) {
					// The host's reader of this output has gone: as a pipe without a reader.
					this.m.raise(this.proc, 'PIPE');
					return {errno: 'EPIPE'};
				}
				this.m.terminal.write(t.channel, data);
				return {count: data.length};
			case 'device':
				return {count: data.length};
			case 'file': {
				const offset = at ?? (file.flags.append ? this.m.vfs.statFile(t.handle).size : file.position);
				if (offset + data.length > MAX_OFFSET) return {errno: 'EFBIG'};
				const n = this.m.vfs.writeFile(t.handle, offset, data);
				if (at === null) file.position = offset + n;
				return {count: n};
			}
			case 'dir':
				return {errno: 'EISDIR'};
			case 'pipe':
				return at !== null ? ESPIPE : this.writePipe(file, this.m.pipe(t.pipe), data);
		}
	}

	private writePipe(file: OpenFile, pipe: Pipe, data: Uint8Array): WriteResult {
		if (!this.hasReader(pipe)) {
			this.m.raise(this.proc, 'PIPE');
			return {errno: 'EPIPE'};
		}
		if (data.length === 0) return {count: 0};
		const n = acceptable(pipe, data.length);
		if (n === 0) return file.flags.nonblock ? {errno: 'EAGAIN'} : {wait: {on: 'pipe-write', pipe: pipe.id}};
		putIntoPipe(pipe, data.subarray(0, n));
		this.m.pipeChanged(pipe, 'filled');
		return {count: n};
	}

	seek(fd: number, offset: bigint, whence: 'set' | 'cur' | 'end'): {position: number} | {errno: Errno} {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return EBADF;
		const t = file.target;
		if (t.type === 'tty' || t.type === 'pipe') return ESPIPE;
		if (t.type === 'device') return {position: 0};
		try {
			const size = t.type === 'file' ? this.m.vfs.statFile(t.handle).size : 0;
			const base = whence === 'set' ? 0 : whence === 'cur' ? file.position : size;
			const next = BigInt(base) + offset;
			if (next < 0n || next > BigInt(MAX_OFFSET)) return {errno: 'EINVAL'};
			file.position = Number(next);
			return {position: file.position};
		} catch (error) {
			return failed(error);
		}
	}

	close(fd: number): Errno | null {
		return this.m.closeFd(this.proc, fd);
	}

	renumber(from: number, to: number): Errno | null {
		if (this.m.fileOf(this.proc, from) === null || this.m.fileOf(this.proc, to) === null) return 'EBADF';
		if (from === to) return null;
		const id = this.proc.fds[from]!;
		this.proc.fds[from] = null;
		this.m.closeFd(this.proc, to);
		this.proc.fds[to] = id;
		return null;
	}

	// ---- Opening ------------------------------------------------------------------------------

	open(dirfd: number, path: string, req: OpenRequest): {fd: number} | {errno: Errno} | {wait: Wait} {
		try {
			const dir = this.dirNode(dirfd);
			const fd = this.m.freeFd(this.proc);
			if (fd === null) return {errno: 'EMFILE'};
			const vfs = this.m.vfs;
			// With create and exclusive a symlink is never followed: whatever is there, it exists (POSIX).
			const r = vfs.resolve(dir, path, req.follow && !(req.create && req.exclusive), this.proc.pid);
			if (r.node === null) {
				if (!req.create) return {errno: 'ENOENT'};
				if (r.dirOnly) return {errno: 'EISDIR'};
				if (req.directory) return {errno: 'EINVAL'};
			} else if (req.create && req.exclusive) {
				return {errno: 'EEXIST'};
			}
			const kind = r.stat?.kind ?? 'file';
			const shown = r.parent === null ? vfs.pathOf(r.node!) : vfs.pathIn(r.parent, r.name);
			if (kind === 'symlink') return {errno: 'ELOOP'};
			if (kind === 'dir') {
				if (req.write || req.truncate || req.create) return {errno: 'EISDIR'};
				return {fd: this.install(fd, {type: 'dir', node: r.node!}, shown, true, false, req.flags, r.node)};
			}
			if (req.directory || r.dirOnly) return {errno: 'ENOTDIR'};
			switch (kind) {
				case 'file': {
					const handle = vfs.openFile(r, {read: req.read, write: req.write, truncate: req.truncate});
					return {fd: this.install(fd, {type: 'file', handle}, shown, req.read, req.write, req.flags, null)};
				}
				case 'device': {
					const device = r.stat!.device!;
					const target: OpenTarget = device === 'tty' ? {type: 'tty', channel: 'out'} : {type: 'device', device, node: r.node};
					return {fd: this.install(fd, target, shown, req.read, req.write, req.flags, r.node)};
				}
				case 'fifo':
					return this.openFifo(fd, r.node!, shown, req);
				default:
					return {errno: 'EACCES'};
			}
		} catch (error) {
			return failed(error);
		}
	}

	/** Puts a new open file at fd; `node` is an in-memory inode it keeps alive. */
	private install(fd: number, target: OpenTarget, path: string, readable: boolean, writable: boolean, flags: FdFlags, node: NodeRef | null): number {
		const id = this.m.files.open({target, path, readable, writable, flags});
		this.m.files.retain(id);
		if (node !== null) this.m.vfs.retain(node);
		this.proc.fds[fd] = id;
		return fd;
	}

	/**
	 * A FIFO opens when its other side is there: open (or has opened since this call first waited),
	 * or blocked opening it. Read and write together never wait.
	 */
	private openFifo(fd: number, node: NodeRef, path: string, req: OpenRequest): {fd: number} | {errno: Errno} | {wait: Wait} {
		if (node.fs !== 'mem') return {errno: 'EACCES'};
		const fifo = this.m.vfs.mem.get(node.ino) as MemFifo;
		const pipe = fifo.pipe === null ? null : this.m.pipe(fifo.pipe);
		const retry = this.retrying?.on === 'fifo-open' && this.retrying.ino === node.ino ? this.retrying : null;
		if (req.read !== req.write) {
			const writing = req.write;
			const present = writing ? (pipe?.readers ?? 0) > 0 : (pipe?.writers ?? 0) > 0;
			const opened = retry !== null && retry.seen !== (writing ? fifo.readOpens : fifo.writeOpens);
			if (!present && !opened && !this.m.fifoWaiter(node.ino, !writing)) {
				if (req.flags.nonblock) {
					if (writing) return {errno: 'ENXIO'};
				} else {
					return {wait: {on: 'fifo-open', ino: node.ino, write: writing, seen: writing ? fifo.readOpens : fifo.writeOpens}};
				}
			}
		}
		const shared = pipe ?? this.m.newPipe(node.ino);
		fifo.pipe = shared.id;
		if (req.read) {
			shared.readers++;
			fifo.readOpens++;
		}
		if (req.write) {
			shared.writers++;
			fifo.writeOpens++;
		}
		const out = this.install(fd, {type: 'pipe', pipe: shared.id, node}, path, req.read, req.write, req.flags, node);
		this.m.fifoOpened(node.ino);
		return {fd: out};
	}

	// ---- Metadata -----------------------------------------------------------------------------

	stat(fd: number): {stat: Stat} | {errno: Errno} {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return EBADF;
		try {
			return {stat: this.statOf(file)};
		} catch (error) {
			return failed(error);
		}
	}

	private statOf(file: OpenFile): Stat {
		const t = file.target;
		const vfs = this.m.vfs;
		switch (t.type) {
			case 'file':
				return vfs.statFile(t.handle);
			case 'dir':
				return vfs.stat(t.node);
			case 'device':
				if (t.node !== null) return vfs.stat(t.node);
				return this.synthetic('device', 0, t.device);
			case 'tty':
				return this.synthetic('device', 0, 'tty');
			case 'pipe': {
				const pipe = this.m.pipe(t.pipe);
				return t.node !== null ? {...vfs.stat(t.node), size: pipe.length} : this.synthetic('fifo', pipe.length, null);
			}
		}
	}

	/** stat of a stdio device or an anonymous pipe, which have no node in the tree. */
	private synthetic(kind: 'device' | 'fifo', size: number, device: 'null' | 'zero' | 'random' | 'tty' | null): Stat {
		const now = this.m.vfs.now();
		return {dev: 0, ino: 0n, kind, device, special: null, nlink: 1, size, atim: now, mtim: now, ctim: now};
	}

	statAt(dirfd: number, path: string, follow: boolean): {stat: Stat} | {errno: Errno} {
		try {
			return {stat: this.m.vfs.existing(this.dirNode(dirfd), path, follow, this.proc.pid).stat};
		} catch (error) {
			return failed(error);
		}
	}

	truncate(fd: number, size: bigint): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		if (file.target.type !== 'file' || !file.writable) return 'EINVAL';
		if (size < 0n) return 'EINVAL';
		if (size > BigInt(MAX_OFFSET)) return 'EFBIG';
		try {
			this.m.vfs.truncateFile(file.target.handle, Number(size));
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	allocate(fd: number, offset: bigint, length: bigint): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		if (offset < 0n || length <= 0n) return 'EINVAL';
		if (file.target.type !== 'file') return file.target.type === 'pipe' ? 'ESPIPE' : 'EINVAL';
		if (!file.writable) return 'EBADF';
		if (offset + length > BigInt(MAX_OFFSET)) return 'EFBIG';
		try {
			const handle = file.target.handle;
			const end = Number(offset + length);
			if (this.m.vfs.statFile(handle).size < end) this.m.vfs.truncateFile(handle, end);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	setTimes(fd: number, atim: bigint | null, mtim: bigint | null): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		const t = file.target;
		const node = t.type === 'file' ? t.handle.node : t.type === 'dir' ? t.node : t.type === 'device' || t.type === 'pipe' ? t.node : null;
		if (node === null) return null;
		try {
			this.m.vfs.setTimes(node, atim, mtim);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	setTimesAt(dirfd: number, path: string, follow: boolean, atim: bigint | null, mtim: bigint | null): Errno | null {
		try {
			const r = this.m.vfs.existing(this.dirNode(dirfd), path, follow, this.proc.pid);
			this.m.vfs.setTimes(r.node, atim, mtim);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	sync(fd: number, dataOnly: boolean): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		if (file.target.type !== 'file') return null;
		try {
			this.m.vfs.syncFile(file.target.handle, dataOnly);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	setFlags(fd: number, flags: FdFlags): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		file.flags = flags;
		return null;
	}

	setRights(fd: number, rights: Rights): Errno | null {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return 'EBADF';
		const old = file.rights;
		// Rights only ever shrink.
		if (old !== null && ((rights.base & ~old.base) !== 0 || (rights.inheriting & ~old.inheriting) !== 0)) return 'ENOTCAPABLE';
		file.rights = rights;
		return null;
	}

	readdir(fd: number, rewind: boolean): {entries: readonly ListedEntry[]} | {errno: Errno} {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null) return EBADF;
		if (file.target.type !== 'dir') return {errno: 'ENOTDIR'};
		try {
			if (rewind || file.listing === null) {
				const vfs = this.m.vfs;
				const node = file.target.node;
				const self = vfs.stat(node);
				const up = vfs.stat(vfs.parentOf(node));
				file.listing = [{name: '.', ino: self.ino, kind: 'dir', special: null}, {name: '..', ino: up.ino, kind: 'dir', special: null}, ...vfs.list(node)];
			}
			return {entries: file.listing};
		} catch (error) {
			return failed(error);
		}
	}

	// ---- Names --------------------------------------------------------------------------------

	mkdirAt(dirfd: number, path: string): Errno | null {
		try {
			this.m.vfs.mkdir(this.dirNode(dirfd), path, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	unlinkAt(dirfd: number, path: string): Errno | null {
		try {
			this.m.vfs.unlink(this.dirNode(dirfd), path, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	rmdirAt(dirfd: number, path: string): Errno | null {
		try {
			this.m.vfs.rmdir(this.dirNode(dirfd), path, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	renameAt(dirfd: number, path: string, dirfd2: number, path2: string): Errno | null {
		try {
			this.m.vfs.rename(this.dirNode(dirfd), path, this.dirNode(dirfd2), path2, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	linkAt(dirfd: number, path: string, follow: boolean, dirfd2: number, path2: string): Errno | null {
		try {
			this.m.vfs.link(this.dirNode(dirfd), path, follow, this.dirNode(dirfd2), path2, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	symlinkAt(target: string, dirfd: number, path: string): Errno | null {
		try {
			this.m.vfs.symlink(target, this.dirNode(dirfd), path, this.proc.pid);
			return null;
		} catch (error) {
			return errnoOf(error);
		}
	}

	readlinkAt(dirfd: number, path: string): {target: string} | {errno: Errno} {
		try {
			return {target: this.m.vfs.readlinkAt(this.dirNode(dirfd), path, this.proc.pid)};
		} catch (error) {
			return failed(error);
		}
	}

	// ---- Poll ---------------------------------------------------------------------------------

	readiness(fd: number, direction: 'read' | 'write'): Readiness | {errno: Errno} {
		const file = this.m.fileOf(this.proc, fd);
		if (file === null || !(direction === 'read' ? file.readable : file.writable)) return EBADF;
		const t = file.target;
		try {
			switch (t.type) {
				case 'tty': {
					if (direction === 'write') return {ready: true, nbytes: 0, hangup: false};
					const view = this.m.terminal.view();
					return {ready: this.m.terminal.readable(), nbytes: view.pending, hangup: view.hungUp};
				}
				case 'pipe': {
					const pipe = this.m.pipe(t.pipe);
					if (direction === 'read') return {ready: pipe.length > 0 || !this.hasWriter(pipe), nbytes: pipe.length, hangup: !this.hasWriter(pipe)};
					return {ready: room(pipe) > 0 || !this.hasReader(pipe), nbytes: room(pipe), hangup: !this.hasReader(pipe)};
				}
				case 'file': {
					const size = this.m.vfs.statFile(t.handle).size;
					return {ready: true, nbytes: direction === 'read' ? Math.max(0, size - file.position) : 0, hangup: false};
				}
				default:
					return {ready: true, nbytes: 0, hangup: false};
			}
		} catch (error) {
			return failed(error);
		}
	}

	pipe(): {read: number; write: number} | {errno: Errno} {
		const read = this.m.freeFd(this.proc);
		if (read === null) return {errno: 'EMFILE'};
		const pipe = this.m.newPipe(null);
		pipe.readers++;
		this.install(read, {type: 'pipe', pipe: pipe.id, node: null}, `pipe:[${pipe.id}]`, true, false, NO_FLAGS, null);
		const write = this.m.freeFd(this.proc);
		if (write === null) {
			this.m.closeFd(this.proc, read);
			return {errno: 'EMFILE'};
		}
		pipe.writers++;
		this.install(write, {type: 'pipe', pipe: pipe.id, node: null}, `pipe:[${pipe.id}]`, false, true, NO_FLAGS, null);
		return {read, write};
	}

	/** The directory a dirfd refers to (EBADF: not open; ENOTDIR: not a directory). */
	private dirNode(dirfd: number): NodeRef {
		const file = this.m.fileOf(this.proc, dirfd);
		if (file === null) fail('EBADF');
		if (file.target.type !== 'dir') fail('ENOTDIR');
		return file.target.node;
	}
}
