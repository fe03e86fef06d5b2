/*
 * The terminal, /dev/tty: a line discipline between the keyboard (or the host's stdin) and the
 * processes that read it, and the output path from processes to the screen. All of its state is
 * plain data. It knows nothing of processes: input() returns the signals to raise and the kernel
 * sends them to the foreground group.
 *
 * Cooked (canonical) mode, like a Unix tty with ICANON, ECHO, ICRNL, ISIG:
 *   printable   appended to the line being edited, echoed
 *   \r, \n      end the line: "line\n" becomes readable
 *   DEL, ^H     erase the last character       ^U  erase the line       ^W  erase the last word
 *   ^D          at the start of a line: end of file (a read returns 0); else: the line so far
 *               becomes readable without a newline
 *   ^C, ^Z      discard the line, echo "^C" / "^Z", raise INT / TSTP (when signals are on)
 *   other controls are kept, echoed in caret notation ("^A")
 * A read never returns more than one line. Raw mode: every byte is readable at once, unedited.
 * hangup(): the input has ended for good (host stdin closed); reads return end of file.
 * closeOutput(channel): the output's reader has gone (host stdout closed); writes fail with EPIPE.
 *
 * Output is kept in an outbox (the host takes it after each slice) per channel — 'out' for what is
 * written to fd 1 and echo, 'err' for fd 2 — and sanitised (sanitize.ts) when asked.
 */

import {newSanitizer, sanitize, type SanitizerState} from './sanitize.js';
import type {OutputChunk, TerminalMode} from './kernel.js';
import type {TerminalView} from './views.js';

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BS = 0x08;
const LF = 0x0a;
const CR = 0x0d;
const CTRL_U = 0x15;
const CTRL_W = 0x17;
const CTRL_Z = 0x1a;
const DEL = 0x7f;

export type TtySignal = 'INT' | 'TSTP';

