/*
 * Builtins that change how processes run: nice and renice (scheduling priority), limits (memory,
 * fuel, ... for later spawns or a live process) and strace (print a process's syscalls as they
 * complete). nice and strace are also prefixes: `nice -n 5 spin`, `strace /bin/cat f` run the
 * command with the change (exec.ts unwraps them).
 */

import {KernelError, type ProcessView} from '../../kernel/kernel.js';
import type {Builtin, BuiltinIo, Prefix, Shell} from '../builtin.js';
import {findJob} from '../jobs.js';
import type {SpawnLimits} from '../state.js';

/** The pids a PID or %N word names, or an error message. */
export function targetPids(sh: Shell, word: string): number[] | string {
	if (word.startsWith('%')) {
		const job = findJob(sh.state, word);
		return typeof job === 'string' ? job : [...job.pids];
	}
	if (/^\d+$/.test(word)) return [Number(word)];
	return `${word}: a PID or %N is needed`;
}

/** Runs `body`; a KernelError becomes "NAME: text" on stderr and false. */
function kernelCall(io: BuiltinIo, name: string, body: () => void): boolean {
	try {
		body();
		return true;
	} catch (error) {
		if (!(error instanceof KernelError)) throw error;
		io.err(`${name}: ${error.message}\n`);
		return false;
	}
}

function ownPriority(sh: Shell): number {
	return sh.ctx.process(sh.ctx.pid)?.priority ?? 0;
}

const clampPriority = (n: number) => Math.max(-20, Math.min(19, n));

/** nice's options: the increment and where the command starts, or an error message. */
function niceArgs(args: readonly string[]): {by: number; at: number} | string {
	let by = 10;
	let at = 0;
	if (args[0] === '-n') {
		if (args[1] === undefined || !/^[+-]?\d+$/.test(args[1])) return `nice: -n needs a number, got ${args[1] ?? 'nothing'}\n`;
		by = Number(args[1]);
		at = 2;
	} else if (args[0] !== undefined && /^-\d+$/.test(args[0])) {
		by = Number(args[0].slice(1));
		at = 1;
	} else if (args[0] !== undefined && args[0].startsWith('-') && args[0] !== '--') {
		return `nice: ${args[0]}: no such option\nnice: usage: ${nice.usage}\n`;
	}
	if (args[at] === '--') at++;
	return {by, at};
}

export const nice: Builtin = {
	name: 'nice',
	usage: 'nice [-n N] [COMMAND [ARG...]]',
	summary: 'run a command at its priority plus N (default 10); alone: print it',
	help: [
		"The command's priority (nice value) is the shell's plus N, kept within -20 (runs first) .. 19",
		'(runs last); the priority policy (`sched priority`) reads it, and ps -l shows it (PRI). A builtin',
		'run through nice runs in the shell as usual. Without a command, nice prints the shell\'s own',
		'priority. renice changes the priority of a process that already runs.',
	],
	wrap: (sh, args): Prefix | string | null => {
		const parsed = niceArgs(args);
		if (typeof parsed === 'string') return parsed;
		if (parsed.at >= args.length) return null;
		return {words: args.slice(parsed.at), priority: clampPriority(ownPriority(sh) + parsed.by)};
	},
	run: (sh, _args, io) => {
		io.out(`${ownPriority(sh)}\n`);
		return 0;
	},
};

export const renice: Builtin = {
	name: 'renice',
	usage: 'renice [-n] N PID|%N...',
	summary: 'set the priority of running processes to N (-20 first .. 19 last)',
	help: [
		'Each process named (every process of job %N) gets priority N at once; the priority policy then',
		'schedules by it. Prints the old and the new priority of each.',
	],
	run: (sh, args, io) => {
		const rest = args[0] === '-n' ? args.slice(1) : args;
		if (rest.length < 2 || !/^[+-]?\d+$/.test(rest[0])) {
			io.err(`renice: usage: ${renice.usage}\n`);
			return 2;
		}
		const priority = Number(rest[0]);
		let status = 0;
		for (const word of rest.slice(1)) {
			const pids = targetPids(sh, word);
			if (typeof pids === 'string') {
				io.err(`renice: ${pids}\n`);
				status = 1;
				continue;
			}
			for (const pid of pids) {
				const old = sh.ctx.process(pid)?.priority;
				const ok = kernelCall(io, 'renice', () => sh.ctx.setPriority(pid, priority));
				if (ok) io.out(`${pid}: old priority ${old}, new priority ${priority}\n`);
				else status = 1;
			}
		}
		return status;
	},
};

const SIZE_UNITS: Readonly<Record<string, number>> = {'': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30};

