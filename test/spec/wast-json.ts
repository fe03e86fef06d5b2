/**
 * The wast2json script format (../shared/conformance/README.md, "JSON format"): the command types and
 * `readScript`, which loads `<dir>/<name>.json`. Commands are checked only for the fields the harness
 * reads; the command runner reports anything else as a failure of that command.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import type {JsonValue} from './values.js';

export interface JsonAction {
	readonly type: 'invoke' | 'get';
	readonly module?: string;
	readonly field: string;
	readonly args?: readonly JsonValue[];
}

/** Commands that load a module file and expect it to fail at some stage. */
export type ModuleAssertionType = 'assert_malformed' | 'assert_invalid' | 'assert_unlinkable' | 'assert_uninstantiable';

export type JsonCommand =
	| {readonly type: 'module'; readonly line: number; readonly filename: string; readonly name?: string}
	| {readonly type: 'register'; readonly line: number; readonly as: string; readonly name?: string}
	| {readonly type: 'action'; readonly line: number; readonly action: JsonAction}
	| {readonly type: 'assert_return'; readonly line: number; readonly action: JsonAction; readonly expected: readonly JsonValue[]}
	| {readonly type: 'assert_trap'; readonly line: number; readonly action: JsonAction; readonly text: string}
	| {readonly type: 'assert_exhaustion'; readonly line: number; readonly action: JsonAction; readonly text: string}
	| ModuleAssertion<'assert_malformed'>
	| ModuleAssertion<'assert_invalid'>
	| ModuleAssertion<'assert_unlinkable'>
	| ModuleAssertion<'assert_uninstantiable'>;

export interface ModuleAssertion<T extends ModuleAssertionType> {
	readonly type: T;
	readonly line: number;
	readonly filename: string;
	readonly module_type: 'binary' | 'text';
	readonly text: string;
}

export interface JsonScript {
	readonly source_filename: string;
	readonly commands: readonly JsonCommand[];
}

/** Loads and shape-checks `<dir>/<name>.json`; throws with the file name on unreadable or bad JSON. */
export function readScript(dir: string, name: string): JsonScript {
	const file = join(dir, `${name}.json`);
	const script = JSON.parse(readFileSync(file, 'utf8')) as Partial<JsonScript>;
	if (typeof script.source_filename !== 'string' || !Array.isArray(script.commands)) {
		throw new Error(`${file}: not a wast2json script (needs source_filename and commands)`);
	}
	for (const command of script.commands as unknown[]) {
		const {type, line} = command as {type?: unknown; line?: unknown};
		if (typeof type !== 'string' || typeof line !== 'number') throw new Error(`${file}: a command lacks type or line`);
	}
	return script as JsonScript;
}
