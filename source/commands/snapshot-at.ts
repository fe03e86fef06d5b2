/*
 * `--snapshot-at TICK --snapshot-out FILE` of the headless commands (run, sh): when the virtual
 * clock reaches TICK — between two instructions, wherever the quantum is — the machine is saved to
 * FILE (atomically) and goes on. While every process sleeps the clock jumps; a TICK inside such a
 * jump is saved just before it (nothing changes during the jump). A line on stderr says where and
 * when it was saved, or why it could not be.
 *
 *   armSnapshotAt(kernel, options, say)        after boot; throws a UsageError for a half-given pair
 */

import {UsageError} from '../cli/argv.js';
import {saveSnapshot, SnapshotError, type Kernel} from '../kernel/kernel.js';

export interface SnapshotAtFlags {
	readonly snapshotAt?: number;
	readonly snapshotOut?: string;
}

/** Refuses one of the two flags without the other. */
export function checkSnapshotFlags(flags: SnapshotAtFlags): void {
	if ((flags.snapshotAt === undefined) !== (flags.snapshotOut === undefined)) throw new UsageError('--snapshot-at TICK and --snapshot-out FILE go together');
}

export function armSnapshotAt(kernel: Kernel, flags: SnapshotAtFlags, say: (line: string) => void): void {
	checkSnapshotFlags(flags);
	if (flags.snapshotAt === undefined || flags.snapshotOut === undefined) return;
	const file = flags.snapshotOut;
	kernel.setCheckpoint({
		at: flags.snapshotAt,
		run: () => {
			const tick = kernel.machine().clock;
			try {
				const {bytes} = saveSnapshot(kernel, file);
				say(`wasmos-tui: snapshot at tick ${tick} saved to ${file} (${bytes} bytes)\n`);
			} catch (error) {
				if (!(error instanceof SnapshotError)) throw error;
				say(`wasmos-tui: snapshot at tick ${tick} not saved: ${error.message}\n`);
			}
		},
	});
}
