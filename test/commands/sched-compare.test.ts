/*
 * `wasmos-tui sched-compare`, as a user runs it: the documented workload under every policy, the
 * table and the charts, and its errors.
 */

import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, describe, expect, it} from 'vitest';
import {POLICY_NAMES} from '../../source/kernel/kernel.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = ['--import', 'tsx', 'source/cli.tsx', 'sched-compare'];
const dir = mkdtempSync(join(tmpdir(), 'wasmos-sched-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** The README's workload (fixtures/sched/mix.workload): an I/O-bound job, a long, a short and a niced CPU-bound job. */
const WORKLOAD = 'fixtures/sched/mix.workload';

/** "155.034 µs" → 155034 (formatTicks's units). */
function ticks(text: string): number {
	const match = /^([\d.]+) (ns|µs|ms|s)$/.exec(text);
	if (match === null) throw new Error(`not a time: ${text}`);
	return Number(match[1]) * {ns: 1, µs: 1e3, ms: 1e6, s: 1e9}[match[2] as 'ns']!;
}

function compare(...args: string[]) {
	const result = spawnSync(process.execPath, [...CLI, ...args], {cwd: ROOT, encoding: 'utf8'});
	return {status: result.status, stdout: result.stdout, stderr: result.stderr};
}

/** The comparison table's rows: policy → its cells. */
function table(stdout: string): Map<string, string[]> {
	const lines = stdout.split('\n');
	const head = lines.findIndex(line => line.startsWith('policy '));
	const rows = new Map<string, string[]>();
	for (const line of lines.slice(head + 2)) {
		if (line.trim() === '') break;
		const cells = line.split(/\s{2,}/);
		rows.set(cells[0], cells.slice(1));
	}
	return rows;
}

describe('sched-compare', () => {
	it('runs the documented workload under every policy and prints the table, then each policy\'s chart and statistics', () => {
		const {status, stdout, stderr} = compare('--width', '100', WORKLOAD);
		expect(stderr).toBe('');
		expect(status).toBe(0);
		expect(stdout).toMatch(/^Workload: 4 programs, started together at tick 0 \(seed 1, quantum 10000\)\n {4}1 {2}fixtures\/sched\/io\.wat 5000 200000 20\n/);
		expect(stdout).toContain('    4  nice -n 5 fixtures/sched/cpu.wat 1000000\n');
		const rows = table(stdout);
		expect([...rows.keys()]).toEqual(POLICY_NAMES);
		for (const cells of rows.values()) expect(cells.at(-1)).toBe('4/4');
		const charts = stdout.split('\n── ').slice(1);
		expect(charts.map(c => c.slice(0, c.indexOf(' ')))).toEqual(POLICY_NAMES);
		for (const chart of charts) {
			expect(chart.match(/^ +\d+ \S.* │.*│$/gm)).toHaveLength(4);
			expect(chart).toMatch(/^pid name +status +response/m);
		}
		const cell = (policy: string, column: number) => rows.get(policy)![column];
		// The convoy: under fcfs the short job waits for all of the long one.
		expect(charts[0]).toMatch(/^ {4}3 cpu 300000 +│·{20}/m);
		// Waking up, the I/O-bound job gets the CPU sooner under mlfq than fcfs, and under srtf than sjf.
		expect(ticks(cell('mlfq', 1))).toBeLessThan(ticks(cell('fcfs', 1)));
		expect(ticks(cell('srtf', 1))).toBeLessThan(ticks(cell('sjf', 1)));
		// Round robin shares the CPU more fairly and finishes jobs sooner on average than fcfs.
		expect(Number(cell('rr', 5))).toBeGreaterThan(Number(cell('fcfs', 5)));
		expect(ticks(cell('rr', 2))).toBeLessThan(ticks(cell('fcfs', 2)));
		// Under priority the niced job waits while the others run.
		expect(charts[POLICY_NAMES.indexOf('priority')]).toMatch(/^ {4}4 cpu 1000000 +│·{5}/m);
		// The README shows this very output (regenerate it there when the schedule changes).
		const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
		expect(readme).toContain(stdout.slice(0, stdout.indexOf('\n── ')).trimEnd());
	});

	it('compares only the policies asked for, with their parameters, from a workload file', () => {
		const file = join(dir, 'mix.workload');
		writeFileSync(file, '# two jobs\nfixtures/sched/cpu.wat 100000 &\nfixtures/sched/cpu.wat 50000 &\n');
		const {status, stdout} = compare('--policy', 'mlfq', '--policy', 'lottery', '--mlfq-levels', '2', '--mlfq-boost', '0', '--tickets', '2=300', file);
		expect(status).toBe(0);
		expect([...table(stdout).keys()]).toEqual(['mlfq', 'lottery']);
		expect(stdout).toContain('── mlfq (2 levels, quanta 10000/20000, allotment 1, no boost)');
		expect(stdout).toContain('── lottery (quantum 10000, tickets per process)');
	});

	it('exits 124 when --max-ticks stops a run, after the report', () => {
		const {status, stdout} = compare('--policy', 'rr', '--max-ticks', '100000', '-c', 'fixtures/sched/cpu.wat & fixtures/sched/cpu.wat');
		expect(status).toBe(124);
		expect(table(stdout).get('rr')!.at(-1)).toBe('0/2 (stopped at --max-ticks)');
		// Both ran to the last tick: the chart ends at 100 µs with both rows full of their turns.
		expect(stdout).toMatch(/^ {4}1 cpu │[█▓▒░·]{80,}│$/m);
		expect(stdout).toMatch(/^ +0 +100 µs$/m);
		expect(stdout).toMatch(/^1 cpu +alive +0 ns +- +- +50 µs +50 µs /m);
	});

	it.each([
		[[], "sched-compare needs a workload: -c 'WORKLOAD' or a FILE, one of the two"],
		[['-c', 'a.wat', 'file'], 'one of the two'],
		[['-c', 'a.wat | b.wat'], '-c: line 1: pipes (|) are not part of a workload'],
		[['--policy', 'lotto', '-c', 'a.wat'], 'unknown scheduling policy "lotto" (policies: fcfs, rr, priority, mlfq, lottery, sjf, srtf)'],
		[['--sjf-alpha', '2', '-c', 'a.wat'], '--sjf-alpha needs a number from 0 to 1, got "2"'],
		[['--mlfq-quanta', '10,x', '-c', 'a.wat'], '--mlfq-quanta needs whole numbers separated by commas, got "10,x"'],
		[['--mlfq-levels', '2', '--mlfq-quanta', '1,2,3', '-c', 'a.wat'], '--mlfq-quanta has 3 values for 2 levels'],
		[['--tickets', '1:5', '-c', 'a.wat'], '--tickets needs PID=N'],
		[['--width', '10', '-c', 'a.wat'], '--width must be at least 30'],
	])('is 2 for a usage error: %j', (args, message) => {
		const {status, stderr} = compare(...args);
		expect(status).toBe(2);
		expect(stderr).toContain(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('is 1 for a program or a file that cannot be read, naming it', () => {
		const missing = compare('-c', 'fixtures/sched/cpu.wat & nope.wat');
		expect(missing).toMatchObject({status: 1, stderr: 'wasmos-tui sched-compare: cannot read nope.wat: no such file or directory\n'});
		expect(compare(join(dir, 'none.workload')).status).toBe(1);
	});
});