/** 16M, 512K, 1G, 65536 → bytes; null when it is not a size. */
export function parseSize(text: string): number | null {
	const m = /^(\d+)([KMG]?)(i?B)?$/i.exec(text);
	if (m === null) return null;
	const n = Number(m[1]) * SIZE_UNITS[m[2].toUpperCase()];
	return Number.isSafeInteger(n) ? n : null;
}

export function formatSize(bytes: number): string {
	for (const unit of ['G', 'M', 'K'] as const) if (bytes >= SIZE_UNITS[unit] && bytes % SIZE_UNITS[unit] === 0) return `${bytes / SIZE_UNITS[unit]}${unit}`;
	return String(bytes);
}

/** How each limit is read and written; NAMES lists them in the order they are shown. */
const LIMIT_KINDS: Readonly<Record<string, 'size' | 'count' | 'optional' | 'imports'>> = {
	memory: 'size',
	fuel: 'optional',
	syscalls: 'optional',
	fds: 'count',
	callDepth: 'count',
	procs: 'optional',
	allow: 'imports',
};

const LIMIT_HELP: Readonly<Record<string, string>> = {
	memory: 'bytes of linear memory (K, M, G suffixes); memory.grow past it returns -1',
	fuel: 'instructions in all, then the process is killed (137); none: no limit',
	syscalls: 'syscalls in all, then the process is killed (137); none: no limit',
	fds: 'open file descriptors at once (EMFILE past it)',
	callDepth: 'nested wasm calls (fixed at spawn)',
	procs: 'live processes in its tree, itself included (EAGAIN past it); none: no limit',
	allow: 'the imports it may link to, MODULE or MODULE.FUNCTION, comma-separated; any: all (fixed at spawn)',
};

function formatLimit(key: string, value: unknown): string {
	if (value === null) return LIMIT_KINDS[key] === 'imports' ? 'any' : 'none';
	if (Array.isArray(value)) return value.length === 0 ? '(nothing)' : value.join(',');
	if (key === 'memory' && typeof value === 'number') return formatSize(value);
	return String(value);
}

/** A limit's value from its text, or an error message. */
function parseLimit(key: string, text: string): number | string[] | null | string {
	const kind = LIMIT_KINDS[key];
	if (kind === 'imports') {
		if (text === 'any') return null;
		return text === '' ? [] : text.split(',');
	}
	if (kind === 'optional' && (text === 'none' || text === 'unlimited')) return null;
	const n = kind === 'size' ? parseSize(text) : /^\d+$/.test(text) ? Number(text) : null;
	if (n === null || !Number.isSafeInteger(n)) return `${key}: ${JSON.stringify(text)} is not ${kind === 'size' ? 'a size (16M, 512K, 65536)' : kind === 'optional' ? 'a whole number or none' : 'a whole number'}`;
	return n;
}

function showLimits(limits: object, set: ReadonlySet<string>): string {
	const entries = Object.entries(limits);
	const width = Math.max(...entries.map(([k]) => k.length));
	return entries.map(([k, v]) => `${k.padEnd(width)}  ${formatLimit(k, v)}${set.has(k) ? '  (set)' : ''}\n`).join('');
}

/** NAME VALUE pairs into limits (undefined for `default`), or an error message. */
function parsePairs(words: readonly string[]): Partial<SpawnLimits> | string {
	if (words.length % 2 !== 0) return `a value is needed after ${words.at(-1)}`;
	const out: Record<string, unknown> = {};
	for (let k = 0; k < words.length; k += 2) {
		const key = Object.keys(LIMIT_KINDS).find(name => name.toLowerCase() === words[k].toLowerCase().replace('-', ''));
		if (key === undefined) return `${words[k]}: no such limit (${Object.keys(LIMIT_KINDS).join(', ')})`;
		const value = words[k + 1] === 'default' ? undefined : parseLimit(key, words[k + 1]);
		if (typeof value === 'string') return value;
		out[key] = value;
	}
	return out as Partial<SpawnLimits>;
}

