/*
 * Snapshots of the whole machine (docs/snapshot-format.md): what the rest of the program uses.
 *
 *   saveSnapshot(kernel, file, {sections?}) → {bytes}        between two instructions, atomically
 *   restoreSnapshot(file, {abis, tasks, idle?, sanitize?}) → {kernel, warnings, sections}
 *   snapshotText(kernel) / restoreText(text, options)        the same in memory
 *   SnapshotError                                            .path: the JSON path at fault
 */

export {saveSnapshot, snapshotText} from './save.js';
export {restoreSnapshot, restoreText} from './restore.js';
export {SnapshotError} from './errors.js';
export {FORMAT, VERSION, type RestoreOptions, type Restored, type SaveOptions} from './format.js';
