/**
 * Runs the commands of one wast2json script, in order, against one engine, and returns one outcome per
 * command (passed, failed with a reason, or skipped with a reason). Keeps the script's module state:
 * the current module, named modules, and the import registry (`spectest` plus `register`ed modules).
 * Knows nothing about files other than the module files the script names, nor about totals.
 */
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {EngineError, type EngineErrorKind, type SpecEngine, type Value} from './engine.js';
import {formatExpected, formatResults, formatValue} from './format.js';
import {isLaneType} from './lanes.js';
import {matchesExpected} from './match.js';
import {spectestModule} from './spectest.js';
import {type JsonValue, TestDataError, parseArg, parseExpected} from './values.js';
import type {JsonAction, JsonCommand, JsonScript, ModuleAssertion, ModuleAssertionType} from './wast-json.js';

export type Status = 'passed' | 'failed' | 'skipped';

export interface CommandOutcome {
	readonly line: number;
	readonly type: string;
	readonly status: Status;
	/** Why it failed or was skipped. */
	readonly reason?: string;
}

export const SKIP_TEXT_MODULE = 'text-format module (engines are binary-only)';
export const SKIP_NO_INSTANCES = 'engine cannot instantiate (decode+validate only)';

/** A module command's result: its instance, or the line where loading it failed. */
type Loaded = {readonly instance: unknown} | {readonly failedAt: number};

interface ScriptState {
	readonly engine: SpecEngine;
	readonly dir: string;
	/** Module name → instance, for resolving imports. */
	readonly registry: Map<string, unknown>;
	/** `$name` → module, for actions and registers that name their module. */
	readonly named: Map<string, Loaded>;
	current: Loaded | undefined;
}

type Result = {readonly status: Status; readonly reason?: string};

/** A command that cannot run because of the script's state (no such module); not an engine error. */
class ScriptError extends Error {}

const PASS: Result = {status: 'passed'};
const fail = (reason: string): Result => ({status: 'failed', reason});

/** What an expected failure of each module assertion must be, and how to say it. */
const EXPECTED_FAILURE: Readonly<
	Record<ModuleAssertionType, {readonly stage: 'compile' | 'instantiate'; readonly kinds: readonly EngineErrorKind[]; readonly noun: string}>
> = {
	assert_malformed: {stage: 'compile', kinds: ['malformed', 'rejected'], noun: 'malformed'},
	assert_invalid: {stage: 'compile', kinds: ['invalid', 'rejected'], noun: 'invalid'},
	assert_unlinkable: {stage: 'instantiate', kinds: ['unlinkable'], noun: 'unlinkable'},
	assert_uninstantiable: {stage: 'instantiate', kinds: ['uninstantiable'], noun: 'uninstantiable'},
};

/** Command types that need instances, skipped on a decode+validate-only engine. */
const NEEDS_INSTANCES: ReadonlySet<string> = new Set([
	'register',
	'action',
	'assert_return',
	'assert_trap',
	'assert_exhaustion',
	'assert_unlinkable',
	'assert_uninstantiable',
]);

function describeError(error: EngineError): string {
	return `${error.kind}: ${error.message}`;
}

function loadModule(state: ScriptState, filename: string): unknown {
	return state.engine.compile(new Uint8Array(readFileSync(join(state.dir, filename))));
}

function moduleFor(state: ScriptState, name: string | undefined): unknown {
	const loaded = name === undefined ? state.current : state.named.get(name);
	if (loaded === undefined) throw new ScriptError(name === undefined ? 'no module loaded' : `no module ${name}`);
	if ('failedAt' in loaded) throw new ScriptError(`the module of line ${loaded.failedAt} failed to load`);
	return loaded.instance;
}

/** An argument for messages; a v128 in the lane shape the test wrote it in. */
function argText(json: JsonValue, value: Value): string {
	return formatValue(value, json.lane_type !== undefined && isLaneType(json.lane_type) ? json.lane_type : undefined);
}

/** Performs an action; returns its description (for messages) and its results, or the error it threw. */
function perform(state: ScriptState, action: JsonAction): {description: string; outcome: Value[] | EngineError} {
	const instance = moduleFor(state, action.module);
	let description = `global ${action.field}`;
	try {
		if (action.type === 'get') return {description, outcome: [state.engine.getGlobal(instance, action.field)]};
		if (action.type !== 'invoke') throw new TestDataError(`unknown action type ${String(action.type)}`);
		const jsonArgs = action.args ?? [];
		const args = jsonArgs.map(parseArg);
		description = `${action.field}(${args.map((arg, index) => argText(jsonArgs[index]!, arg)).join(', ')})`;
		return {description, outcome: state.engine.invoke(instance, action.field, args)};
	} catch (error) {
		if (error instanceof EngineError) return {description, outcome: error};
		throw error;
	}
}

