/*
 * File builtins: cd, pwd, ls, cat, mkdir, rm, touch, mv, cp, stat. They reach the VFS through the
 * shell's own fds (../files.ts), never blocking on a file: cat reads at most READ_CAP bytes of a
 * file, and a FIFO without its other side is refused; cat without files copies its standard input
 * (a copy, ../io.ts, which blocks like a program's reads). Errors read "NAME: PATH: text" and make the status 1.
 */

import type {ListedEntry} from '../../kernel/syscalls.js';
import type {Stat} from '../../kernel/vfs/types.js';
import type {Builtin, BuiltinIo, Shell} from '../builtin.js';
import * as fs from '../files.js';

/** Splits leading one-letter options (-la, -p) from the operands; an unknown letter is an error message. */
function options(args: readonly string[], allowed: string): {flags: Set<string>; operands: string[]} | string {
	const flags = new Set<string>();
	let k = 0;
	for (; k < args.length && /^-./.test(args[k]); k++) {
		if (args[k] === '--') {
			k++;
			break;
		}
		for (const c of args[k].slice(1)) {
			if (!allowed.includes(c)) return `-${c}: no such option`;
			flags.add(c);
		}
	}
	return {flags, operands: args.slice(k)};
}

/** Runs a builtin's body with parsed options; a bad option prints the usage and gives 2. */
function withOptions(b: {name: string; usage: string}, allowed: string, args: readonly string[], io: BuiltinIo, body: (flags: Set<string>, operands: string[]) => number): number {
	const parsed = options(args, allowed);
	if (typeof parsed === 'string') {
		io.err(`${b.name}: ${parsed}\n${b.name}: usage: ${b.usage}\n`);
		return 2;
	}
	return body(parsed.flags, parsed.operands);
}

function baseName(path: string): string {
	const trimmed = path.replace(/\/+$/, '');
	return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}

