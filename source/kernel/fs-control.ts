/*
 * The file system as the host side (the shell's setup, the TUI, tests) reaches it: absolute paths
 * from the root, following symlinks, with the user's authority (read-only mounts and /proc still
 * refuse changes). A failure is a KernelError carrying the errno a syscall would give.
 */

import {KernelError} from './errors.js';
import type {FileSystemControl} from './kernel.js';
import {FsError} from './vfs/types.js';
import type {Vfs} from './vfs/vfs.js';

const encoder = new TextEncoder();

function attempt<T>(path: string, call: () => T): T {
	try {
		return call();
	} catch (error) {
		if (error instanceof FsError) throw new KernelError(error.errno, `${path}: ${error.message}`);
		throw error;
	}
}

function absolute(path: string): string {
	if (!path.startsWith('/')) throw new KernelError('EINVAL', `${path}: the path must be absolute`);
	return path;
}

export function fileSystemControl(vfs: Vfs): FileSystemControl {
	return {
		mkdir: path => attempt(path, () => vfs.mkdir(vfs.root, absolute(path), null)),
		mkfifo: path =>
			attempt(path, () => {
				const r = vfs.resolve(vfs.root, absolute(path), false, null);
				if (r.node !== null || r.parent === null) throw new FsError('EEXIST');
				vfs.writable(r.parent);
				if (r.parent.fs !== 'mem') throw new FsError('EPERM', 'FIFOs can only be made in the in-memory file system');
				vfs.create(r.parent, r.name, {kind: 'fifo'});
			}),
		symlink: (target, path) => attempt(path, () => vfs.symlink(target, vfs.root, absolute(path), null)),
		writeFile: (path, data) =>
			attempt(path, () => {
				const r = vfs.resolve(vfs.root, absolute(path), true, null);
				if (r.stat !== null && r.stat.kind !== 'file') throw new FsError(r.stat.kind === 'dir' ? 'EISDIR' : 'EINVAL');
				const handle = vfs.openFile(r, {read: false, write: true, truncate: true});
				try {
					const bytes = typeof data === 'string' ? encoder.encode(data) : data;
					for (let at = 0; at < bytes.length; ) at += vfs.writeFile(handle, at, bytes.subarray(at));
				} finally {
					vfs.closeFile(handle);
				}
			}),
		readFile: path =>
			attempt(path, () => {
				const r = vfs.existing(vfs.root, absolute(path), true, null);
				if (r.stat.kind !== 'file') throw new FsError(r.stat.kind === 'dir' ? 'EISDIR' : 'EINVAL');
				return vfs.readWholeFile(r);
			}),
		list: path =>
			attempt(path, () => {
				const r = vfs.existing(vfs.root, absolute(path), true, null);
				return vfs.list(r.node).map(e => e.name);
			}),
		stat: path => attempt(path, () => vfs.existing(vfs.root, absolute(path), false, null).stat),
	};
}