/** Compares results with the expected patterns; undefined when they match, else what differed. */
function compareResults(expectedJson: readonly JsonValue[], got: readonly Value[]): string | undefined {
	const expected = expectedJson.map(parseExpected);
	if (got.length !== expected.length) {
		return `expected ${expected.length} results (${expected.map(formatExpected).join(', ')}), got ${formatResults(got, expected)}`;
	}
	const differences = expected.flatMap((want, index) =>
		matchesExpected(want, got[index]!) ? [] : [`result ${index}: expected ${formatExpected(want)}, got ${formatResults([got[index]!], [want])}`],
	);
	return differences.length === 0 ? undefined : differences.join('; ');
}

/** Expects an action to stop with `kind`; `what` names the expectation in messages. */
function expectStop(state: ScriptState, action: JsonAction, kind: 'trap' | 'exhaustion', what: string): Result {
	const {description, outcome} = perform(state, action);
	if (Array.isArray(outcome)) return fail(`${description}: expected ${what}, got ${formatResults(outcome)}`);
	return outcome.kind === kind ? PASS : fail(`${description}: expected ${what}, got ${describeError(outcome)}`);
}

function assertModuleFails(state: ScriptState, command: ModuleAssertion<ModuleAssertionType>): Result {
	if (command.module_type === 'text') return {status: 'skipped', reason: SKIP_TEXT_MODULE};
	const {stage, kinds, noun} = EXPECTED_FAILURE[command.type];
	const expectation = `expected ${noun} module ("${command.text}")`;
	try {
		const module = loadModule(state, command.filename);
		if (stage === 'compile') return fail(`${command.filename}: ${expectation}, but it was accepted`);
		state.engine.instantiate(module, state.registry);
		return fail(`${command.filename}: ${expectation}, but it instantiated`);
	} catch (error) {
		if (!(error instanceof EngineError)) throw error;
		return kinds.includes(error.kind) ? PASS : fail(`${command.filename}: ${expectation}, got ${describeError(error)}`);
	}
}

type Handlers = {[T in JsonCommand['type']]: (state: ScriptState, command: Extract<JsonCommand, {type: T}>) => Result};

/** One handler per command type. */
const HANDLERS: Handlers = {
	module(state, command) {
		let loaded: Loaded;
		let result: Result = PASS;
		try {
			const module = loadModule(state, command.filename);
			loaded = {instance: state.engine.canInstantiate ? state.engine.instantiate(module, state.registry) : undefined};
		} catch (error) {
			if (!(error instanceof EngineError)) throw error;
			loaded = {failedAt: command.line};
			result = fail(`${command.filename}: module failed: ${describeError(error)}`);
		}
		state.current = loaded;
		if (command.name !== undefined) state.named.set(command.name, loaded);
		return result;
	},
	register(state, command) {
		state.registry.set(command.as, moduleFor(state, command.name));
		return PASS;
	},
	action(state, command) {
		const {description, outcome} = perform(state, command.action);
		return Array.isArray(outcome) ? PASS : fail(`${description}: ${describeError(outcome)}`);
	},
	assert_return(state, command) {
		const {description, outcome} = perform(state, command.action);
		const expected = () => command.expected.map(parseExpected).map(formatExpected).join(', ') || 'no results';
		if (!Array.isArray(outcome)) return fail(`${description}: expected ${expected()}, got ${describeError(outcome)}`);
		const difference = compareResults(command.expected, outcome);
		return difference === undefined ? PASS : fail(`${description}: ${difference}`);
	},
	assert_trap: (state, command) => expectStop(state, command.action, 'trap', `trap "${command.text}"`),
	assert_exhaustion: (state, command) => expectStop(state, command.action, 'exhaustion', 'call stack exhaustion'),
	assert_malformed: assertModuleFails,
	assert_invalid: assertModuleFails,
	assert_unlinkable: assertModuleFails,
	assert_uninstantiable: assertModuleFails,
};

function runCommand(state: ScriptState, command: JsonCommand): Result {
	if (!Object.hasOwn(HANDLERS, command.type)) return fail(`unknown command type ${command.type}`);
	if (!state.engine.canInstantiate && NEEDS_INSTANCES.has(command.type)) return {status: 'skipped', reason: SKIP_NO_INSTANCES};
	const handler = HANDLERS[command.type] as (state: ScriptState, command: JsonCommand) => Result;
	try {
		return handler(state, command);
	} catch (error) {
		if (error instanceof ScriptError) return fail(error.message);
		if (error instanceof TestDataError) return fail(`bad test data: ${error.message}`);
		if (error instanceof EngineError) return fail(`unexpected ${describeError(error)}`);
		return fail(`adapter error: ${error instanceof Error ? error.message : String(error)}`);
	}
}

/** Runs every command of `script` (whose module files are in `dir`); one outcome per command, in order. */
export function runScript(engine: SpecEngine, dir: string, script: JsonScript): CommandOutcome[] {
	const registry = new Map<string, unknown>();
	if (engine.canInstantiate) registry.set('spectest', engine.hostModule(spectestModule()));
	const state: ScriptState = {engine, dir, registry, named: new Map(), current: undefined};
	return script.commands.map((command) => ({line: command.line, type: command.type, ...runCommand(state, command)}));
}
