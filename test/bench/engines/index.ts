/**
 * The registry of benchmark engines. To add one, implement `Engine` (../engine.ts) in a file of
 * this folder and append it to ENGINES (an `optional` one is measured only when named with
 * `--engine`). The baseline engine is always measured, because ratios are only quoted against a
 * baseline measured in the same run.
 */

import type {Engine} from '../engine.js';
import {nodeEngine} from './node.js';
import {nodeCountedEngine} from './node-counted.js';
import {wasmosEngine, wasmosUnslicedEngine} from './wasmos.js';

export const BASELINE_ENGINE = nodeEngine.name;

export const ENGINES: readonly Engine[] = [nodeEngine, wasmosEngine, wasmosUnslicedEngine, nodeCountedEngine];
