/*
 * Path resolution (path_resolution(7)), one component at a time, over the whole VFS:
 *
 *   - a path starting with "/" starts at the root, any other at the directory given;
 *   - "." stays, ".." goes to the parent: at the root it stays at the root, at the root of a mount
 *     it goes to the directory the mount covers' parent (as on Unix: a mount's ".." is not the
 *     host's ".."), so no sequence of ".." leaves the root;
 *   - a symlink met before the last component is followed, and the last one too when asked to (or
 *     when the path ends in "/"); an absolute target restarts at the root, a relative one at the
 *     symlink's directory; more than MAX_SYMLINKS of them in one resolution is ELOOP;
 *   - a symlink that lives in a host mount must stay in that mount: an absolute target is refused
 *     and, once one has been followed, so is any ".." that would climb out of the mount's root
 *     (EPERM, as wasmtime does) — so a guest can never reach a host path outside a mount;
 *   - a component longer than NAME_MAX bytes, or a path longer than PATH_MAX, is ENAMETOOLONG; a
 *     path containing NUL is EINVAL; an empty path is ENOENT.
 *
 * The result names the last component: the directory it is in and its name, and the node if it
 * exists — or null, for a caller that creates it (through a dangling symlink, the symlink's target
 * is what gets created, as on Linux).
 */

import {fail, MAX_SYMLINKS, NAME_MAX, PATH_MAX, refKey, type NodeRef, type Stat} from './types.js';

/** The primitives resolution needs (vfs.ts). */
export interface Namespace {
	readonly root: NodeRef;
	stat(ref: NodeRef): Stat;
	/** The child `name` of directory `dir` (mounts included), or null. */
	child(dir: NodeRef, name: string): {readonly ref: NodeRef; readonly stat: Stat} | null;
	parentOf(dir: NodeRef): NodeRef;
	readlink(ref: NodeRef, self: number | null): string;
	/** The host mount a node is in, or null. */
	mountOf(ref: NodeRef): number | null;
	/** Whether the node is the root of a mount. */
	isMountRoot(ref: NodeRef): boolean;
}

export interface Resolved {
	/** The directory the last component was found (or not found) in; null when the path ends at "/", "." or "..". */
	readonly parent: NodeRef | null;
	/** The last component ("/" for the root itself). */
	readonly name: string;
	readonly node: NodeRef | null;
	readonly stat: Stat | null;
	/** The path ended with "/": what it names must be a directory. */
	readonly dirOnly: boolean;
}

export interface ResolveOptions {
	/** Follow a symlink in the last component. */
	readonly follow: boolean;
	/** The calling process (for /proc/self), or null. */
	readonly self: number | null;
}

const encoder = new TextEncoder();

export function resolve(ns: Namespace, start: NodeRef, path: string, options: ResolveOptions): Resolved {
	if (path === '') fail('ENOENT', 'empty path');
	if (path.includes('\0')) fail('EINVAL', 'a path cannot contain NUL');
	if (encoder.encode(path).length > PATH_MAX) fail('ENAMETOOLONG');
	let cur = path.startsWith('/') ? ns.root : start;
	if (ns.stat(cur).kind !== 'dir') fail('ENOTDIR');
	const dirOnly = path.endsWith('/');
	// Components still to walk, the next one last (a stack, so a symlink's target can be pushed on).
	const todo = path.split('/').filter(c => c !== '').reverse();
	if (todo.length === 0) return {parent: null, name: '/', node: cur, stat: ns.stat(cur), dirOnly: true};
	let links = 0;
	// After a symlink of a host mount has been followed: that mount, which the walk may not leave.
	let jail: number | null = null;
	while (todo.length > 0) {
		const name = todo.pop()!;
		const last = todo.length === 0;
		if (name === '.' || name === '..') {
			if (name === '..') {
				if (jail !== null && ns.mountOf(cur) === jail && ns.isMountRoot(cur) && refKey(cur) !== refKey(ns.root)) {
					fail('EPERM', 'a symlink of a host mount cannot lead out of the mount');
				}
				cur = ns.parentOf(cur);
			}
			if (last) return {parent: null, name, node: cur, stat: ns.stat(cur), dirOnly};
			continue;
		}
		if (encoder.encode(name).length > NAME_MAX) fail('ENAMETOOLONG');
		const found = ns.child(cur, name);
		if (found === null) {
			if (!last) fail('ENOENT');
			return {parent: cur, name, node: null, stat: null, dirOnly};
		}
		if (found.stat.kind === 'symlink' && (!last || options.follow || dirOnly)) {
			if (++links > MAX_SYMLINKS) fail('ELOOP');
			const target = ns.readlink(found.ref, options.self);
			if (target === '') fail('ENOENT', 'empty symlink');
			const mount = ns.mountOf(found.ref);
			if (mount !== null) {
				if (target.startsWith('/')) fail('EPERM', 'a symlink of a host mount cannot be absolute');
				jail = mount;
			}
			if (target.startsWith('/')) cur = ns.root;
			const parts = target.split('/').filter(c => c !== '');
			for (let k = parts.length - 1; k >= 0; k--) todo.push(parts[k]);
			continue;
		}
		if (!last) {
			if (found.stat.kind !== 'dir') fail('ENOTDIR');
			cur = found.ref;
			continue;
		}
		return {parent: cur, name, node: found.ref, stat: found.stat, dirOnly};
	}
	// A symlink to "/" (or to nothing but slashes) was the last component.
	return {parent: null, name: '/', node: cur, stat: ns.stat(cur), dirOnly};
}
