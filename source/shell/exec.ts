/*
 * Running a parsed line, one piece per step of the shell task: each call of runNext runs one
 * pipeline of the current item (or decides to skip it, for && and ||), or starts a background item.
 * A foreground job leaves the shell waiting (state.waiting); checkWait tells when it has ended or
 * stopped, and the next step goes on.
 *
 * Jobs: with job control (the top-level shell), each job is a new process group and the foreground
 * one holds the terminal (so ^C and ^Z reach it, not the shell); a subshell's processes stay in
 * its group. A background item that is more than one program (an and-or list, a builtin) runs in a
 * subshell: a child host task of the same kind that runs just that item and exits with its status.
 *
 * Prefix builtins (nice, strace: Builtin.wrap) are taken off a command first: the command runs with
 * their change (a priority, tracing from its start). Programs get the limits set with `limits`.
 *
 * Redirections go through the shell's fds: `<`, `>`, `>>` open the file as a new fd of the shell,
 * `N>&M` points N where M points, `/dev/null` is not opened at all. A builtin writes where they
 * point; a program gets them as its stdio (the kernel shares the shell's open file with it, the
 * terminal excepted: a program gets its own), and the shell closes what it opened once the program
 * has started.
 *
 * A pipeline of two or more commands: the shell makes a kernel pipe between each two neighbours,
 * starts every stage at once (one job, one process group: the first stage's), with the pipe ends
 * as their fds 0 and 1 (a stage's own redirections then apply on top), and closes its own copies of
 * the ends, so that a reader sees end of file once its writer has exited and a writer whose reader
 * has gone gets EPIPE (and the PIPE signal). The job's status is its last stage's. A builtin, an
 * assignment, or a command that is not found as a stage runs in a subshell: a host task scheduled
 * like a program, whose writes wait for the pipe (io.ts); the one not found prints the 127 message
 * and ends with 127 while the other stages run, as in sh.
 */

import {KernelError, SpawnError, type StdioSpec} from '../kernel/kernel.js';
import type {Item, Pipeline, Redirect, SimpleCommand, Word} from './ast.js';
import type {Builtin, BuiltinIo, Shell} from './builtin.js';
import {BUILTINS} from './builtins/index.js';
import {exportedEnv} from './builtins/vars.js';
import {errnoText, FileError, listDir, openRedirect} from './files.js';
import {expandSingle, expandWord, ExpansionError, type ExpandScope} from './expand.js';
import {closeWhenIdle, write} from './io.js';
import {findProgram, type SpawnTarget} from './lookup.js';
import {jobLine, jobStatus, removeJob} from './jobs.js';
import {SHELL_KIND, subshellState, type Job} from './state.js';

/** Where each of fds 0-2 of a command points: one of the shell's fds, or /dev/null (null). */
type Targets = [number | null, number | null, number | null];

/** Targets after redirections, and the fds the shell opened for them (to close once they are used). */
interface Redirected {
	readonly targets: Targets;
	readonly opened: readonly number[];
}

function scopeOf(sh: Shell): ExpandScope {
	return {state: sh.state, pid: sh.ctx.pid, listDir: sh.host.listDir ?? (dir => globListing(sh, dir))};
}

/** Names in a directory for * and ?, relative to the working directory; null when it cannot be listed. */
function globListing(sh: Shell, dir: string): string[] | null {
	try {
		return listDir(sh, dir).map(e => e.name);
	} catch (error) {
		if (error instanceof FileError) return null;
		throw error;
	}
}

function ownPgid(sh: Shell): number {
	return sh.ctx.process(sh.ctx.pid)?.pgid ?? sh.ctx.pid;
}

/** The shell takes the terminal back (after a foreground job). */
export function takeTerminal(sh: Shell): void {
	if (sh.state.jobControl) sh.ctx.setForeground(ownPgid(sh));
}

/** Runs the next piece of the line being run. */
export function runNext(sh: Shell): void {
	const s = sh.state;
	const run = s.run!;
	const item = run.script.items[run.item];
	if (item === undefined) {
		s.run = null;
		return;
	}
	if (item.background) {
		expanding(sh, () => startBackground(sh, item, run.lineNo));
		run.item++;
		return;
	}
	const {pipelines, ops} = item.andOr;
	// `a && b` runs b only after a success, `a || b` only after a failure; a skipped one passes the status on.
	while (run.pipeline > 0 && run.pipeline < pipelines.length && (ops[run.pipeline - 1] === '&&') !== (s.status === 0)) run.pipeline++;
	if (run.pipeline >= pipelines.length) {
		run.item++;
		run.pipeline = 0;
		return;
	}
	const pipeline = pipelines[run.pipeline++];
	expanding(sh, () => runPipeline(sh, pipeline, true));
}

