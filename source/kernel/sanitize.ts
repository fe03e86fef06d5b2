/*
 * The output sanitiser: guest bytes in, text that cannot reconfigure the user's terminal out. It
 * runs as a stream (its state is plain data, kept per channel), so an escape sequence or a UTF-8
 * character split across two writes is handled as if it came in one.
 *
 *   - UTF-8 is decoded; an invalid or overlong sequence becomes U+FFFD.
 *   - Escape sequences are removed whole: CSI (ESC [ ... final), OSC / DCS / SOS / PM / APC strings
 *     (ESC ] ... BEL or ESC \), and two- or three-byte ESC sequences. So colours vanish too: a guest
 *     cannot move the cursor, clear the screen, retitle the window or remap keys.
 *   - C1 controls (U+0080..U+009F, which some terminals obey like ESC sequences) are removed.
 *   - Other C0 controls and DEL are shown in caret notation ("^G", "^?"); \n, \r, \t and \b pass,
 *     since they only move the cursor within the text.
 * A string sequence longer than MAX_STRING ends early, so an unterminated OSC cannot hide the rest
 * of a program's output.
 */

import {continues, decode, encodeUtf8, sequenceLength} from './utf8.js';

export type SanitizerMode = 'text' | 'esc' | 'escInter' | 'csi' | 'string' | 'stringEsc';

export interface SanitizerState {
	mode: SanitizerMode;
	/** Bytes of an incomplete UTF-8 character (at most 3). */
	utf8: number[];
	/** Length of the string sequence being skipped. */
	stringLength: number;
}

const MAX_STRING = 4096;
const REPLACEMENT = 0xfffd;

export function newSanitizer(): SanitizerState {
	return {mode: 'text', utf8: [], stringLength: 0};
}

/** Sanitises `bytes`, continuing from `state` (which it updates); returns UTF-8 bytes. */
export function sanitize(state: SanitizerState, bytes: Uint8Array): Uint8Array {
	// Most output is printable ASCII and line breaks, outside any sequence: it passes as it is. (A
	// program flooding the terminal, `yes`, spent most of the TUI's time here byte by byte.)
	if (state.mode === 'text' && state.utf8.length === 0 && passesAsItIs(bytes)) return bytes.slice();
	const out: number[] = [];
	const emit = (cp: number) => encodeUtf8(cp, out);
	// Decode UTF-8 byte by byte; each complete code point goes through the escape state machine.
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		const pending = state.utf8;
		if (pending.length > 0) {
			if (continues(pending, b)) {
				pending.push(b);
				if (pending.length === sequenceLength(pending[0])) {
					step(state, decode(pending), emit);
					pending.length = 0;
				}
				continue;
			}
			pending.length = 0;
			step(state, REPLACEMENT, emit);
		}
		if (b < 0x80) step(state, b, emit);
		else if (sequenceLength(b) === 0) step(state, REPLACEMENT, emit);
		else pending.push(b);
	}
	return Uint8Array.from(out);
}

/** Whether every byte is printable ASCII, \n, \r, \t or \b: what the text state emits unchanged. */
function passesAsItIs(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b >= 0x20 ? b > 0x7e : b !== 0x0a && b !== 0x0d && b !== 0x09 && b !== 0x08) return false;
	}
	return true;
}

/** The escape state machine for one code point. */
function step(state: SanitizerState, cp: number, emit: (cp: number) => void): void {
	switch (state.mode) {
		case 'text':
			text(state, cp, emit);
			return;
		case 'esc':
			if (cp === 0x5b) state.mode = 'csi';
			else if (cp === 0x5d || cp === 0x50 || cp === 0x58 || cp === 0x5e || cp === 0x5f) enterString(state);
			else if (cp >= 0x20 && cp <= 0x2f) state.mode = 'escInter';
			else if (cp === 0x1b) state.mode = 'esc';
			else if (cp >= 0x30 && cp <= 0x7e) state.mode = 'text';
			else abort(state, cp, emit);
			return;
		case 'escInter':
			if (cp >= 0x20 && cp <= 0x2f) return;
			if (cp >= 0x30 && cp <= 0x7e) state.mode = 'text';
			else abort(state, cp, emit);
			return;
		case 'csi':
			if (cp >= 0x20 && cp <= 0x3f) return;
			if (cp >= 0x40 && cp <= 0x7e) state.mode = 'text';
			else abort(state, cp, emit);
			return;
		case 'string':
			if (cp === 0x07 || cp === 0x9c) state.mode = 'text';
			else if (cp === 0x1b) state.mode = 'stringEsc';
			else if (++state.stringLength > MAX_STRING) state.mode = 'text';
			return;
		case 'stringEsc':
			// ESC \ is the string terminator; ESC anything else ends the string and starts a sequence.
			state.mode = 'esc';
			if (cp === 0x5c) state.mode = 'text';
			else step(state, cp, emit);
			return;
	}
}

function enterString(state: SanitizerState): void {
	state.mode = 'string';
	state.stringLength = 0;
}

/** A sequence broken by something that cannot be in it: drop what came so far, handle cp as text. */
function abort(state: SanitizerState, cp: number, emit: (cp: number) => void): void {
	state.mode = 'text';
	text(state, cp, emit);
}

function text(state: SanitizerState, cp: number, emit: (cp: number) => void): void {
	if (cp === 0x1b) {
		state.mode = 'esc';
		return;
	}
	if (cp === 0x0a || cp === 0x0d || cp === 0x09 || cp === 0x08) {
		emit(cp);
		return;
	}
	if (cp < 0x20 || cp === 0x7f) {
		emit(0x5e);
		emit(cp ^ 0x40);
		return;
	}
	if (cp >= 0x80 && cp <= 0x9f) return;
	emit(cp);
}
