/*
 * Run by the snapshot property test in a fresh Node process (node --import tsx): restores each
 * snapshot file named in the request, checks that saving it again gives the same bytes, runs it to
 * the end, and prints one JSON line per snapshot: {file, identical, outcome} or {file, error}.
 *
 *   node --import tsx restore-child.ts REQUEST.json      REQUEST: {"files": ["/tmp/.../3.json", ...]}
 */

import {readFileSync} from 'node:fs';
import {restoreSnapshot, snapshotText} from '../../../source/kernel/kernel.js';
import {abis, finish, tasks} from './scenarios.js';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {files: string[]};
for (const file of request.files) {
	try {
		const {kernel} = restoreSnapshot(file, {abis: abis(), tasks: tasks()});
		const identical = snapshotText(kernel) === readFileSync(file, 'utf8');
		process.stdout.write(`${JSON.stringify({file, identical, outcome: finish(kernel)})}\n`);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({file, error: String(error)})}\n`);
	}
}
