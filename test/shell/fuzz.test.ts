/*
 * Seeded fuzzing of the shell: 10,000 random and mutated command lines typed into an interactive
 * shell (PID 1 of one machine), each given at most a number of ticks. The lines are built from the
 * language's pieces (quotes, ${X:-word} and friends, operators, redirections) and every builtin,
 * including those that change the machine (limits, nice, strace, mem) and builtins in pipelines. Whatever a line does — syntax
 * errors, signals to anything including the shell, stopped and runaway jobs, control characters —
 * the host never sees an exception, no line hangs the machine, and the shell answers `echo ok` at
 * the end. After each line's ticks, anything still running is killed (the cap), and a stopped shell
 * is continued; a shell that ended (exit, kill -9 1, ^D) is replaced by a new one on the same machine.
 */

import {describe, expect, it} from 'vitest';
import {prng} from '../helpers/prng.js';
import {SHELL_KIND} from '../../source/shell/shell.js';
import {initialState} from '../../source/shell/state.js';
import {settle, startShell, type Output, type ShellRun} from './helpers.js';

const ATOMS = [
	'echo', '/bin/echo', '/bin/spin', '/bin/status', '/bin/cat', '/bin/env', '/bin/warn', 'nope', 'kill', 'jobs', 'jobs -l', 'fg', 'bg',
	'wait', 'ps', 'ps -l', 'export', 'unset', 'env', 'history', 'help', 'sched', 'sched rr 100', 'sched nope', 'true', 'false', 'exit',
	'X=1', 'A=$X', '$X', '$?', '$$', '$!', '$#', '$@', '"$*"', '${X}', '%1', '%2', '%%', '%-', '-STOP', '-CONT', '-9', '-INT', '-TSTP',
	'-l', '1', '2', '3', '42', '*', '?', "'a b'", '"c $X d"', 'x\\ y', '# comment', 'echo -e "\\t"', 'help kill',
	'cat', 'cat -', 'cat /tmp/f', '/bin/head 3', '/bin/upper', 'pstree', 'pstree -a', 'nice', 'nice -n 5', 'renice 5', 'renice -3 %1',
	'limits', 'limits fuel 100000', 'limits memory 1M', 'limits $!', 'limits fuel default', 'strace', 'strace on', 'strace off all', 'strace filter fd_write',
	'strace filter', 'mem', 'mem -w', 'mem 1', 'clear', 'asm /tmp/f.wat', 'asm /tmp/g.wat -o /tmp/g.wasm', '${X:-d}', '${X:=v}', '${X:+alt}', '${X:?}', '${#X}',
	'"${X:-a b}"', '${Y-${X}}', '/tmp/f',
];
const OPS = [';', '&&', '||', '|', '&', '>', '<', '>>', '2>&1', '>/dev/null', '2>', '<&0', '>&', '"', "'", '${', '$(', '`', '\\', '}', '{', '\n'];
const NOISE = ['\x00', '\x01', '\x03', '\x04', '\x08', '\x15', '\x17', '\x1a', '\x1b[2J', '\t', '\r', 'é', '日本', '\u{1F600}', '$', '=', '%'];

const LINES = 10_000;
/** Ticks a line may run before whatever still runs is killed. */
const CAP = 200_000;

function generator(seed: number): () => string {
	const random = prng(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
	return () => {
		const words: string[] = [];
		const n = 1 + Math.floor(random() * 8);
		for (let k = 0; k < n; k++) words.push(random() < 0.7 ? pick(ATOMS) : pick(OPS));
		let line = words.join(random() < 0.9 ? ' ' : '');
		// Mutations: characters inserted, deleted or replaced anywhere.
		const mutations = random() < 0.3 ? 1 + Math.floor(random() * 3) : 0;
		for (let k = 0; k < mutations; k++) {
			const at = Math.floor(random() * (line.length + 1));
			const what = random();
			const char = random() < 0.5 ? pick(NOISE) : String.fromCharCode(32 + Math.floor(random() * 95));
			line = what < 0.4 ? line.slice(0, at) + char + line.slice(at) : what < 0.7 ? line.slice(0, at) + line.slice(at + 1) : line.slice(0, at) + char + line.slice(at + 1);
		}
		return `${line}\n`;
	};
}

function atPrompt(run: ShellRun): boolean {
	const shell = run.kernel.process(run.pid);
	return shell !== null && shell.state === 'BLOCKED' && shell.blockedOn === 'read /dev/tty';
}

function ended(run: ShellRun): boolean {
	const shell = run.kernel.process(run.pid);
	return shell === null || shell.state === 'ZOMBIE';
}

describe('the shell under 10,000 random lines', () => {
	it('never throws, never hangs, and still answers', {timeout: 300_000}, async () => {
		const next = generator(10);
		// One machine for every line: a shell that ended is replaced by a new one on the same machine,
		// which keeps its files (a few for cat and asm to find) and its compiled programs.
		let run: ShellRun = await startShell({interactive: true});
		run.kernel.fs.writeFile('/tmp/f', 'one\ntwo\n');
		run.kernel.fs.writeFile('/tmp/f.wat', '(module (func (export "_start")))');
		run.kernel.fs.writeFile('/tmp/g.wat', '(module (func i32.bogus))');
		const restart = (): ShellRun => {
			const {kernel, host} = run;
			kernel.wait(run.pid);
			// What the old shell left behind is the user's: ended, and reaped here.
			for (const p of kernel.processes()) if (p.state !== 'ZOMBIE') kernel.kill(p.pid, 'KILL');
			for (const p of kernel.processes()) if (p.ppid === 0) kernel.wait(p.pid);
			const pid = kernel.spawn({task: {kind: SHELL_KIND, state: initialState({interactive: true})}, name: 'sh', argv: ['sh'], foreground: true});
			return {kernel, pid, host};
		};
		let output: Output = settle(run);
		let restarts = 0;
		for (let k = 0; k < LINES; k++) {
			const line = next();
			run.kernel.tty.input(line);
			output = {out: '', err: ''};
			settle(run, output, CAP);
			// The cap: kill whatever else runs, wake a stopped shell, and let it come back; a list such as
			// `cat || cat` starts its next reader of the terminal then, so this may take a few rounds.
			for (let round = 0; round < 5 && !ended(run) && !atPrompt(run); round++) {
				for (const p of run.kernel.processes()) if (p.pid !== run.pid && p.state !== 'ZOMBIE') run.kernel.kill(p.pid, 'KILL');
				if (run.kernel.process(run.pid)?.state === 'STOPPED') run.kernel.cont(run.pid);
				settle(run, output, CAP);
			}
			if (ended(run)) {
				restarts++;
				run = restart();
				settle(run);
				continue;
			}
			expect(atPrompt(run), `after line ${k}: ${JSON.stringify(line)} the shell is ${JSON.stringify(run.kernel.process(run.pid))}`).toBe(true);
		}
		// ^C drops whatever the last line left half-typed or half-quoted.
		run.kernel.tty.input('\x03');
		settle(run, undefined, CAP);
		for (const p of run.kernel.processes()) if (p.pid !== run.pid && p.state !== 'ZOMBIE') run.kernel.kill(p.pid, 'KILL');
		settle(run, undefined, CAP);
		run.kernel.tty.input('echo ok\n');
		const last = settle(run, undefined, CAP);
		expect(last.out, JSON.stringify({last, shell: run.kernel.process(run.pid), restarts})).toMatch(/(^|\n)ok\n$/);
		expect(restarts).toBeGreaterThan(0);
	});
});
