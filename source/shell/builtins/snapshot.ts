/*
 * `snapshot save FILE`: saves the whole machine to the host file FILE (a host path, relative to the
 * directory wasmos-tui was started in), as JSON (docs/snapshot-format.md). The kernel takes it as
 * soon as this step of the shell is over — between two instructions, with the builtin finished and
 * its status 0 — so a restored machine goes on after this command as if it had just returned. The
 * kernel then says on the shell's stderr where it was saved (or why it could not be); a restored
 * machine does not say it again.
 *
 * `snapshot load FILE` would replace the machine the shell itself runs in, which only the program
 * driving the machine can do: the builtin says how (`wasmos-tui restore FILE`, or --restore FILE for
 * the TUI) and fails with status 2.
 */

import type {Builtin} from '../builtin.js';

export const snapshot: Builtin = {
	name: 'snapshot',
	usage: 'snapshot save|load FILE',
	summary: 'save the whole machine to a host file (load: see help snapshot)',
	help: [
		'save FILE  write a snapshot of every process, file and pipe to the host file FILE (JSON),',
		'           atomically; `wasmos-tui restore FILE` continues it after this command',
		'load FILE  not from inside the machine: run `wasmos-tui restore FILE` (headless: --headless),',
		'           or start the TUI with --restore FILE',
	],
	run: (sh, args, io) => {
		const [action, file, ...extra] = args;
		if ((action !== 'save' && action !== 'load') || file === undefined || file === '' || extra.length > 0) {
			io.err('snapshot: usage: snapshot save|load FILE\n');
			return 2;
		}
		if (action === 'load') {
			io.err(`snapshot: a machine cannot replace itself from inside: run \`wasmos-tui restore ${file}\` (or start the TUI with --restore ${file})\n`);
			return 2;
		}
		sh.ctx.saveSnapshot(file);
		return 0;
	},
};
