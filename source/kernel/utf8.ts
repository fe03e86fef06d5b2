/*
 * UTF-8, byte by byte: what may start a sequence, what may continue one (the rules that refuse
 * overlong forms, surrogates and code points past U+10FFFF), decoding and encoding. The output
 * sanitiser and the syscall log's previews decode guest bytes with these.
 */

/** Bytes in a UTF-8 sequence that starts with `lead`; 0 for a byte that cannot start one. */
export function sequenceLength(lead: number): number {
	if (lead >= 0xc2 && lead <= 0xdf) return 2;
	if (lead >= 0xe0 && lead <= 0xef) return 3;
	if (lead >= 0xf0 && lead <= 0xf4) return 4;
	return 0;
}

/** Whether `b` may follow the bytes `pending` of a sequence (rules out overlong forms, surrogates and > U+10FFFF). */
export function continues(pending: readonly number[], b: number): boolean {
	if ((b & 0xc0) !== 0x80) return false;
	if (pending.length > 1) return true;
	switch (pending[0]) {
		case 0xe0:
			return b >= 0xa0;
		case 0xed:
			return b <= 0x9f;
		case 0xf0:
			return b >= 0x90;
		case 0xf4:
			return b <= 0x8f;
		default:
			return true;
	}
}

/** The code point of a complete, well-formed sequence. */
export function decode(seq: readonly number[]): number {
	if (seq.length === 2) return ((seq[0] & 0x1f) << 6) | (seq[1] & 0x3f);
	if (seq.length === 3) return ((seq[0] & 0x0f) << 12) | ((seq[1] & 0x3f) << 6) | (seq[2] & 0x3f);
	return ((seq[0] & 0x07) << 18) | ((seq[1] & 0x3f) << 12) | ((seq[2] & 0x3f) << 6) | (seq[3] & 0x3f);
}

/** Appends the UTF-8 bytes of code point `cp` to `out`. */
export function encodeUtf8(cp: number, out: number[]): void {
	if (cp < 0x80) out.push(cp);
	else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
	else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
	else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
