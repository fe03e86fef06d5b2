/*
 * Every scheduling policy's own state (queues, MLFQ levels and allotments, SJF predictions, aging
 * waits, the lottery pool) survives a snapshot: a machine saved mid-run under each policy and
 * restored finishes exactly as the one that never stopped — same output, same final state — and a
 * policy state that does not fit is refused with the field's name.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import {boot, loadProgram, POLICY_NAMES, restoreText, snapshotText, type Kernel} from '../../../source/kernel/kernel.js';
import {wasiPreview1} from '../../../source/wasi/index.js';
import {finish} from './scenarios.js';

const program = (name: string) => loadProgram(readFileSync(fileURLToPath(new URL(`../../../fixtures/snapshot/${name}.wasm`, import.meta.url))), name);
const cpu = program('cpu');
const sleeper = program('sleeper');

function machine(policy: string): Kernel {
	const kernel = boot({policy, quantum: 2_500, policyOptions: {mlfqBoost: 40_000, aging: 5_000}, terminal: {sanitize: {out: false, err: false}}});
	kernel.registerAbi(wasiPreview1());
	kernel.spawn({program: cpu, argv: ['cpu', '700'], priority: 3, tickets: 50});
	kernel.spawn({program: sleeper, argv: ['sleeper', '3'], priority: -2, tickets: 200});
	kernel.spawn({program: cpu, argv: ['cpu', '400'], priority: 0});
	return kernel;
}

describe.each(POLICY_NAMES)('a snapshot under %s', policy => {
	it('restores the policy state: the run ends as if it never stopped', () => {
		const whole = finish(machine(policy));
		for (const tick of [1_234, 33_333, 61_001]) {
			const kernel = machine(policy);
			let text = '';
			kernel.setCheckpoint({at: tick, run: () => (text = snapshotText(kernel))});
			let before = '';
			while (text === '') {
				kernel.tick(1_000);
				before += kernel.tty.takeOutput().map(c => new TextDecoder().decode(c.bytes)).join('');
			}
			expect(JSON.parse(text).scheduler.policy).toBe(policy);
			const restored = restoreText(text, {abis: [wasiPreview1()]}).kernel;
			expect(snapshotText(restored)).toBe(text);
			const rest = finish(restored);
			expect(before + rest.output).toBe(whole.output);
			expect(rest.digest).toBe(whole.digest);
		}
	});
});

describe('a policy state that does not fit', () => {
	it('is refused naming the field', () => {
		const kernel = machine('mlfq');
		kernel.tick(20_000);
		const doc = JSON.parse(snapshotText(kernel));
		doc.scheduler.state.levels.pop();
		expect(() => restoreText(JSON.stringify(doc), {abis: [wasiPreview1()]})).toThrow(/^scheduler\.state: levels: must be 3 queues/);
		doc.scheduler.state = {fifo: 'x'};
		expect(() => restoreText(JSON.stringify(doc), {abis: [wasiPreview1()]})).toThrow(/^scheduler\.state: levels: is missing/);
	});
});
