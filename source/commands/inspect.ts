/*
 * `wasmos-tui inspect [--json] FILE.wasm`: what the decoder sees in a module (sections with offsets
 * and sizes, types, imports, exports, functions with their names, tables, memories, globals,
 * segments, custom sections), and whether the validator accepts it.
 *
 * Exit status 0 for a valid module; 1 when the file cannot be read, is malformed (nothing else is
 * printed) or is invalid (the structure is printed, with the reason, and the error goes to stderr).
 */

import {readFile} from 'node:fs/promises';
import {hostErrorText as readErrorText} from '../kernel/errors.js';
import {decodeModule} from '../wasm/decode/index.js';
import {DecodeError, ValidationError} from '../wasm/errors.js';
import {validateModule} from '../wasm/validate/index.js';
import {buildReport, renderText} from './inspect-report.js';

export interface InspectOutput {
	readonly stdout: NodeJS.WritableStream;
	readonly stderr: NodeJS.WritableStream;
}

export async function inspect(file: string, options: {json: boolean}, out: InspectOutput): Promise<number> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(file);
	} catch (e) {
		await write(out.stderr, `wasmos-tui inspect: cannot read ${file}: ${readErrorText(e)}\n`);
		return 1;
	}
	let module;
	try {
		module = decodeModule(bytes);
	} catch (e) {
		if (!(e instanceof DecodeError)) throw e;
		await write(out.stderr, `wasmos-tui inspect: ${file}: ${e.message}\n`);
		return 1;
	}
	let invalidReason: string | null = null;
	try {
		validateModule(module);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		invalidReason = e.message;
	}
	const report = buildReport(file, module, invalidReason);
	await write(out.stdout, options.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
	if (invalidReason !== null) {
		await write(out.stderr, `wasmos-tui inspect: ${file}: ${invalidReason}\n`);
		return 1;
	}
	return 0;
}


/** Writes and waits until the stream has taken the text (backpressure respected). */
function write(stream: NodeJS.WritableStream, text: string): Promise<void> {
	return new Promise((resolve, reject) => {
		stream.write(text, err => (err ? reject(err) : resolve()));
	});
}
