/*
 * Snapshots from the command line: `run|sh --snapshot-at TICK --snapshot-out FILE` saves and goes
 * on, the shell's `snapshot save FILE` saves after the builtin, and `restore --headless FILE`
 * continues from there: the rest of the output and the same exit status. Host mounts are
 * re-attached by path, and one that is gone is reported. Bad input gets one clear line.
 */

import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SLEEPER = join(ROOT, 'fixtures/snapshot/sleeper.wasm');
const dir = mkdtempSync(join(tmpdir(), 'wasmos-restore-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function cli(args: string[], input = '') {
	const result = spawnSync(process.execPath, ['--no-expose-wasm', '--import', 'tsx', 'source/cli.tsx', ...args], {cwd: ROOT, encoding: 'utf8', input});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('run --snapshot-at, then restore --headless', () => {
	it('saves at the tick, goes on, and the restored machine prints the rest and exits the same', () => {
		const file = join(dir, 'run.json');
		const whole = cli(['run', '--snapshot-at', '3000000', '--snapshot-out', file, SLEEPER, '4']);
		expect(whole.stdout).toBe('tick 0 4276480585\ntick 1 256798353\ntick 2 1269435609\ntick 3 1460225313\n');
		expect(whole.status).toBe(1);
		expect(whole.stderr).toMatch(/^wasmos-tui: snapshot at tick \d+ saved to .*run\.json \(\d+ bytes\)\n$/);
		const saved = readFileSync(file, 'utf8');
		expect(saved.startsWith('{"format":"wasmos-snapshot","version":1,')).toBe(true);
		// Nothing left beside it: the temp file was renamed over the target.
		expect(readFileSync(file, 'utf8')).toBe(saved);
		const rest = cli(['restore', '--headless', file]);
		expect(rest).toEqual({status: 1, stdout: 'tick 2 1269435609\ntick 3 1460225313\n', stderr: ''});
	});

	it('says so when the machine ends before the tick, and writes nothing', () => {
		const file = join(dir, 'late.json');
		const r = cli(['sh', '--snapshot-at', '900000000', '--snapshot-out', file, '-c', 'echo hi']);
		expect(r.stdout).toBe('hi\n');
		expect(r.stderr).toMatch(/^wasmos-tui: --snapshot-at 900000000: the machine stopped at tick \d+, before it; no snapshot saved\n$/);
		expect(existsSync(file)).toBe(false);
	});

	it('refuses half of the pair and a snapshot it cannot read, with one line', () => {
		const half = cli(['run', '--snapshot-at', '5', SLEEPER]);
		expect(half.status).toBe(2);
		expect(half.stderr).toMatch(/--snapshot-at TICK and --snapshot-out FILE go together/);
		const bad = join(dir, 'bad.json');
		writeFileSync(bad, '{"format":"wasmos-snapshot","version":1,"options":');
		const broken = cli(['restore', '--headless', bad]);
		expect(broken.status).toBe(1);
		expect(broken.stderr).toMatch(/^wasmos-tui restore: .*bad\.json: options: the file ends early: it is truncated or incomplete \(at character \d+ of the file\)\n$/);
		const none = cli(['restore', '--headless', join(dir, 'none.json')]);
		expect(none.status).toBe(1);
		expect(none.stderr).toMatch(/cannot read .*none\.json: no such file or directory \(ENOENT\)/);
		// A directory opens but cannot be read: one line, not a stack trace.
		const folder = cli(['restore', '--headless', dir]);
		expect(folder.status).toBe(1);
		expect(folder.stderr).toMatch(/^wasmos-tui restore: .*: cannot read .*: illegal operation on a directory \(EISDIR\)\n$/);
	});
});

describe("the shell's snapshot save", () => {
	it('saves after the builtin: the restored shell goes on with the next command', () => {
		const file = join(dir, 'sh.json');
		const first = cli(['sh', '-c', `echo before; snapshot save ${file}; echo after; exit 3`]);
		expect(first.stdout).toBe('before\nafter\n');
		expect(first.stderr).toMatch(/^snapshot: saved .*sh\.json \(\d+ bytes\)\n$/);
		expect(first.status).toBe(3);
		expect(cli(['restore', '--headless', file])).toEqual({status: 3, stdout: 'after\n', stderr: ''});
		const load = cli(['sh', '-c', `snapshot load ${file}`]);
		expect(load.status).toBe(2);
		expect(load.stderr).toMatch(/a machine cannot replace itself from inside: run `wasmos-tui restore/);
	});

	it('re-attaches a host mount by its path where --dir grants it again, refuses it otherwise, and reports one that is gone', () => {
		const host = join(dir, 'data');
		mkdirSync(host);
		writeFileSync(join(host, 'note.txt'), 'from the host\n');
		const file = join(dir, 'mount.json');
		const first = cli(['sh', '--dir', `${host}::/data`, '-c', `snapshot save ${file}; cat /data/note.txt`]);
		expect(first.stdout).toBe('from the host\n');
		expect(cli(['restore', '--headless', '--dir', `${host}::/data`, file])).toEqual({status: 0, stdout: 'from the host\n', stderr: ''});
		// Not granted: a snapshot (anyone can write one) does not open a host directory by itself.
		const refused = cli(['restore', '--headless', file]);
		expect(refused.stdout).toBe('');
		expect(refused.stderr).toMatch(/warning: host directory .*data \(mounted at \/data\) is not granted: its files cannot be reached \(EACCES\); give --dir .*data::\/data to restore with it/);
		expect(refused.stderr).toMatch(/cat: \/data\/note\.txt: Permission denied/);
		rmSync(host, {recursive: true});
		const gone = cli(['restore', '--headless', file]);
		expect(gone.stderr).toMatch(/warning: host directory .*data \(mounted at \/data\) is gone: the mount is empty/);
		expect(gone.stderr).toMatch(/note\.txt/);
		expect(existsSync(file)).toBe(true);
	});
});
