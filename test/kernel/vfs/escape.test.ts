/*
 * The path-escape battery: a host directory mounted at /mnt (and, in a second machine, one mounted
 * over the root) is full of traps — symlinks absolute and relative that climb out, chains, loops,
 * a sibling directory whose name starts like the mount's — next to a secret file outside it. Hand-
 * written paths and thousands of seeded random ones are resolved, opened, read, and used to create
 * things. An escape is: a node whose host path is outside the mount, a read that returns the
 * secret, or anything appearing or changing outside the mount on the host. There must be none.
 */

import {lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, sep} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {Clock} from '../../../source/kernel/clock.js';
import {FsError, type NodeRef} from '../../../source/kernel/vfs/types.js';
import {Vfs, type MountSpec} from '../../../source/kernel/vfs/vfs.js';
import {prng} from '../../helpers/prng.js';

const SECRET = 'SECRET: outside every mount\n';
const base = realpathSync(mkdtempSync(join(tmpdir(), 'wasmos-escape-')));
afterAll(() => rmSync(base, {recursive: true, force: true}));

/** The host tree: base/outside/secret.txt, base/mntX/secret.txt, and the mounted base/mnt full of traps. */
function layout(): {mnt: string; root: string} {
	mkdirSync(join(base, 'outside'));
	writeFileSync(join(base, 'outside', 'secret.txt'), SECRET);
	mkdirSync(join(base, 'mntX'));
	writeFileSync(join(base, 'mntX', 'secret.txt'), SECRET);
	const mnt = join(base, 'mnt');
	mkdirSync(join(mnt, 'sub', 'deeper'), {recursive: true});
	writeFileSync(join(mnt, 'file.txt'), 'inside\n');
	const links: Array<[string, string]> = [
		['abs', '/etc/passwd'],
		['abs2', join(base, 'outside', 'secret.txt')],
		['up', '..'],
		['upup', '../..'],
		['sibling', '../mntX/secret.txt'],
		['chain1', 'sub/../up'],
		['chain2', 'chain1/outside/secret.txt'],
		['loop', 'loop'],
		['sub/back', '../../outside/secret.txt'],
		['sub/deeper/dd', '../../../..'],
		['sub/here', '../file.txt'],
		['dot', '.'],
	];
	for (const [at, target] of links) symlinkSync(target, join(mnt, at));
	// A second host directory, mounted over the whole root in its own machine.
	const root = join(base, 'root');
	mkdirSync(join(root, 'd'), {recursive: true});
	writeFileSync(join(root, 'd', 'ok.txt'), 'root mount\n');
	symlinkSync('/outside/secret.txt', join(root, 'abs'));
	symlinkSync('../outside/secret.txt', join(root, 'up'));
	symlinkSync('../../outside', join(root, 'd', 'upup'));
	return {mnt, root};
}

const {mnt, root} = layout();

function machine(mounts: MountSpec[]): Vfs {
	return new Vfs(new Clock(), {pids: () => [], file: () => null}, {capacity: 1 << 20, mounts});
}

/** The host tree under `dir` (symlinks not followed) as "path: kind size" lines, leaving out `skip`. */
function hostTree(dir: string, skip: readonly string[] = []): string[] {
	const out: string[] = [];
	const walk = (at: string) => {
		for (const name of readdirSync(at).sort()) {
			const path = join(at, name);
			if (skip.includes(path)) continue;
			const stats = lstatSync(path);
			out.push(`${path}: ${stats.isDirectory() ? 'dir' : stats.isSymbolicLink() ? 'link' : 'file'} ${stats.size}`);
			if (stats.isDirectory()) walk(path);
		}
	};
	walk(dir);
	return out;
}

/** Everything on the host outside the mounts. */
function outsideState(): string[] {
	return hostTree(base, [mnt, root]);
}

interface Tally {
	tried: number;
	resolved: number;
	refused: Record<string, number>;
	escapes: string[];
}

/** Whether a host node's real path is inside its mount's directory. */
function inside(vfs: Vfs, node: NodeRef): boolean {
	if (node.fs !== 'host') return true;
	if (node.rel.split('/').some(part => part === '..' || part === '.')) return false;
	const dir = vfs.host.mount(node.mount).host;
	const path = vfs.host.path(node.mount, node.rel);
	return path === dir || path.startsWith(dir + sep);
}

/** Resolves `path` both ways, opens and reads what it names, and records any escape. */
function attack(vfs: Vfs, start: NodeRef, path: string, tally: Tally): void {
	for (const follow of [true, false]) {
		tally.tried++;
		try {
			const r = vfs.resolve(start, path, follow, null);
			tally.resolved++;
			for (const node of [r.node, r.parent]) if (node !== null && !inside(vfs, node)) tally.escapes.push(`${path} (follow ${follow}) → ${JSON.stringify(node)}`);
			if (r.node !== null && r.stat?.kind === 'file') {
				const handle = vfs.openFile(r, {read: true, write: false, truncate: false});
				const text = new TextDecoder().decode(vfs.readFile(handle, 0, 1000));
				vfs.closeFile(handle);
				if (text === SECRET) tally.escapes.push(`${path}: read the secret`);
			}
		} catch (error) {
			if (!(error instanceof FsError)) throw error;
			tally.refused[error.errno] = (tally.refused[error.errno] ?? 0) + 1;
		}
	}
}

/** Tries to make a directory, a file and a symlink at `path`: nothing may appear outside. */
function create(vfs: Vfs, start: NodeRef, path: string, tally: Tally): void {
	const calls = [
		() => vfs.mkdir(start, `${path}/made-dir`, null),
		() => vfs.symlink('x', start, `${path}/made-link`, null),
		() => vfs.closeFile(vfs.openFile(vfs.resolve(start, `${path}/made-file`, true, null), {read: false, write: true, truncate: false})),
	];
	for (const call of calls) {
		tally.tried++;
		try {
			call();
		} catch (error) {
			if (!(error instanceof FsError)) throw error;
		}
	}
}

