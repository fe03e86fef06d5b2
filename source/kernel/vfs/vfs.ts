/*
 * The VFS: one tree made of the in-memory file system, host mounts and /proc, and the operations
 * the kernel's file calls (io.ts) make on it. Everything is plain data but the host's files
 * themselves (mounts are host paths; an open host file is a host fd) and the ProcSource, which
 * reads the kernel's process table.
 *
 * The booted tree:
 *   /bin  /home  /tmp  /etc/motd
 *   /dev/null  /dev/zero  /dev/random  /dev/urandom  /dev/tty
 *   /proc                                   (procfs.ts)
 * then each --dir mount in order: "::/" replaces the root with the host directory (the booted tree
 * is then out of sight, as under wasmtime); any other guest path is created in the in-memory tree
 * if it is missing there, or must exist when it lies in a host mount.
 *
 * Mounts: a mounted root covers the name it is mounted on — (directory, name) → root in `covers` —
 * and `mountedAt` gives its way back for "..". A mount point cannot be removed or renamed (EBUSY);
 * nothing moves between file systems (EXDEV); a read-only mount refuses changes (EROFS) and /proc
 * refuses them all (EACCES).
 */

import type {Clock} from '../clock.js';
import {child, HostFs} from './host.js';
import {MemFs, ROOT_INO, type MemSpec} from './memory.js';
import {resolve, type Namespace, type Resolved} from './path.js';
import {ProcFs, type ProcSource} from './procfs.js';
import {fail, refKey, sameFs, type DirEntry, type NodeRef, type Stat} from './types.js';

export interface MountSpec {
	/** The host directory. */
	readonly host: string;
	/** Where it appears: an absolute guest path ("/" mounts over the root). */
	readonly guest: string;
	readonly readOnly: boolean;
}

export interface VfsOptions {
	/** Bytes of file data the in-memory tree holds (ENOSPC past it). */
	readonly capacity: number;
	readonly mounts: readonly MountSpec[];
}

/** An open regular file's link to its data. */
export interface FileHandle {
	readonly node: NodeRef;
	/** A host file's fd (host mounts), else null. */
	readonly hostFd: number | null;
	/** A /proc file's bytes as of its open, else null. */
	readonly snapshot: Uint8Array | null;
}

/** How a regular file is opened. */
export interface FileAccess {
	readonly read: boolean;
	readonly write: boolean;
	readonly truncate: boolean;
}

export const DEFAULT_FS_CAPACITY = 256 * 1024 * 1024;

export const MOTD = 'Welcome to wasmos: every process here is a WebAssembly program on our own interpreter.\n';

const encoder = new TextEncoder();

export class Vfs implements Namespace {
	readonly mem: MemFs;
	readonly host = new HostFs();
	readonly proc: ProcFs;
	root: NodeRef = {fs: 'mem', ino: ROOT_INO};
	/** Mounted roots by the key of the (directory, name) they cover. */
	readonly covers = new Map<string, NodeRef>();
	/** Each mounted root's directory and name, by the root's key. */
	readonly mountedAt = new Map<string, {readonly parent: NodeRef; readonly name: string}>();

	constructor(
		private readonly clock: Clock,
		source: ProcSource,
		options: VfsOptions,
	) {
		this.mem = new MemFs(options.capacity, this.now());
		this.proc = new ProcFs(source);
		this.bootTree();
		for (const spec of options.mounts) this.mountHost(spec);
	}

	/** The virtual wall clock: what timestamps are made of. */
	now(): bigint {
		return this.clock.realtime();
	}

	// ---- Namespace (path.ts) ------------------------------------------------------------------

	stat(ref: NodeRef): Stat {
		switch (ref.fs) {
			case 'mem':
				return this.mem.stat(ref.ino);
			case 'host':
				return this.host.stat(ref.mount, ref.rel);
			case 'proc':
				return this.proc.stat(ref.path, this.now());
		}
	}

	child(dir: NodeRef, name: string): {ref: NodeRef; stat: Stat} | null {
		const covered = this.covers.get(coverKey(dir, name));
		if (covered !== undefined) return {ref: covered, stat: this.stat(covered)};
		switch (dir.fs) {
			case 'mem': {
				const ino = this.mem.lookup(dir.ino, name);
				return ino === null ? null : {ref: {fs: 'mem', ino}, stat: this.mem.stat(ino)};
			}
			case 'host': {
				const stat = this.host.lookup(dir.mount, dir.rel, name);
				return stat === null ? null : {ref: {fs: 'host', mount: dir.mount, rel: child(dir.rel, name)}, stat};
			}
			case 'proc': {
				const path = this.proc.lookup(dir.path, name);
				return path === null ? null : {ref: {fs: 'proc', path}, stat: this.proc.stat(path, this.now())};
			}
		}
	}

