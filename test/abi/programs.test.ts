/*
 * Programs built on the wasmos ABI, from C through examples/include/wasmos.h: every call and its
 * errors (fixtures/abi/abicalls.c), a process tree three levels deep, producer | filter | consumer
 * through two pipes a parent sets up, `yes | head -n 1`, and the sensor example.
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, it} from 'vitest';
import type {Kernel} from '../../source/kernel/kernel.js';
import {abiMachine, install, program, runToEnd, wasmosCalls} from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A machine with the named examples/bin programs in /bin (and fixtures/abi's abicalls). */
function withPrograms(names: readonly string[], options = {}): Kernel {
	const kernel = abiMachine(options);
	for (const name of names) {
		const file = name === 'abicalls' ? 'fixtures/abi/abicalls.wasm' : `examples/bin/${name}.wasm`;
		kernel.fs.writeFile(`/bin/${name}`, readFileSync(`${ROOT}${file}`));
	}
	return kernel;
}

describe('C programs through wasmos.h', () => {
	it('every call and its errors, from C', () => {
		const kernel = withPrograms(['abicalls']);
		const pid = kernel.spawn({path: '/bin/abicalls'});
		const {out} = runToEnd(kernel);
		const lines = out.trim().split('\n');
		expect(lines.filter(line => !line.startsWith('ok '))).toEqual(['0 failures']);
		expect(lines.length).toBeGreaterThan(35);
		expect(kernel.wait(pid)).toMatchObject({status: 130, reason: {kind: 'signal', signal: 'INT'}});
		// Every child was reaped by its parent.
		expect(kernel.processes().map(p => p.pid)).toEqual([]);
	});

	it('forktree: a tree three levels deep, spawned and reaped', () => {
		const kernel = withPrograms(['forktree']);
		const pid = kernel.spawn({path: '/bin/forktree', argv: ['forktree', '3']});
		const {out} = runToEnd(kernel);
		expect(out).toBe(
			[
				'root pid 1 (parent 0)',
				'  └─ pid 2 (parent 1)',
				'    └─ pid 3 (parent 2)',
				'    └─ pid 4 (parent 2)',
				'  └─ pid 5 (parent 1)',
				'    └─ pid 6 (parent 5)',
				'    └─ pid 7 (parent 5)',
				'7 processes in the tree',
				'',
			].join('\n'),
		);
		expect(kernel.wait(pid)?.status).toBe(0);
		const reaps = kernel.events().filter(e => e.type === 'reap');
		expect(reaps.map(e => (e.type === 'reap' ? [e.pid, e.by] : []))).toEqual([
			[3, 2],
			[4, 2],
			[2, 1],
			[6, 5],
			[7, 5],
			[5, 1],
			[1, 0],
		]);
	});

	it('pipeline: producer | filter | consumer through two pipes; the producer blocks on the full pipe', () => {
		const kernel = withPrograms(['pipeline', 'producer', 'filter', 'consumer']);
		const pid = kernel.spawn({path: '/bin/pipeline', argv: ['pipeline', '-n', '6000', '-d', '200000']});
		const {out} = runToEnd(kernel);
		expect(out).toBe(
			[
				'consumer: 6000 lines, 72000 bytes, last "ITEM 006000"',
				'pipeline: producer (pid 2) exited with status 0',
				'pipeline: filter (pid 3) exited with status 0',
				'pipeline: consumer (pid 4) exited with status 0',
				'',
			].join('\n'),
		);
		expect(kernel.wait(pid)?.status).toBe(0);
		const producerBlocked = kernel.events().filter(e => e.type === 'state' && e.pid === 2 && e.to === 'BLOCKED');
		expect(producerBlocked.length).toBeGreaterThan(0);
		expect(producerBlocked[0]).toMatchObject({why: expect.stringMatching(/^write pipe:\[\d+\]$/)});
		expect(wasmosCalls(kernel, pid).map(e => e.name)).toEqual(['pipe', 'pipe', 'spawn', 'dup2', 'dup2', 'dup2', 'dup2', 'spawn', 'dup2', 'dup2', 'spawn', 'wait', 'wait', 'wait']);
	});

	it('yes | head -n 1 ends: head exits, yes gets EPIPE and the PIPE signal', async () => {
		const kernel = withPrograms(['head']);
		// yes as a WAT fixture: "y\n" again and again, one fd_write each.
		await install(
			kernel,
			'/bin/yes',
			`(module
				(import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
				(memory (export "memory") 1)
				(data (i32.const 64) "y\\0a")
				(func (export "_start")
					(i32.store (i32.const 0) (i32.const 64))
					(i32.store (i32.const 4) (i32.const 2))
					(loop $again (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))) (br $again))))`,
		);
		// A parent that runs yes | head -n 1 through a pipe and waits for both.
		await install(
			kernel,
			'/bin/sh1',
			program(
				`(local $yes i32) (local $head i32)
				(drop (call $pipe (i32.const 4100)))
				(i32.store (i32.const 3000) (i32.const 0))
				(i32.store (i32.const 3004) (i32.load (i32.const 4104)))
				(i32.store (i32.const 3008) (i32.const 2))
				(local.set $yes (call $spawn (i32.const 1024) (i32.const 8) (i32.const 2048) (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 3000)))
				(i32.store (i32.const 3100) (i32.load (i32.const 4100)))
				(i32.store (i32.const 3104) (i32.const 1))
				(i32.store (i32.const 3108) (i32.const 2))
				(local.set $head (call $spawn (i32.const 1100) (i32.const 9) (i32.const 2100) (i32.const 3) (i32.const 0) (i32.const 0) (i32.const 3100)))
				(drop (call $fd_close (i32.load (i32.const 4100))))
				(drop (call $fd_close (i32.load (i32.const 4104))))
				(drop (call $wait (local.get $head) (i32.const 4000) (i32.const 0)))
				(drop (call $wait (local.get $yes) (i32.const 4020) (i32.const 0)))`,
				{1024: '/bin/yes', 1100: '/bin/head', 1500: 'yes\0', 1510: 'head\0', 1520: '-n\0', 1530: '1\0', 2048: [1500], 2100: [1510, 1520, 1530]},
			),
		);
		kernel.spawn({path: '/bin/sh1'});
		const {out} = runToEnd(kernel);
		expect(out).toBe('y\n');
		const exits = kernel.events().filter(e => e.type === 'exit');
		expect(exits).toContainEqual(expect.objectContaining({pid: 2, status: 141, reason: {kind: 'signal', signal: 'PIPE'}}));
		expect(exits).toContainEqual(expect.objectContaining({pid: 3, status: 0}));
		expect(kernel.processes().filter(p => p.state !== 'ZOMBIE')).toEqual([]);
	});
});

