/*
 * Pipelines of /bin programs run by `wasmos-tui sh -c` in our machine give the same bytes and the
 * same status as the same .wasm files piped together by a real shell (/bin/sh), each under Node's
 * own WebAssembly and node:wasi (test/helpers/node-wasi.ts). The files they read are the same on
 * both sides: /etc/motd is the machine's (copied out for Node), /data is a host directory mounted
 * with --dir in our machine and preopened for Node.
 */

import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {boot} from '../../source/kernel/kernel.js';
import {BIN, ROOT, shLine} from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmos-examples-diff-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const DATA = join(dir, 'data');
const ETC = join(dir, 'etc');
mkdirSync(DATA);
mkdirSync(ETC);
writeFileSync(join(ETC, 'motd'), boot().fs.readFile('/etc/motd'));
writeFileSync(
	join(DATA, 'words.txt'),
	['The quick brown fox', 'jumps over the lazy dog.', 'THE END is not the end', 'nothing here', 'Other things, then more', 'é and ü stay as they are: the bytes pass'].join('\n') + '\n',
);

const quote = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/** The pipeline under a real shell, each stage `node node-wasi.ts examples/bin/NAME.wasm ARGS`. */
function underNode(stages: readonly (readonly string[])[]): {status: number | null; stdout: string} {
	const node = [process.execPath, '--no-warnings', '--import', 'tsx', 'test/helpers/node-wasi.ts', '--dir', `${ETC}::/etc`, '--dir', `${DATA}::/data`].map(quote).join(' ');
	const line = stages.map(([name, ...args]) => `${node} ${quote(join(BIN, `${name}.wasm`))} ${args.map(quote).join(' ')}`).join(' | ');
	const r = spawnSync('/bin/sh', ['-c', line], {cwd: ROOT, encoding: 'utf8', input: ''});
	return {status: r.status, stdout: r.stdout};
}

/** The same pipeline typed at our shell, programs by their /bin path (cat is also a builtin). */
async function inMachine(stages: readonly (readonly string[])[]): Promise<{status: number | null; stdout: string}> {
	const line = stages.map(([name, ...args]) => [`/bin/${name}`, ...args].map(quote).join(' ')).join(' | ');
	const r = await shLine(line, {dir: [`${DATA}::/data`]});
	expect(r.stderr).toBe('');
	return {status: r.status, stdout: r.stdout};
}

const PIPELINES: ReadonlyArray<readonly (readonly string[])[]> = [
	[['cat', '/etc/motd'], ['upper'], ['wc']],
	[['seq', '1', '200'], ['grep', '7'], ['wc', '-l']],
	[['seq', '1', '50'], ['head', '-n', '20'], ['tail', '-n', '5']],
	[['cat', '/data/words.txt'], ['grep', '-i', 'the'], ['upper']],
	[['yes', 'wasmos'], ['head', '-n', '1000'], ['wc', '-c']],
	[['cat', '-n', '/data/words.txt'], ['tail', '-n', '3'], ['grep', '-c', 'the']],
	[['seq', '5', '-1', '1'], ['tee'], ['str', 'rev', '-']],
	[['cat', '/data/words.txt'], ['grep', 'nope'], ['wc']],
];

describe('pipelines against Node WASI and a real shell', () => {
	it.each(PIPELINES.map(stages => [stages.map(s => s.join(' ')).join(' | '), stages] as const))('%s', async (_name, stages) => {
		const ours = await inMachine(stages);
		expect(ours).toEqual(underNode(stages));
		expect(ours.stdout).not.toBe('');
	});

	it('the shell\'s own words work the same: cat /etc/motd | upper | wc', async () => {
		const r = await shLine('cat /etc/motd | upper | wc');
		expect(r).toEqual({status: 0, stdout: underNode([['cat', '/etc/motd'], ['upper'], ['wc']]).stdout, stderr: ''});
	});
});
