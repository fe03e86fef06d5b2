/* Builtins on variables: env, export, unset. Exported variables are the environment of the programs the shell starts. */

import type {Builtin} from '../builtin.js';
import type {ShellState} from '../state.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The environment a program started now would get: the exported variables, in the order they were exported. */
export function exportedEnv(state: ShellState): Record<string, string> {
	const env: Record<string, string> = {};
	for (const name of state.exported) if (Object.hasOwn(state.vars, name)) env[name] = state.vars[name];
	return env;
}

/** 'value' quoted for the shell to read back. */
function quote(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

export const env: Builtin = {
	name: 'env',
	usage: 'env',
	summary: 'print the exported variables (what programs receive)',
	help: ['One NAME=VALUE per line.'],
	run: (sh, args, io) => {
		if (args.length > 0) {
			io.err('env: running a command with a changed environment is not supported: use NAME=VALUE COMMAND\n');
			return 2;
		}
		io.out(Object.entries(exportedEnv(sh.state)).map(([k, v]) => `${k}=${v}\n`).join(''));
		return 0;
	},
};

export const exportBuiltin: Builtin = {
	name: 'export',
	usage: 'export [NAME[=VALUE]...]',
	summary: 'give variables to the programs started from now on',
	help: ['Without arguments: list the exported variables as export commands.'],
	run: (sh, args, io) => {
		const s = sh.state;
		if (args.length === 0) {
			io.out(s.exported.filter(n => Object.hasOwn(s.vars, n)).map(n => `export ${n}=${quote(s.vars[n])}\n`).join(''));
			return 0;
		}
		let status = 0;
		for (const arg of args) {
			const eq = arg.indexOf('=');
			const name = eq < 0 ? arg : arg.slice(0, eq);
			if (!NAME.test(name)) {
				io.err(`export: \`${arg}': not a valid name\n`);
				status = 1;
				continue;
			}
			if (eq >= 0) s.vars[name] = arg.slice(eq + 1);
			if (!s.exported.includes(name)) s.exported.push(name);
		}
		return status;
	},
};

export const unset: Builtin = {
	name: 'unset',
	usage: 'unset NAME...',
	summary: 'forget variables (and stop exporting them)',
	help: [],
	run: (sh, args, io) => {
		const s = sh.state;
		let status = 0;
		for (const name of args) {
			if (!NAME.test(name)) {
				io.err(`unset: \`${name}': not a valid name\n`);
				status = 1;
				continue;
			}
			delete s.vars[name];
			s.exported = s.exported.filter(n => n !== name);
		}
		return status;
	},
};