export const limits: Builtin = {
	name: 'limits',
	usage: 'limits [PID|%N] [NAME VALUE...]',
	summary: 'show or set the limits of later programs, or of a running process',
	help: [
		'Without a PID: the limits programs started from now on get (the shell\'s own, changed by what was',
		'set here; VALUE `default` takes a change back). With a PID: that process\'s limits, changed at',
		'once by NAME VALUE pairs (callDepth and allow are fixed once a process has started). A program',
		'never gets more than the shell itself has: the kernel only lets a parent lower its children\'s',
		'limits. The limits:',
		...Object.keys(LIMIT_KINDS).map(k => `  ${k.padEnd(9)} ${LIMIT_HELP[k]}`),
		'Examples: limits memory 16M fuel 1000000; limits 5 fuel none; limits allow wasi_snapshot_preview1',
	],
	run: (sh, args, io) => {
		const s = sh.state;
		const own = sh.ctx.process(sh.ctx.pid)?.limits;
		if (args.length > 0 && (/^\d+$/.test(args[0]) || args[0].startsWith('%'))) {
			const pids = targetPids(sh, args[0]);
			if (typeof pids === 'string') {
				io.err(`limits: ${pids}\n`);
				return 1;
			}
			const pairs = parsePairs(args.slice(1));
			if (typeof pairs === 'string') {
				io.err(`limits: ${pairs}\n`);
				return 2;
			}
			let status = 0;
			for (const pid of pids) {
				if (args.length > 1 && !kernelCall(io, 'limits', () => sh.ctx.setLimits(pid, withoutUndefined(pairs)))) {
					status = 1;
					continue;
				}
				const view: ProcessView | null = sh.ctx.process(pid);
				if (view === null) {
					io.err(`limits: ${pid}: no such process\n`);
					status = 1;
					continue;
				}
				if (args.length === 1) io.out(`${pids.length > 1 ? `pid ${pid}:\n` : ''}${showLimits(view.limits, new Set())}`);
			}
			return status;
		}
		const pairs = parsePairs(args);
		if (typeof pairs === 'string') {
			io.err(`limits: ${pairs}\n`);
			return 2;
		}
		for (const [key, value] of Object.entries(pairs)) {
			const ownValue = (own as Record<string, unknown> | undefined)?.[key];
			if (value === undefined) {
				delete (s.limits as Record<string, unknown>)[key];
				continue;
			}
			if (typeof ownValue === 'number' && (value === null || (typeof value === 'number' && value > ownValue))) {
				io.err(`limits: ${key} ${formatLimit(key, value)} is above the shell's own ${formatLimit(key, ownValue)}: its programs cannot get more\n`);
				return 1;
			}
			(s.limits as Record<string, unknown>)[key] = value;
		}
		if (args.length === 0) io.out(showLimits({...own, ...s.limits}, new Set(Object.keys(s.limits))));
		return 0;
	},
};

function withoutUndefined<T extends object>(o: T): T {
	return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const strace: Builtin = {
	name: 'strace',
	usage: 'strace [COMMAND... | on|off PID|%N|all... | filter [NAME...]]',
	summary: 'print the syscalls of processes as they complete',
	help: [
		'`strace COMMAND` runs a program traced from its start (a builtin runs untraced: it is no',
		'process and makes no syscalls, and strace says so); `strace on PID` traces one that runs;',
		'`strace off PID` (or `off all`) stops. A traced call is printed on the terminal (the error',
		'channel: the TUI\'s command pane, or stderr headless) as "[pid N] name(args) = result", whatever the',
		'process\'s own output is redirected to; the event log (the TUI\'s syscall pane, --trace-file) has',
		'every call of every process anyway. `strace filter fd_write fd_read` prints only those calls',
		'(of every traced process); `strace filter` alone prints all again. Alone: what is traced.',
	],
	wrap: (_sh, args) => (args.length === 0 || ['on', 'off', 'filter'].includes(args[0]) || args[0].startsWith('-') ? null : {words: args, traced: true}),
	run: (sh, args, io) => {
		if (args.length === 0) {
			const {pids, names} = sh.ctx.tracing();
			io.out(`traced: ${pids.length === 0 ? 'nothing' : pids.map(p => `${p} ${sh.ctx.process(p)?.name ?? ''}`.trim()).join(', ')}\n`);
			io.out(`calls shown: ${names === null ? 'all' : names.join(' ')}\n`);
			return 0;
		}
		const [what, ...rest] = args;
		if (what === 'filter') {
			sh.ctx.setTraceFilter(rest.length === 0 ? null : rest);
			return 0;
		}
		if ((what !== 'on' && what !== 'off') || rest.length === 0) {
			io.err(`strace: usage: ${strace.usage}\n`);
			return 2;
		}
		if (what === 'off' && rest[0] === 'all') {
			for (const pid of sh.ctx.tracing().pids) sh.ctx.setTrace(pid, false);
			return 0;
		}
		let status = 0;
		for (const word of rest) {
			const pids = targetPids(sh, word);
			if (typeof pids === 'string') {
				io.err(`strace: ${pids}\n`);
				status = 1;
				continue;
			}
			for (const pid of pids) if (!kernelCall(io, 'strace', () => sh.ctx.setTrace(pid, what === 'on'))) status = 1;
		}
		return status;
	},
};
