/* Base64 for state export: bytes ↔ text, with the global btoa/atob (the engine imports no node:* module). */

const CHUNK = 0x8000;

export function toBase64(bytes: Uint8Array): string {
	let text = '';
	for (let i = 0; i < bytes.length; i += CHUNK) {
		text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
	}
	return btoa(text);
}

/** Decodes base64; throws a TypeError naming the problem on malformed input. */
export function fromBase64(text: string): Uint8Array {
	let binary: string;
	try {
		binary = atob(text);
	} catch {
		throw new TypeError('malformed base64 data');
	}
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
