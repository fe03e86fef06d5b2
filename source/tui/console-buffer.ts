/*
 * The command pane's screen: what the kernel's terminal shows (the shell's prompt, the echo of typed
 * keys, program output, all sanitised by the kernel) and the session's own notices, as lines a pane
 * can show. Like a terminal it honours
 * newline, carriage return (the next text overwrites the line), backspace and tabs; other control
 * characters are dropped. The oldest lines fall out past `capacity`.
 */

export class ConsoleBuffer {
	/** Finished lines, oldest first. */
	private readonly done: string[] = [];
	/** The line being written and the cursor's column in it. */
	private current = '';
	private column = 0;
	private readonly decoder = new TextDecoder();

	constructor(readonly capacity = 2_000) {}

	/** Appends guest bytes (UTF-8 split across writes is kept whole) or text. */
	write(data: Uint8Array | string): void {
		const text = typeof data === 'string' ? data : this.decoder.decode(data, {stream: true});
		for (const ch of text) {
			if (ch === '\n') this.newline();
			else if (ch === '\r') this.column = 0;
			else if (ch === '\b') this.column = Math.max(0, this.column - 1);
			else if (ch === '\t') this.put(' '.repeat(8 - (this.column % 8)));
			else if (ch >= ' ' && ch !== '\x7f') this.put(ch);
		}
	}

	/** The last `count` lines, the one being written included when it is not empty. */
	tail(count: number, back = 0): string[] {
		const all = this.current === '' ? this.done : [...this.done, this.current];
		const end = Math.max(0, all.length - back);
		return all.slice(Math.max(0, end - count), end);
	}

	/** The last `count` lines, ending with the line being written (even when empty): where the cursor is. */
	screen(count: number): string[] {
		if (count < 1) return [];
		return [...this.done.slice(Math.max(0, this.done.length - (count - 1))), this.current];
	}

	/** Forgets every line (the shell's `clear`): the screen starts empty. */
	clear(): void {
		this.done.length = 0;
		this.current = '';
		this.column = 0;
	}

	/** The cursor's column in the line being written. */
	get cursor(): number {
		return this.column;
	}

	get length(): number {
		return this.done.length + (this.current === '' ? 0 : 1);
	}

	/** Whether the line being written is empty (a prompt can start there). */
	get atLineStart(): boolean {
		return this.current === '';
	}

	private put(text: string): void {
		const chars = [...this.current];
		for (const ch of text) chars[this.column++] = ch;
		this.current = Array.from(chars, ch => ch ?? ' ').join('');
	}

	private newline(): void {
		this.done.push(this.current);
		if (this.done.length > this.capacity) this.done.shift();
		this.current = '';
		this.column = 0;
	}
}