	parentOf(dir: NodeRef): NodeRef {
		const key = refKey(dir);
		if (key === refKey(this.root)) return this.root;
		const at = this.mountedAt.get(key);
		if (at !== undefined) return at.parent;
		switch (dir.fs) {
			case 'mem':
				return {fs: 'mem', ino: this.mem.dir(dir.ino).parent};
			case 'host':
				return {fs: 'host', mount: dir.mount, rel: dir.rel.slice(0, Math.max(0, dir.rel.lastIndexOf('/')))};
			case 'proc':
				return {fs: 'proc', path: dir.path.slice(0, Math.max(0, dir.path.lastIndexOf('/')))};
		}
	}

	readlink(ref: NodeRef, self: number | null): string {
		switch (ref.fs) {
			case 'mem':
				return this.mem.readlink(ref.ino);
			case 'host':
				if (this.host.stat(ref.mount, ref.rel).kind !== 'symlink') fail('EINVAL', 'not a symbolic link');
				return this.host.readlink(ref.mount, ref.rel);
			case 'proc':
				return this.proc.readlink(ref.path, self);
		}
	}

	mountOf(ref: NodeRef): number | null {
		return ref.fs === 'host' ? ref.mount : null;
	}

	isMountRoot(ref: NodeRef): boolean {
		return this.mountedAt.has(refKey(ref)) || refKey(ref) === refKey(this.root);
	}

	// ---- Lookups ------------------------------------------------------------------------------

	resolve(start: NodeRef, path: string, follow: boolean, self: number | null): Resolved {
		return resolve(this, start, path, {follow, self});
	}

	/** A node that must exist: ENOENT if it does not, ENOTDIR if the path ends in "/" and it is no directory. */
	existing(start: NodeRef, path: string, follow: boolean, self: number | null): Resolved & {readonly node: NodeRef; readonly stat: Stat} {
		const r = this.resolve(start, path, follow, self);
		if (r.node === null || r.stat === null) fail('ENOENT');
		if (r.dirOnly && r.stat.kind !== 'dir') fail('ENOTDIR');
		return r as Resolved & {node: NodeRef; stat: Stat};
	}

	list(dir: NodeRef): DirEntry[] {
		switch (dir.fs) {
			case 'mem':
				return this.mem.list(dir.ino);
			case 'host':
				if (this.host.stat(dir.mount, dir.rel).kind !== 'dir') fail('ENOTDIR');
				return this.host.list(dir.mount, dir.rel);
			case 'proc':
				return this.proc.list(dir.path);
		}
	}

	/** Where a directory is, for a person: "/tmp", "/data/sub"; "(deleted)" once it is gone. */
	pathOf(dir: NodeRef): string {
		const parts: string[] = [];
		let cur = dir;
		for (let depth = 0; refKey(cur) !== refKey(this.root); depth++) {
			if (depth > 4096) return '(unreachable)';
			const at = this.mountedAt.get(refKey(cur));
			if (at !== undefined) {
				parts.push(at.name);
				cur = at.parent;
				continue;
			}
			if (cur.fs === 'mem') {
				const node = this.mem.inodes.get(cur.ino);
				if (node?.kind !== 'dir' || node.nlink === 0) return '(deleted)';
				const parent = this.mem.dir(node.parent);
				const name = [...parent.entries].find(([, ino]) => ino === node.ino)?.[0];
				if (name === undefined || parent.ino === node.ino) return '(unreachable)';
				parts.push(name);
				cur = {fs: 'mem', ino: parent.ino};
			} else {
				const rel = cur.fs === 'host' ? cur.rel : cur.path;
				const cut = rel.lastIndexOf('/');
				parts.push(rel.slice(cut + 1));
				cur = cur.fs === 'host' ? {fs: 'host', mount: cur.mount, rel: rel.slice(0, Math.max(0, cut))} : {fs: 'proc', path: rel.slice(0, Math.max(0, cut))};
			}
		}
		return `/${parts.reverse().join('/')}`;
	}

	/** A path for a person of the entry `name` of directory `dir`. */
	pathIn(dir: NodeRef, name: string): string {
		const base = this.pathOf(dir);
		return base === '/' ? `/${name}` : `${base}/${name}`;
	}

	// ---- Changes ------------------------------------------------------------------------------