/** Runs `body`; an ExpansionError (${X:?}, ...) is printed and makes the status 1 (the command does not run). */
function expanding(sh: Shell, body: () => void): void {
	try {
		body();
	} catch (error) {
		if (!(error instanceof ExpansionError)) throw error;
		write(sh, 2, `sh: ${error.message}\n`);
		sh.state.status = 1;
	}
}

function runPipeline(sh: Shell, pipeline: Pipeline, foreground: boolean): void {
	if (pipeline.commands.length > 1) runMany(sh, pipeline, foreground);
	else runSimple(sh, pipeline.commands[0], foreground, pipeline.text);
}

function closeAll(sh: Shell, fds: readonly number[]): void {
	for (const fd of fds) sh.ctx.files.close(fd);
}

/** A pipeline of two or more commands, its stages joined by kernel pipes (see the top of this file). */
function runMany(sh: Shell, pipeline: Pipeline, foreground: boolean): void {
	const s = sh.state;
	const scope = scopeOf(sh);
	type Stage = {cmd: SimpleCommand; command: Unwrapped; program: SpawnTarget | null};
	const stages: Stage[] = [];
	for (const cmd of pipeline.commands) {
		const command = unwrap(sh, cmd.words.flatMap(w => expandWord(w, scope)));
		if (typeof command === 'string' || command.words.length === 0 || BUILTINS.has(command.words[0])) {
			stages.push({cmd, command: {words: []}, program: null});
			continue;
		}
		const found = findProgram(sh, command.words[0]);
		// Not found: a subshell says so (on the stage's own stderr) and ends with 127; the others run.
		stages.push({cmd, command, program: 'error' in found ? null : found.target});
	}
	const pipes: Array<{read: number; write: number}> = [];
	const ends = () => pipes.flatMap(p => [p.read, p.write]);
	for (let k = 1; k < stages.length; k++) {
		const made = sh.ctx.files.pipe();
		if ('errno' in made) {
			closeAll(sh, ends());
			write(sh, 2, `sh: cannot make a pipe: ${errnoText(made.errno)}\n`);
			s.status = 1;
			return;
		}
		pipes.push(made);
	}
	const jobControl = s.jobControl;
	const pids: number[] = [];
	const lineNo = s.run?.lineNo ?? 0;
	s.status = 0;
	for (const [k, stage] of stages.entries()) {
		const base: Targets = [k > 0 ? pipes[k - 1].read : 0, k < stages.length - 1 ? pipes[k].write : 1, 2];
		const pgid = jobControl ? pids[0] : ownPgid(sh);
		const group = {...(pgid === undefined ? {} : {pgid}), foreground: foreground && jobControl && k === 0};
		// A builtin, assignments, or a command not found or that cannot start: a subshell runs the
		// stage, redirections and all, and says what is wrong on the stage's stderr.
		const inSubshell = () => {
			const item: Item = {andOr: {pipelines: [{commands: [stage.cmd], text: pipeline.text}], ops: []}, background: false, text: pipeline.text};
			const stdio = stdioOf(sh, base);
			const pid = spawn(sh, 'sh', () => ({task: {kind: SHELL_KIND, state: subshellState(s, item, lineNo)}, name: 'sh', argv: [s.argv0], env: exportedEnv(s), stdio, cwd: s.cwd, ...group}));
			if (pid !== null) pids.push(pid);
		};
		if (stage.program === null) {
			inSubshell();
			continue;
		}
		const redirected = redirections(sh, stage.cmd.redirects, scope, base);
		if (typeof redirected === 'string') {
			write(sh, 2, `sh: ${redirected}\n`);
			s.status = 1;
			continue;
		}
		let assigns: ReadonlyArray<readonly [string, string]>;
		try {
			assigns = stage.cmd.assigns.map(a => [a.name, expandSingle(a.value, scope)] as const);
		} catch (error) {
			if (!(error instanceof ExpansionError)) throw error;
			closeAll(sh, redirected.opened);
			write(sh, 2, `sh: ${error.message}\n`);
			s.status = 1;
			continue;
		}
		const env = {...exportedEnv(s), ...Object.fromEntries(assigns)};
		const stdio = stdioOf(sh, redirected.targets);
		const program = stage.program!;
		const {words, priority, traced} = stage.command;
		const pid = spawn(sh, words[0], () => ({...program, argv: words, env, stdio, cwd: s.cwd, limits: s.limits, ...group, ...(priority === undefined ? {} : {priority})}), traced, null);
		closeAll(sh, redirected.opened);
		if (pid !== null) pids.push(pid);
		else inSubshell();
	}
	// The children hold the ends now; the shell's copies would keep every reader from seeing end of file.
	closeAll(sh, ends());
	if (pids.length === 0) {
		if (s.status === 0) s.status = 1;
		return;
	}
	const job = addJob(sh, pids, pipeline.text);
	if (foreground) s.waiting = {kind: 'job', id: job.id};
}