describe('the sensor ABI', () => {
	it('sensor: deterministic readings from the seed; log and alerts appear as events', () => {
		const run = (seed: number) => {
			const kernel = withPrograms(['sensor'], {seed});
			kernel.spawn({path: '/bin/sensor', argv: ['sensor', '-n', '6', '-t', '240']});
			return {kernel, out: runToEnd(kernel).out};
		};
		const a = run(1);
		const b = run(1);
		const c = run(2);
		expect(a.out).toBe(b.out);
		expect(a.out).not.toBe(c.out);
		const rows = a.out.trim().split('\n');
		expect(rows[0]).toMatch(/^round +temp°C +humid% +hPa +lux +motion +battery%$/);
		expect(rows).toHaveLength(7);
		for (const row of rows.slice(1)) {
			const [, temp, humidity, pressure, light, motion, battery] = row.trim().split(/\s+/).map(Number);
			expect(temp).toBeGreaterThanOrEqual(19.5);
			expect(temp).toBeLessThanOrEqual(26.5);
			expect(humidity).toBeGreaterThanOrEqual(38);
			expect(humidity).toBeLessThanOrEqual(62);
			expect(Math.abs(pressure - 1013)).toBeLessThanOrEqual(3);
			expect(light).toBeGreaterThanOrEqual(0);
			expect([0, 1]).toContain(motion);
			expect(battery).toBeLessThanOrEqual(100);
		}
		const sensorCalls = a.kernel.events().filter(e => e.type === 'syscall' && e.abi === 'sensor');
		expect(sensorCalls.filter(e => e.type === 'syscall' && e.name === 'read_sensor')).toHaveLength(36);
		expect(sensorCalls).toContainEqual(expect.objectContaining({name: 'log', args: expect.stringMatching(/^"round 1: \d+\.\d C, \d+% humidity"$/)}));
		const alerts = sensorCalls.filter(e => e.type === 'syscall' && e.name === 'send_alert');
		expect(alerts.length).toBeGreaterThan(0);
		expect(alerts[0]).toMatchObject({args: expect.stringMatching(/^level=(info|warning|critical), "/)});
	});

	it('read_sensor answers -EINVAL for an unknown id; env and sensor are the same ABI; a bad pointer traps', async () => {
		const kernel = abiMachine();
		await install(
			kernel,
			'/bin/raw',
			`(module
				(import "env" "read_sensor" (func $read (param i32) (result i32)))
				(import "sensor" "read_sensor" (func $read2 (param i32) (result i32)))
				(import "env" "log" (func $log (param i32 i32)))
				(import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
				(memory 1)
				(func (export "_start")
					(if (i32.ne (call $read (i32.const 42)) (i32.const -28)) (then (call $exit (i32.const 1))))
					(drop (call $read2 (i32.const 5)))
					(call $log (i32.const 65530) (i32.const 100))))`,
		);
		const pid = kernel.spawn({path: '/bin/raw'});
		runToEnd(kernel);
		expect(kernel.wait(pid)).toMatchObject({status: 134, reason: {kind: 'trap', trap: 'out of bounds memory access'}});
		const calls = kernel.events().filter(e => e.type === 'syscall');
		expect(calls.map(e => (e.type === 'syscall' ? `${e.abi}.${e.name} ${e.args} → ${e.result}` : ''))).toEqual(['env.read_sensor id=42 → EINVAL', 'sensor.read_sensor id=5 (battery) → 100', 'env.log 65530, 100 → trap']);
	});
});
