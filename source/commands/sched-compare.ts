/*
 * `wasmos-tui sched-compare [machine options] (-c 'WORKLOAD' | FILE)`: one workload of real programs
 * under every scheduling policy, side by side. For each policy (or those given with --policy) a
 * fresh machine boots with the same options and seed, starts the workload's programs (workload.ts)
 * together at tick 0 with no stdin and their output discarded, and runs headless until every
 * program has ended (or --max-ticks). Then it prints, to stdout:
 *
 *   the workload, one program per pid;
 *   a table: policy × average response, wake-up response, turnaround, waiting, throughput,
 *   fairness (Jain's index over CPU shares), context switches (report/sched-stats.ts);
 *   for each policy, its parameters, the Gantt chart of its schedule and each process's statistics.
 *
 * Exit status: 0; 124 when --max-ticks stopped a run (the report is printed all the same); 1 when
 * a program cannot be loaded or started (one line naming it); 2 for a usage error, a workload that
 * cannot be parsed included.
 */

import {readFile} from 'node:fs/promises';
import {basename} from 'node:path';
import {setImmediate as nextTurn} from 'node:timers/promises';
import {UsageError} from '../cli/argv.js';
import type {CommandIo} from '../cli/commands.js';
import {boot, describePolicy, KernelError, POLICY_NAMES, SpawnError, type Kernel, type Program} from '../kernel/kernel.js';
import {Gantt} from '../report/gantt.js';
import {summarize} from '../report/sched-stats.js';
import {compareTable, scheduleReport, type CompareRow} from '../report/sched-tables.js';
import {wasiPreview1} from '../wasi/index.js';
import {processAbis} from '../abi/index.js';
import {bootOptions, checkMachineFlags, checkPolicyName, parseEnv, ticketsByPid, type MachineFlags} from './machine-options.js';
import {BadProgram, loadProgramFile, readErrorText} from './program-file.js';
import {columns} from './run.js';
import {parseWorkload, WorkloadError, type WorkloadProgram} from './workload.js';

export interface SchedCompareOptions extends Omit<MachineFlags, 'policy'> {
	readonly policy?: readonly string[];
	readonly command?: string;
	readonly width?: number;
}

/** Instructions per slice of a run: the event loop gets a turn between slices. */
const SLICE = 20_000_000;

/** How one policy's run ended. */
interface PolicyRun extends CompareRow {
	readonly report: string;
	readonly halted: boolean;
}

export async function schedCompare(file: string, options: SchedCompareOptions, io: CommandIo): Promise<number> {
	const say = (text: string) => new Promise<void>(resolve => io.stderr.write(`wasmos-tui sched-compare: ${text}\n`, () => resolve()));
	if ((options.command === undefined) === (file === '')) throw new UsageError("sched-compare needs a workload: -c 'WORKLOAD' or a FILE, one of the two");
	const policies = [...new Set(options.policy !== undefined && options.policy.length > 0 ? options.policy : POLICY_NAMES)];
	for (const name of policies) checkPolicyName(name);
	const flags: MachineFlags = {...options, policy: undefined};
	checkMachineFlags(flags);
	if (options.width !== undefined && options.width < 30) throw new UsageError('--width must be at least 30');
	const env = parseEnv(options.env ?? []);
	const tickets = ticketsByPid(flags);

	let text: string;
	if (options.command !== undefined) {
		text = options.command;
	} else {
		try {
			text = await readFile(file, 'utf8');
		} catch (error) {
			await say(`cannot read ${file}: ${readErrorText(error)}`);
			return 1;
		}
	}
	let workload: WorkloadProgram[];
	try {
		workload = parseWorkload(text);
	} catch (error) {
		if (!(error instanceof WorkloadError)) throw error;
		throw new UsageError(`${options.command === undefined ? file : '-c'}: ${error.message}`);
	}

	const programs = new Map<string, Program>();
	try {
		for (const {file: path} of workload) if (!programs.has(path)) programs.set(path, await loadProgramFile(path));
	} catch (error) {
		if (!(error instanceof BadProgram)) throw error;
		await say(error.message);
		return 1;
	}

	const runs: PolicyRun[] = [];
	let machineText = '';
	for (const policy of policies) {
		const kernel = boot({...bootOptions({...flags, policy}), terminal: {sanitize: {out: true, err: true}}});
		kernel.registerAbi(wasiPreview1());
		for (const abi of processAbis()) kernel.registerAbi(abi);
		const gantt = new Gantt();
		kernel.subscribe(event => gantt.add(event));
		try {
			workload.forEach((w, k) => {
				kernel.spawn({
					program: programs.get(w.file)!,
					name: label(w),
					argv: w.argv,
					env,
					priority: w.priority,
					tickets: tickets.get(k + 1),
					stdio: ['null', 'null', 'null'],
				});
			});
		} catch (error) {
			if (!(error instanceof SpawnError || error instanceof KernelError)) throw error;
			await say(error instanceof SpawnError ? `${error.program}: ${error.reason}` : error.message);
			return 1;
		}
		const end = await runToEnd(kernel);
		const machine = kernel.machine();
		machineText = `seed ${machine.seed}, quantum ${machine.quantum}`;
		const views = kernel.processes();
		runs.push({
			policy,
			summary: summarize(views, machine.clock),
			note: end === 'halted' ? 'stopped at --max-ticks' : end === 'stuck' ? 'stuck: every process waits' : null,
			report: `── ${describePolicy(policy, machine.policyParams)} ${'─'.repeat(8)}\n${scheduleReport(gantt, views, machine.clock, options.width ?? columns(io.stdout))}`,
			halted: end === 'halted',
		});
	}

	const out = [
		`Workload: ${workload.length} program${workload.length === 1 ? '' : 's'}, started together at tick 0 (${machineText})`,
		...workload.map((w, k) => `  ${String(k + 1).padStart(3)}  ${w.priority === 0 ? '' : `nice -n ${w.priority} `}${w.argv.join(' ')}`),
		'',
		compareTable(runs),
		'response: first run − arrival; wake resp.: wake-up → CPU; waiting: time READY; fairness: Jain\'s index over CPU shares (CPU time ÷ time wanting it)',
		'',
		...runs.map(r => r.report),
	].join('\n');
	await new Promise<void>(resolve => io.stdout.write(out, () => resolve()));
	return runs.some(r => r.halted) ? 124 : 0;
}

/** The name a program's row gets: the file's name and its arguments ("cpu 3000000"). */
function label(w: WorkloadProgram): string {
	return [basename(w.file).replace(/\.(wasm|wat)$/, ''), ...w.argv.slice(1)].join(' ').slice(0, 24);
}

/** Runs the machine in slices until no process can run; how it ended. */
async function runToEnd(kernel: Kernel): Promise<'done' | 'halted' | 'stuck'> {
	for (;;) {
		const {status} = kernel.tick(SLICE);
		if (status === 'halted') return 'halted';
		if (status === 'empty') return 'done';
		if (status === 'waiting') return 'stuck';
		await nextTurn();
	}
}