	/** Refuses a change to a node of a read-only mount (EROFS) or of /proc (EACCES). */
	writable(ref: NodeRef): void {
		if (ref.fs === 'proc') fail('EACCES', '/proc is read-only');
		if (ref.fs === 'host' && this.host.mount(ref.mount).readOnly) fail('EROFS', `${this.host.mount(ref.mount).guest} is mounted read-only`);
	}

	mkdir(start: NodeRef, path: string, self: number | null): void {
		const r = this.resolve(start, path, false, self);
		if (r.node !== null || r.parent === null) fail('EEXIST');
		this.writable(r.parent);
		this.create(r.parent, r.name, {kind: 'dir'});
	}

	symlink(target: string, start: NodeRef, path: string, self: number | null): void {
		if (target === '') fail('ENOENT', 'empty symlink target');
		if (target.includes('\0')) fail('EINVAL');
		const r = this.resolve(start, path, false, self);
		if (r.node !== null || r.parent === null) fail('EEXIST');
		if (r.dirOnly) fail('ENOENT');
		this.writable(r.parent);
		this.create(r.parent, r.name, {kind: 'symlink', target});
	}

	/** Creates a node in directory `dir` of any file system that can hold it. */
	create(dir: NodeRef, name: string, spec: MemSpec): NodeRef {
		switch (dir.fs) {
			case 'mem':
				return {fs: 'mem', ino: this.mem.create(dir.ino, name, spec, this.now())};
			case 'host': {
				const rel = child(dir.rel, name);
				if (spec.kind === 'dir') this.host.mkdir(dir.mount, rel);
				else if (spec.kind === 'symlink') this.host.symlink(dir.mount, rel, spec.target);
				else if (spec.kind === 'file') this.host.close(this.host.open(dir.mount, rel, {read: false, write: true, create: true, truncate: false}));
				else fail('EPERM', 'only files, directories and symlinks can be made in a host mount');
				return {fs: 'host', mount: dir.mount, rel};
			}
			case 'proc':
				return fail('EACCES');
		}
	}

	unlink(start: NodeRef, path: string, self: number | null): void {
		const r = this.resolve(start, path, false, self);
		if (r.node === null || r.stat === null) fail('ENOENT');
		if (r.stat.kind === 'dir' || r.parent === null) fail('EISDIR');
		if (r.dirOnly) fail('ENOTDIR');
		this.writable(r.parent);
		switch (r.parent.fs) {
			case 'mem':
				return this.mem.unlink(r.parent.ino, r.name, this.now());
			case 'host':
				return this.host.unlink(r.parent.mount, child(r.parent.rel, r.name));
			case 'proc':
				return fail('EACCES');
		}
	}

	rmdir(start: NodeRef, path: string, self: number | null): void {
		const r = this.resolve(start, path, false, self);
		if (r.node === null || r.stat === null) fail('ENOENT');
		if (r.parent === null) fail(r.name === '.' ? 'EINVAL' : r.name === '..' ? 'ENOTEMPTY' : 'EBUSY');
		if (r.stat.kind !== 'dir') fail('ENOTDIR');
		if (this.covers.has(coverKey(r.parent, r.name))) fail('EBUSY', 'a mount point');
		this.writable(r.parent);
		switch (r.parent.fs) {
			case 'mem':
				return this.mem.rmdir(r.parent.ino, r.name, this.now());
			case 'host':
				this.holdsMount(r.node);
				return this.host.rmdir(r.parent.mount, child(r.parent.rel, r.name));
			case 'proc':
				return fail('EACCES');
		}
	}

	rename(start: NodeRef, path: string, start2: NodeRef, path2: string, self: number | null): void {
		const a = this.resolve(start, path, false, self);
		if (a.node === null || a.stat === null) fail('ENOENT');
		if (a.parent === null) fail(a.name === '/' ? 'EBUSY' : 'EINVAL');
		const b = this.resolve(start2, path2, false, self);
		if (b.parent === null) fail(b.name === '/' ? 'EBUSY' : 'EINVAL');
		if ((a.dirOnly || b.dirOnly) && a.stat.kind !== 'dir') fail('ENOTDIR');
		if (this.covers.has(coverKey(a.parent, a.name)) || this.covers.has(coverKey(b.parent, b.name))) fail('EBUSY', 'a mount point');
		if (!sameFs(a.parent, b.parent)) fail('EXDEV');
		this.writable(a.parent);
		this.writable(b.parent);
		switch (a.parent.fs) {
			case 'mem':
				return this.mem.rename(a.parent.ino, a.name, (b.parent as {ino: number}).ino, b.name, this.now());
			case 'host': {
				if (a.stat.kind === 'dir') this.holdsMount(a.node);
				const to = b.parent as {mount: number; rel: string};
				return this.host.rename(a.parent.mount, child(a.parent.rel, a.name), child(to.rel, b.name));
			}
			case 'proc':
				return fail('EACCES');
		}
	}

