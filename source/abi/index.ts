/*
 * The ABIs of this directory, for the composition roots to register next to WASI:
 *
 *   for (const abi of processAbis()) kernel.registerAbi(abi);
 *
 * wasmos (wasmos.ts: spawn, wait, kill, pipe, dup2, ...) and the sensor ABI under its two module
 * names, "env" and "sensor" (sensor.ts).
 */

import type {Abi} from '../kernel/syscalls.js';
import {sensorAbi} from './sensor.js';
import {wasmosAbi} from './wasmos.js';

export {WASMOS_MODULE, wasmosAbi} from './wasmos.js';
export {sensorAbi, SENSOR_MODULES} from './sensor.js';

export function processAbis(): Abi[] {
	return [wasmosAbi(), sensorAbi('env'), sensorAbi('sensor')];
}
