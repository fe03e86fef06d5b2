/*
 * Test helpers for the kernel: assemble a WAT fixture (fixtures/kernel/NAME.wat, names kept so trap
 * messages name functions), boot a machine with WASI registered, and run it headless to the end.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {boot, loadProgram, type Kernel, type MachineOptions, type Program} from '../../source/kernel/kernel.js';
import type {Abi} from '../../source/kernel/syscalls.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {watBytes} from '../helpers/wat.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/kernel/', import.meta.url));

/** The binary of a WAT text, with a name section. */
export function assemble(text: string, name = 'test.wat'): Promise<Uint8Array> {
	return watBytes(text, {name});
}

/** fixtures/kernel/NAME.wat, assembled and loaded as a program called NAME. */
export async function fixture(name: string): Promise<Program> {
	const text = readFileSync(`${FIXTURES}${name}.wat`, 'utf8');
	return loadProgram(await assemble(text, `${name}.wat`), name);
}

/** A machine with WASI, sanitising nothing (tests compare bytes). */
export function machine(options: MachineOptions = {}): Kernel {
	const kernel = boot({...options, terminal: {sanitize: {out: false, err: false}, ...options.terminal}});
	kernel.registerAbi(wasiPreview1());
	return kernel;
}

/** Runs until no process can run (or `maxSlices` slices); returns stdout and stderr text. */
export function runToEnd(kernel: Kernel, slice = 1_000_000, maxSlices = 10_000): {out: string; err: string} {
	const decoder = new TextDecoder();
	let out = '';
	let err = '';
	for (let k = 0; k < maxSlices; k++) {
		const {status} = kernel.tick(slice);
		for (const chunk of kernel.tty.takeOutput()) {
			if (chunk.channel === 'out') out += decoder.decode(chunk.bytes);
			else err += decoder.decode(chunk.bytes);
		}
		if (status !== 'running' && status !== 'sleeping') break;
	}
	return {out, err};
}

/**
 * A test ABI with one blocking call, test.sleep(ticks): it waits until the clock has moved on that
 * far (the retry keeps the deadline of the first attempt).
 */
export const sleepAbi: Abi = {
	module: 'test',
	calls: {
		sleep: {
			params: [0x7f],
			results: [],
			handler: (ctx, args) => {
				const until = ctx.retrying?.on === 'sleep' ? ctx.retrying.until : ctx.now() + Number(args[0]);
				return ctx.now() >= until ? [] : ctx.block({on: 'sleep', until});
			},
			describe: (_ctx, args) => `ticks=${args[0]}`,
		},
	},
	outcome: () => ({result: '0', errno: null}),
};
