/*
 * Reading a snapshot's JSON as a stream: a small recursive-descent parser that pulls the file in
 * chunks (synchronous reads), so a document larger than the longest JavaScript string can be read.
 * Long strings (base64 memory pages) are found with indexOf, not character by character. A reviver
 * sees every string with its JSON path and may return something else for it: restore turns memory
 * pages into bytes at once, so their text never piles up.
 *
 *   parseJsonFile(path, {revive}) → value        parseJsonText(text, {revive}) → value
 *
 * Errors are SnapshotErrors naming the JSON path being read: a file that ends early is "truncated".
 */

import {closeSync, openSync, readSync} from 'node:fs';
import {StringDecoder} from 'node:string_decoder';
import {SnapshotError} from './errors.js';
import {hostErrorText} from '../errors.js';

export type JsonPath = ReadonlyArray<string | number>;

export interface ParseOptions {
	/** Called for each string value with its path; what it returns is used instead. */
	readonly revive?: (path: JsonPath, text: string) => unknown;
	/** Bytes read from the file at a time (default 8 MiB; tests use tiny ones). */
	readonly chunk?: number;
}

const CHUNK = 8 << 20;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** Characters a number is read with (the longest a JSON.stringify'd double takes is 24). */
const NUMBER_MAX = 64;

/** "processes[2].exec.memories[0]" */
export function pathText(path: JsonPath): string {
	let out = '';
	for (const part of path) out += typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? (out === '' ? part : `.${part}`) : `[${JSON.stringify(part)}]`;
	return out;
}

class Parser {
	private text = '';
	private pos = 0;
	/** Characters dropped from the front of `text` so far (for positions in messages). */
	private dropped = 0;
	private ended = false;
	readonly path: Array<string | number> = [];

	constructor(
		private readonly more: () => string | null,
		private readonly options: ParseOptions,
	) {}

	/** Reads another chunk onto the end of the text; false at the end of the input. */
	private refill(): boolean {
		if (this.ended) return false;
		const chunk = this.more();
		if (chunk === null) {
			this.ended = true;
			return false;
		}
		this.dropped += this.pos;
		this.text = this.text.slice(this.pos) + chunk;
		this.pos = 0;
		return true;
	}

	private fail(problem: string): never {
		throw new SnapshotError(pathText(this.path), `${problem} (at character ${this.dropped + this.pos} of the file)`);
	}

	private truncated(): never {
		this.fail('the file ends early: it is truncated or incomplete');
	}

	/** The next character that is not white space (refilling as needed); '' at the end. */
	private peek(): string {
		for (;;) {
			while (this.pos < this.text.length) {
				const c = this.text.charCodeAt(this.pos);
				if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return this.text[this.pos];
				this.pos++;
			}
			if (!this.refill()) return '';
		}
	}

	/** Makes sure `n` characters are there from pos (unless the input ends). */
	private need(n: number): void {
		while (this.text.length - this.pos < n && this.refill());
	}

	document(): unknown {
		const value = this.value();
		if (this.peek() !== '') this.fail('unexpected text after the end of the document');
		return value;
	}

	private value(): unknown {
		const c = this.peek();
		switch (c) {
			case '{':
				return this.object();
			case '[':
				return this.array();
			case '"': {
				const text = this.string();
				return this.options.revive === undefined ? text : this.options.revive(this.path, text);
			}
			case 't':
				return this.literal('true', true);
			case 'f':
				return this.literal('false', false);
			case 'n':
				return this.literal('null', null);
			case '':
				return this.truncated();
			default:
				return this.number();
		}
	}

	private literal<T>(word: string, value: T): T {
		this.need(word.length);
		if (this.text.startsWith(word, this.pos)) {
			this.pos += word.length;
			return value;
		}
		if (this.text.length - this.pos < word.length && word.startsWith(this.text.slice(this.pos))) this.truncated();
		return this.fail(`unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 12))}`);
	}

	private number(): number {
		// A JSON number is short: with this much text in hand, none is cut by the end of a chunk.
		this.need(NUMBER_MAX);
		NUMBER.lastIndex = this.pos;
		const match = NUMBER.exec(this.text);
		if (match === null) this.fail(`unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 12))}`);
		this.pos += match[0].length;
		return Number(match[0]);
	}

	private string(): string {
		let from = this.pos + 1;
		for (;;) {
			const quote = this.text.indexOf('"', from);
			if (quote < 0) {
				// The string goes on in the next chunk: the refill moves the opening quote to 0.
				const scanned = this.text.length - this.pos;
				if (!this.refill()) this.truncated();
				from = scanned;
				continue;
			}
			let slashes = 0;
			for (let k = quote - 1; k >= this.pos + 1 && this.text.charCodeAt(k) === 0x5c; k--) slashes++;
			if (slashes % 2 === 1) {
				from = quote + 1;
				continue;
			}
			const raw = this.text.slice(this.pos + 1, quote);
			this.pos = quote + 1;
			if (!raw.includes('\\')) return raw;
			try {
				return JSON.parse(`"${raw}"`) as string;
			} catch {
				return this.fail('malformed string escape');
			}
		}
	}

	private expect(c: string): void {
		const got = this.peek();
		if (got === c) {
			this.pos++;
			return;
		}
		if (got === '') this.truncated();
		this.fail(`expected "${c}", got ${JSON.stringify(this.text.slice(this.pos, this.pos + 12))}`);
	}

	private object(): Record<string, unknown> {
		this.pos++;
		const out: Record<string, unknown> = {};
		if (this.peek() === '}') {
			this.pos++;
			return out;
		}
		for (;;) {
			if (this.peek() !== '"') this.expect('"');
			const key = this.string();
			this.expect(':');
			this.path.push(key);
			const value = this.value();
			this.path.pop();
			Object.defineProperty(out, key, {value, enumerable: true, writable: true, configurable: true});
			const next = this.peek();
			this.pos++;
			if (next === '}') return out;
			if (next !== ',') {
				this.pos--;
				this.expect(',');
			}
		}
	}

	private array(): unknown[] {
		this.pos++;
		const out: unknown[] = [];
		if (this.peek() === ']') {
			this.pos++;
			return out;
		}
		for (;;) {
			this.path.push(out.length);
			out.push(this.value());
			this.path.pop();
			const next = this.peek();
			this.pos++;
			if (next === ']') return out;
			if (next !== ',') {
				this.pos--;
				this.expect(',');
			}
		}
	}
}

export function parseJsonText(text: string, options: ParseOptions = {}): unknown {
	let given = false;
	return new Parser(() => (given ? null : ((given = true), text)), options).document();
}

/** Parses a file in chunks; a file that cannot be read is a SnapshotError with the host's reason. */
export function parseJsonFile(file: string, options: ParseOptions = {}): unknown {
	let fd: number;
	try {
		fd = openSync(file, 'r');
	} catch (error) {
		throw new SnapshotError('', `cannot read ${file}: ${readFailure(error)}`);
	}
	try {
		const size = options.chunk ?? CHUNK;
		const buffer = Buffer.alloc(size);
		const decoder = new StringDecoder('utf8');
		let done = false;
		return new Parser(() => {
			if (done) return null;
			let n: number;
			try {
				n = readSync(fd, buffer, 0, size, null);
			} catch (error) {
				// A directory (EISDIR), a device that fails: what the file system said, not a stack trace.
				throw new SnapshotError('', `cannot read ${file}: ${readFailure(error)}`);
			}
			if (n === 0) {
				done = true;
				const rest = decoder.end();
				return rest === '' ? null : rest;
			}
			return decoder.write(buffer.subarray(0, n));
		}, options).document();
	} finally {
		closeSync(fd);
	}
}

/** A failed open or read as the file system says it, with its code: "no such file or directory (ENOENT)". */
function readFailure(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return code === undefined ? hostErrorText(error) : `${hostErrorText(error)} (${code})`;
}
