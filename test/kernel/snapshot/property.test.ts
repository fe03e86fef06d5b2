/*
 * The snapshot property: for each workload (scenarios.ts: CPU-bound, file I/O, pipes between
 * processes started by the shell with a job stopped and continued, sleepers, memory growth to the
 * cap by a C program using malloc and stdio — each under another policy), snapshots at 50 random ticks (anywhere in a quantum, many
 * while processes are blocked or asleep) are restored in fresh Node processes and run to the end:
 * what they print, their exit statuses and the final machine (a digest of its whole snapshot, the
 * event log included) equal those of a run that never stopped, and saving a restored machine again
 * gives the same bytes.
 */

import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {saveSnapshot} from '../../../source/kernel/kernel.js';
import {prng} from '../../helpers/prng.js';
import {bootScenario, finish, SCENARIOS, takeText, type Outcome} from './scenarios.js';

const SNAPSHOTS_PER_SCENARIO = 50;
const CHILDREN = 3;
const CHILD = fileURLToPath(new URL('./restore-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'wasmos-snapshots-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

interface Expected {
	readonly scenario: string;
	readonly tick: number;
	readonly blocked: boolean;
	readonly stopped: boolean;
	readonly rest: Outcome;
}

type ChildLine = {file: string; identical: boolean; outcome: Outcome} | {file: string; error: string};

/** Restores the files in one fresh Node process; its report, one line per file. */
function restoreInChild(files: readonly string[], k: number): Promise<ChildLine[]> {
	const request = join(dir, `request-${k}.json`);
	writeFileSync(request, JSON.stringify({files}));
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', CHILD, request], {cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let err = '';
		child.stdout.on('data', chunk => (out += chunk));
		child.stderr.on('data', chunk => (err += chunk));
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0) reject(new Error(`restore child exited ${code}: ${err}`));
			else resolve(out.trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as ChildLine));
		});
	});
}

describe('a snapshot restored in a fresh process continues exactly', () => {
	it(
		'gives the uninterrupted output, statuses and final state for every workload and tick',
		async () => {
			const expected = new Map<string, Expected>();
			for (const [s, scenario] of SCENARIOS.entries()) {
				const whole = finish(bootScenario(scenario));
				const random = prng(1000 + s);
				const ticks = [...new Set(Array.from({length: SNAPSHOTS_PER_SCENARIO * 2}, () => 1 + Math.floor(random() * (whole.clock - 1))))].slice(0, SNAPSHOTS_PER_SCENARIO).sort((a, b) => a - b);
				expect(ticks.length).toBe(SNAPSHOTS_PER_SCENARIO);

				// One run with a checkpoint at each tick in turn: each saves, then sets the next.
				const kernel = bootScenario(scenario);
				let output = '';
				let next = 0;
				const saved: Array<{file: string; tick: number; blocked: boolean; stopped: boolean; before: string}> = [];
				const arm = () => {
					if (next >= ticks.length) return;
					const tick = ticks[next++];
					kernel.setCheckpoint({
						at: tick,
						run: () => {
							output += takeText(kernel);
							const file = join(dir, `s${s}-${saved.length}.json`);
							saveSnapshot(kernel, file);
							const states = kernel.processes().map(p => p.state);
							saved.push({file, tick: kernel.machine().clock, blocked: states.includes('BLOCKED'), stopped: states.includes('STOPPED'), before: output});
							arm();
						},
					});
				};
				arm();
				for (let status = 'running'; status === 'running' || status === 'sleeping'; ) {
					status = kernel.tick(77_777).status;
					output += takeText(kernel);
				}
				const run = finish(kernel);
				// Saving changed nothing: the checkpointed run is the uninterrupted one.
				expect(output).toBe(whole.output);
				expect(run.digest).toBe(whole.digest);
				expect(saved.length).toBe(SNAPSHOTS_PER_SCENARIO);
				for (const snap of saved) {
					expect(whole.output.startsWith(snap.before)).toBe(true);
					expected.set(snap.file, {scenario: scenario.name, tick: snap.tick, blocked: snap.blocked, stopped: snap.stopped, rest: {...whole, output: whole.output.slice(snap.before.length)}});
				}
			}
			// Many snapshots caught processes blocked (pipes, sleeps), some a stopped job.
			expect([...expected.values()].filter(e => e.blocked).length).toBeGreaterThan(20);
			expect([...expected.values()].filter(e => e.stopped).length).toBeGreaterThan(0);

			const files = [...expected.keys()];
			const groups = Array.from({length: CHILDREN}, (_, k) => files.filter((_, i) => i % CHILDREN === k));
			const lines = (await Promise.all(groups.map((group, k) => restoreInChild(group, k)))).flat();
			expect(lines.length).toBe(files.length);
			for (const line of lines) {
				const want = expected.get(line.file)!;
				const label = `${want.scenario}, snapshot at tick ${want.tick}`;
				expect('error' in line ? line.error : null, label).toBeNull();
				if ('error' in line) continue;
				expect(line.identical, `${label}: save → load → save`).toBe(true);
				expect(line.outcome.output, label).toBe(want.rest.output);
				expect(line.outcome.statuses, label).toEqual(want.rest.statuses);
				expect(line.outcome.clock, label).toBe(want.rest.clock);
				expect(line.outcome.digest, label).toBe(want.rest.digest);
			}
		},
		300_000,
	);
});
