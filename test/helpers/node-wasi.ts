/*
 * Runs a WASI command module on Node's own engine and node:wasi, as the reference a headless run is
 * compared with byte for byte: the real stdin, stdout and stderr, the given arguments, only the
 * --env variables, and the --dir HOST::GUEST directories as preopens (in order, fds 3, 4, ...);
 * the exit status is the program's. A pipe on stdin is reopened through /dev/stdin, so the guest's
 * reads block until data comes: the tsx loader leaves fd 0 non-blocking, and an EAGAIN would end the
 * guest's input early when it runs in a pipeline (`... | node node-wasi.ts upper.wasm | ...`).
 *
 *   node --import tsx test/helpers/node-wasi.ts [--env KEY=VALUE]... [--dir HOST::GUEST]... FILE.wasm [ARGS...]
 */

import {fstatSync, openSync, readFileSync} from 'node:fs';
import process from 'node:process';
import {WASI} from 'node:wasi';
import {nativeWebAssembly} from '../bench/wasm-api.js';

const native = nativeWebAssembly();
if (native === undefined) throw new Error("node-wasi.ts needs Node's WebAssembly");

const words = process.argv.slice(2);
const env: Record<string, string> = {};
const preopens: Record<string, string> = {};
while (words[0] === '--env' || words[0] === '--dir') {
	if (words[0] === '--env') {
		const [key, ...value] = words[1].split('=');
		env[key] = value.join('=');
	} else {
		const [host, guest] = words[1].split('::');
		preopens[guest] = host;
	}
	words.splice(0, 2);
}
const [file, ...args] = words;
const stdin = fstatSync(0).isFIFO() ? openSync('/dev/stdin', 'r') : 0;
const wasi = new WASI({version: 'preview1', args: [file, ...args], env, preopens, stdin, returnOnExit: true});
const instance = new native.Instance(new native.Module(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
