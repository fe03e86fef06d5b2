/*
 * The machine options (DESIGN.md's table) as every machine-running command reads them: checked
 * (a bad one is a UsageError naming it) and turned into boot options and the guest's environment.
 */

import {statSync} from 'node:fs';
import {kebab, UsageError} from '../cli/argv.js';
import {POLICY_NAMES, type MachineOptions, type MountSpec, type PolicyOptions} from '../kernel/kernel.js';
import {policyOptionProblem} from '../kernel/scheduler/params.js';
import {checkSnapshotFlags} from './snapshot-at.js';
import {allowPatternProblem} from '../kernel/limits.js';

export interface MachineFlags {
	readonly policy?: string;
	readonly quantum?: number;
	readonly seed?: number;
	readonly env?: readonly string[];
	readonly maxMemory?: number;
	readonly fuel?: number;
	readonly maxSyscalls?: number;
	readonly maxFds?: number;
	readonly maxCallDepth?: number;
	readonly maxProcs?: number;
	/** Allowed imports: "MODULE" or "MODULE.FUNCTION" words. */
	readonly allow?: readonly string[];
	readonly maxTicks?: number;
	readonly aging?: number;
	readonly mlfqLevels?: number;
	readonly mlfqQuanta?: readonly number[];
	readonly mlfqAllotment?: number;
	readonly mlfqBoost?: number;
	readonly sjfAlpha?: number;
	readonly sjfInitial?: number;
	/** "PID=N" words (parsed by ticketsByPid). */
	readonly tickets?: readonly string[];
	/** "HOST::GUEST[:ro]" words (parsed by parseMounts). */
	readonly dir?: readonly string[];
	/** run and sh: save a snapshot at this tick to this file (snapshot-at.ts). */
	readonly snapshotAt?: number;
	readonly snapshotOut?: string;
}

/** Refuses an unknown policy, a policy parameter out of range or a bad --tickets before anything boots. */
export function checkMachineFlags(flags: MachineFlags): void {
	if (flags.policy !== undefined) checkPolicyName(flags.policy);
	if (flags.quantum === 0) throw new UsageError('--quantum must be at least 1');
	const bad = policyOptionProblem(policyOptions(flags));
	if (bad !== null) throw new UsageError(`--${kebab(bad.option)} ${bad.problem}`);
	ticketsByPid(flags);
	parseMounts(flags.dir ?? []);
	checkLimitFlags(flags);
	checkSnapshotFlags(flags);
}

/** --max-fds at least 3 (stdin, stdout, stderr), --max-call-depth and --max-procs at least 1, --allow patterns well formed. */
function checkLimitFlags(flags: MachineFlags): void {
	if (flags.maxFds !== undefined && flags.maxFds < 3) throw new UsageError('--max-fds must be at least 3 (stdin, stdout and stderr)');
	if (flags.maxCallDepth === 0) throw new UsageError('--max-call-depth must be at least 1');
	if (flags.maxProcs === 0) throw new UsageError('--max-procs must be at least 1');
	for (const pattern of flags.allow ?? []) {
		const problem = allowPatternProblem(pattern);
		if (problem !== null) throw new UsageError(`--allow: ${problem}`);
	}
}

export function checkPolicyName(name: string): void {
	if (!POLICY_NAMES.includes(name)) throw new UsageError(`unknown scheduling policy "${name}" (policies: ${POLICY_NAMES.join(', ')})`);
}

/** The policy parameters the flags give (the kernel's PolicyOptions). */
export function policyOptions(flags: MachineFlags): PolicyOptions {
	return {
		quantum: flags.quantum,
		aging: flags.aging,
		mlfqLevels: flags.mlfqLevels,
		mlfqQuanta: flags.mlfqQuanta,
		mlfqAllotment: flags.mlfqAllotment,
		mlfqBoost: flags.mlfqBoost,
		sjfAlpha: flags.sjfAlpha,
		sjfInitial: flags.sjfInitial,
	};
}

/** --tickets PID=N words: tickets by pid; a malformed word is a usage error. */
export function ticketsByPid(flags: MachineFlags): ReadonlyMap<number, number> {
	const tickets = new Map<number, number>();
	for (const word of flags.tickets ?? []) {
		const match = /^(\d+)=(\d+)$/.exec(word);
		const pid = Number(match?.[1]);
		const n = Number(match?.[2]);
		if (match === null || pid < 1 || n < 1 || !Number.isSafeInteger(pid) || !Number.isSafeInteger(n)) {
			throw new UsageError(`--tickets needs PID=N with a pid and a number of tickets of at least 1, got "${word}"`);
		}
		tickets.set(pid, n);
	}
	return tickets;
}

/** The boot options the flags ask for (terminal and idle behaviour are the command's to add). */
export function bootOptions(flags: MachineFlags): MachineOptions {
	return {
		policy: flags.policy,
		quantum: flags.quantum,
		policyOptions: policyOptions(flags),
		seed: flags.seed,
		maxTicks: flags.maxTicks ?? null,
		mounts: parseMounts(flags.dir ?? []),
		limits: {
			...(flags.maxMemory === undefined ? {} : {memory: flags.maxMemory}),
			...(flags.fuel === undefined ? {} : {fuel: flags.fuel}),
			...(flags.maxSyscalls === undefined ? {} : {syscalls: flags.maxSyscalls}),
			...(flags.maxFds === undefined ? {} : {fds: flags.maxFds}),
			...(flags.maxCallDepth === undefined ? {} : {callDepth: flags.maxCallDepth}),
			...(flags.maxProcs === undefined ? {} : {procs: flags.maxProcs}),
			...(flags.allow === undefined || flags.allow.length === 0 ? {} : {allow: [...flags.allow]}),
		},
	};
}

/** --env KEY=VALUE words into a map; a word without "=" or with an empty key is a usage error. */
export function parseEnv(words: readonly string[]): Record<string, string> {
	const env: Record<string, string> = {};
	for (const word of words) {
		const eq = word.indexOf('=');
		if (eq <= 0) throw new UsageError(`--env needs KEY=VALUE, got "${word}"`);
		env[word.slice(0, eq)] = word.slice(eq + 1);
	}
	return env;
}

/**
 * --dir HOST::GUEST[:ro] words into mounts: HOST must be a directory, GUEST an absolute path ("/"
 * mounts over the root). Everything else is a usage error naming the word.
 */
export function parseMounts(words: readonly string[]): MountSpec[] {
	return words.map(word => {
		const match = /^(.+)::(\/[^]*?)(:ro)?$/.exec(word);
		if (match === null) throw new UsageError(`--dir needs HOST::GUEST or HOST::GUEST:ro with an absolute GUEST path, got "${word}"`);
		const [, host, guest, ro] = match;
		if (guest.split('/').some(part => part === '.' || part === '..')) throw new UsageError(`--dir: the guest path ${guest} cannot contain . or ..`);
		// "/d:rw" or "/d:bogus" is a mistyped option, not a directory named so: ro is the only one.
		const option = /:([A-Za-z]+)$/.exec(guest);
		if (option !== null) throw new UsageError(`--dir: unknown mount option :${option[1]} in "${word}" (the only one is :ro; without it the mount is read-write)`);
		let stats;
		try {
			stats = statSync(host, {throwIfNoEntry: false});
		} catch (error) {
			throw new UsageError(`--dir: cannot use ${host}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
		}
		if (stats === undefined) throw new UsageError(`--dir: ${host} does not exist`);
		if (!stats.isDirectory()) throw new UsageError(`--dir: ${host} is not a directory`);
		return {host, guest, readOnly: ro !== undefined};
	});
}
