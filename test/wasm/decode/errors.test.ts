/* Malformed modules: each is a DecodeError whose message names the section, the entry and the offset. */

import {describe, expect, it} from 'vitest';
import {MAX_FUNCTION_LOCALS, decodeModule} from '../../../source/wasm/decode/index.js';
import {DecodeError} from '../../../source/wasm/errors.js';
import {
	F32,
	FUNCREF,
	I32,
	I64,
	PREAMBLE,
	SECTION,
	body,
	funcType,
	moduleBytes,
	name,
	oneFunction,
	section,
	u32,
	vec,
} from './module-bytes.js';

const END = 0x0b;
const TYPES = section(SECTION.type, vec([funcType([], [])]));

function decodeError(bytes: Uint8Array | number[]): DecodeError {
	try {
		decodeModule(Uint8Array.from(bytes));
	} catch (e) {
		if (e instanceof DecodeError) return e;
		throw e;
	}
	throw new Error('expected a DecodeError');
}

describe('preamble', () => {
	it('says what is wrong with the first eight bytes', () => {
		expect(decodeError([]).message).toContain('unexpected end');
		expect(decodeError([0x00, 0x61, 0x73]).message).toContain('unexpected end');
		expect(decodeError([0x7f, 0x45, 0x4c, 0x46, 1, 0, 0, 0]).message).toBe(
			'magic header not detected (a module starts with \\0asm), at offset 0x0',
		);
		expect(decodeError([0x00, 0x61, 0x73, 0x6d, 0x01]).message).toContain('unexpected end');
		expect(decodeError([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]).message).toBe(
			'unknown binary version 0d 00 01 00 (expected 01 00 00 00), at offset 0x4',
		);
	});
});

describe('the section loop', () => {
	it('refuses an unknown section id', () => {
		expect(decodeError(moduleBytes([13, 0x00])).message).toBe('malformed section id 13 (known ids are 0-12), at offset 0x8');
	});

	it('refuses a section larger than the rest of the file', () => {
		expect(decodeError(moduleBytes([SECTION.type, 0x05, 0x00])).message).toBe(
			'type section: size 5 exceeds the 1 bytes left in the file (length out of bounds), at offset 0x8',
		);
	});

	it('refuses a section whose contents are shorter than its size', () => {
		const e = decodeError(moduleBytes(section(SECTION.type, [...vec([funcType([], [])]), 0x00])));
		expect(e.message).toBe("type section: 1 bytes left over after the section's contents (section size mismatch), at offset 0xe");
	});

	it('refuses a section whose contents run past its size', () => {
		const e = decodeError(moduleBytes([SECTION.type, 0x03, 0x01, 0x60, 0x00, 0x00]));
		expect(e.message).toBe('type section: type 0: unexpected end of section or function, at offset 0xd');
	});

	it('refuses a duplicate section and a section out of order', () => {
		expect(decodeError(moduleBytes(TYPES, TYPES)).message).toContain(
			'a type section cannot follow the type section (unexpected content after last section)',
		);
		const memory = section(SECTION.memory, vec([]));
		const table = section(SECTION.table, vec([]));
		expect(decodeError(moduleBytes(memory, table)).message).toContain('a table section cannot follow the memory section');
	});

	it('puts the data count section between element and code', () => {
		const dataCount = section(SECTION.dataCount, u32(0));
		const elements = section(SECTION.element, vec([]));
		const code = section(SECTION.code, vec([]));
		expect(() => decodeModule(moduleBytes(elements, dataCount, code))).not.toThrow();
		expect(decodeError(moduleBytes(code, dataCount)).message).toContain('a data count section cannot follow the code section');
	});

	it('fails fast on a vector length no file could hold', () => {
		const e = decodeError(moduleBytes(section(SECTION.type, [...u32(0xffffffff), 0x60, 0x00, 0x00])));
		expect(e.message).toBe(
			'type section: declares 4294967295 types, more than the 3 bytes left can hold (unexpected end of section or function), at offset 0xa',
		);
	});
});

