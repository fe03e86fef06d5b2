/*
 * `wasmos-tui sh -c LINE` for the examples' tests, in this process: the same code the CLI runs
 * (source/commands/sh.ts: a fresh machine with WASI, the process ABI and the example programs in
 * /bin), with stdin at end of file and stdout / stderr collected as text.
 *
 *   const r = await shLine('math add 5 7');     {status: 0, stdout: '12\n', stderr: ''}
 *   await shLine('cat /data/x', {dir: [`${host}::/data`]});
 */

import {PassThrough, Readable} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {sh, type ShOptions} from '../../source/commands/sh.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../examples/bin/', import.meta.url));

export interface ShResult {
	readonly status: number;
	readonly stdout: string;
	readonly stderr: string;
}

function collect(stream: PassThrough): () => string {
	const chunks: Buffer[] = [];
	stream.on('data', (chunk: Buffer) => chunks.push(chunk));
	return () => Buffer.concat(chunks).toString('utf8');
}

export async function shLine(line: string, options: Omit<ShOptions, 'command'> = {}): Promise<ShResult> {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const out = collect(stdout);
	const err = collect(stderr);
	const status = await sh('', [], {...options, command: line}, {stdin: Readable.from([]), stdout, stderr});
	return {status, stdout: out(), stderr: err()};
}
