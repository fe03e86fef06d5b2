/*
 * The machine's /bin: the example programs shipped with the package (examples/bin/*.wasm, built
 * from the WAT and C sources next to them) written into the VFS as /bin/NAME, and the hostile
 * samples (examples/samples/*.wasm) as /bin/samples/NAME. Every composition root that runs a shell
 * or programs calls it right after boot, so `math add 5 7` finds /bin/math through $PATH.
 *
 *   installBin(kernel);                       examples/ next to source/ or dist/ (the package's)
 *   installBin(kernel, '/some/examples');     another examples directory (tests)
 *
 * It only ever writes into the in-memory tree: when /bin (or /bin/samples) is a host directory
 * mounted with --dir, or the root itself is one (`--dir HOST::/`), that part is left alone rather
 * than writing into the host's files. A missing examples directory installs nothing.
 */

import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {KernelError, type Kernel} from '../kernel/kernel.js';

/** examples/ of the package: two levels up from source/commands/ (tsx) and from dist/commands/ (built). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../../examples/', import.meta.url));

/** Stat.dev of the in-memory tree (kernel/vfs/types.ts); host mounts have their own. */
const MEMORY_DEV = 1;

export function installBin(kernel: Kernel, examples: string = EXAMPLES_DIR): void {
	if (!inMemoryDir(kernel, '/bin')) return;
	installDir(kernel, join(examples, 'bin'), '/bin');
	if (inMemoryDir(kernel, '/bin/samples')) installDir(kernel, join(examples, 'samples'), '/bin/samples');
}

/** Whether `path` is (or can be made, in its in-memory parent) a directory of the in-memory tree. */
function inMemoryDir(kernel: Kernel, path: string): boolean {
	const stat = statOrNull(kernel, path);
	if (stat !== null) return stat.kind === 'dir' && stat.dev === MEMORY_DEV;
	const parent = path.slice(0, path.lastIndexOf('/')) || '/';
	if (statOrNull(kernel, parent)?.dev !== MEMORY_DEV) return false;
	kernel.fs.mkdir(path);
	return true;
}

function statOrNull(kernel: Kernel, path: string): ReturnType<Kernel['fs']['stat']> | null {
	try {
		return kernel.fs.stat(path);
	} catch (error) {
		if (error instanceof KernelError) return null;
		throw error;
	}
}

/** Every FROM/NAME.wasm as TO/NAME. */
function installDir(kernel: Kernel, from: string, to: string): void {
	let names: string[];
	try {
		names = readdirSync(from).filter(name => name.endsWith('.wasm')).sort();
	} catch {
		return;
	}
	for (const name of names) kernel.fs.writeFile(`${to}/${name.slice(0, -'.wasm'.length)}`, readFileSync(join(from, name)));
}