function joinPath(dir: string, name: string): string {
	return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

export const cd: Builtin = {
	name: 'cd',
	usage: 'cd [DIR | -]',
	summary: 'change the working directory (default: $HOME, else /)',
	help: [
		'`..` is taken lexically, as in most shells: cd a/.. is where you were. `cd -` goes back to',
		'$OLDPWD and prints it. $PWD and $OLDPWD follow every change, and each program started afterwards',
		'runs in the new directory (a WASI program resolves its relative paths there).',
	],
	run: (sh, args, io) => {
		if (args.length > 1) {
			io.err('cd: too many arguments\n');
			return 1;
		}
		const s = sh.state;
		let target = args[0] ?? s.vars.HOME ?? '/';
		if (target === '-') {
			if (s.vars.OLDPWD === undefined) {
				io.err('cd: OLDPWD not set\n');
				return 1;
			}
			target = s.vars.OLDPWD;
		}
		if (target === '') target = '.';
		const dir = fs.normalize(s.cwd, target);
		let kind = '';
		if (!fs.attempt(io.err, 'cd', target, () => (kind = fs.statPath(sh, dir).kind))) return 1;
		if (kind !== 'dir') {
			io.err(`cd: ${target}: Not a directory\n`);
			return 1;
		}
		s.vars.OLDPWD = s.cwd;
		s.cwd = dir;
		s.vars.PWD = dir;
		if (args[0] === '-') io.out(`${dir}\n`);
		return 0;
	},
};

export const pwd: Builtin = {
	name: 'pwd',
	usage: 'pwd',
	summary: 'print the working directory',
	help: ['The absolute path the shell keeps, as cd set it (with `..` taken lexically).'],
	run: (sh, _args, io) => {
		io.out(`${sh.state.cwd}\n`);
		return 0;
	},
};

const KIND_LETTER: Readonly<Record<Stat['kind'], string>> = {dir: 'd', file: '-', symlink: 'l', fifo: 'p', device: 'c', special: '?'};

function pad2(n: number): string {
	return String(n).padStart(2, '0');
}

/** "YYYY-MM-DD HH:MM" (UTC) of a time in nanoseconds since the epoch. */
function formatTime(ns: bigint): string {
	const d = new Date(Number(ns / 1_000_000n));
	return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** ls -l rows: kind, links, size, time, name (-> target for a symlink), columns aligned. */
function longRows(sh: Shell, rows: ReadonlyArray<{name: string; path: string; stat: Stat}>): string {
	const cells = rows.map(({name, path, stat}) => {
		let shown = name;
		if (stat.kind === 'symlink') {
			try {
				shown += ` -> ${fs.readlink(sh, path)}`;
			} catch (error) {
				if (!(error instanceof fs.FileError)) throw error;
			}
		}
		return [KIND_LETTER[stat.kind], String(stat.nlink), String(stat.size), formatTime(stat.mtim), shown];
	});
	const w1 = Math.max(0, ...cells.map(c => c[1].length));
	const w2 = Math.max(0, ...cells.map(c => c[2].length));
	return cells.map(c => `${c[0]} ${c[1].padStart(w1)} ${c[2].padStart(w2)} ${c[3]} ${c[4]}\n`).join('');
}

export const ls: Builtin = {
	name: 'ls',
	usage: 'ls [-l] [-a] [PATH...]',
	summary: 'list directories (default: the working directory) and files',
	help: [
		'One name per line, sorted. -a shows names starting with a dot, . and .. included. -l shows each',
		'as: kind (d directory, - file, l symlink, p FIFO, c device), link count, size in bytes (a',
		"directory: its entry count), modification time (UTC) and the name; a symlink's target follows",
		'->. Files named come first, then each directory, under a heading when there are several.',
	],
	run: (sh, args, io) =>
		withOptions(ls, 'la', args, io, (flags, operands) => {
			const long = flags.has('l');
			const all = flags.has('a');
			const paths = operands.length === 0 ? ['.'] : operands;
			let status = 0;
			const files: Array<{name: string; path: string; stat: Stat}> = [];
			const dirs: string[] = [];
			for (const path of paths) {
				const ok = fs.attempt(io.err, 'ls', path, () => {
					// A symlink named on the command line is followed (when it can be).
					const stat = statOrLink(sh, path);
					if (stat.kind === 'dir') dirs.push(path);
					else files.push({name: path, path, stat});
				});
				if (!ok) status = 1;
			}
			const out: string[] = [];
			if (files.length > 0) out.push(long ? longRows(sh, files) : files.map(f => `${f.name}\n`).join(''));
			for (const dir of dirs) {
				let text = '';
				const ok = fs.attempt(io.err, 'ls', dir, () => {
					let entries: Array<Pick<ListedEntry, 'name'>> = fs.listDir(sh, dir);
					if (all) entries = [{name: '.'}, {name: '..'}, ...entries];
					else entries = entries.filter(e => !e.name.startsWith('.'));
					if (!long) text = entries.map(e => `${e.name}\n`).join('');
					else {
						const rows: Array<{name: string; path: string; stat: Stat}> = [];
						for (const e of entries) {
							const path = joinPath(dir, e.name);
							fs.attempt(io.err, 'ls', path, () => rows.push({name: e.name, path, stat: fs.statPath(sh, path, false)}));
						}
						text = longRows(sh, rows);
					}
				});
				if (!ok) {
					status = 1;
					continue;
				}
				out.push(paths.length > 1 ? `${dir}:\n${text}` : text);
			}
			io.out(out.join('\n'));
			return status;
		}),
};

/** The stat of what a path leads to; a dangling symlink's own stat. */
function statOrLink(sh: Shell, path: string): Stat {
	try {
		return fs.statPath(sh, path);
	} catch (error) {
		if (!(error instanceof fs.FileError)) throw error;
		return fs.statPath(sh, path, false);
	}
}

const decoder = new TextDecoder();

export const cat: Builtin = {
	name: 'cat',
	usage: 'cat [FILE...]',
	summary: 'print files one after the other (none, or -: the standard input)',
	help: [
		'Without a FILE, or with -, cat copies its standard input to its standard output as it comes,',
		'byte for byte, waiting for each piece like a program does (`echo hi | cat`, `cat < file`); at',
		'the prompt it reads the terminal until ^D and runs as a job of its own (^C ends it).',
		`Files are read whole, at most ${fs.READ_CAP / 1024 / 1024} MiB of each (a device such as /dev/zero never ends); a FIFO`,
		'that has no writer yet is refused, and - cannot be mixed with files. Bytes of a file that are not',
		'UTF-8 are shown as U+FFFD.',
	],
	readsInput: args => args.every(a => a === '-'),
	run: (sh, args, io) => {
		if (args.every(a => a === '-')) return {copy: true};
		if (args.includes('-')) {
			io.err('cat: - (the standard input) cannot be mixed with files\n');
			return 2;
		}
		let status = 0;
		for (const path of args) {
			const ok = fs.attempt(io.err, 'cat', path, () => {
				const {data, truncated} = fs.readFile(sh, path);
				io.out(decoder.decode(data));
				if (truncated) {
					io.err(`cat: ${path}: stopped after ${fs.READ_CAP} bytes\n`);
					status = 1;
				}
			});
			if (!ok) status = 1;
		}
		return status;
	},
};

export const mkdir: Builtin = {
	name: 'mkdir',
	usage: 'mkdir [-p] DIR...',
	summary: 'make directories',
	help: ['-p makes the missing parents too, and is quiet about a directory that already exists.'],
	run: (sh, args, io) =>
		withOptions(mkdir, 'p', args, io, (flags, operands) => {
			if (operands.length === 0) {
				io.err(`mkdir: usage: ${mkdir.usage}\n`);
				return 2;
			}
			let status = 0;
			for (const path of operands) {
				const ok = fs.attempt(io.err, 'mkdir', path, () => {
					if (!flags.has('p')) return fs.mkdir(sh, path);
					const parts = path.split('/');
					for (let k = 1; k <= parts.length; k++) {
						const prefix = parts.slice(0, k).join('/');
						if (prefix === '' || parts[k - 1] === '' || parts[k - 1] === '.' || parts[k - 1] === '..') continue;
						try {
							fs.mkdir(sh, prefix);
						} catch (error) {
							if (!(error instanceof fs.FileError) || error.errno !== 'EEXIST') throw error;
							if (fs.statPath(sh, prefix).kind !== 'dir') throw new fs.FileError('ENOTDIR');
						}
					}
				});
				if (!ok) status = 1;
			}
			return status;
		}),
};

/** Removes a path; a directory (with its contents) only with `recursive`. */
function remove(sh: Shell, path: string, recursive: boolean): void {
	const stat = fs.statPath(sh, path, false);
	if (stat.kind !== 'dir') return fs.unlink(sh, path);
	if (!recursive) throw new fs.FileError('EISDIR');
	for (const e of fs.listDir(sh, path)) remove(sh, joinPath(path, e.name), true);
	fs.rmdir(sh, path);
}

export const rm: Builtin = {
	name: 'rm',
	usage: 'rm [-r] [-f] PATH...',
	summary: 'remove files (and with -r, directories and all they hold)',
	help: ['-r removes directories recursively (a symlink is removed, never followed). -f says nothing of paths that do not exist.'],
	run: (sh, args, io) =>
		withOptions(rm, 'rRf', args, io, (flags, operands) => {
			const recursive = flags.has('r') || flags.has('R');
			if (operands.length === 0 && !flags.has('f')) {
				io.err(`rm: usage: ${rm.usage}\n`);
				return 2;
			}
			let status = 0;
			for (const path of operands) {
				if (flags.has('f') && !fs.exists(sh, path)) continue;
				if (fs.normalize(sh.state.cwd, path) === '/' || /(^|\/)\.\.?\/*$/.test(path)) {
					io.err(`rm: ${path}: refusing to remove '.', '..' or '/'\n`);
					status = 1;
					continue;
				}
				if (!fs.attempt(io.err, 'rm', path, () => remove(sh, path, recursive))) status = 1;
			}
			return status;
		}),
};

export const touch: Builtin = {
	name: 'touch',
	usage: 'touch FILE...',
	summary: 'make empty files, or set the times of existing ones to now',
	help: ['The time is the virtual machine\'s clock, as every file time is.'],
	run: (sh, args, io) => {
		if (args.length === 0) {
			io.err(`touch: usage: ${touch.usage}\n`);
			return 2;
		}
		let status = 0;
		for (const path of args) if (!fs.attempt(io.err, 'touch', path, () => fs.touch(sh, path))) status = 1;
		return status;
	},
};

/** Where SOURCE goes for mv and cp: into TARGET when it is a directory, else TARGET itself. */
function destination(source: string, target: string, intoDir: boolean): string {
	return intoDir ? joinPath(target, baseName(source)) : target;
}

/** Whether `to` lies inside directory `dir` (after . and .. are resolved): a copy or move there would hold itself. */
function inside(sh: Shell, to: string, dir: string): boolean {
	const d = fs.normalize(sh.state.cwd, dir);
	return fs.normalize(sh.state.cwd, to).startsWith(d === '/' ? '/' : `${d}/`);
}

function isDir(sh: Shell, path: string): boolean {
	try {
		return fs.statPath(sh, path).kind === 'dir';
	} catch (error) {
		if (error instanceof fs.FileError) return false;
		throw error;
	}
}

/** Checks SOURCE... TARGET: two operands, or more with a directory last. */
function sourcesAndTarget(b: Builtin, sh: Shell, operands: readonly string[], io: BuiltinIo): {sources: string[]; target: string; intoDir: boolean} | null {
	if (operands.length < 2) {
		io.err(`${b.name}: usage: ${b.usage}\n`);
		return null;
	}
	const target = operands.at(-1)!;
	const intoDir = isDir(sh, target);
	if (operands.length > 2 && !intoDir) {
		io.err(`${b.name}: ${target}: Not a directory\n`);
		return null;
	}
	return {sources: operands.slice(0, -1), target, intoDir};
}

export const mv: Builtin = {
	name: 'mv',
	usage: 'mv SOURCE... TARGET',
	summary: 'move or rename files and directories',
	help: [
		'With a directory as TARGET each SOURCE moves into it; else the one SOURCE is renamed to TARGET,',
		'replacing a file there. A move is a rename in the kernel: it cannot cross file systems (a host',
		'mount and the in-memory tree).',
	],
	run: (sh, args, io) => {
		const parsed = sourcesAndTarget(mv, sh, args, io);
		if (parsed === null) return args.length < 2 ? 2 : 1;
		let status = 0;
		for (const source of parsed.sources) {
			const to = destination(source, parsed.target, parsed.intoDir);
			if (isDir(sh, source) && inside(sh, to, source)) {
				io.err(`mv: cannot move '${source}' to a subdirectory of itself, '${to}'\n`);
				status = 1;
			} else if (!fs.attempt(io.err, 'mv', source, () => fs.rename(sh, source, to))) status = 1;
		}
		return status;
	},
};

/** Copies a file, or with `recursive` a directory and what it holds. */
function copy(sh: Shell, from: string, to: string, recursive: boolean): void {
	const stat = fs.statPath(sh, from);
	if (stat.kind === 'dir') {
		if (!recursive) throw new fs.FileError('EISDIR');
		if (!isDir(sh, to)) fs.mkdir(sh, to);
		for (const e of fs.listDir(sh, from)) copy(sh, joinPath(from, e.name), joinPath(to, e.name), true);
		return;
	}
	const {data, truncated} = fs.readFile(sh, from);
	if (truncated) throw new fs.FileError('EFBIG');
	fs.writeFile(sh, to, data);
}

export const cp: Builtin = {
	name: 'cp',
	usage: 'cp [-r] SOURCE... TARGET',
	summary: 'copy files (and with -r, directories)',
	help: [
		'With a directory as TARGET each SOURCE is copied into it; else the one SOURCE is copied to',
		`TARGET. Symlinks are followed. A builtin never waits, so a file of more than ${fs.READ_CAP / 1024 / 1024} MiB is refused.`,
	],
	run: (sh, args, io) =>
		withOptions(cp, 'rR', args, io, (flags, operands) => {
			const parsed = sourcesAndTarget(cp, sh, operands, io);
			if (parsed === null) return operands.length < 2 ? 2 : 1;
			let status = 0;
			for (const source of parsed.sources) {
				const to = destination(source, parsed.target, parsed.intoDir);
				if (isDir(sh, source) && inside(sh, to, source)) {
					io.err(`cp: cannot copy a directory, '${source}', into itself, '${to}'\n`);
					status = 1;
				} else if (!fs.attempt(io.err, 'cp', source, () => copy(sh, source, to, flags.has('r') || flags.has('R')))) status = 1;
			}
			return status;
		}),
};

const KIND_NAME: Readonly<Record<Stat['kind'], string>> = {dir: 'directory', file: 'regular file', symlink: 'symbolic link', fifo: 'fifo', device: 'character device', special: 'special file'};

export const stat: Builtin = {
	name: 'stat',
	usage: 'stat PATH...',
	summary: 'show what the file system knows of a path',
	help: [
		'Its kind, size, device and inode numbers, link count, and access, modification and change times',
		'(UTC, from the virtual clock). A symlink is shown itself, not followed.',
	],
	run: (sh, args, io) => {
		if (args.length === 0) {
			io.err(`stat: usage: ${stat.usage}\n`);
			return 2;
		}
		let status = 0;
		for (const path of args) {
			const ok = fs.attempt(io.err, 'stat', path, () => {
				const st = fs.statPath(sh, path, false);
				const time = (ns: bigint) => `${new Date(Number(ns / 1_000_000n)).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
				const name = st.kind === 'symlink' ? `${path} -> ${fs.readlink(sh, path)}` : path;
				io.out(
					[
						`  File: ${name}`,
						`  Size: ${st.size}  Kind: ${st.device === null ? KIND_NAME[st.kind] : `${KIND_NAME[st.kind]} (${st.device})`}`,
						`Device: ${st.dev}  Inode: ${st.ino}  Links: ${st.nlink}`,
						`Access: ${time(st.atim)}`,
						`Modify: ${time(st.mtim)}`,
						`Change: ${time(st.ctim)}`,
						'',
					].join('\n'),
				);
			});
			if (!ok) status = 1;
		}
		return status;
	},
};