const PARTS = ['..', '.', 'mnt', 'sub', 'deeper', 'up', 'upup', 'abs', 'abs2', 'sibling', 'chain1', 'chain2', 'loop', 'back', 'dd', 'dot', 'here', 'file.txt', 'secret.txt', 'outside', 'mntX', 'tmp', 'm', 'deep', 'd', '', 'root'];

function randomPath(next: () => number): string {
	const n = 1 + Math.floor(next() * 9);
	const parts = Array.from({length: n}, () => PARTS[Math.floor(next() * PARTS.length)]);
	return (next() < 0.4 ? '/' : '') + parts.join('/');
}

const HAND_WRITTEN = [
	'/mnt/..', '/mnt/../..', '/mnt/../../outside/secret.txt', '/mnt/' + '../'.repeat(50) + 'outside/secret.txt',
	'/mnt/abs', '/mnt/abs2', '/mnt/up', '/mnt/up/outside/secret.txt', '/mnt/upup/outside/secret.txt', '/mnt/sibling',
	'/mnt/chain1', '/mnt/chain2', '/mnt/loop', '/mnt/sub/back', '/mnt/sub/deeper/dd', '/mnt/sub/deeper/dd/outside/secret.txt',
	'/mnt/dot/dot/dot/up', '/mnt/sub/here', '/mnt/sub/../../mnt/file.txt', '/mnt/../mntX/secret.txt', '/tmp/m', '/tmp/m/outside/secret.txt',
	'/tmp/deep', '/tmp/deep/outside/secret.txt', '/tmp/abs-host', '/mnt/sub/deeper/../../up/../outside/secret.txt',
];

describe('the path-escape battery', () => {
	it('finds no way out of a mount at /mnt: .. chains, absolute symlinks, loops, mount edges, random paths', () => {
		const before = outsideState();
		const vfs = machine([{host: mnt, guest: '/mnt', readOnly: false}]);
		// Symlinks of the in-memory tree that lead into the mount's traps.
		vfs.symlink('/mnt/up', vfs.root, '/tmp/m', null);
		vfs.symlink('../mnt/sub/../../mnt/upup', vfs.root, '/tmp/deep', null);
		vfs.symlink(join(base, 'outside', 'secret.txt'), vfs.root, '/tmp/abs-host', null);
		const tally: Tally = {tried: 0, resolved: 0, refused: {}, escapes: []};
		const starts = ['/', '/mnt', '/mnt/sub', '/mnt/sub/deeper', '/tmp'].map(p => vfs.existing(vfs.root, p, true, null).node);
		for (const path of HAND_WRITTEN) for (const start of starts) attack(vfs, start, path, tally);
		const next = prng(7);
		for (let k = 0; k < 3000; k++) {
			const path = randomPath(next);
			const start = starts[Math.floor(next() * starts.length)];
			attack(vfs, start, path, tally);
			if (k % 10 === 0) create(vfs, start, path, tally);
		}
		expect(tally.escapes).toEqual([]);
		expect(outsideState()).toEqual(before);
		// The traps were met and refused: symlinks out of the mount (EPERM) and loops (ELOOP).
		expect(tally.refused.EPERM).toBeGreaterThan(100);
		expect(tally.refused.ELOOP).toBeGreaterThan(10);
		expect(tally.tried).toBeGreaterThan(6000);
	});

	it('finds no way out of a mount over the root (::/)', () => {
		const before = outsideState();
		const vfs = machine([{host: root, guest: '/', readOnly: false}]);
		const tally: Tally = {tried: 0, resolved: 0, refused: {}, escapes: []};
		const paths = ['/..', '/../outside/secret.txt', '/abs', '/up', '/d/upup', '/d/upup/secret.txt', '/d/../../../outside/secret.txt', 'd/../..', '/d/ok.txt'];
		for (const path of paths) attack(vfs, vfs.root, path, tally);
		const next = prng(11);
		for (let k = 0; k < 1000; k++) {
			const path = randomPath(next);
			attack(vfs, vfs.root, path, tally);
			if (k % 10 === 0) create(vfs, vfs.root, path, tally);
		}
		expect(tally.escapes).toEqual([]);
		expect(outsideState()).toEqual(before);
		expect(vfs.pathOf(vfs.existing(vfs.root, '/../..', true, null).node)).toBe('/');
		expect(vfs.list(vfs.root).map(e => e.name).sort()).toEqual(expect.arrayContaining(['abs', 'd', 'up']));
	});

	it('keeps a read-only mount unchanged whatever is tried', () => {
		const vfs = machine([{host: mnt, guest: '/ro', readOnly: true}]);
		const before = hostTree(mnt);
		const tally: Tally = {tried: 0, resolved: 0, refused: {}, escapes: []};
		const next = prng(13);
		for (let k = 0; k < 300; k++) create(vfs, vfs.root, `/ro/${randomPath(next).replace(/^\//, '')}`, tally);
		for (const path of ['/ro/file.txt', '/ro/sub', '/ro/sub/deeper']) {
			expect(() => vfs.unlink(vfs.root, path, null)).toThrow(/EROFS|EISDIR/);
			expect(() => vfs.rmdir(vfs.root, path, null)).toThrow(/EROFS|ENOTDIR/);
		}
		expect(() => vfs.rename(vfs.root, '/ro/file.txt', vfs.root, '/ro/renamed', null)).toThrow(/EROFS/);
		expect(hostTree(mnt)).toEqual(before);
	});
});
