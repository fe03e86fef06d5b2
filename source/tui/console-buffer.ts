/*
 * The command pane's screen: what the kernel's terminal shows (the shell's prompt, the echo of typed
 * keys, program output, all sanitised by the kernel) and the session's own notices, as lines a pane
 * can show. Like a terminal it honours
 * newline, carriage return (the next text overwrites the line), backspace and tabs; other control
 * characters are dropped. The oldest lines fall out past `capacity`.
 */

/** Control characters (C0 and DEL): what a terminal acts on or drops rather than shows. */
const CONTROL = /[\x00-\x1f\x7f]/g;

export class ConsoleBuffer {
	/** Finished lines, oldest first; trimmed to `capacity` in batches (shifting one at a time is O(capacity) a line). */
	private done: string[] = [];
	/** The line being written, its length in code points, and the cursor's column in it. */
	private current = '';
	private currentLength = 0;
	private column = 0;
	private readonly decoder = new TextDecoder();

	constructor(readonly capacity = 2_000) {}

	/**
	 * Appends guest bytes (UTF-8 split across writes is kept whole) or text. Linear in the text: a
	 * program that floods the terminal (`yes`) costs the pane little per byte, and text that holds
	 * more lines than the buffer keeps is read from the first line it keeps.
	 */
	write(data: Uint8Array | string): void {
		const text = typeof data === 'string' ? data : this.decoder.decode(data, {stream: true});
		let from = this.keptFrom(text);
		if (from > 0) {
			this.done.length = 0;
			this.current = '';
			this.currentLength = 0;
			this.column = 0;
		}
		CONTROL.lastIndex = from;
		for (let match = CONTROL.exec(text); match !== null; match = CONTROL.exec(text)) {
			if (match.index > from) this.put(text.slice(from, match.index));
			const ch = match[0];
			if (ch === '\n') this.newline();
			else if (ch === '\r') this.column = 0;
			else if (ch === '\b') this.column = Math.max(0, this.column - 1);
			else if (ch === '\t') this.put(' '.repeat(8 - (this.column % 8)));
			from = match.index + 1;
		}
		if (from < text.length) this.put(text.slice(from));
	}

	/** The last `count` lines, the one being written included when it is not empty. */
	tail(count: number, back = 0): string[] {
		const done = this.kept();
		const all = this.current === '' ? done : [...done, this.current];
		const end = Math.max(0, all.length - back);
		return all.slice(Math.max(0, end - count), end);
	}

	/** The last `count` lines, ending with the line being written (even when empty): where the cursor is. */
	screen(count: number): string[] {
		if (count < 1) return [];
		const done = this.kept();
		return [...done.slice(Math.max(0, done.length - (count - 1))), this.current];
	}

	/** Forgets every line (the shell's `clear`): the screen starts empty. */
	clear(): void {
		this.done.length = 0;
		this.current = '';
		this.currentLength = 0;
		this.column = 0;
	}

	/** The cursor's column in the line being written. */
	get cursor(): number {
		return this.column;
	}

	get length(): number {
		return Math.min(this.done.length, this.capacity) + (this.current === '' ? 0 : 1);
	}

	/** Whether the line being written is empty (a prompt can start there). */
	get atLineStart(): boolean {
		return this.current === '';
	}

	/** The finished lines kept: the last `capacity`. */
	private kept(): string[] {
		return this.done.length > this.capacity ? this.done.slice(-this.capacity) : this.done;
	}

	/**
	 * Where in `text` the lines kept after it start: past its (capacity + 1)th newline from the end,
	 * when it has that many (every line before, and whatever the buffer held, would fall out); else 0.
	 */
	private keptFrom(text: string): number {
		let newlines = 0;
		for (let at = text.length - 1; at >= 0; at--) {
			if (text.charCodeAt(at) === 10 && ++newlines > this.capacity) return at + 1;
		}
		return 0;
	}

	/** Printable text at the cursor: appended at the line's end, written over it elsewhere (after \r or \b). */
	private put(text: string): void {
		if (this.column === this.currentLength) {
			let n = 0;
			for (const _ of text) n++;
			this.current += text;
			this.currentLength += n;
			this.column += n;
			return;
		}
		const chars = [...this.current];
		for (const ch of text) chars[this.column++] = ch;
		this.current = Array.from(chars, ch => ch ?? ' ').join('');
		this.currentLength = chars.length;
	}

	private newline(): void {
		this.done.push(this.current);
		if (this.done.length > this.capacity * 2) this.done = this.done.slice(-this.capacity);
		this.current = '';
		this.currentLength = 0;
		this.column = 0;
	}
}
