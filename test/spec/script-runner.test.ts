import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import type {SpecEngine} from './engine.js';
import {createNodeEngine} from './engines/node.js';
import {type CommandOutcome, SKIP_NO_INSTANCES, SKIP_TEXT_MODULE, runScript} from './script-runner.js';
import {FIXTURE_SUITE} from './test-helpers.js';
import {type JsonCommand, readScript} from './wast-json.js';

function runFixture(name: string, engine: SpecEngine = createNodeEngine({})): CommandOutcome[] {
	const dir = join(FIXTURE_SUITE, name);
	return runScript(engine, dir, readScript(dir, name));
}

/** Runs hand-written commands against the module files of fixture `name`. */
function runCommands(name: string, commands: JsonCommand[]): CommandOutcome[] {
	return runScript(createNodeEngine({}), join(FIXTURE_SUITE, name), {source_filename: `${name}.wast`, commands});
}

const invoke = (field: string, module?: string) => ({type: 'invoke' as const, field, args: [], ...(module ? {module} : {})});

describe('runScript on the fixture scripts (node engine)', () => {
	it('passes every command of every kind, and skips the text-format module', () => {
		const outcomes = ['values', 'traps', 'modules', 'simd_lanes'].flatMap((name) => runFixture(name));
		const byType = new Map<string, Set<string>>();
		for (const {type, status} of outcomes) byType.set(type, (byType.get(type) ?? new Set()).add(status));
		expect(Object.fromEntries([...byType].map(([type, statuses]) => [type, [...statuses]]))).toEqual({
			module: ['passed'],
			register: ['passed'],
			action: ['passed'],
			assert_return: ['passed'],
			assert_trap: ['passed'],
			assert_exhaustion: ['passed'],
			assert_invalid: ['passed'],
			assert_malformed: ['passed', 'skipped'],
			assert_unlinkable: ['passed'],
			assert_uninstantiable: ['passed'],
		});
		expect(outcomes.filter((outcome) => outcome.status === 'skipped')).toEqual([
			{line: 23, type: 'assert_malformed', status: 'skipped', reason: SKIP_TEXT_MODULE},
		]);
	});

	it('gives one outcome per command, in order, with its line', () => {
		const outcomes = runFixture('traps');
		expect(outcomes.map(({line, type}) => `${line} ${type}`)).toEqual([
			'2 module',
			'7 assert_trap',
			'8 assert_trap',
			'9 assert_return',
			'10 assert_exhaustion',
		]);
	});
});

describe('runScript module state', () => {
	it('fails commands on a module that failed to load, naming its line', () => {
		const outcomes = runCommands('modules', [
			{type: 'module', line: 1, filename: 'modules.2.wasm'},
			{type: 'assert_return', line: 2, action: invoke('sum'), expected: []},
		]);
		expect(outcomes[0]).toMatchObject({status: 'failed', reason: expect.stringMatching(/^modules\.2\.wasm: module failed: rejected: /)});
		expect(outcomes[1]).toMatchObject({status: 'failed', reason: 'the module of line 1 failed to load'});
	});

	it('resolves named modules and registered imports; unknown names fail', () => {
		const outcomes = runCommands('modules', [
			{type: 'module', line: 1, filename: 'modules.9.wasm', name: '$first'},
			{type: 'module', line: 2, filename: 'modules.0.wasm'},
			{type: 'assert_return', line: 3, action: invoke('after', '$first'), expected: [{type: 'i32', value: '1'}]},
			{type: 'assert_return', line: 4, action: invoke('seven'), expected: [{type: 'i32', value: '7'}]},
			{type: 'assert_return', line: 5, action: invoke('seven', '$nope'), expected: []},
			{type: 'module', line: 6, filename: 'modules.10.wasm'},
			{type: 'register', line: 7, as: 'second', name: '$first'},
			{type: 'module', line: 8, filename: 'modules.10.wasm'},
		]);
		expect(outcomes.map((outcome) => outcome.reason ?? outcome.status)).toEqual([
			'passed',
			'passed',
			'passed',
			'passed',
			'no module $nope',
			expect.stringMatching(/^modules\.10\.wasm: module failed: unlinkable: unknown import "second" "after"/),
			'passed',
			'passed',
		]);
	});

	it('reports a wrong expectation with expected and got values', () => {
		const [, outcome] = runCommands('values', [
			{type: 'module', line: 1, filename: 'values.0.wasm'},
			{type: 'assert_return', line: 2, action: {type: 'invoke', field: 'add', args: [{type: 'i32', value: '1'}, {type: 'i32', value: '1'}]}, expected: [{type: 'i32', value: '3'}]},
		]);
		expect(outcome?.reason).toBe('add(i32 0x1 (1), i32 0x1 (1)): result 0: expected i32 0x3 (3), got i32 0x2 (2)');
	});

	it('fails unknown command types and bad test data instead of crashing', () => {
		const outcomes = runCommands('values', [
			{type: 'module', line: 1, filename: 'values.0.wasm'},
			{type: 'assert_wobbly', line: 2} as unknown as JsonCommand,
			{type: 'assert_return', line: 3, action: {type: 'invoke', field: 'add', args: [{type: 'i32', value: 'x'}]}, expected: []},
			{type: 'assert_return', line: 4, action: invoke('no-such-export'), expected: []},
		]);
		expect(outcomes.slice(1).map((outcome) => outcome.reason)).toEqual([
			'unknown command type assert_wobbly',
			'bad test data: not an unsigned decimal: "x"',
			'adapter error: no exported function "no-such-export"',
		]);
	});
});

describe('runScript on a decode+validate-only engine', () => {
	it('runs module, assert_invalid and assert_malformed, and skips the rest with a reason', () => {
		const node = createNodeEngine({});
		const decodeOnly: SpecEngine = {...bind(node), canInstantiate: false};
		const outcomes = runFixture('modules', decodeOnly);
		const summary = outcomes.map(({type, status, reason}) => `${type} ${status}${status === 'skipped' ? ` (${reason})` : ''}`);
		expect(summary).toEqual([
			'module passed',
			`register skipped (${SKIP_NO_INSTANCES})`,
			'module passed',
			...Array(4).fill(`assert_return skipped (${SKIP_NO_INSTANCES})`),
			'assert_invalid passed',
			'assert_malformed passed',
			`assert_malformed skipped (${SKIP_TEXT_MODULE})`,
			...Array(2).fill(`assert_unlinkable skipped (${SKIP_NO_INSTANCES})`),
			...Array(2).fill(`assert_uninstantiable skipped (${SKIP_NO_INSTANCES})`),
			'module passed',
			`register skipped (${SKIP_NO_INSTANCES})`,
			'module passed',
			`assert_return skipped (${SKIP_NO_INSTANCES})`,
		]);
	});
});

/** The engine's methods bound to it, so they survive being spread into another object. */
function bind(engine: SpecEngine): SpecEngine {
	return {
		name: engine.name,
		canInstantiate: engine.canInstantiate,
		compile: engine.compile.bind(engine),
		instantiate: engine.instantiate.bind(engine),
		hostModule: engine.hostModule.bind(engine),
		invoke: engine.invoke.bind(engine),
		getGlobal: engine.getGlobal.bind(engine),
	};
}
