/* The terminal's line discipline, and job control through it: what a person typing at it sees. */

import {describe, expect, it} from 'vitest';
import {Terminal} from '../../source/kernel/terminal.js';
import {fixture, machine} from './helpers.js';

const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));

function cooked(echo = true): Terminal {
	return new Terminal({canonical: true, echo, signals: true}, true, true);
}

function echoed(tty: Terminal): string {
	return tty
		.takeOutput()
		.map(c => text(c.bytes))
		.join('');
}

describe('cooked mode', () => {
	it('delivers a line only when it is complete, with its newline, and echoes it', () => {
		const tty = cooked();
		tty.input('hel');
		expect(tty.read(100)).toBeNull();
		tty.input('lo\r');
		expect(text(tty.read(100))).toBe('hello\n');
		expect(echoed(tty)).toBe('hello\n');
	});

	it('returns at most one line per read, and the rest of a line to the next read', () => {
		const tty = cooked();
		tty.input('one\ntwo\n');
		expect(text(tty.read(100))).toBe('one\n');
		expect(text(tty.read(2))).toBe('tw');
		expect(text(tty.read(100))).toBe('o\n');
		expect(tty.read(100)).toBeNull();
	});

	it('erases a character with DEL or ^H, the line with ^U, a word with ^W', () => {
		const tty = cooked();
		tty.input('helo\x7f\x7fllo\n');
		expect(text(tty.read(100))).toBe('hello\n');
		tty.input('rm -rf /\x15ls\n');
		expect(text(tty.read(100))).toBe('ls\n');
		tty.input('git comit  \x17commit\n');
		expect(text(tty.read(100))).toBe('git commit\n');
		tty.input('x\x08y\n');
		expect(text(tty.read(100))).toBe('y\n');
	});

	it('erases a whole UTF-8 character, and echoes the erasure', () => {
		const tty = cooked();
		tty.input('café\x7f\n');
		expect(text(tty.read(100))).toBe('caf\n');
		expect(echoed(tty)).toBe('café\b \b\n');
	});

	it('treats ^D on an empty line as end of file, and mid-line as "deliver what is there"', () => {
		const tty = cooked();
		tty.input('abc\x04');
		expect(text(tty.read(100))).toBe('abc');
		tty.input('\x04');
		expect(tty.read(100)).toEqual(new Uint8Array(0));
		// End of file is one read, not for ever: typing goes on.
		expect(tty.read(100)).toBeNull();
		tty.input('more\n');
		expect(text(tty.read(100))).toBe('more\n');
	});

	it('discards the line at ^C and ^Z and reports the signal', () => {
		const tty = cooked();
		expect(tty.input('half a line\x03')).toEqual(['INT']);
		tty.input('next\n');
		expect(text(tty.read(100))).toBe('next\n');
		expect(tty.input('x\x1a')).toEqual(['TSTP']);
		expect(echoed(tty)).toBe('half a line^C\nnext\nx^Z\n');
	});

	it('echoes control characters in caret notation and never echoes when echo is off', () => {
		const tty = cooked();
		tty.input('a\x1b[Ab\n');
		expect(echoed(tty)).toBe('a^[[Ab\n');
		const quiet = cooked(false);
		quiet.input('secret\n');
		expect(echoed(quiet)).toBe('');
		expect(text(quiet.read(100))).toBe('secret\n');
	});
});

describe('raw mode', () => {
	it('delivers bytes at once, unedited, and ^C stays a byte when signals are off', () => {
		const tty = new Terminal({canonical: false, echo: false, signals: false}, true, true);
		expect(tty.input('a\x7f\x03')).toEqual([]);
		expect(text(tty.read(100))).toBe('a\x7f\x03');
	});

	it('makes a half-typed line readable when cooked mode is switched off', () => {
		const tty = cooked();
		tty.input('par');
		tty.setMode({canonical: false});
		expect(text(tty.read(100))).toBe('par');
	});

	it('reads end of file for ever once hung up', () => {
		const tty = new Terminal({canonical: false, echo: false, signals: false}, true, true);
		tty.input('last');
		tty.hangup();
		expect(text(tty.read(100))).toBe('last');
		expect(tty.read(100)).toEqual(new Uint8Array(0));
		expect(tty.read(100)).toEqual(new Uint8Array(0));
	});
});

