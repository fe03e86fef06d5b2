/**
 * The registry of benchmark engines. To add one, implement `Engine` (../engine.ts) in a file of
 * this folder and append it to ENGINES (an `optional` one is measured only when named with
 * `--engine`). The baseline engine is always measured, because ratios are only quoted against a
 * baseline measured in the same run.
 */

import type {Engine} from '../engine.js';
import {nodeEngine} from './node.js';
import {kernelEngine} from './kernel.js';
import {nodeCountedEngine} from './node-counted.js';
import {wabtEngine} from './wabt.js';
import {wasmosEngine, wasmosInterpEngine, wasmosUnmeteredEngine, wasmosUnslicedEngine} from './wasmos.js';

export const BASELINE_ENGINE = nodeEngine.name;

export const ENGINES: readonly Engine[] = [nodeEngine, wasmosEngine, wasmosUnmeteredEngine, wasmosUnslicedEngine, wasmosInterpEngine, kernelEngine, nodeCountedEngine, wabtEngine];

/**
 * Engines that every engine's warm time is also compared with ("warm ×wabt") when they were
 * measured in the same run: wabt's interpreter is the yardstick for our interpreter's speed, and
 * our interpreter without metering the yardstick for what metering costs (on the wasmos row).
 */
export const REFERENCE_ENGINES: readonly string[] = [wabtEngine.name, wasmosUnmeteredEngine.name];

/** The metered engine and its unmetered twin: their warm ratio is the cost of metering. */
export const METERING_PAIR = {metered: wasmosEngine.name, unmetered: wasmosUnmeteredEngine.name} as const;
