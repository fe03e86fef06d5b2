/* Job control builtins: jobs, fg, bg, wait, kill. */

import {KernelError, parseSignal, SIGNALS, type SignalName} from '../../kernel/kernel.js';
import type {Builtin} from '../builtin.js';
import {findJob, jobLine, removeJob} from '../jobs.js';

export const jobs: Builtin = {
	name: 'jobs',
	usage: 'jobs [-l]',
	summary: 'list the jobs: running, stopped, and ended since the last report',
	help: ['-l  show the pids of each job too', 'A job that has ended is listed once, then forgotten.'],
	run: (sh, args, io) => {
		const s = sh.state;
		const long = args.includes('-l');
		for (const job of [...s.jobs]) {
			io.out(`${jobLine(s, job, long)}\n`);
			job.notified = true;
			if (job.state === 'done') removeJob(s, job);
		}
		return 0;
	},
};

export const fg: Builtin = {
	name: 'fg',
	usage: 'fg [%N]',
	summary: 'bring a job to the foreground (continuing it if stopped) and wait for it',
	help: ['Without an argument: the current job (%+, the newest). The job gets the terminal: ^C and ^Z go to it.'],
	run: (sh, args, io) => {
		const job = findJob(sh.state, args[0]);
		if (typeof job === 'string') {
			io.err(`fg: ${job}\n`);
			return 1;
		}
		io.out(`${job.text}\n`);
		if (sh.state.jobControl) sh.ctx.setForeground(job.pgid);
		if (job.state === 'stopped') {
			job.state = 'running';
			sh.ctx.killGroup(job.pgid, 'CONT');
		}
		return {wait: {kind: 'job', id: job.id}};
	},
};

export const bg: Builtin = {
	name: 'bg',
	usage: 'bg [%N]',
	summary: 'continue a stopped job in the background',
	help: ['Without an argument: the current job (%+, the newest).'],
	run: (sh, args, io) => {
		const job = findJob(sh.state, args[0]);
		if (typeof job === 'string') {
			io.err(`bg: ${job}\n`);
			return 1;
		}
		if (job.state !== 'stopped') {
			io.err(`bg: job ${job.id} is ${job.state === 'done' ? 'done' : 'already running'}\n`);
			return job.state === 'done' ? 1 : 0;
		}
		job.state = 'running';
		job.notified = true;
		sh.ctx.killGroup(job.pgid, 'CONT');
		io.out(`[${job.id}]+ ${job.text} &\n`);
		return 0;
	},
};

export const wait: Builtin = {
	name: 'wait',
	usage: 'wait [%N|PID...]',
	summary: 'wait for background jobs to end; the status is the last one\'s',
	help: ['Without arguments: every job. A stopped job also ends the wait.'],
	run: (sh, args, io) => {
		const ids: number[] = [];
		for (const arg of args) {
			const job = findJob(sh.state, arg);
			if (typeof job === 'string') {
				io.err(`wait: ${/^\d+$/.test(arg) ? `pid ${arg} is not a child of this shell` : job}\n`);
				return 127;
			}
			ids.push(job.id);
		}
		return {wait: {kind: 'wait', ids: args.length === 0 ? null : ids}};
	},
};

export const kill: Builtin = {
	name: 'kill',
	usage: 'kill [-SIG | -s SIG] PID|%N...   kill -l',
	summary: 'send a signal (TERM by default) to processes or jobs',
	help: [
		'SIG is a name (INT, TERM, KILL, STOP, CONT, TSTP, ...) with or without SIG, or a number.',
		'%N signals every process of job N. -l lists the signals.',
	],
	run: (sh, args, io) => {
		if (args[0] === '-l') {
			io.out(`${Object.entries(SIGNALS).map(([name, row]) => `${row.number}) ${name}`).join('  ')}\n`);
			return 0;
		}
		let signal: SignalName = 'TERM';
		let k = 0;
		if (args[0] === '-s' || (args[0]?.startsWith('-') && args[0].length > 1)) {
			const word = args[0] === '-s' ? args[1] : args[0].slice(1);
			const parsed = word === undefined ? null : parseSignal(word);
			if (parsed === null) {
				io.err(`kill: ${word ?? '-s'}: ${word === undefined ? 'a signal is needed' : 'no such signal'} (kill -l lists them)\n`);
				return 2;
			}
			signal = parsed;
			k = args[0] === '-s' ? 2 : 1;
		}
		if (k >= args.length) {
			io.err(`kill: usage: ${kill.usage}\n`);
			return 2;
		}
		let status = 0;
		for (const target of args.slice(k)) {
			try {
				if (target.startsWith('%')) {
					const job = findJob(sh.state, target);
					// findJob's message names the spec, except "no jobs".
					if (typeof job === 'string') {
						io.err(`kill: ${sh.state.jobs.length === 0 ? `${target}: ${job}` : job}\n`);
						status = 1;
						continue;
					}
					// Ended, and not yet reported at a prompt: its process group is gone.
					if (job.state === 'done') {
						io.err(`kill: ${target}: job ${job.id} has already ended\n`);
						status = 1;
						continue;
					}
					sh.ctx.killGroup(job.pgid, signal);
				} else if (/^\d+$/.test(target)) {
					sh.ctx.kill(Number(target), signal);
				} else throw new KernelError('EINVAL', 'a PID or %N is needed');
			} catch (error) {
				if (!(error instanceof KernelError)) throw error;
				io.err(`kill: ${target}: ${error.errno === 'ESRCH' && !target.startsWith('%') ? 'no such process' : error.message}\n`);
				status = 1;
			}
		}
		return status;
	},
};
