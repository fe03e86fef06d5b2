/*
 * Builders for hand-made binary modules in tests: LEB128 encoders, vectors, names, sections and
 * the module preamble. Each returns plain byte arrays so tests can splice in malformed pieces.
 */

export type Bytes = readonly number[];

/** Unsigned LEB128 in the shortest form, or padded to `length` bytes. */
export function u32(n: number, length = 0): number[] {
	const out: number[] = [];
	let v = n >>> 0;
	do {
		let b = v & 0x7f;
		v >>>= 7;
		if (v !== 0 || out.length + 1 < length) b |= 0x80;
		out.push(b);
	} while (v !== 0 || out.length < length);
	return out;
}

/** Signed LEB128 of a bigint in the shortest form. */
export function sleb(n: bigint | number): number[] {
	let v = BigInt(n);
	const out: number[] = [];
	for (;;) {
		const b = Number(v & 0x7fn);
		v >>= 7n;
		const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
		out.push(done ? b : b | 0x80);
		if (done) return out;
	}
}

export function name(s: string): number[] {
	const utf8 = [...new TextEncoder().encode(s)];
	return [...u32(utf8.length), ...utf8];
}

/** A vector: the count, then the items' bytes. */
export function vec(items: readonly Bytes[]): number[] {
	return [...u32(items.length), ...items.flat()];
}

export function section(id: number, contents: Bytes): number[] {
	return [id, ...u32(contents.length), ...contents];
}

export const PREAMBLE: Bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

export function moduleBytes(...sections: Bytes[]): Uint8Array {
	return Uint8Array.from([...PREAMBLE, ...sections.flat()]);
}

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;

export const SECTION = {
	custom: 0,
	type: 1,
	import: 2,
	function: 3,
	table: 4,
	memory: 5,
	global: 6,
	export: 7,
	start: 8,
	element: 9,
	code: 10,
	data: 11,
	dataCount: 12,
} as const;

export function funcType(params: Bytes, results: Bytes): number[] {
	return [0x60, ...vec(params.map(p => [p])), ...vec(results.map(r => [r]))];
}

/** A function body: size, local groups [(count, type)], instructions (which must end with 0x0b). */
export function body(locals: readonly (readonly [number, number])[], code: Bytes): number[] {
	const contents = [...vec(locals.map(([n, t]) => [...u32(n), t])), ...code];
	return [...u32(contents.length), ...contents];
}

/** A module of one function of type [] -> [] with the given body instructions (ending with 0x0b). */
export function oneFunction(code: Bytes, locals: readonly (readonly [number, number])[] = [], ...extra: Bytes[]): Uint8Array {
	return moduleBytes(
		section(SECTION.type, vec([funcType([], [])])),
		section(SECTION.function, vec([[0]])),
		...extra,
		section(SECTION.code, vec([body(locals, code)])),
	);
}
