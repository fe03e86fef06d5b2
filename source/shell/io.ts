/*
 * The shell's own output and input streams, as a process's blocking writes and reads: what the shell
 * and its builtins write goes into a queue in the shell's state (`outbox`) and out through the
 * shell's fds as far as each takes it. A write that a pipe cannot take yet stays queued, and the
 * shell's next step blocks on it before it does anything else (shell.ts), so a builtin in a pipeline
 * (`ps | grep x`, `cat big | head -1`) waits for its reader like any program and loses nothing; a
 * reader that has gone (EPIPE) drops what was queued for that fd (the kernel sends the shell PIPE).
 *
 *   write(sh, 1, 'text')          queue text (UTF-8) for fd 1 and write what can be written now
 *   writeBytes(sh, 1, bytes)      the same for bytes
 *   flush(sh)                     write more of the queue: null when it is empty, else what to wait for
 *   copyStep(sh)                  one read of a copy (cat reading its standard input, state.copy):
 *                                 a wait, or null when it went on (or ended)
 *   closeWhenIdle(sh, fds)        close these fds once the queue is empty and no copy runs
 *
 * The queue holds bytes as "binary strings" (one char per byte, 0-255), so it stays plain JSON for
 * a snapshot.
 */

import type {TaskStep} from '../kernel/kernel.js';
import type {Shell} from './builtin.js';
import {errnoText} from './files.js';

type Wait = Extract<TaskStep, {next: 'block'}>['wait'];

/** Bytes handed to one write call. */
const WRITE_CHUNK = 65536;
/** Bytes asked of one read call of a copy. */
const READ_CHUNK = 65536;

const encoder = new TextEncoder();

function toBinary(bytes: Uint8Array): string {
	let out = '';
	// fromCharCode over slices: an argument list of a whole MiB would overflow the JS stack.
	for (let at = 0; at < bytes.length; at += 8192) out += String.fromCharCode(...bytes.subarray(at, at + 8192));
	return out;
}

function fromBinary(text: string): Uint8Array {
	const out = new Uint8Array(text.length);
	for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
	return out;
}

/** Queues text for one of the shell's fds and writes what can be written now (a closed fd: dropped, as a shell does). */
export function write(sh: Shell, fd: number, text: string): void {
	if (text !== '') writeBytes(sh, fd, encoder.encode(text));
}

export function writeBytes(sh: Shell, fd: number, bytes: Uint8Array): void {
	if (bytes.length === 0) return;
	const box = sh.state.outbox;
	const last = box.at(-1);
	const data = toBinary(bytes);
	if (last !== undefined && last.fd === fd) last.data += data;
	else box.push({fd, data});
	if (box.length === 1) flush(sh);
}

/** Writes as much of the queue as the fds take now: null when all of it went out, else what to wait for. */
export function flush(sh: Shell): Wait | null {
	const box = sh.state.outbox;
	while (box.length > 0) {
		const item = box[0];
		const chunk = fromBinary(item.data.slice(0, WRITE_CHUNK));
		const r = sh.ctx.files.write(item.fd, chunk);
		if ('wait' in r) return r.wait;
		if ('errno' in r) {
			// The fd cannot take anything (its reader has gone, it was closed): nothing more goes to it.
			sh.state.outbox = box.filter(i => i.fd !== item.fd);
			return flush(sh);
		}
		item.data = item.data.slice(r.count);
		if (item.data === '') box.shift();
	}
	return null;
}

/** One read of the copy under way: what to wait for, or null when it went on or ended (status set). */
export function copyStep(sh: Shell): Wait | null {
	const s = sh.state;
	const copy = s.copy!;
	if (copy.from === null) {
		s.copy = null;
		s.status = 0;
		return null;
	}
	const r = sh.ctx.files.read(copy.from, READ_CHUNK);
	if ('wait' in r) return r.wait;
	if ('errno' in r || r.data.length === 0) {
		if ('errno' in r && copy.err !== null) write(sh, copy.err, `${copy.name}: standard input: ${errnoText(r.errno)}\n`);
		s.copy = null;
		s.status = 'errno' in r ? 1 : 0;
		return null;
	}
	if (copy.to !== null) writeBytes(sh, copy.to, r.data);
	return null;
}

/** Closes the fds now when nothing is queued and no copy runs, else once that is so (shell.ts calls closeIdle). */
export function closeWhenIdle(sh: Shell, fds: readonly number[]): void {
	sh.state.closeAfter.push(...fds);
	closeIdle(sh);
}

export function closeIdle(sh: Shell): void {
	const s = sh.state;
	if (s.outbox.length > 0 || s.copy !== null || s.closeAfter.length === 0) return;
	for (const fd of s.closeAfter) sh.ctx.files.close(fd);
	s.closeAfter = [];
}
