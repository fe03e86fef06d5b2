/*
 * Hostile calls: every WASI function called thousands of times with seeded random arguments —
 * pointers at and past the end of memory, huge lengths, negative numbers, random structures in
 * memory. Each call must answer an errno (or succeed); none may throw on the host, panic the
 * kernel, or stop the machine. (proc_exit is left out: it would end the run; proc_raise is called
 * with signal 0 only.)
 */

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {loadProgram} from '../../source/kernel/kernel.js';
import {SIGNATURES} from '../../source/wasi/signatures.js';
import {assemble, machine} from '../kernel/helpers.js';
import {prng} from '../helpers/prng.js';

const PAGES = 2;
const END = PAGES * 65536;

function hostileModule(seed: number, calls: number): string {
	const next = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const i32 = (): number => pick([0, 1, 3, 4, -1, END - 1, END - 4, END, END + 8, 0x7fffffff, Math.floor(next() * END), Math.floor(next() * 64), Math.floor(next() * 2 ** 32) | 0]);
	const i64 = (): string => pick(['0', '1', '-1', '9223372036854775807', String(Math.floor(next() * 2 ** 40)), String(Math.floor(next() * 100))]);
	const names = Object.keys(SIGNATURES).filter(name => name !== 'proc_exit');
	const imports = names.map(name => {
		const [params, results] = SIGNATURES[name];
		const types = (list: readonly number[]) => list.map(t => (t === 0x7e ? 'i64' : 'i32')).join(' ');
		return `(import "wasi_snapshot_preview1" "${name}" (func $${name} (param ${types(params)}) (result ${types(results)})))`;
	});
	const body: string[] = [];
	for (let k = 0; k < calls; k++) {
		const name = pick(names);
		const args = SIGNATURES[name][0].map((t, at) => (name === 'proc_raise' && at === 0 ? '(i32.const 0)' : t === 0x7e ? `(i64.const ${i64()})` : `(i32.const ${i32()})`));
		body.push(`(drop (call $${name} ${args.join(' ')}))`);
	}
	// Memory starts full of random bytes, so that pointers land on random structures.
	const bytes = Array.from({length: 4096}, () => `\\${Math.floor(next() * 256).toString(16).padStart(2, '0')}`).join('');
	return `(module ${imports.join('\n')} (memory (export "memory") ${PAGES})
		(data (i32.const 0) "${bytes}") (data (i32.const ${END - 4096}) "${bytes}")
		(func (export "_start") ${body.join('\n')}))`;
}

const host = mkdtempSync(join(tmpdir(), 'wasmos-hostile-'));
afterAll(() => rmSync(host, {recursive: true, force: true}));

describe('hostile WASI calls', () => {
	it.each([
		[1, 'the booted tree'],
		[2, 'the booted tree'],
		[3, 'a host directory mounted over the root'],
	])('never crash the host or the kernel (seed %i, 3000 calls, %s)', async (seed, where) => {
		const kernel = machine({quantum: 997, mounts: where === 'the booted tree' ? [] : [{host, guest: '/', readOnly: false}]});
		const program = loadProgram(await assemble(hostileModule(seed, 3000)), 'hostile');
		const pid = kernel.spawn({program, argv: ['hostile'], env: {A: 'b'}});
		kernel.tty.input('some input\n');
		kernel.tty.hangup();
		for (let k = 0; k < 1000 && kernel.process(pid)!.state !== 'ZOMBIE'; k++) kernel.tick(10_000_000);
		const view = kernel.process(pid)!;
		expect(view.exit).toMatchObject({status: 0, reason: {kind: 'exit', code: 0}});
		expect(view.syscalls.total).toBe(3000);
		const errnos = new Set(kernel.events().flatMap(e => (e.type === 'syscall' && e.errno !== null ? [e.errno] : [])));
		expect(errnos).toContain('EFAULT');
		expect(errnos).toContain('EBADF');
	});
});