describe('job control through the terminal', () => {
	it('blocks a reader until a line is typed, then hands it over', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('reader'), foreground: true});
		kernel.tick(100_000);
		expect(kernel.process(pid)).toMatchObject({state: 'BLOCKED', blockedOn: 'read /dev/tty'});
		expect(kernel.machine().status).toBe('waiting');
		// Something else runs meanwhile, so virtual time passes while it waits.
		kernel.spawn({program: await fixture('ticker'), argv: ['ticker', '.', '1']});
		kernel.tty.input('hi');
		kernel.tick(100_000);
		expect(kernel.process(pid)!.state).toBe('BLOCKED');
		kernel.tty.input('\n');
		kernel.tick(100_000);
		kernel.tty.input('\x04');
		kernel.tick(100_000);
		expect(kernel.process(pid)!.exit).toMatchObject({status: 1, reason: {kind: 'exit', code: 1}});
		const out = kernel.tty.takeOutput().map(c => text(c.bytes)).join('');
		expect(out).toBe('hi\n[hi\n]\n.\n');
		const read = kernel.events().find(e => e.type === 'syscall' && e.name === 'fd_read');
		expect(read).toMatchObject({result: '0', args: expect.stringContaining('nread=3 "hi\\n"')});
		expect(read!.type === 'syscall' && read!.blockedFor).toBeGreaterThan(0);
	});

	it('sends Ctrl-C to the foreground job only', async () => {
		const kernel = machine();
		const spin = await fixture('spin');
		const background = kernel.spawn({program: spin});
		const foreground = kernel.spawn({program: await fixture('reader'), foreground: true});
		kernel.tick(50_000);
		kernel.tty.input('never finished\x03');
		expect(kernel.process(foreground)!.exit).toMatchObject({status: 130, reason: {kind: 'signal', signal: 'INT'}});
		expect(kernel.process(background)!.state).not.toBe('ZOMBIE');
		expect(kernel.events().filter(e => e.type === 'signal')).toMatchObject([{pid: foreground, signal: 'INT', from: 'tty', action: 'terminated'}]);
	});

	it('stops a foreground job at Ctrl-Z, and CONT lets it go on', async () => {
		const kernel = machine();
		const pid = kernel.spawn({program: await fixture('spin'), foreground: true});
		kernel.tick(5_000);
		kernel.tty.input('\x1a');
		expect(kernel.process(pid)).toMatchObject({state: 'STOPPED', stoppedBy: 'signal TSTP'});
		expect(kernel.tick(10_000).status).toBe('waiting');
		kernel.cont(pid);
		kernel.tick(10_000);
		expect(kernel.process(pid)!.instructions).toBe(15_000);
	});

	it('stops a background job that reads the terminal (TTIN); in the foreground and continued, it reads', async () => {
		const kernel = machine();
		const shell = kernel.spawn({program: await fixture('spin'), foreground: true});
		const job = kernel.spawn({program: await fixture('reader')});
		kernel.tty.input('for the foreground\n');
		kernel.tick(30_000);
		expect(kernel.process(job)).toMatchObject({state: 'STOPPED', stoppedBy: 'signal TTIN', blockedOn: 'read /dev/tty'});
		expect(kernel.events().filter(e => e.type === 'signal')).toMatchObject([{pid: job, signal: 'TTIN', from: 'tty', action: 'stopped'}]);
		// `fg`: the job gets the terminal and CONT; its read is retried and gets the pending line.
		kernel.kill(shell, 'KILL');
		kernel.tty.setForeground(kernel.process(job)!.pgid);
		kernel.cont(job);
		kernel.tick(30_000);
		kernel.tty.hangup();
		kernel.tick(30_000);
		expect(kernel.process(job)!.exit?.status).toBe(1);
		expect(kernel.tty.takeOutput().map(c => text(c.bytes)).join('')).toContain('[for the foreground\n]');
	});
});