/** A background item: a program directly as a job, anything else in a subshell. */
function startBackground(sh: Shell, item: Item, lineNo: number): void {
	const s = sh.state;
	const only = item.andOr.pipelines.length === 1 && item.andOr.pipelines[0].commands.length === 1 ? item.andOr.pipelines[0].commands[0] : null;
	const command = only === null ? null : unwrap(sh, only.words.flatMap(w => expandWord(w, scopeOf(sh))));
	const first = command === null || typeof command === 'string' ? undefined : command.words[0];
	let pid: number | null;
	if (only !== null && first !== undefined && !BUILTINS.has(first)) {
		pid = runSimple(sh, only, false, item.text);
	} else {
		const stdio = stdioOf(sh, [0, 1, 2]);
		pid = spawn(sh, 'sh', () => ({task: {kind: SHELL_KIND, state: subshellState(s, item, lineNo)}, name: 'sh', argv: [s.argv0], env: exportedEnv(s), stdio, cwd: s.cwd}));
		if (pid !== null) addJob(sh, [pid], item.text);
	}
	if (pid === null) return;
	s.lastBackground = pid;
	s.status = 0;
	if (s.interactive) write(sh, 2, `[${s.jobs.at(-1)!.id}] ${pid}\n`);
}

/**
 * One simple command: assignments, a builtin, or a program (a new job). Returns the pid of the
 * program started, else null.
 */
function runSimple(sh: Shell, cmd: SimpleCommand, foreground: boolean, text: string): number | null {
	const s = sh.state;
	const scope = scopeOf(sh);
	const words = cmd.words.flatMap(w => expandWord(w, scope));
	const assigns = cmd.assigns.map(a => [a.name, expandSingle(a.value, scope)] as const);
	const redirected = redirections(sh, cmd.redirects, scope);
	if (typeof redirected === 'string') {
		write(sh, 2, `sh: ${redirected}\n`);
		s.status = 1;
		return null;
	}
	try {
		return startSimple(sh, words, assigns, redirected.targets, foreground, text);
	} finally {
		// A builtin's output may still be queued for them (io.ts), or a copy read from them.
		closeWhenIdle(sh, redirected.opened);
	}
}