/** A readable record: a line (or a raw chunk) of bytes, or an end-of-file mark made by ^D. */
type InputRecord = {readonly data: Uint8Array} | {readonly eof: true};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Terminal {
	mode: TerminalMode;
	/** The foreground process group, or null. */
	foreground: number | null = null;
	/** The line being edited (cooked mode), in bytes. */
	line: number[] = [];
	/** Readable input, in order. */
	records: InputRecord[] = [];
	/** Bytes already taken from the first record by short reads. */
	offset = 0;
	hungUp = false;
	/**
	 * Channels whose reader on the host has gone (stdout piped into `head`, which exited): a write
	 * to one fails with EPIPE and its writer gets SIGPIPE, as at a pipe without a reader. The host's
	 * business, not the machine's: never saved, so a restored machine starts with both open.
	 */
	readonly closedOutput = {out: false, err: false};
	outbox: OutputChunk[] = [];
	sanitizeOut: boolean;
	sanitizeErr: boolean;
	readonly sanitizers: {out: SanitizerState; err: SanitizerState; echo: SanitizerState} = {
		out: newSanitizer(),
		err: newSanitizer(),
		echo: newSanitizer(),
	};

	constructor(mode: TerminalMode, sanitizeOut: boolean, sanitizeErr: boolean) {
		this.mode = mode;
		this.sanitizeOut = sanitizeOut;
		this.sanitizeErr = sanitizeErr;
	}

	/** Keys or bytes arriving; returns the signals they raise, in order. */
	input(data: Uint8Array | string): TtySignal[] {
		const bytes = typeof data === 'string' ? encoder.encode(data) : data;
		const signals: TtySignal[] = [];
		if (!this.mode.canonical) {
			const kept: number[] = [];
			for (const b of bytes) {
				const signal = this.mode.signals ? signalOf(b) : null;
				if (signal === null) kept.push(b);
				else signals.push(signal);
			}
			if (kept.length > 0) {
				this.records.push({data: Uint8Array.from(kept)});
				if (this.mode.echo) this.echo(Uint8Array.from(kept));
			}
			return signals;
		}
		for (const b of bytes) {
			const signal = this.mode.signals ? signalOf(b) : null;
			if (signal !== null) {
				this.line = [];
				this.echoText(signal === 'INT' ? '^C\n' : '^Z\n');
				signals.push(signal);
			} else if (b === CR || b === LF) {
				this.line.push(LF);
				this.submit();
				this.echoText('\n');
			} else if (b === CTRL_D) {
				if (this.line.length === 0) this.records.push({eof: true});
				else this.submit();
			} else if (b === DEL || b === BS) {
				this.erase(1);
			} else if (b === CTRL_U) {
				this.erase(Infinity);
			} else if (b === CTRL_W) {
				this.eraseWord();
			} else {
				this.line.push(b);
				this.echo(Uint8Array.of(b));
			}
		}
		return signals;
	}

	/** Whether a read would return now (data, an end-of-file mark, or hung up). */
	readable(): boolean {
		return this.records.length > 0 || this.hungUp;
	}

	/** Takes at most `max` bytes (one line at most in cooked mode); empty for end of file; null to wait. */
	read(max: number): Uint8Array | null {
		const first = this.records[0];
		if (first === undefined) return this.hungUp ? new Uint8Array(0) : null;
		if ('eof' in first) {
			this.records.shift();
			return new Uint8Array(0);
		}
		if (!this.mode.canonical) return this.readRaw(max);
		const rest = first.data.subarray(this.offset);
		const n = Math.min(max, rest.length);
		const out = rest.slice(0, n);
		this.offset += n;
		if (this.offset === first.data.length) {
			this.records.shift();
			this.offset = 0;
		}
		return out;
	}

	/** Raw mode: as many bytes as there are, across records, up to max. */
	private readRaw(max: number): Uint8Array {
		const out: number[] = [];
		while (out.length < max && this.records.length > 0) {
			const first = this.records[0];
			if ('eof' in first) break;
			const rest = first.data.subarray(this.offset, this.offset + (max - out.length));
			out.push(...rest);
			this.offset += rest.length;
			if (this.offset === first.data.length) {
				this.records.shift();
				this.offset = 0;
			}
		}
		return Uint8Array.from(out);
	}

	hangup(): void {
		this.hungUp = true;
	}

	closeOutput(channel: 'out' | 'err'): void {
		this.closedOutput[channel] = true;
	}

	setMode(mode: Partial<TerminalMode>): void {
		const wasCanonical = this.mode.canonical;
		this.mode = {...this.mode, ...mode};
		// Leaving cooked mode makes the half-edited line readable, as a Unix tty does.
		if (wasCanonical && !this.mode.canonical && this.line.length > 0) this.submit();
	}

	/** A process wrote `bytes` to the terminal through an fd of channel `channel`. */
	write(channel: 'out' | 'err', bytes: Uint8Array): void {
		const clean = channel === 'out' ? this.sanitizeOut : this.sanitizeErr;
		this.push(channel, clean ? sanitize(this.sanitizers[channel], bytes) : bytes.slice());
	}

	takeOutput(): OutputChunk[] {
		const out = merge(this.outbox);
		this.outbox = [];
		return out;
	}

	view(): TerminalView {
		return {
			foreground: this.foreground,
			canonical: this.mode.canonical,
			echo: this.mode.echo,
			signals: this.mode.signals,
			editing: decoder.decode(Uint8Array.from(this.line)),
			pending: this.records.reduce((n, r) => n + ('eof' in r ? 0 : r.data.length), 0) - this.offset,
			hungUp: this.hungUp,
		};
	}

	private submit(): void {
		this.records.push({data: Uint8Array.from(this.line)});
		this.line = [];
	}

	/** Erases up to `count` characters from the end of the line, echoing the erasure. */
	private erase(count: number): void {
		let columns = 0;
		for (let k = 0; k < count && this.line.length > 0; k++) {
			// One character: UTF-8 continuation bytes (10xxxxxx) and their lead byte.
			let b = this.line.pop()!;
			while ((b & 0xc0) === 0x80 && this.line.length > 0) b = this.line.pop()!;
			columns += b < 0x20 ? 2 : 1;
		}
		this.echoText('\b \b'.repeat(columns));
	}

	/** ^W: erases the spaces before the cursor, then the word before them. */
	private eraseWord(): void {
		const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09;
		let n = 0;
		let at = this.line.length;
		while (at > 0 && isSpace(this.line[at - 1])) at--, n++;
		while (at > 0 && !isSpace(this.line[at - 1])) {
			at--;
			if ((this.line[at] & 0xc0) !== 0x80) n++;
		}
		this.erase(n);
	}

	/** Echoes typed bytes: controls in caret notation ("^[" for ESC, like a Unix tty's ECHOCTL), text as it is. */
	private echo(bytes: Uint8Array): void {
		if (!this.mode.echo) return;
		const shown: number[] = [];
		for (const b of bytes) {
			if ((b < 0x20 && b !== 0x09 && b !== LF) || b === DEL) shown.push(0x5e, b === DEL ? 0x3f : b ^ 0x40);
			else shown.push(b);
		}
		this.push('out', sanitize(this.sanitizers.echo, Uint8Array.from(shown)));
	}

	private echoText(text: string): void {
		if (this.mode.echo) this.push('out', encoder.encode(text));
	}

	private push(channel: 'out' | 'err', bytes: Uint8Array): void {
		if (bytes.length > 0) this.outbox.push({channel, bytes});
	}
}

/** Joins neighbouring chunks of the same channel (one write to the host for a run of them). */
function merge(chunks: readonly OutputChunk[]): OutputChunk[] {
	const out: OutputChunk[] = [];
	let k = 0;
	while (k < chunks.length) {
		const channel = chunks[k].channel;
		let end = k;
		let size = 0;
		while (end < chunks.length && chunks[end].channel === channel) size += chunks[end++].bytes.length;
		if (end - k === 1) out.push(chunks[k]);
		else {
			const bytes = new Uint8Array(size);
			for (let at = 0; k < end; k++) {
				bytes.set(chunks[k].bytes, at);
				at += chunks[k].bytes.length;
			}
			out.push({channel, bytes});
		}
		k = end;
	}
	return out;
}

function signalOf(b: number): TtySignal | null {
	return b === CTRL_C ? 'INT' : b === CTRL_Z ? 'TSTP' : null;
}
