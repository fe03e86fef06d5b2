/*
 * Giving up the CPU.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#sched_yield
 */

import {wasiCall} from './calls.js';

/**
 * sched_yield() → errno
 * Ends the caller's quantum: it goes back to the scheduler's ready set (round robin: to the back
 * of the queue) and runs again when its turn comes. Always succeeds.
 * https://github.com/WebAssembly/WASI/blob/main/legacy/preview1/docs.md#sched_yield
 */
export const schedYield = wasiCall('sched_yield', {
	handler: ctx => ctx.yield([0]),
	describe: () => '',
});