	link(start: NodeRef, path: string, follow: boolean, start2: NodeRef, path2: string, self: number | null): void {
		const a = this.existing(start, path, follow, self);
		if (a.stat.kind === 'dir') fail('EPERM', 'a directory cannot have a second name');
		const b = this.resolve(start2, path2, false, self);
		if (b.node !== null || b.parent === null) fail('EEXIST');
		if (b.dirOnly) fail('ENOENT');
		if (!sameFs(a.node, b.parent)) fail('EXDEV');
		this.writable(b.parent);
		switch (a.node.fs) {
			case 'mem':
				return this.mem.link(a.node.ino, (b.parent as {ino: number}).ino, b.name, this.now());
			case 'host':
				return this.host.link(a.node.mount, a.node.rel, child((b.parent as {rel: string}).rel, b.name));
			case 'proc':
				return fail('EACCES');
		}
	}

	readlinkAt(start: NodeRef, path: string, self: number | null): string {
		const r = this.existing(start, path, false, self);
		if (r.stat.kind !== 'symlink') fail('EINVAL', 'not a symbolic link');
		return this.readlink(r.node, self);
	}

	/** Sets a node's times (null: keep). */
	setTimes(ref: NodeRef, atim: bigint | null, mtim: bigint | null): void {
		this.writable(ref);
		switch (ref.fs) {
			case 'mem':
				return this.mem.setTimes(ref.ino, atim, mtim, this.now());
			case 'host':
				return this.host.setTimes(ref.mount, ref.rel, atim, mtim);
			case 'proc':
				return fail('EACCES');
		}
	}

	// ---- Regular files ------------------------------------------------------------------------

	/**
	 * Opens the regular file `r` names — creating it first when it does not exist (the caller
	 * decided it may) — for `access`.
	 */
	openFile(r: Resolved, access: FileAccess): FileHandle {
		if (r.node === null) {
			if (r.parent === null) fail('EISDIR');
			this.writable(r.parent);
			if (r.parent.fs === 'host') {
				const rel = child(r.parent.rel, r.name);
				const fd = this.host.open(r.parent.mount, rel, {read: access.read, write: access.write, create: true, truncate: false});
				return {node: {fs: 'host', mount: r.parent.mount, rel}, hostFd: fd, snapshot: null};
			}
			const node = this.create(r.parent, r.name, {kind: 'file'});
			return this.openFile({...r, node, stat: this.stat(node)}, {...access, truncate: false});
		}
		const node = r.node;
		if (access.write || access.truncate) this.writable(node);
		switch (node.fs) {
			case 'mem':
				if (access.truncate) this.mem.truncate(node.ino, 0, this.now());
				this.mem.retain(node.ino);
				return {node, hostFd: null, snapshot: null};
			case 'host':
				return {node, hostFd: this.host.open(node.mount, node.rel, {read: access.read, write: access.write, create: false, truncate: access.truncate}), snapshot: null};
			case 'proc':
				return {node, hostFd: null, snapshot: this.proc.content(node.path)};
		}
	}

	readFile(handle: FileHandle, offset: number, max: number): Uint8Array {
		if (handle.snapshot !== null) return handle.snapshot.slice(offset, offset + max);
		if (handle.hostFd !== null) return this.host.read(handle.hostFd, offset, max);
		return this.mem.read((handle.node as {ino: number}).ino, offset, max, this.now());
	}

	writeFile(handle: FileHandle, offset: number, data: Uint8Array): number {
		if (handle.snapshot !== null) fail('EACCES');
		if (handle.hostFd !== null) return this.host.write(handle.hostFd, offset, data);
		return this.mem.write((handle.node as {ino: number}).ino, offset, data, this.now());
	}

	truncateFile(handle: FileHandle, size: number): void {
		this.writable(handle.node);
		if (handle.hostFd !== null) return this.host.truncate(handle.hostFd, size);
		this.mem.truncate((handle.node as {ino: number}).ino, size, this.now());
	}

	statFile(handle: FileHandle): Stat {
		if (handle.snapshot !== null) return {...this.stat(handle.node), size: handle.snapshot.length};
		if (handle.hostFd !== null) return this.host.fstat((handle.node as {mount: number}).mount, handle.hostFd);
		return this.stat(handle.node);
	}

