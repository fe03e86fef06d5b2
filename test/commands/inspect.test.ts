/* `wasmos-tui inspect`: what a user sees for valid, invalid, malformed and unreadable files. */

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, describe, expect, it} from 'vitest';
import {inspect} from '../../source/commands/inspect.js';
import {
	I32,
	SECTION,
	body,
	funcType,
	moduleBytes,
	name,
	section,
	sleb,
	u32,
	vec,
} from '../wasm/decode/module-bytes.js';

const END = 0x0b;
const dir = mkdtempSync(join(tmpdir(), 'wasmos-inspect-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

function file(fileName: string, bytes: Uint8Array): string {
	const path = join(dir, fileName);
	writeFileSync(path, bytes);
	return path;
}

async function run(path: string, json = false) {
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	const chunks = {out: '', err: ''};
	stdout.on('data', (c: Buffer) => (chunks.out += c.toString()));
	stderr.on('data', (c: Buffer) => (chunks.err += c.toString()));
	const status = await inspect(path, {json}, {stdout, stderr});
	return {status, stdout: chunks.out, stderr: chunks.err};
}

/** A module importing fd_write, with 25 functions, a memory, a global, data and a name section. */
function sample(functionNames: [number, string][] = [[1, 'main']]): Uint8Array {
	const n = 25;
	const nameMap = vec(functionNames.map(([i, s]) => [i, ...name(s)]));
	return Uint8Array.from([
		...moduleBytes(
			section(SECTION.type, vec([funcType([I32, I32, I32, I32], [I32]), funcType([], [])])),
			section(SECTION.import, vec([[...name('wasi_snapshot_preview1'), ...name('fd_write'), 0x00, 0x00]])),
			section(SECTION.function, vec(new Array<number[]>(n).fill([1]))),
			section(SECTION.memory, vec([[0x01, 0x02, 0x10]])),
			section(SECTION.global, vec([[I32, 0x01, 0x41, ...sleb(66560), END]])),
			section(SECTION.export, vec([[...name('_start'), 0x00, 0x01], [...name('memory'), 0x02, 0x00]])),
			section(SECTION.start, u32(1)),
			section(SECTION.code, vec(new Array<number[]>(n).fill(body([[3, I32]], [END])))),
			section(SECTION.data, vec([[0x00, 0x41, 0x00, END, ...vec([[0x68], [0x69]])]])),
		),
		...section(SECTION.custom, [...name('name'), 1, ...u32(nameMap.length), ...nameMap]),
	]);
}

describe('wasmos-tui inspect', () => {
	it('prints what the decoder sees in a valid module and exits 0', async () => {
		const {status, stdout, stderr} = await run(file('sample.wasm', sample()));
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout).toContain('valid: yes');
		expect(stdout).toMatch(/0x8\s+12\s+type/);
		expect(stdout).toContain('"wasi_snapshot_preview1"."fd_write": func (i32 i32 i32 i32) -> (i32)');
		expect(stdout).toContain('"_start": func 1 `main`');
		expect(stdout).toContain('functions (26: 1 imported, 25 defined):');
		expect(stdout).toContain('1 `main`: () -> (), 3 locals, body 4 bytes at 0x');
		expect(stdout).toContain('exported as "_start"');
		expect(stdout).toContain('... and 6 more');
		expect(stdout).toContain('0: min 2 pages (128 KiB), max 16 pages (1 MiB)');
		expect(stdout).toContain('0: mut i32 = i32.const 66560');
		expect(stdout).toContain('start: function 1 `main`');
		expect(stdout).toContain('data segments (1, 2 bytes):');
		expect(stdout).toContain('"name": ');
	});

	it('prints the same as JSON', async () => {
		const {status, stdout} = await run(file('sample.wasm', sample()), true);
		expect(status).toBe(0);
		const report = JSON.parse(stdout);
		expect(report.valid).toBe(true);
		expect(report.functions.list).toHaveLength(26);
		expect(report.functions.list[1]).toMatchObject({index: 1, name: 'main', exportedAs: ['_start'], locals: 3});
		expect(report.imports[0]).toMatchObject({module: 'wasi_snapshot_preview1', name: 'fd_write', kind: 'func'});
		expect(report.memories[0]).toMatchObject({minPages: 2, maxPages: 16});
		expect(report.start).toEqual({index: 1, name: 'main'});
	});

	it('escapes control characters in names from the module', async () => {
		const {stdout} = await run(file('escape.wasm', sample([[1, 'evil\u001b[2Jname\u202e']])));
		expect(stdout).not.toContain('\u001b');
		expect(stdout).not.toContain('\u202e');
		expect(stdout).toContain('`evil\\u{1b}[2Jname\\u{202e}`');
	});

	it('reports a file it cannot read', async () => {
		const missing = join(dir, 'missing.wasm');
		const {status, stdout, stderr} = await run(missing);
		expect(status).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe(`wasmos-tui inspect: cannot read ${missing}: no such file or directory\n`);
	});

	it('reports a malformed module with the decoder message and offset', async () => {
		const path = file('bad.wasm', moduleBytes([13, 0x00]));
		const {status, stdout, stderr} = await run(path);
		expect(status).toBe(1);
		expect(stdout).toBe('');
		expect(stderr).toBe(`wasmos-tui inspect: ${path}: malformed section id 13 (known ids are 0-12), at offset 0x8\n`);
	});

	it('prints the structure of an invalid module, says why it is invalid and exits 1', async () => {
		const bytes = moduleBytes(
			section(SECTION.type, vec([funcType([], [])])),
			section(SECTION.function, vec([[0]])),
			section(SECTION.code, vec([body([], [0x41, 0x01, END])])),
		);
		const path = file('invalid.wasm', bytes);
		const {status, stdout, stderr} = await run(path);
		expect(status).toBe(1);
		expect(stdout).toContain('valid: no — function 0');
		expect(stdout).toContain('functions (1: 0 imported, 1 defined):');
		expect(stderr).toMatch(new RegExp(`^wasmos-tui inspect: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: function 0`));
	});
});