describe('function and code sections', () => {
	it('refuses bodies that do not match the functions', () => {
		const functions = section(SECTION.function, vec([[0], [0]]));
		const code = section(SECTION.code, vec([body([], [END])]));
		expect(decodeError(moduleBytes(TYPES, functions, code)).message).toContain(
			'code section: 1 function bodies for 2 functions declared in the function section (function and code section have inconsistent lengths)',
		);
		expect(decodeError(moduleBytes(TYPES, functions)).message).toContain('there is no code section');
		expect(decodeError(moduleBytes(TYPES, code)).message).toContain('1 function bodies for 0 functions');
	});

	it('names the function, by its index after the imports, whose body is too long', () => {
		const imports = section(SECTION.import, vec([[...name('env'), ...name('f'), 0x00, 0x00]]));
		const functions = section(SECTION.function, vec([[0]]));
		const code = section(SECTION.code, [0x01, ...u32(120), 0x00, END]);
		const bytes = moduleBytes(TYPES, imports, functions, code);
		const e = decodeError(bytes);
		expect(e.message).toBe(`code section: function 1: body size 120 exceeds the 2 bytes left (length out of bounds), at offset 0x${(bytes.length - 3).toString(16)}`);
	});

	it('allows 50,000 locals and refuses one more, before expanding them', () => {
		expect(decodeModule(oneFunction([END], [[MAX_FUNCTION_LOCALS, I32]])).funcs[0].locals).toHaveLength(MAX_FUNCTION_LOCALS);
		const e = decodeError(oneFunction([END], [[MAX_FUNCTION_LOCALS, I32], [1, I64]]));
		expect(e.message).toContain('code section: function 0: too many locals: more than 50000 declared');
	});

	it('refuses local counts whose sum passes 2^32', () => {
		const e = decodeError(oneFunction([END], [[0xffffffff, I32], [2, I64]]));
		expect(e.message).toContain('too many locals');
	});

	it('refuses a bad value type in the locals', () => {
		expect(decodeError(oneFunction([END], [[1, 0x40]])).message).toContain('malformed value type 0x40');
	});

	it('names the instruction whose immediate is malformed', () => {
		const memory = section(SECTION.memory, vec([[0x00, 0x01]]));
		const e = decodeError(oneFunction([0x41, 0x00, 0x28, 0x02, 0x82, 0x80, 0x80, 0x80, 0x10, 0x1a, END], [], memory));
		expect(e.message).toMatch(/^code section: function 0: i32\.load: integer too large/);
	});
});

describe('entries', () => {
	it('refuses an unknown import kind', () => {
		const e = decodeError(moduleBytes(section(SECTION.import, vec([[...name('a'), ...name('b'), 0x04]]))));
		expect(e.message).toBe('import section: import 0: malformed import kind 0x4 (expected 0x00-0x03), at offset 0xf');
	});

	it('refuses an unknown export kind', () => {
		const e = decodeError(moduleBytes(section(SECTION.export, vec([[...name('x'), 0x04, 0x00]]))));
		expect(e.message).toContain('export section: export 0: malformed export kind 0x4');
	});

	it('refuses a bad mutability and a bad limits flag', () => {
		expect(decodeError(moduleBytes(section(SECTION.global, vec([[I32, 0x02, 0x41, 0x00, END]])))).message).toContain(
			'global section: global 0: malformed mutability 0x2',
		);
		expect(decodeError(moduleBytes(section(SECTION.memory, vec([[0x03, 0x00]])))).message).toContain(
			'memory section: memory 0: integer too large (flag 0x3 must be 0x00 or 0x01)',
		);
	});

	it('refuses a table of a non-reference type', () => {
		expect(decodeError(moduleBytes(section(SECTION.table, vec([[F32, 0x00, 0x00]])))).message).toContain(
			'malformed reference type 0x7d',
		);
	});

	it('refuses unknown element and data segment kinds', () => {
		expect(decodeError(moduleBytes(section(SECTION.element, vec([[0x08]])))).message).toContain(
			'element section: element segment 0: malformed elements segment kind 8',
		);
		expect(decodeError(moduleBytes(section(SECTION.element, vec([[0x01, 0x01, 0x00]])))).message).toContain(
			'malformed element kind 0x1',
		);
		expect(decodeError(moduleBytes(section(SECTION.data, vec([[0x03]])))).message).toContain(
			'data section: data segment 0: malformed data segment kind 3',
		);
	});

	it('refuses a function type that is not 0x60', () => {
		expect(decodeError(moduleBytes(section(SECTION.type, vec([[0x61, 0x00, 0x00]])))).message).toContain(
			'malformed function type: form byte 0x61, expected 0x60',
		);
	});

	it('refuses an invalid UTF-8 name anywhere, custom section names included', () => {
		expect(decodeError(moduleBytes(section(SECTION.custom, [0x01, 0xff]))).message).toBe(
			'custom section: custom section name is not valid UTF-8 (malformed UTF-8 encoding), at offset 0xb',
		);
		expect(decodeError(moduleBytes(section(SECTION.import, vec([[0x01, 0xc0, ...name('b'), 0x00, 0x00]])))).message).toContain(
			'import section: import 0: module name is not valid UTF-8',
		);
	});

	it('refuses a custom section without room for its name', () => {
		expect(decodeError(moduleBytes([SECTION.custom, 0x00])).message).toContain('custom section: unexpected end of section or function');
	});
});

