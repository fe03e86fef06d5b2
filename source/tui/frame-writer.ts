/*
 * Redraws only the lines that changed. Ink (in its standard mode) writes every frame whole: it
 * erases the previous frame line by line (ESC[2K, ESC[1A, ..., ESC[G) and writes the new one. Over
 * SSH that is most of a terminal's traffic, so the TUI gives Ink this stand-in for stdout instead:
 * a frame's lines are compared with the previous frame's, and only the changed ones are written,
 * each at its row (the TUI owns the alternate screen and draws from its top-left corner), followed
 * by "erase to end of line". Everything else Ink writes (cursor shown or hidden, synchronised-update
 * marks) passes through. Ink's own incremental mode would do the same, but it places the frame one
 * line too low when the frame is shorter than the terminal (Ink 6.8), which ours always is.
 *
 *   const out = frameWriter(process.stdout);   pass `out` to Ink's render({stdout: out})
 *   out.bytes                                  bytes written to the terminal so far
 *
 * After a resize the next frame is written whole on a cleared screen (the terminal may have
 * rewrapped what was there).
 */

/** What Ink puts before a frame: the erasure of the previous one, or (after a shrink) a cleared terminal. */
const ERASE_LINES = /^(?:\x1b\[2K(?:\x1b\[1A)?)+\x1b\[G/;
const CLEAR_TERMINAL = /^\x1b\[2J\x1b\[3J\x1b\[H/;
const CLEAR_SCREEN = '\x1b[2J';

export type FrameWriter = NodeJS.WriteStream & {readonly bytes: number};

export function frameWriter(stdout: NodeJS.WriteStream): FrameWriter {
	let previous: string[] = [];
	let fresh = true;
	let bytes = 0;
	const send = (text: string): boolean => {
		bytes += Buffer.byteLength(text);
		return stdout.write(text);
	};
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
		const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
		const done = rest.find(r => typeof r === 'function') as (() => void) | undefined;
		const cleared = CLEAR_TERMINAL.exec(text);
		if (cleared !== null) fresh = true;
		const erased = cleared ?? ERASE_LINES.exec(text);
		const frame = erased === null ? text : text.slice(erased[0].length);
		let ok: boolean;
		if (!frame.includes('\n')) {
			// Not a frame: a cursor mark, or Ink clearing its output (on exit) — pass it on as is.
			if (erased !== null && frame === '') previous = [];
			ok = send(text);
		} else {
			const lines = frame.replace(/\n$/, '').split('\n');
			let out = fresh ? `${CLEAR_SCREEN}` : '';
			lines.forEach((line, row) => {
				if (!fresh && line === previous[row]) return;
				out += `\x1b[${row + 1};1H${line}\x1b[K`;
			});
			// Rows the new frame no longer has are emptied.
			for (let row = lines.length; row < previous.length; row++) out += `\x1b[${row + 1};1H\x1b[K`;
			previous = lines;
			fresh = false;
			ok = out === '' ? true : send(out);
		}
		done?.();
		return ok;
	};
	stdout.on('resize', () => {
		fresh = true;
	});
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			if (property === 'bytes') return bytes;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? value.bind(target) : value;
		},
	}) as FrameWriter;
}
