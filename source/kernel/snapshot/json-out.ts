/*
 * Writing a snapshot's JSON text as a stream: the writer hands text piece by piece to a sink, which
 * buffers about a megabyte and writes it out, so no single JavaScript string ever holds the whole
 * document (a machine with 10 × 64 MiB of memory would not fit in one).
 *
 *   const sink = FileSink.create('/tmp/a.json');   writes to a temp file beside it
 *   sink.write('{"format": ...');                   ... as often as needed
 *   sink.commit();                                  flush, fsync, rename over the target: atomic
 *   sink.abort();                                   on failure: the temp file goes, the target is untouched
 *
 *   const text = new TextSink();                    the same into memory (tests, digests)
 */

import {closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync} from 'node:fs';
import {basename, dirname, join} from 'node:path';

export interface Sink {
	write(text: string): void;
}

/** Characters buffered before a write to the file. */
const FLUSH_AT = 1 << 20;

let tempCounter = 0;

export class FileSink implements Sink {
	private chunks: string[] = [];
	private buffered = 0;
	private open = true;
	/** Bytes written so far. */
	bytes = 0;

	private constructor(
		readonly target: string,
		readonly temp: string,
		private readonly fd: number,
	) {}

	/** A sink for `target`, writing to a new temp file in the same directory (host errors are thrown as they come). */
	static create(target: string): FileSink {
		const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${++tempCounter}.tmp`);
		const fd = openSync(temp, 'wx', 0o644);
		return new FileSink(target, temp, fd);
	}

	write(text: string): void {
		this.chunks.push(text);
		this.buffered += text.length;
		if (this.buffered >= FLUSH_AT) this.flush();
	}

	private flush(): void {
		if (this.chunks.length === 0) return;
		const data = Buffer.from(this.chunks.length === 1 ? this.chunks[0] : this.chunks.join(''), 'utf8');
		this.chunks = [];
		this.buffered = 0;
		for (let off = 0; off < data.length; ) off += writeSync(this.fd, data, off, data.length - off);
		this.bytes += data.length;
	}

	/** Everything written, synced to disk, then renamed over the target. */
	commit(): void {
		this.flush();
		fsyncSync(this.fd);
		closeSync(this.fd);
		this.open = false;
		renameSync(this.temp, this.target);
		// The rename itself is made durable by syncing the directory (where the host allows it).
		try {
			const dir = openSync(dirname(this.target), 'r');
			try {
				fsyncSync(dir);
			} finally {
				closeSync(dir);
			}
		} catch {
			// Some systems cannot open or sync a directory; the data itself is synced already.
		}
	}

	/** Drops the temp file; the target stays as it was. */
	abort(): void {
		if (this.open) {
			this.open = false;
			try {
				closeSync(this.fd);
			} catch {
				// Already closed.
			}
		}
		try {
			unlinkSync(this.temp);
		} catch {
			// Already gone.
		}
	}
}

export class TextSink implements Sink {
	private readonly chunks: string[] = [];

	write(text: string): void {
		this.chunks.push(text);
	}

	text(): string {
		return this.chunks.join('');
	}
}