describe('data count', () => {
	const memory = section(SECTION.memory, vec([[0x00, 0x01]]));
	const passive = [0x01, ...vec([])];

	it('refuses a data section with another number of segments', () => {
		const e = decodeError(moduleBytes(memory, section(SECTION.dataCount, u32(3)), section(SECTION.data, vec([passive, passive]))));
		expect(e.message).toContain(
			'data section: 2 segments but the data count section says 3 (data count and data section have inconsistent lengths)',
		);
	});

	it('refuses a data count without a data section, unless it is 0', () => {
		expect(decodeError(moduleBytes(section(SECTION.dataCount, u32(1)))).message).toContain('there is no data section');
		expect(() => decodeModule(moduleBytes(section(SECTION.dataCount, u32(0))))).not.toThrow();
	});

	it('requires the section for memory.init and data.drop when there are data segments', () => {
		const bytes = [...oneFunction([0xfc, 0x09, 0x00, END], [], memory), ...section(SECTION.data, vec([passive]))];
		const e = decodeError(bytes);
		expect(e.message).toContain('code section: function 0: data.drop: data count section required');
		expect(e.offset).toBe(bytes.indexOf(0xfc));
	});

	it('leaves data.drop of a module without data segments to the validator (unknown data segment)', () => {
		expect(() => decodeModule(oneFunction([0xfc, 0x09, 0x00, END]))).not.toThrow();
	});
});

describe('truncation', () => {
	it('is a DecodeError at every length of a module', () => {
		const whole = [
			...PREAMBLE,
			...TYPES,
			...section(SECTION.function, vec([[0]])),
			...section(SECTION.global, vec([[F32, 0x00, 0x43, 0x00, 0x00, 0x80, 0x3f, END]])),
			...section(SECTION.export, vec([[...name('f'), 0x00, 0x00]])),
			...section(SECTION.code, vec([body([[1, I64]], [0x42, 0x80, 0x80, 0x04, 0x1a, END])])),
			...section(SECTION.custom, [...name('c'), 1, 2]),
		];
		expect(() => decodeModule(Uint8Array.from(whole))).not.toThrow();
		for (let n = 0; n < whole.length; n++) {
			// Cutting after a complete section leaves a well-formed module; everything else fails cleanly.
			try {
				decodeModule(Uint8Array.from(whole.slice(0, n)));
			} catch (e) {
				expect(e).toBeInstanceOf(DecodeError);
			}
		}
	});

	it('names the entry that is cut off and the offset where its bytes end', () => {
		const e = decodeError(moduleBytes(section(SECTION.import, vec([[...name('a'), ...name('t'), 0x01, FUNCREF]]))));
		expect(e.message).toBe('import section: import 0: unexpected end of section or function, at offset 0x11');
	});
});
