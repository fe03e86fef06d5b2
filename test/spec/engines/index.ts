/**
 * The engines `--engine NAME` can select, by name. Add an adapter here to make it runnable; the harness
 * itself never imports an adapter. Factories must not touch `WebAssembly` until called, so that the
 * list loads under `node --no-expose-wasm`.
 */
import type {EngineFactory} from '../engine.js';
import {createBrokenEngine} from './broken.js';
import {createNodeEngine} from './node.js';
import {createWasmosEngine} from './wasmos.js';

export const ENGINES: Readonly<Record<string, EngineFactory>> = {
	node: createNodeEngine,
	broken: createBrokenEngine,
	wasmos: createWasmosEngine,
};

export const DEFAULT_ENGINE = 'node';
