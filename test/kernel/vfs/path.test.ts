/* Path resolution over the in-memory tree: ".", "..", symlinks, trailing slashes, limits. */

import {describe, expect, it} from 'vitest';
import {Clock} from '../../../source/kernel/clock.js';
import {FsError} from '../../../source/kernel/vfs/types.js';
import {Vfs} from '../../../source/kernel/vfs/vfs.js';

function vfs(): Vfs {
	return new Vfs(new Clock(), {pids: () => [], file: () => null}, {capacity: 1 << 20, mounts: []});
}

/** The errno a call throws, or 'ok'. */
function errno(call: () => unknown): string {
	try {
		call();
		return 'ok';
	} catch (error) {
		if (error instanceof FsError) return error.errno;
		throw error;
	}
}

describe('path resolution', () => {
	it('walks ".", ".." and symlinks, and ".." at the root stays there', () => {
		const v = vfs();
		v.mkdir(v.root, '/tmp/a', null);
		v.mkdir(v.root, '/tmp/a/b', null);
		v.symlink('a/b', v.root, '/tmp/rel', null);
		v.symlink('/tmp/a', v.root, '/tmp/abs', null);
		const b = v.existing(v.root, '/tmp/a/b', true, null).node;
		for (const path of ['/tmp/./a/b', '/tmp/a/b/../b', '/../../tmp/a/b', 'tmp/a/b', '/tmp/rel', '/tmp/abs/b', '/tmp/rel/../b', '//tmp///a//b//']) {
			expect(v.existing(v.root, path, true, null).node, path).toEqual(b);
		}
		expect(v.pathOf(b)).toBe('/tmp/a/b');
		expect(v.pathOf(v.existing(v.root, '/..', true, null).node)).toBe('/');
	});

	it('follows the last symlink only when asked, or when the path ends in "/"', () => {
		const v = vfs();
		v.symlink('/tmp', v.root, '/home/t', null);
		expect(v.existing(v.root, '/home/t', false, null).stat.kind).toBe('symlink');
		expect(v.existing(v.root, '/home/t', true, null).stat.kind).toBe('dir');
		expect(v.existing(v.root, '/home/t/', false, null).stat.kind).toBe('dir');
	});

	it.each([
		['an empty path', '', 'ENOENT'],
		['a missing directory', '/tmp/none/x', 'ENOENT'],
		['a file as a directory', '/etc/motd/x', 'ENOTDIR'],
		['a file with a trailing slash', '/etc/motd/', 'ENOTDIR'],
		['a NUL', '/tmp/a\0b', 'EINVAL'],
		['a name of 256 bytes', `/tmp/${'x'.repeat(256)}`, 'ENAMETOOLONG'],
		['a name of 128 two-byte characters', `/tmp/${'é'.repeat(128)}`, 'ENAMETOOLONG'],
		['a path of 4200 bytes', `/${'a/'.repeat(2100)}`, 'ENAMETOOLONG'],
	])('refuses %s with %s', (_label, path, code) => {
		const v = vfs();
		expect(errno(() => v.existing(v.root, path, true, null))).toBe(code);
	});

	it('gives up after 40 symlinks (a loop, or a chain too long), but follows 40', () => {
		const v = vfs();
		v.symlink('b', v.root, '/tmp/a', null);
		v.symlink('a', v.root, '/tmp/b', null);
		v.symlink('self', v.root, '/tmp/self', null);
		expect(errno(() => v.existing(v.root, '/tmp/a', true, null))).toBe('ELOOP');
		expect(errno(() => v.existing(v.root, '/tmp/self/x', true, null))).toBe('ELOOP');
		expect(v.existing(v.root, '/tmp/a', false, null).stat.kind).toBe('symlink');
		v.mkdir(v.root, '/tmp/end', null);
		for (let k = 0; k < 41; k++) v.symlink(k === 0 ? 'end' : `c${k - 1}`, v.root, `/tmp/c${k}`, null);
		expect(v.existing(v.root, '/tmp/c39', true, null).stat.kind).toBe('dir');
		expect(errno(() => v.existing(v.root, '/tmp/c40', true, null))).toBe('ELOOP');
	});

	it('names a missing last component with its directory, through a dangling symlink too', () => {
		const v = vfs();
		v.symlink('/tmp/target', v.root, '/home/dangling', null);
		const r = v.resolve(v.root, '/home/dangling', true, null);
		expect(r.node).toBeNull();
		expect(r.name).toBe('target');
		expect(v.pathOf(r.parent!)).toBe('/tmp');
	});
});

describe('the in-memory tree', () => {
	it('counts links as POSIX does and frees a file once it has no name and no open file', () => {
		const v = vfs();
		const used = v.mem.used;
		v.mkdir(v.root, '/tmp/d', null);
		v.mkdir(v.root, '/tmp/d/e', null);
		expect(v.existing(v.root, '/tmp/d', true, null).stat.nlink).toBe(3);
		const r = v.resolve(v.root, '/tmp/f', true, null);
		const handle = v.openFile(r, {read: true, write: true, truncate: false});
		v.writeFile(handle, 0, new TextEncoder().encode('data'));
		v.link(v.root, '/tmp/f', false, v.root, '/tmp/g', null);
		expect(v.existing(v.root, '/tmp/g', true, null).stat.nlink).toBe(2);
		v.unlink(v.root, '/tmp/f', null);
		v.unlink(v.root, '/tmp/g', null);
		const ino = (handle.node as {ino: number}).ino;
		expect(v.mem.inodes.has(ino)).toBe(true);
		expect(new TextDecoder().decode(v.readFile(handle, 0, 10))).toBe('data');
		v.closeFile(handle);
		expect(v.mem.inodes.has(ino)).toBe(false);
		expect(v.mem.used).toBe(used);
	});

	it('refuses to hold more than its capacity (ENOSPC) and gives the room back', () => {
		const v = new Vfs(new Clock(), {pids: () => [], file: () => null}, {capacity: 1000, mounts: []});
		const used = v.mem.used;
		const handle = v.openFile(v.resolve(v.root, '/tmp/big', true, null), {read: true, write: true, truncate: false});
		expect(errno(() => v.writeFile(handle, 0, new Uint8Array(2000)))).toBe('ENOSPC');
		expect(v.writeFile(handle, 0, new Uint8Array(500))).toBe(500);
		v.truncateFile(handle, 0);
		expect(v.mem.used).toBe(used);
	});

	it('keeps the booted tree: /bin /dev /etc/motd /home /proc /tmp', () => {
		const v = vfs();
		expect(v.list(v.root).map(e => e.name)).toEqual(['bin', 'dev', 'etc', 'home', 'proc', 'tmp']);
		expect(v.list(v.existing(v.root, '/dev', true, null).node).map(e => e.name)).toEqual(['null', 'zero', 'random', 'urandom', 'tty']);
	});
});
