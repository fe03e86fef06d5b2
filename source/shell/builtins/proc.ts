/* Builtins that show or change the machine: ps, pstree, sched. */

import {formatTicks, KernelError, SCHEDULING_POLICIES, type ProcessView} from '../../kernel/kernel.js';
import type {Builtin} from '../builtin.js';

/** A table with columns padded to their widest cell; the last column is left as it is. */
function table(rows: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
	return rows
		.map(r => r.map((cell, c) => (c === r.length - 1 ? cell : rightAligned.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  '))
		.map(line => `${line.trimEnd()}\n`)
		.join('');
}

function state(p: ProcessView): string {
	return p.state + (p.foreground ? '+' : '');
}

export const ps: Builtin = {
	name: 'ps',
	usage: 'ps [-l]',
	summary: 'list the processes of the machine',
	help: [
		'PID, parent, process group, state (+: holds the terminal), CPU time in ticks (instructions, or a',
		"host task's steps at a fixed cost each), and the command. -l adds priority, memory, syscalls and",
		'what a blocked or stopped process waits for.',
	],
	run: (sh, args, io) => {
		const long = args.includes('-l');
		const head = long
			? ['PID', 'PPID', 'PGID', 'STATE', 'PRI', 'TIME', 'MEM', 'SYSCALLS', 'WAIT', 'COMMAND']
			: ['PID', 'PPID', 'PGID', 'STATE', 'TIME', 'COMMAND'];
		const rows = sh.ctx.processes().map(p => {
			const command = p.argv.join(' ') || p.name;
			if (!long) return [String(p.pid), String(p.ppid), String(p.pgid), state(p), String(p.instructions), command];
			const wait = p.blockedOn ?? p.stoppedBy ?? '-';
			const mem = `${(p.memory.pages * 64).toString()}K`;
			return [String(p.pid), String(p.ppid), String(p.pgid), state(p), String(p.priority), String(p.instructions), mem, String(p.syscalls.total), wait, command];
		});
		io.out(table([head, ...rows], new Set(long ? [0, 1, 2, 4, 5, 6, 7] : [0, 1, 2, 4])));
		return 0;
	},
};

export const sched: Builtin = {
	name: 'sched',
	usage: 'sched [POLICY [QUANTUM]]',
	summary: 'show the scheduling policy and quantum, or switch them',
	help: ['Policies: see `sched -l`. QUANTUM is in instructions.'],
	run: (sh, args, io) => {
		if (args[0] === '-l') {
			io.out(Object.entries(SCHEDULING_POLICIES).map(([name, row]) => `${name.padEnd(10)} ${row.summary}\n`).join(''));
			return 0;
		}
		if (args.length > 0) {
			const quantum = args[1] === undefined ? undefined : Number(args[1]);
			if (quantum !== undefined && (!Number.isSafeInteger(quantum) || quantum < 1)) {
				io.err(`sched: ${args[1]}: the quantum must be a whole number of instructions >= 1\n`);
				return 2;
			}
			try {
				sh.ctx.setPolicy(args[0], quantum === undefined ? {} : {quantum});
			} catch (error) {
				if (!(error instanceof KernelError)) throw error;
				io.err(`sched: ${error.message}\n`);
				return 2;
			}
		}
		const m = sh.ctx.machine();
		io.out(`policy ${m.policy}, quantum ${m.quantum} instructions, clock ${formatTicks(m.clock)}\n`);
		return 0;
	},
};

export const pstree: Builtin = {
	name: 'pstree',
	usage: 'pstree [-a] [PID]',
	summary: 'show the processes as a tree of parents and children',
	help: [
		'Each line is a process: its pid, its name (-a: its whole command line) and its state when it is not',
		'running or ready. Children are under their parent, in pid order; a process whose parent has gone',
		'(or is the user, pid 0) is a root. With a PID: only that process and its descendants.',
	],
	run: (sh, args, io) => {
		const all = args.includes('-a');
		const rest = args.filter(a => a !== '-a');
		const views = sh.ctx.processes();
		const byPid = new Map(views.map(v => [v.pid, v]));
		const children = new Map<number, ProcessView[]>();
		for (const v of views) {
			const parent = byPid.has(v.ppid) ? v.ppid : 0;
			children.set(parent, [...(children.get(parent) ?? []), v]);
		}
		let roots = children.get(0) ?? [];
		if (rest.length > 0) {
			const pid = /^\d+$/.test(rest[0]) ? byPid.get(Number(rest[0])) : undefined;
			if (pid === undefined) {
				io.err(`pstree: ${rest[0]}: no such process\n`);
				return 1;
			}
			roots = [pid];
		}
		const lines: string[] = [];
		const label = (v: ProcessView) => {
			const what = all ? v.argv.join(' ') || v.name : v.name;
			const shown = v.state === 'RUNNING' || v.state === 'READY' ? '' : ` (${v.state.toLowerCase()})`;
			return `${v.pid} ${what}${shown}`;
		};
		// Depth first: each line's prefix continues the branches of its ancestors that have more children below.
		const walk = (v: ProcessView, prefix: string, branch: string) => {
			lines.push(`${prefix}${branch}${label(v)}`);
			const kids = children.get(v.pid) ?? [];
			const next = prefix + (branch === '' ? '' : branch === '├─ ' ? '│  ' : '   ');
			kids.forEach((kid, k) => walk(kid, next, k === kids.length - 1 ? '└─ ' : '├─ '));
		};
		for (const root of roots) walk(root, '', '');
		io.out(lines.map(l => `${l}\n`).join(''));
		return 0;
	},
};
