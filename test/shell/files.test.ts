/*
 * The file builtins (cd, pwd, ls, cat, mkdir, rm, touch) and globbing against the kernel's VFS,
 * on a real machine with the shell as PID 1; and the working directory reaching programs.
 */

import {describe, expect, it} from 'vitest';
import {settle, sh, startShell} from './helpers.js';

describe('cd and pwd', () => {
	it('changes the working directory, with .. taken lexically, and sets PWD and OLDPWD', async () => {
		const r = await sh('pwd; cd /tmp; pwd; mkdir d; cd d/../d; pwd; cd ..; pwd; cd -; echo $PWD $OLDPWD; cd; pwd', {env: {HOME: '/home'}});
		expect(r).toEqual({out: '/\n/tmp\n/tmp/d\n/tmp\n/tmp/d\n/tmp/d /tmp\n/home\n', err: '', status: 0});
	});

	it('refuses what is missing or not a directory, with status 1', async () => {
		const r = await sh('cd /nope; echo $?; cd /etc/motd; echo $?; pwd');
		expect(r.out).toBe('1\n1\n/\n');
		expect(r.err).toBe('cd: /nope: No such file or directory\ncd: /etc/motd: Not a directory\n');
	});

	it('starts programs in the working directory', async () => {
		const run = await startShell({commands: 'mkdir /tmp/w; cd /tmp/w; /bin/spin &'});
		settle(run);
		const spin = run.kernel.processes().find(p => p.argv[0] === '/bin/spin');
		expect(spin?.cwd).toBe('/tmp/w');
	});
});

describe('ls', () => {
	it('lists the working directory, sorted, hiding dot names unless -a', async () => {
		const r = await sh('mkdir -p /tmp/a/b; cd /tmp/a; touch y x .h; ls; ls -a; ls x b');
		expect(r).toEqual({out: 'b\nx\ny\n.\n..\n.h\nb\nx\ny\nx\n\nb:\n', err: '', status: 0});
	});

	it('-l shows kind, links, size, time and name', async () => {
		const r = await sh('mkdir /tmp/l; cd /tmp/l; mkdir d; touch f; ls -l; ls -l /etc/motd');
		const lines = r.out.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^d \d \d \d{4}-\d\d-\d\d \d\d:\d\d d$/);
		expect(lines[1]).toMatch(/^- \d \d \d{4}-\d\d-\d\d \d\d:\d\d f$/);
		expect(lines[2]).toMatch(/^- 1 \d+ \d{4}-\d\d-\d\d \d\d:\d\d \/etc\/motd$/);
	});

	it('says what is missing, with status 1', async () => {
		const r = await sh('ls /nope /tmp');
		expect(r).toEqual({out: '/tmp:\n', err: 'ls: /nope: No such file or directory\n', status: 1});
		expect((await sh('ls -z')).status).toBe(2);
	});
});

describe('cat, mkdir, rm, touch', () => {
	it('cat prints files and names the missing ones', async () => {
		const r = await sh('cat /etc/motd /nope');
		expect(r.out).toMatch(/^Welcome to wasmos/);
		expect(r.err).toBe('cat: /nope: No such file or directory\n');
		expect(r.status).toBe(1);
	});

	it('cat stops after a cap on a device that never ends', async () => {
		const r = await sh('cat /dev/zero');
		expect(r.out.length).toBe(1 << 20);
		expect(r.err).toMatch(/^cat: \/dev\/zero: stopped after/);
		expect((await sh('cat /tmp')).err).toBe('cat: /tmp: Is a directory\n');
	});

	it('mkdir needs -p for parents and refuses an existing directory without it', async () => {
		const r = await sh('mkdir /tmp/p/q; echo $?; mkdir -p /tmp/p/q; mkdir -p /tmp/p/q; echo $?; mkdir /tmp/p; echo $?; ls /tmp/p');
		expect(r.out).toBe('1\n0\n1\nq\n');
		expect(r.err).toBe('mkdir: /tmp/p/q: No such file or directory\nmkdir: /tmp/p: File exists\n');
	});

	it('rm removes files, and directories only with -r', async () => {
		const r = await sh('cd /tmp; mkdir -p r/s; touch r/f r/s/g; rm r; echo $?; rm r/f; ls r; rm -r r; ls; rm r; rm -f r; echo $?');
		expect(r.out).toBe('1\ns\n0\n');
		expect(r.err).toBe('rm: r: Is a directory\nrm: r: No such file or directory\n');
	});

	it('touch makes empty files and keeps existing ones', async () => {
		const r = await sh('cd /tmp; touch t; cat t; touch /etc/motd; cat /etc/motd; touch /nope/x');
		expect(r.out).toMatch(/^Welcome/);
		expect(r.err).toBe('touch: /nope/x: No such file or directory\n');
		expect(r.status).toBe(1);
	});

	it('has help for each', async () => {
		const r = await sh('help cd pwd ls cat mkdir rm touch mv cp stat');
		for (const name of ['cd', 'pwd', 'ls', 'cat', 'mkdir', 'rm', 'touch', 'mv', 'cp', 'stat']) expect(r.out).toMatch(new RegExp(`^${name}\\b.*\\n  \\S`, 'm'));
		expect(r.status).toBe(0);
	});
});

