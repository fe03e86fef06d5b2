/*
 * V8 settings for the whole process, applied before anything else is loaded: the first import of
 * cli.tsx, and of the bench (test/bench/run.ts), so that what the bench measures is what the app runs.
 *
 * --no-use-osr: the interpreter's run() is called once per scheduler slice (10,000 instructions by
 * default), so V8 optimises it by call count and on-stack replacement gains nothing. It costs a lot
 * once run() has been deoptimised after its first optimisation (for instance when loading another
 * module changes what the optimised code assumed about an object shape): V8 then enters run() in
 * baseline code and jumps into the loop's OSR code on every call, and never optimises it again.
 * Measured (fib, one process, best of the calls after a second module was compiled): 285 ms with
 * OSR off, 360–380 ms with it on, where it stays for the rest of the process.
 */

import v8 from 'node:v8';

v8.setFlagsFromString('--no-use-osr');
