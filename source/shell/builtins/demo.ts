/*
 * The builtins of the original WasmOS demo (../shared/reference: `proc list`, `proc info math`,
 * `proc kill math`, `system memory`), on the real kernel: every program is a process with its own
 * linear memory, and processes that ended are still shown for a while (MachineView.recent: the
 * last ones reaped, with how they ended and the memory they had).
 *
 *   proc list                 live processes and the recently ended ones, by pid
 *   proc info NAME|PID        one process in detail (a live one first, else the last that ended)
 *   proc kill [-SIG] NAME|PID signal the live processes with that name or pid (TERM by default);
 *                             for one that already ended, says how it ended
 *   system memory             linear memory per process, and the machine's total
 *   system info               the machine: clock, policy, processes, instructions, syscalls
 */

import {formatTicks, KernelError, parseSignal, type ExitInfo, type ProcessView, type SignalName} from '../../kernel/kernel.js';
import type {Builtin, BuiltinIo, Shell} from '../builtin.js';

const KIB_PER_PAGE = 64;

/** Rows padded to their widest cell (columns in `right` aligned right); the last column as it is. */
function columns(rows: readonly (readonly string[])[], right: ReadonlySet<number>): string {
	const widths = rows[0].map((_, c) => Math.max(...rows.map(r => r[c].length)));
	return rows
		.map(r => r.map((cell, c) => (c === r.length - 1 ? cell : right.has(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd())
		.map(line => `${line}\n`)
		.join('');
}

function kib(pages: number): string {
	const k = pages * KIB_PER_PAGE;
	return k >= 1024 && k % 1024 === 0 ? `${k / 1024} MiB` : `${k} KiB`;
}

/** How a process ended, with its status: "exit 0", "signal TERM (143)", "trap: ... (134)". */
export function exitText(exit: ExitInfo): string {
	const r = exit.reason;
	switch (r.kind) {
		case 'exit':
			return `exit ${r.code}`;
		case 'signal':
			return `signal ${r.signal} (${exit.status})`;
		case 'trap':
			return `trap: ${r.trap} in ${r.func} (${exit.status})`;
		case 'limit':
			return `${r.limit} limit: ${r.detail} (${exit.status})`;
	}
}

function command(p: ProcessView): string {
	return p.argv.join(' ') || p.name;
}

/** Live processes (pid order) then the recently ended ones, each pid once. */
function everyProcess(sh: Shell): {live: ProcessView[]; ended: ProcessView[]} {
	const live = sh.ctx.processes();
	const pids = new Set(live.map(p => p.pid));
	const ended = sh.ctx.machine().recent.filter(p => !pids.has(p.pid));
	return {live, ended};
}

/** Processes a NAME or PID names: live ones, and ended ones (most recent first). */
function matching(sh: Shell, target: string): {live: ProcessView[]; ended: ProcessView[]} {
	const {live, ended} = everyProcess(sh);
	const named = (p: ProcessView) => (/^\d+$/.test(target) ? p.pid === Number(target) : p.name === target);
	return {live: live.filter(p => named(p) && p.state !== 'ZOMBIE'), ended: [...live.filter(p => named(p) && p.state === 'ZOMBIE'), ...ended.filter(named)]};
}

function list(sh: Shell, io: BuiltinIo): number {
	const {live, ended} = everyProcess(sh);
	const rows = [...live, ...ended]
		.sort((a, b) => a.pid - b.pid)
		.map(p => {
			const gone = p.exit !== null;
			const state = gone ? (live.includes(p) ? 'ZOMBIE' : 'ENDED') : p.state + (p.foreground ? '+' : '');
			const mem = kib(gone ? p.memory.peakPages : p.memory.pages);
			return [String(p.pid), p.name, state, mem, String(p.instructions), p.exit === null ? '-' : exitText(p.exit), command(p)];
		});
	io.out(columns([['PID', 'NAME', 'STATE', 'MEM', 'CPU', 'STATUS', 'COMMAND'], ...rows], new Set([0, 3, 4])));
	return 0;
}

function info(sh: Shell, args: readonly string[], io: BuiltinIo): number {
	if (args.length !== 1) {
		io.err(`proc info: one NAME or PID is needed\nusage: ${proc.usage}\n`);
		return 2;
	}
	const {live, ended} = matching(sh, args[0]);
	const p = live.at(-1) ?? ended[0];
	if (p === undefined) {
		io.err(`proc info: no process ${/^\d+$/.test(args[0]) ? args[0] : `named ${args[0]}`}, live or recently ended\n`);
		return 1;
	}
	const others = live.length + ended.length - 1;
	const calls = Object.entries(p.syscalls.byName)
		.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
		.map(([name, n]) => `${name} ${n}`)
		.join(', ');
	const lines = [
		`pid ${p.pid}: ${p.name}${p.exit === null ? '' : ' (ended)'}`,
		`  command   ${command(p)}`,
		`  state     ${p.exit === null ? `${p.state}${p.blockedOn === null ? '' : `: ${p.blockedOn}`}` : `ended at ${formatTicks(p.exit.tick)}: ${exitText(p.exit)}`}`,
		`  parent    ${p.ppid}, process group ${p.pgid}, working directory ${p.cwd}`,
		`  cpu       ${p.instructions} instructions (${formatTicks(p.instructions)}), ${p.contextSwitches.voluntary + p.contextSwitches.involuntary} context switches`,
		`  syscalls  ${p.syscalls.total}${calls === '' ? '' : `: ${calls}`}`,
		`  memory    ${p.exit === null ? `${kib(p.memory.pages)} now, ` : ''}${kib(p.memory.peakPages)} at most, cap ${kib(p.memory.capPages)} (its own linear memory)`,
		`  times     created at ${formatTicks(p.created)}${p.turnaround === null ? '' : `, turnaround ${formatTicks(p.turnaround)}`}`,
	];
	if (others > 0) lines.push(`  (${others} more process${others === 1 ? '' : 'es'} match ${args[0]}: proc list shows them)`);
	io.out(`${lines.join('\n')}\n`);
	return 0;
}

function kill(sh: Shell, args: readonly string[], io: BuiltinIo): number {
	let signal: SignalName = 'TERM';
	let rest = args;
	if (rest[0]?.startsWith('-') === true && rest[0].length > 1) {
		const parsed = parseSignal(rest[0].slice(1));
		if (parsed === null) {
			io.err(`proc kill: ${rest[0].slice(1)}: no such signal (kill -l lists them)\n`);
			return 2;
		}
		signal = parsed;
		rest = rest.slice(1);
	}
	if (rest.length !== 1) {
		io.err(`proc kill: one NAME or PID is needed\nusage: ${proc.usage}\n`);
		return 2;
	}
	const target = rest[0];
	const {live, ended} = matching(sh, target);
	if (live.length === 0) {
		const last = ended[0];
		if (last === undefined) io.err(`proc kill: no process ${/^\d+$/.test(target) ? target : `named ${target}`}\n`);
		else io.err(`proc kill: ${last.name} (pid ${last.pid}) already ended: ${exitText(last.exit!)}\n`);
		return 1;
	}
	let status = 0;
	for (const p of live) {
		try {
			sh.ctx.kill(p.pid, signal);
			io.out(`sent ${signal} to ${p.name} (pid ${p.pid})\n`);
		} catch (error) {
			if (!(error instanceof KernelError)) throw error;
			io.err(`proc kill: ${p.name} (pid ${p.pid}): ${error.message}\n`);
			status = 1;
		}
	}
	return status;
}

export const proc: Builtin = {
	name: 'proc',
	usage: 'proc list | proc info NAME|PID | proc kill [-SIG] NAME|PID',
	summary: "the WasmOS demo's process table, ended processes included",
	help: [
		'Each program runs as a process with its own linear memory. `proc list` shows the live',
		'processes and the last ones that ended (STATE ENDED, with how they ended and the memory they',
		'had), `proc info` one of them in detail (CPU time, syscalls, memory, times), and `proc kill`',
		'sends SIG (TERM by default) to the live processes with that name or pid, or says how an',
		'ended one ended.',
	],
	run: (sh, args, io) => {
		const [sub, ...rest] = args;
		if (sub === 'list' && rest.length === 0) return list(sh, io);
		if (sub === 'info') return info(sh, rest, io);
		if (sub === 'kill') return kill(sh, rest, io);
		io.err(`proc: ${sub === undefined ? 'a subcommand is needed' : sub === 'list' ? 'list takes no arguments' : `unknown subcommand ${sub}`}\nusage: ${proc.usage}\n`);
		return 2;
	},
};

function memory(sh: Shell, io: BuiltinIo): number {
	const {live, ended} = everyProcess(sh);
	const rows = live.map(p => [String(p.pid), p.name, p.state, kib(p.memory.pages), kib(p.memory.peakPages), kib(p.memory.capPages)]);
	const out = [columns([['PID', 'NAME', 'STATE', 'MEMORY', 'PEAK', 'CAP'], ...rows], new Set([0, 3, 4, 5]))];
	if (ended.length > 0) {
		out.push('Recently ended (their memory is freed):\n');
		const endedRows = [...ended].sort((a, b) => a.pid - b.pid).map(p => [`  ${p.pid}`, p.name, kib(p.memory.peakPages), exitText(p.exit!)]);
		out.push(columns(endedRows, new Set([0, 2])));
	}
	const m = sh.ctx.machine();
	const wasm = live.filter(p => p.memory.pages > 0).length;
	out.push(`Total: ${kib(m.memory.pages)} of linear memory in ${wasm} live process${wasm === 1 ? '' : 'es'} (${m.memory.pages} pages of 64 KiB); each has its own, shared with none.\n`);
	io.out(out.join(''));
	return 0;
}

function machineInfo(sh: Shell, io: BuiltinIo): number {
	const m = sh.ctx.machine();
	const counts = Object.entries(m.counts)
		.filter(([, n]) => n > 0)
		.map(([state, n]) => `${n} ${state}`)
		.join(', ');
	io.out(
		[
			`clock      ${formatTicks(m.clock)} (${m.clock} ticks; ${m.idleTicks} idle)`,
			`scheduler  ${m.policy}, quantum ${m.quantum} instructions`,
			`processes  ${m.processes}${counts === '' ? '' : ` (${counts})`}, ${m.recent.length} recently ended`,
			`executed   ${m.instructions} instructions, ${m.syscalls} syscalls`,
			`memory     ${kib(m.memory.pages)} of linear memory`,
			'',
		].join('\n'),
	);
	return 0;
}

export const system: Builtin = {
	name: 'system',
	usage: 'system memory | system info',
	summary: 'memory per process and in all, or the machine at a glance',
	help: [
		'`system memory` lists the linear memory of every live process (now, its peak and its cap),',
		'the memory the recently ended ones had, and the total: each process has a memory of its own,',
		'which no other can reach. `system info` shows the clock, the scheduler, the process counts and',
		'the instructions and syscalls executed since boot.',
	],
	run: (sh, args, io) => {
		if (args.length === 1 && args[0] === 'memory') return memory(sh, io);
		if (args.length === 1 && args[0] === 'info') return machineInfo(sh, io);
		io.err(`system: ${args.length === 0 ? 'a subcommand is needed' : `unknown subcommand ${args.join(' ')}`}\nusage: ${system.usage}\n`);
		return 2;
	},
};