describe('mv, cp, stat', () => {
	it('mv renames, or moves into a directory', async () => {
		const r = await sh('cd /tmp; mkdir d; touch f g; mv f h; mv g h d; ls; ls d; mv x y; mv a b c');
		expect(r.out).toBe('d\ng\nh\n');
		expect(r.err).toBe('mv: x: No such file or directory\nmv: c: Not a directory\n');
	});

	it('cp copies files, and directories with -r', async () => {
		const r = await sh('cd /tmp; cp /etc/motd m; cat m; mkdir d; touch d/f; cp d e; cp -r d e; ls e; cp m d; ls d');
		expect(r.out).toMatch(/^Welcome[^]*\nf\nf\nm\n$/);
		expect(r.err).toBe('cp: d: Is a directory\n');
	});

	it('stat shows kind, size and links', async () => {
		const r = await sh('stat /etc/motd /tmp /nope');
		expect(r.out).toMatch(/^  File: \/etc\/motd\n  Size: \d+  Kind: regular file\nDevice: 1  Inode: \d+  Links: 1\nAccess: /);
		expect(r.out).toMatch(/  File: \/tmp\n  Size: \d+  Kind: directory\n/);
		expect(r.err).toBe('stat: /nope: No such file or directory\n');
		expect(r.status).toBe(1);
	});
});

describe('globbing against the VFS', () => {
	it('expands * and ? relative to the working directory and by absolute path', async () => {
		const r = await sh('mkdir /tmp/g; cd /tmp/g; touch a1 a2 b1 .dot; echo *; echo a?; echo /tmp/g/*1; echo "*"; echo z*');
		expect(r).toEqual({out: 'a1 a2 b1\na1 a2\n/tmp/g/a1 /tmp/g/b1\n*\nz*\n', err: '', status: 0});
	});

	it('rm refuses /, . and .. (even with -rf), and goes on with the other paths', async () => {
		const r = await sh('cd /tmp; touch k; rm -rf / . .. k; echo $?; ls /tmp/k; cd /; ls');
		expect(r.out).toMatch(/^1\n(.+\n)*tmp\n/);
		expect(r.err).toBe("rm: /: refusing to remove '.', '..' or '/'\nrm: .: refusing to remove '.', '..' or '/'\nrm: ..: refusing to remove '.', '..' or '/'\nls: /tmp/k: No such file or directory\n");
	});

	it('cp -r and mv refuse to put a directory inside itself, and create nothing', async () => {
		const r = await sh('mkdir /tmp/d; touch /tmp/d/f; cd /tmp; cp -r d d/e; cp -r d d; mv d ./d/../d/e; echo $?; ls d; cp -r d dd; ls dd');
		expect(r.err).toBe(
			"cp: cannot copy a directory, 'd', into itself, 'd/e'\ncp: cannot copy a directory, 'd', into itself, 'd/d'\nmv: cannot move 'd' to a subdirectory of itself, './d/../d/e'\n",
		);
		expect(r.out).toBe('1\nf\nf\n');
	});

	it('rm * empties a directory', async () => {
		const r = await sh('mkdir /tmp/e; cd /tmp/e; touch x y; rm *; ls; echo done');
		expect(r).toEqual({out: 'done\n', err: '', status: 0});
	});
});