	syncFile(handle: FileHandle, dataOnly: boolean): void {
		if (handle.hostFd !== null) this.host.sync(handle.hostFd, dataOnly);
	}

	closeFile(handle: FileHandle): void {
		if (handle.hostFd !== null) this.host.close(handle.hostFd);
		else if (handle.node.fs === 'mem') this.mem.release(handle.node.ino);
	}

	/** The whole of a regular file, read 1 MiB at a time (a host file too); the host's view and program loading use it. */
	readWholeFile(r: Resolved): Uint8Array {
		const handle = this.openFile(r, {read: true, write: false, truncate: false});
		try {
			const parts: Uint8Array[] = [];
			let total = 0;
			for (;;) {
				const part = this.readFile(handle, total, 1 << 20);
				if (part.length === 0) break;
				parts.push(part);
				total += part.length;
			}
			if (parts.length === 1) return parts[0];
			const out = new Uint8Array(total);
			let at = 0;
			for (const part of parts) {
				out.set(part, at);
				at += part.length;
			}
			return out;
		} finally {
			this.closeFile(handle);
		}
	}

	/** An open directory (or FIFO, or device) keeps its in-memory inode alive. */
	retain(ref: NodeRef): void {
		if (ref.fs === 'mem') this.mem.retain(ref.ino);
	}

	release(ref: NodeRef): void {
		if (ref.fs === 'mem') this.mem.release(ref.ino);
	}

	// ---- Boot ---------------------------------------------------------------------------------

	private bootTree(): void {
		const now = this.now();
		const root = ROOT_INO;
		for (const name of ['bin', 'dev', 'etc', 'home', 'proc', 'tmp']) this.mem.create(root, name, {kind: 'dir'}, now);
		const dev = this.mem.lookup(root, 'dev')!;
		for (const [name, device] of [['null', 'null'], ['zero', 'zero'], ['random', 'random'], ['urandom', 'random'], ['tty', 'tty']] as const) {
			this.mem.create(dev, name, {kind: 'device', device}, now);
		}
		const motd = this.mem.create(this.mem.lookup(root, 'etc')!, 'motd', {kind: 'file'}, now);
		this.mem.write(motd, 0, encoder.encode(MOTD), now);
		this.cover({fs: 'mem', ino: root}, 'proc', {fs: 'proc', path: ''});
	}

	private mountHost(spec: MountSpec): void {
		if (!spec.guest.startsWith('/')) fail('EINVAL', `the guest path ${spec.guest} must be absolute`);
		const parts = spec.guest.split('/').filter(c => c !== '');
		if (parts.includes('.') || parts.includes('..')) fail('EINVAL', `the guest path ${spec.guest} cannot contain . or ..`);
		const mount = this.host.add(spec.host, spec.guest, spec.readOnly);
		const root: NodeRef = {fs: 'host', mount: mount.id, rel: ''};
		if (parts.length === 0) {
			this.root = root;
			return;
		}
		// Walk to the mount point, making the directories missing from the in-memory tree.
		let dir = this.root;
		for (const [k, name] of parts.entries()) {
			let found = this.child(dir, name);
			if (found === null) {
				if (dir.fs !== 'mem') fail('ENOENT', `${this.pathIn(dir, name)} does not exist in the mount it lies in`);
				const made = this.create(dir, name, {kind: 'dir'});
				found = {ref: made, stat: this.stat(made)};
			}
			if (found.stat.kind !== 'dir') fail('ENOTDIR', `${this.pathIn(dir, name)} is not a directory`);
			if (k === parts.length - 1) this.cover(dir, name, root);
			else dir = found.ref;
		}
	}

	private cover(dir: NodeRef, name: string, root: NodeRef): void {
		this.covers.set(coverKey(dir, name), root);
		this.mountedAt.set(refKey(root), {parent: dir, name});
	}

	/** Refuses to remove or move a host directory that holds a mount point (EBUSY). */
	private holdsMount(dir: NodeRef): void {
		if (dir.fs !== 'host') return;
		const prefix = dir.rel === '' ? '' : `${dir.rel}/`;
		for (const at of this.mountedAt.values()) {
			if (at.parent.fs === 'host' && at.parent.mount === dir.mount && (at.parent.rel === dir.rel || at.parent.rel.startsWith(prefix))) fail('EBUSY', 'it holds a mount point');
		}
	}
}

function coverKey(dir: NodeRef, name: string): string {
	return `${refKey(dir)}/${name}`;
}
