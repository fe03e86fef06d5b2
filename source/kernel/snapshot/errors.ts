/*
 * The snapshot error: a snapshot that cannot be written or read back. `path` is the JSON path of the
 * field at fault ("processes[2].exec.thread.position"), or '' when the fault is the file itself (it
 * cannot be opened, it is not JSON). The message says both, for a person:
 *
 *   snapshot /tmp/a.json: processes[2].exec.thread.position: no instruction boundary at offset 0x4f1
 */

export class SnapshotError extends Error {
	override readonly name = 'SnapshotError';
	constructor(
		readonly path: string,
		readonly problem: string,
	) {
		super(path === '' ? problem : `${path}: ${problem}`);
	}
}

/** Runs `fn`; any error it throws that is not a SnapshotError becomes one at `path` (a deeper SnapshotError keeps its own path). */
export function at<T>(path: string, fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof SnapshotError) throw error;
		if (error instanceof Error) throw new SnapshotError(path, error.message);
		throw error;
	}
}