function startSimple(sh: Shell, expanded: string[], assigns: ReadonlyArray<readonly [string, string]>, targets: Targets, foreground: boolean, text: string): number | null {
	const s = sh.state;
	if (expanded.length === 0) {
		for (const [name, value] of assigns) s.vars[name] = value;
		s.status = 0;
		return null;
	}
	const command = unwrap(sh, expanded);
	if (typeof command === 'string') {
		if (targets[2] !== null) write(sh, targets[2], command);
		s.status = 2;
		return null;
	}
	const {words, priority, traced} = command;
	const builtin = BUILTINS.get(words[0]);
	// `strace echo hi`: a builtin is no process, so there is nothing to trace; say so, and run it.
	if (builtin !== undefined && traced === true && targets[2] !== null) write(sh, targets[2], `strace: ${words[0]} is a shell builtin: it runs inside the shell, not as a process, so it makes no syscalls to show\n`);
	if (builtin !== undefined && !(s.jobControl && builtin.readsInput?.(words.slice(1)) === true)) {
		runBuiltin(sh, builtin, words.slice(1), targets);
		return null;
	}
	if (builtin !== undefined) {
		// It reads its standard input (the terminal, maybe): a job of its own, so ^C and ^Z reach it.
		const item: Item = {andOr: {pipelines: [{commands: [{assigns: [], words: words.map(literalWord), redirects: [], at: 0}], text}], ops: []}, background: false, text};
		const stdio = stdioOf(sh, targets);
		const pid = spawn(sh, words[0], () => ({task: {kind: SHELL_KIND, state: subshellState(s, item, s.run?.lineNo ?? 0)}, name: 'sh', argv: [s.argv0], env: exportedEnv(s), stdio, cwd: s.cwd, foreground}));
		if (pid === null) return null;
		const job = addJob(sh, [pid], text);
		if (foreground) s.waiting = {kind: 'job', id: job.id};
		return pid;
	}
	const found = findProgram(sh, words[0]);
	if ('error' in found) {
		// On the command's own stderr, as sh does: `nosuch 2>/dev/null` is silent.
		if (targets[2] !== null) write(sh, targets[2], `sh: ${found.error}\n`);
		s.status = found.status;
		return null;
	}
	const env = {...exportedEnv(s), ...Object.fromEntries(assigns)};
	const stdio = stdioOf(sh, targets);
	const jobControl = s.jobControl;
	const pgid = jobControl ? undefined : ownPgid(sh);
	const pid = spawn(
		sh,
		words[0],
		() => ({...found.target, argv: words, env, stdio, cwd: s.cwd, limits: s.limits, foreground: foreground && jobControl, ...(pgid === undefined ? {} : {pgid}), ...(priority === undefined ? {} : {priority})}),
		traced,
		targets[2],
	);
	if (pid === null) return null;
	const job = addJob(sh, [pid], text);
	if (foreground) s.waiting = {kind: 'job', id: job.id};
	return pid;
}

function runBuiltin(sh: Shell, builtin: Builtin, args: readonly string[], targets: Targets): void {
	const to = (fd: 1 | 2) => (text: string) => {
		const target = targets[fd];
		if (target !== null) write(sh, target, text);
	};
	const out = targets[1];
	const io: BuiltinIo = {out: to(1), err: to(2), outIsTerminal: out !== null && sh.ctx.files.info(out)?.kind === 'tty'};
	const result = builtin.run(sh, args, io);
	if (typeof result === 'number') sh.state.status = result;
	else if ('copy' in result) sh.state.copy = {name: builtin.name, from: targets[0], to: targets[1], err: targets[2]};
	else sh.state.waiting = result.wait;
}

/** Spawns (traced from its start, for strace CMD), or says why not (127: no such file; 126: cannot be started; 1: the kernel refused, e.g. the process limit). */
function spawn(sh: Shell, name: string, spec: () => Parameters<Shell['ctx']['spawn']>[0], traced = false, errFd: number | null = 2): number | null {
	try {
		const pid = sh.ctx.spawn(spec());
		if (traced) sh.ctx.setTrace(pid, true);
		return pid;
	} catch (error) {
		// The message goes where the command's stderr goes (`/nope 2>/dev/null` is silent).
		const say = (text: string) => errFd !== null && write(sh, errFd, text);
		if (error instanceof SpawnError) {
			say(`sh: ${name}: ${error.reason}\n`);
			sh.state.status = error.notFound ? 127 : 126;
		} else if (error instanceof KernelError) {
			say(`sh: ${name}: ${error.message}\n`);
			sh.state.status = 1;
		} else throw error;
		return null;
	}
}

/** A command after its prefix builtins (nice, strace) are taken off: its words, and what they change. */
interface Unwrapped {
	readonly words: readonly string[];
	readonly priority?: number;
	readonly traced?: boolean;
}

/** Takes prefix builtins off a command (`nice -n 5 strace spin`); a usage error as the text to print. */
function unwrap(sh: Shell, words: readonly string[]): Unwrapped | string {
	let out: Unwrapped = {words};
	for (;;) {
		const builtin = out.words.length === 0 ? undefined : BUILTINS.get(out.words[0]);
		const prefix = builtin?.wrap?.(sh, out.words.slice(1)) ?? null;
		if (prefix === null) return out;
		if (typeof prefix === 'string') return prefix;
		out = {words: prefix.words, priority: prefix.priority ?? out.priority, traced: (prefix.traced ?? false) || (out.traced ?? false)};
	}
}

