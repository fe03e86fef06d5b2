/**
 * Reading what `wasm-interp FILE --run-all-exports` (wabt 1.0.32) prints on stdout: one line per
 * exported function taking no parameters, in export order, e.g.
 *
 *     _initialize() =>
 *     run() => i32:3524578
 *     pair() => i32:1, i64:2
 *     boom() => error: unreachable executed
 *
 * Integers are printed as their unsigned decimal bits; a trap does not change the exit status, it
 * only shows as an `error:` line, so the caller must look for those.
 */

import type {RunValue} from './engine.js';

/** One printed result value: its wasm type and wabt's text for it. */
export interface PrintedValue {
	readonly type: string;
	readonly text: string;
}

/** What one export's call printed: its results, or the error (trap) message. */
export type ExportOutcome = {readonly ok: true; readonly values: readonly PrintedValue[]} | {readonly ok: false; readonly error: string};

export interface ExportLine {
	readonly name: string;
	readonly outcome: ExportOutcome;
}

const CALL_LINE = /^(.*)\(\) =>(?: (.*))?$/;
const VALUE = /^([a-z0-9]+):(.*)$/;

/** Every `NAME() => ...` line of the output, in order; lines of any other shape are ignored. */
export function parseRunAllExports(stdout: string): ExportLine[] {
	const lines: ExportLine[] = [];
	for (const line of stdout.split(/\r?\n/)) {
		const match = CALL_LINE.exec(line);
		if (!match) continue;
		const name = match[1]!;
		const rest = match[2] ?? '';
		if (rest.startsWith('error:')) {
			lines.push({name, outcome: {ok: false, error: rest.slice('error:'.length).trim()}});
			continue;
		}
		const values = rest === '' ? [] : rest.split(', ').map((part) => VALUE.exec(part));
		if (values.some((value) => value === null)) continue;
		lines.push({name, outcome: {ok: true, values: values.map((value) => ({type: value![1]!, text: value![2]!}))}});
	}
	return lines;
}

/**
 * The integer result of the call of export `name` in `stdout`, as the harness wants it (an i32 as a
 * number, an i64 as a bigint). Throws when the export was not called, returned something else than
 * one integer, or when it or any export called before it trapped (its state would be suspect).
 */
export function exportResult(stdout: string, name: string): RunValue {
	const lines = parseRunAllExports(stdout);
	const index = lines.findIndex((line) => line.name === name);
	if (index < 0) throw new Error(`wasm-interp did not call "${name}" (it calls exported functions without parameters only)`);
	for (const {name: called, outcome} of lines.slice(0, index)) {
		if (!outcome.ok) throw new Error(`${called}() failed in wasm-interp before ${name}(): ${outcome.error}`);
	}
	const outcome = lines[index]!.outcome;
	if (!outcome.ok) throw new Error(`${name}() failed in wasm-interp: ${outcome.error}`);
	const [value, ...more] = outcome.values;
	if (value === undefined || more.length > 0) throw new Error(`${name}() returned ${outcome.values.length} values, expected one integer`);
	if (!/^\d+$/.test(value.text)) throw new Error(`${name}() returned ${value.type}:${value.text}, expected an unsigned integer`);
	if (value.type === 'i32') return Number(value.text);
	if (value.type === 'i64') return BigInt(value.text);
	throw new Error(`${name}() returned ${value.type}:${value.text}, expected an i32 or i64`);
}
