/*
 * Runs a WASI command module on Node's own engine and node:wasi, as the reference a headless run is
 * compared with byte for byte: the real stdin, stdout and stderr, the given arguments, only the
 * --env variables, and the --dir HOST::GUEST directories as preopens (in order, fds 3, 4, ...);
 * the exit status is the program's.
 *
 *   node --import tsx test/helpers/node-wasi.ts [--env KEY=VALUE]... [--dir HOST::GUEST]... FILE.wasm [ARGS...]
 */

import {readFileSync} from 'node:fs';
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
const wasi = new WASI({version: 'preview1', args: [file, ...args], env, preopens, returnOnExit: true});
const instance = new native.Instance(new native.Module(readFileSync(file)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