/** A word that expands to exactly `text` (quoted: no splitting, no globbing). */
function literalWord(text: string): Word {
	return {parts: [{kind: 'text', text, quoted: true}], at: 0};
}

function addJob(sh: Shell, pids: number[], text: string): Job {
	const s = sh.state;
	const job: Job = {id: s.nextJob++, pgid: s.jobControl ? pids[0] : ownPgid(sh), pids, text, state: 'running', statuses: {}, how: null, notified: true};
	s.jobs.push(job);
	return job;
}

/**
 * What a program's fds 0-2 are, from the shell fds they point to: the shell's open file, shared;
 * its own terminal where the shell's same fd is the terminal; /dev/null for null or a closed fd.
 */
function stdioOf(sh: Shell, targets: readonly (number | null)[]): [StdioSpec, StdioSpec, StdioSpec] {
	const spec = (t: number | null, fd: number): StdioSpec => {
		const kind = t === null ? null : (sh.ctx.files.info(t)?.kind ?? null);
		if (t === null || kind === null) return 'null';
		return kind === 'tty' && t === fd ? 'tty' : {fd: t};
	};
	return [spec(targets[0], 0), spec(targets[1], 1), spec(targets[2], 2)];
}

/**
 * Applies redirections in order to fds 0-2 (starting from `base`), opening files as new fds of the
 * shell; an error message when one cannot be done (what it opened is closed again).
 */
function redirections(sh: Shell, redirects: readonly Redirect[], scope: ExpandScope, base: Targets = [0, 1, 2]): Redirected | string {
	const targets: Targets = [...base];
	const opened: number[] = [];
	const refuse = (text: string): string => {
		closeAll(sh, opened);
		return text;
	};
	for (const r of redirects) {
		if (r.fd > 2) return refuse(`${r.fd}: only file descriptors 0, 1 and 2 can be redirected`);
		if (r.dupFd !== null) {
			if (r.dupFd > 2) return refuse(`${r.dupFd}: bad file descriptor`);
			targets[r.fd] = targets[r.dupFd];
			continue;
		}
		let file: string;
		try {
			file = expandSingle(r.target!, scope);
		} catch (error) {
			if (!(error instanceof ExpansionError)) throw error;
			return refuse(error.message);
		}
		if (file === '/dev/null') {
			targets[r.fd] = null;
			continue;
		}
		if (file === '') return refuse('a redirection needs a file name');
		try {
			const fd = openRedirect(sh, file, r.op === '<' ? '<' : r.op === '>>' ? '>>' : '>');
			opened.push(fd);
			targets[r.fd] = fd;
		} catch (error) {
			if (error instanceof FileError) return refuse(`${file}: ${error.message}`);
			throw error;
		}
	}
	return {targets, opened};
}

/** Whether the shell still waits (for a foreground job or for `wait`); when not, the status is set. */
export function checkWait(sh: Shell): boolean {
	const s = sh.state;
	const w = s.waiting!;
	if (w.kind === 'job') {
		const job = s.jobs.find(j => j.id === w.id);
		if (job !== undefined && job.state === 'running') return true;
		s.waiting = null;
		if (job === undefined) return false;
		takeTerminal(sh);
		if (job.state === 'stopped') {
			job.notified = true;
			write(sh, 2, `\n${jobLine(s, job)}\n`);
			s.status = 128 + 20;
			return false;
		}
		s.status = jobStatus(job);
		removeJob(s, job);
		if (job.how !== null && job.how !== 'Interrupt' && job.how !== 'Broken pipe') write(sh, 2, `sh: ${job.text}: ${job.how}\n`);
		// Like sh -c: a script whose foreground job was interrupted (^C) stops there.
		if (job.how === 'Interrupt' && !s.interactive) s.exit = s.status;
		return false;
	}
	const targets = w.ids === null ? s.jobs : s.jobs.filter(j => w.ids!.includes(j.id));
	if (targets.some(j => j.state === 'running')) return true;
	s.waiting = null;
	s.status = targets.length === 0 ? 0 : targets.at(-1)!.state === 'stopped' ? 128 + 20 : jobStatus(targets.at(-1)!);
	for (const job of targets) {
		if (job.state !== 'done') continue;
		job.notified = true;
		removeJob(s, job);
	}
	return false;
}
