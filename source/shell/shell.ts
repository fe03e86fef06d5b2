/*
 * The shell as a host task (kernel/task.ts): PID 1 of the machine, a step function over plain data
 * (state.ts). The composition root registers it with the program lookup it wants and spawns it:
 *
 *   kernel.registerTask(shellTask(host));
 *   kernel.spawn({task: {kind: SHELL_KIND, state: initialState({commands: 'echo hi'})}, foreground: true});
 *
 * Each step does one thing, in this order of priority:
 *   1. reap children and update the job table (jobs.ts); then write what is queued for its fds (a
 *      pipe that cannot take it yet is waited for, io.ts), and a copy under way (cat reading its
 *      standard input) reads its next piece;
 *   2. if it waits for a foreground job or `wait`: block until a child ends or stops;
 *   3. if a line is being run: run its next pipeline (exec.ts);
 *   4. if a whole line of input is there: parse it (a syntax error is printed with a caret, status 2,
 *      and the shell goes on; an open quote or a trailing | asks for the next line first);
 *   5. at the end of the input: exit with the last status;
 *   6. interactive: report jobs that ended or stopped, print the prompt ($PS1, default "$ ";
 *      "> " for a continued line) on fd 2, take the terminal, and read fd 0 (blocking).
 * An interactive shell survives INT, TERM, TSTP and TTIN; ^C or ^Z at the prompt drops what was
 * typed (the terminal drops the line being edited, the shell a command continued over several
 * lines) and prompts again. A non-interactive one (sh -c, a script) takes the default actions, and
 * stops after a foreground job it ran was interrupted.
 */

import type {TaskDef, TaskStep} from '../kernel/kernel.js';
import type {Shell} from './builtin.js';
import {checkWait, runNext, takeTerminal} from './exec.js';
import type {ShellHost} from './host.js';
import {closeIdle, copyStep, flush, write} from './io.js';
import {jobLine, reapOrphans, refreshJobs, removeJob} from './jobs.js';
import {formatSyntaxError, parse, ShellSyntaxError} from './parse.js';
import {SHELL_KIND, type ShellState} from './state.js';

export {SHELL_KIND};

const INPUT_CHUNK = 4096;
const decoder = new TextDecoder();

export function shellTask(host: ShellHost): TaskDef<ShellState> {
	return {
		kind: SHELL_KIND,
		step: (ctx, state) => step({ctx, state, host}),
		handles: (state, signal) => {
			if (!state.interactive || !(signal === 'INT' || signal === 'TERM' || signal === 'TSTP' || signal === 'TTIN')) return false;
			// ^C or ^Z at the prompt: a command half-typed over several lines is dropped, and the prompt
			// comes again (the terminal has dropped the line and echoed "^C" or "^Z").
			if ((signal === 'INT' || signal === 'TSTP') && state.run === null && state.waiting === null) {
				state.continued = null;
				state.prompted = false;
			}
			return true;
		},
	};
}

function step(sh: Shell): TaskStep {
	const s = sh.state;
	refreshJobs(sh.ctx, s);
	if (sh.ctx.retrying?.on === 'child') reapOrphans(sh.ctx, s);
	// Output first: what a pipe cannot take yet is waited for before anything else happens (io.ts).
	const full = flush(sh);
	if (full !== null) return {next: 'block', wait: full};
	if (s.copy !== null) {
		const wait = copyStep(sh);
		return wait === null ? {next: 'run'} : {next: 'block', wait};
	}
	closeIdle(sh);
	if (s.exit === null) {
		if (s.waiting !== null) {
			if (checkWait(sh)) return {next: 'block', wait: {on: 'child'}};
		} else if (s.run !== null) {
			// Orphans handed to PID 1 are reaped before each command, as a shell's SIGCHLD handler would.
			reapOrphans(sh.ctx, s);
			runNext(sh);
		} else if (!takeLine(sh)) {
			if (s.eof) return s.outbox.length > 0 ? {next: 'run'} : {next: 'exit', code: s.status};
			return readInput(sh);
		}
	}
	return s.exit === null || s.outbox.length > 0 ? {next: 'run'} : {next: 'exit', code: s.exit};
}

/** Takes one line of input and parses it (with the lines before it, when they asked for more). False: no whole line yet. */
function takeLine(sh: Shell): boolean {
	const s = sh.state;
	const nl = s.input.indexOf('\n');
	if (nl < 0 && !(s.eof && s.input !== '')) return false;
	const line = nl < 0 ? s.input : s.input.slice(0, nl);
	s.input = nl < 0 ? '' : s.input.slice(nl + 1);
	const lineNo = s.lineNo++;
	const text = s.continued === null ? line : `${s.continued.text}\n${line}`;
	const first = s.continued?.lineNo ?? lineNo;
	s.continued = null;
	s.prompted = false;
	try {
		const script = parse(text);
		if (script.items.length > 0) {
			s.history.push(text);
			s.run = {script, item: 0, pipeline: 0, lineNo: first};
		}
	} catch (error) {
		if (!(error instanceof ShellSyntaxError)) throw error;
		if (error.incomplete && !(s.eof && s.input === '')) s.continued = {text, lineNo: first};
		else {
			write(sh, 2, formatSyntaxError(error, text, first));
			s.status = 2;
		}
	}
	return true;
}

/** Interactive: notices, the prompt, and a read of the terminal. */
function readInput(sh: Shell): TaskStep {
	const s = sh.state;
	if (!s.prompted) {
		reapOrphans(sh.ctx, s);
		for (const job of [...s.jobs]) {
			if (job.notified) continue;
			write(sh, 2, `${jobLine(s, job)}\n`);
			job.notified = true;
			if (job.state === 'done') removeJob(s, job);
		}
		takeTerminal(sh);
		write(sh, 2, s.continued !== null ? '> ' : (s.vars.PS1 ?? '$ '));
		s.prompted = true;
	}
	const got = sh.ctx.files.read(0, INPUT_CHUNK);
	if ('wait' in got) return {next: 'block', wait: got.wait};
	const data = 'errno' in got ? new Uint8Array(0) : got.data;
	// Whole lines are decoded (a newline is never inside a UTF-8 sequence); the rest waits in `partial`.
	const bytes = [...s.partial, ...data];
	const end = data.length === 0;
	const cut = end ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
	s.input += decoder.decode(Uint8Array.from(bytes.slice(0, cut)));
	s.partial = bytes.slice(cut);
	if (end) {
		s.eof = true;
		if (s.interactive) write(sh, 2, '\n');
	}
	return {next: 'run'};
}
