/*
 * Snapshot size and speed (not a test; run it by hand):
 *
 *   node --import tsx test/bench/snapshot.ts [--only 1x1,10x64,...]
 *
 * For 1, 10 and 50 processes with 1 MiB and with 64 MiB of touched memory each, it boots a machine,
 * lets every process fill its memory (non-zero bytes, so no page is left out as all-zero) and spin,
 * then saves it to a temp file (streamed, atomic) and restores it from the file (streamed), and
 * prints the file's size and both times (wall clock, and the CPU time this process used, which a
 * busy host disturbs less). Each case runs in this process one after the other; the
 * host needs about twice the largest case's memory free.
 */

import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {performance} from 'node:perf_hooks';
import {boot, loadProgram, restoreSnapshot, saveSnapshot} from '../../source/kernel/kernel.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {watBytes} from '../helpers/wat.js';

/** A process that writes a pattern through `mib` MiB of memory (one store per 8 bytes), then spins. */
function toucher(mib: number): Promise<Uint8Array> {
	const pages = mib * 16;
	const text = `(module
  (memory (export "memory") ${pages})
  (func (export "_start") (local $at i32)
    (loop $fill
      (i64.store (local.get $at) (i64.add (i64.extend_i32_u (local.get $at)) (i64.const 0x0101010101010101)))
      (local.set $at (i32.add (local.get $at) (i32.const 8)))
      (br_if $fill (i32.lt_u (local.get $at) (i32.const ${pages * 65536}))))
    (loop $spin (br $spin))))`;
	return watBytes(text, {name: 'toucher.wat'});
}

function mb(bytes: number): string {
	return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

async function main(): Promise<void> {
	const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1].split(',') : null;
	const dir = mkdtempSync(join(tmpdir(), 'wasmos-snapshot-bench-'));
	console.log('processes  memory each   file size       save (wall, cpu)    restore (wall, cpu)');
	try {
		for (const mib of [1, 64]) {
			const program = loadProgram(await toucher(mib), `touch${mib}`);
			for (const count of [1, 10, 50]) {
				if (only !== null && !only.includes(`${count}x${mib}`)) continue;
				const kernel = boot({quantum: 1_000_000, limits: {memory: 128 * 2 ** 20}});
				kernel.registerAbi(wasiPreview1());
				for (let k = 0; k < count; k++) kernel.spawn({program, argv: ['touch']});
				// The store loop takes 14 instructions per 8 bytes; with that much run, every process spins.
				const needed = count * (mib * 2 ** 20 * 2 + 1_000_000);
				while (kernel.machine().instructions < needed) kernel.tick(50_000_000);
				const file = join(dir, `${count}x${mib}.json`);
				let t = performance.now();
				let cpu = process.cpuUsage();
				saveSnapshot(kernel, file);
				const save = performance.now() - t;
				const saveCpu = process.cpuUsage(cpu);
				const size = statSync(file).size;
				t = performance.now();
				cpu = process.cpuUsage();
				const restored = restoreSnapshot(file, {abis: [wasiPreview1()]});
				const restore = performance.now() - t;
				const restoreCpu = process.cpuUsage(cpu);
				if (restored.kernel.machine().memory.bytes !== kernel.machine().memory.bytes) throw new Error('restored memory differs');
				// Every page touched: the file holds each as base64 (87,384 bytes and its key).
				if (size < count * mib * 16 * 87_384) throw new Error(`only part of the memory was touched (${size} bytes)`);
				const secs = (ms: number, usage: NodeJS.CpuUsage) => `${(ms / 1000).toFixed(2)} s (cpu ${((usage.user + usage.system) / 1e6).toFixed(2)} s)`;
				console.log(`${String(count).padStart(9)}  ${`${mib} MiB`.padStart(11)}  ${mb(size).padStart(10)}  ${secs(save, saveCpu).padStart(20)}  ${secs(restore, restoreCpu).padStart(20)}`);
				rmSync(file);
			}
		}
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
}

await main();
