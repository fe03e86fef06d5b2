/*
 * `--snapshot-at TICK --snapshot-out FILE` of the headless commands (run, sh): when the virtual
 * clock reaches TICK — between two instructions, wherever the quantum is — the machine is saved to
 * FILE (atomically) and goes on. While every process sleeps the clock jumps; a TICK inside such a
 * jump is saved just before it (nothing changes during the jump). A line on stderr says where and
 * when it was saved, or why it could not be.
 *
 *   armSnapshotAt(kernel, options, say) → missed   after boot; throws a UsageError for a half-given pair;
 *                                                 missed() after the run says so when the machine ended
 *                                                 before TICK (no snapshot was saved)
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

export function armSnapshotAt(kernel: Kernel, flags: SnapshotAtFlags, say: (line: string) => void): () => void {
	checkSnapshotFlags(flags);
	const at = flags.snapshotAt;
	const file = flags.snapshotOut;
	if (at === undefined || file === undefined) return () => {};
	let reached = false;
	kernel.setCheckpoint({
		at,
		run: () => {
			reached = true;
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
	return () => {
		if (!reached) say(`wasmos-tui: --snapshot-at ${at}: the machine stopped at tick ${kernel.machine().clock}, before it; no snapshot saved\n`);
	};
}
