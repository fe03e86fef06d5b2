/*
 * Run by tier.test.ts under `node --disallow-code-generation-from-strings`: a hot loop on a host that
 * refuses `new Function`. Prints the outcome, the instruction count and how many loops and functions
 * were translated. Arguments: the export of kernels.wasm and its i32 argument (default: sieve 5000).
 */

import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {compileModule} from '../../../source/wasm/compile/compiler.js';
import {decodeModule} from '../../../source/wasm/decode/index.js';
import {instantiate} from '../../../source/wasm/exec/instance.js';
import {Store} from '../../../source/wasm/exec/store.js';
import {Thread} from '../../../source/wasm/exec/thread.js';

const module = decodeModule(readFileSync(fileURLToPath(new URL('../../../fixtures/exec/kernels.wasm', import.meta.url))));
const compiled = compileModule(module, {tierThreshold: 0});
const instance = instantiate(new Store(), module, compiled, () => undefined, {});
const [name, arg] = [process.argv[2] ?? 'sieve', Number(process.argv[3] ?? 5000)];
const run = instance.exports.get(name);
if (run?.kind !== 'func') throw new Error(`no ${name} export`);
const thread = new Thread(instance.store);
thread.start(run.func, [arg]);
let outcome;
do outcome = thread.run(10_000);
while (outcome.reason === 'budget');
process.stdout.write(`${JSON.stringify({outcome, instructions: thread.instructions, translated: compiled.tier?.compiledCount ?? 0, functions: compiled.functions!.compiledCount}, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}\n`);
