/**
 * Distinct module bytes for every measured run. V8 keeps compiled code per module bytes for the
 * life of the process, so reloading identical bytes would make a later run's "first call" run
 * already-optimised code. Appending a custom section with a unique tag changes the bytes without
 * changing what the module does (custom sections have no semantics).
 */

/** `bytes` with a custom section named `name` holding the UTF-8 `payload` appended. */
export function appendCustomSection(bytes: Uint8Array, name: string, payload: string): Uint8Array {
	const encodedName = new TextEncoder().encode(name);
	const content = [...uleb128(encodedName.length), ...encodedName, ...new TextEncoder().encode(payload)];
	const section = [0, ...uleb128(content.length), ...content];
	const out = new Uint8Array(bytes.length + section.length);
	out.set(bytes);
	out.set(section, bytes.length);
	return out;
}

/** The bytes of one measured run of one engine. */
export function tagRun(bytes: Uint8Array, engine: string, run: number): Uint8Array {
	return appendCustomSection(bytes, 'wasmos-bench-run', `${engine}#${run}`);
}

/** Unsigned LEB128, as the binary format encodes sizes: 7 bits per byte, high bit = more follows. */
function uleb128(value: number): number[] {
	const out: number[] = [];
	let rest = value;
	do {
		const low = rest & 0x7f;
		rest = Math.floor(rest / 128);
		out.push(rest > 0 ? low | 0x80 : low);
	} while (rest > 0);
	return out;
}
