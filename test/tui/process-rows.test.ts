/* Process table order: sorting, the tree, and a selection that follows its pid. */

import {describe, expect, it} from 'vitest';
import type {ProcessView} from '../../source/kernel/kernel.js';
import {processRows, selectionIndex, treePrefix} from '../../source/tui/process-rows.js';

function proc(pid: number, ppid: number, instructions: number, name = `p${pid}`): ProcessView {
	return {pid, ppid, name, instructions, cpuShare: 0, state: 'READY', memory: {pages: 1, peakPages: 1, capPages: 4096}, syscalls: {total: 0, byName: {}}} as unknown as ProcessView;
}

describe('process rows', () => {
	const views = [proc(1, 0, 50), proc(2, 1, 300), proc(3, 0, 100), proc(4, 2, 10)];

	it('sorts by a column, ties in pid order', () => {
		const rows = processRows(views, {key: 'instructions', descending: true}, false);
		expect(rows.map(r => r.view.pid)).toEqual([2, 3, 1, 4]);
		const tied = processRows([proc(5, 0, 7), proc(3, 0, 7)], {key: 'instructions', descending: true}, false);
		expect(tied.map(r => r.view.pid)).toEqual([3, 5]);
	});

	it('shows children under their parents in the tree', () => {
		const rows = processRows(views, {key: 'pid', descending: false}, true);
		expect(rows.map(r => [r.view.pid, r.lasts.length])).toEqual([[1, 0], [2, 1], [4, 2], [3, 0]]);
	});

	it('draws the tree as tree(1) does: ├─ for a child with siblings after it, └─ for the last, │ past them', () => {
		// 1 ─┬─ 2 ─┬─ 5
		//    │     └─ 6
		//    └─ 3
		const family = [proc(1, 0, 0), proc(2, 1, 0), proc(3, 1, 0), proc(5, 2, 0), proc(6, 2, 0)];
		const glyphs = {treeBranch: '└─', treeTee: '├─', treeLine: '│ '};
		const drawn = processRows(family, {key: 'pid', descending: false}, true).map(r => `${treePrefix(r.lasts, glyphs)}${r.view.name}`);
		expect(drawn).toEqual(['p1', '├─p2', '│ ├─p5', '│ └─p6', '└─p3']);
	});

	it('keeps the selection on its pid when rows reorder, and on the same row when it is gone', () => {
		const before = processRows(views, {key: 'pid', descending: false}, false);
		expect(selectionIndex(before, 3, 0)).toBe(2);
		const after = processRows(views, {key: 'instructions', descending: true}, false);
		expect(after[selectionIndex(after, 3, 2)].view.pid).toBe(3);
		const gone = processRows(views.filter(v => v.pid !== 3), {key: 'pid', descending: false}, false);
		expect(gone[selectionIndex(gone, 3, 2)].view.pid).toBe(4);
		expect(selectionIndex([], 1, 0)).toBe(-1);
	});
});
