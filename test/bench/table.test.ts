import {describe, expect, it} from 'vitest';
import type {ResultRow} from './report.js';
import {renderTable, resultTable} from './table.js';

describe('renderTable', () => {
	it('pads every column to its widest cell, text left and numbers right', () => {
		const table = renderTable(
			[
				{header: 'name', align: 'left'},
				{header: 'time', align: 'right'},
			],
			[
				['fib', '12.0 ms'],
				['matmul', '1.79 s'],
			],
		);
		expect(table.split('\n')).toEqual(['name       time', '------  -------', 'fib     12.0 ms', 'matmul   1.79 s']);
	});
});

describe('resultTable', () => {
	const row = (engine: string, warmMs: number, extra: Partial<ResultRow> = {}): ResultRow => ({
		benchmark: 'fib',
		engine,
		runs: 10,
		load: {median: 0.4, min: 0.3, max: 0.5},
		firstCall: {median: 13, min: 12, max: 14},
		warm: {median: warmMs, min: warmMs - 1, max: warmMs + 1},
		status: 'ok',
		...extra,
	});

	it('shows one line per engine with units, ratios and the checksum verdict', () => {
		const lines = resultTable(
			[row('node', 12, {warmRatio: 1, firstCallRatio: 1}), row('wasmos', 300, {warmRatio: 25, firstCallRatio: 23.1, instructions: 150_000_000n, status: 'mismatch'})],
			'node',
		).split('\n');
		expect(lines[0]).toMatch(/^benchmark\s+engine\s+runs\s+load\s+first call\s+warm median\s+warm min\s+warm max\s+warm ×node\s+first ×node\s+instructions\s+instr\/s\s+checksum$/);
		expect(lines[2]).toMatch(/^fib\s+node\s+10\s+400 µs\s+13\.0 ms\s+12\.0 ms\s+11\.0 ms\s+13\.0 ms\s+1\.00×\s+1\.00×\s+–\s+–\s+ok$/);
		expect(lines[3]).toMatch(/^fib\s+wasmos\s+.*300 ms.*25\.0×\s+23\.1×\s+150 M\s+–\s+MISMATCH$/);
		expect(lines[2]!.indexOf('ok')).toBe(lines[3]!.indexOf('MISMATCH'));
	});

	it('adds a "warm ×NAME" column for a reference engine only when some row has that ratio', () => {
		const rows = [
			row('node', 12, {warmRatio: 1, firstCallRatio: 1, referenceRatios: {wabt: 0.006}, instructionsPerSecond: 1.4e10}),
			row('wasmos', 300, {warmRatio: 25, firstCallRatio: 23.1, referenceRatios: {wabt: 0.15}, instructions: 150_000_000n, instructionsPerSecond: 5e8}),
			row('wabt', 2000, {warmRatio: 167, firstCallRatio: 160, referenceRatios: {wabt: 1}, instructionsPerSecond: 7.5e7}),
		];
		const lines = resultTable(rows, 'node', ['wabt']).split('\n');
		expect(lines[0]).toMatch(/first ×node\s+warm ×wabt\s+instructions\s+instr\/s\s+checksum$/);
		expect(lines[2]).toMatch(/1\.00×\s+0\.00600×\s+–\s+14\.0 G\/s\s+ok$/);
		expect(lines[3]).toMatch(/23\.1×\s+0\.150×\s+150 M\s+500 M\/s\s+ok$/);
		expect(lines[4]).toMatch(/160×\s+1\.00×\s+–\s+75\.0 M\/s\s+ok$/);
		expect(resultTable([row('node', 12)], 'node', ['wabt']).split('\n')[0]).not.toMatch(/wabt/);
	});
});
