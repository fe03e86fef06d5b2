/* The process table as a person sees it: columns, sorting marks, the selection, scrolling. */

import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {ProcessTable} from '../../../source/tui/components/ProcessTable.js';
import {processRows} from '../../../source/tui/process-rows.js';
import {fakeProcess, spinnerSession} from '../helpers.js';

describe('the process table', () => {
	it('shows every column at 120 columns and the selected row', async () => {
		const session = await spinnerSession(2);
		const rows = processRows(session.kernel.processes(), {key: 'pid', descending: false}, false);
		const {lastFrame} = render(<ProcessTable rows={rows} selected={2} order={{key: 'pid', descending: false}} tree={false} width={120} height={8} focused />);
		const frame = lastFrame()!;
		for (const title of ['PID', 'PPID', 'NAME', 'STATE', 'PRI', '%CPU', 'INSTR', 'MEM', 'SYSC', 'TIME']) expect(frame).toContain(title);
		expect(frame).toMatch(/│\s+1\s+0 spinner/);
		expect(frame).toContain('READY');
		expect(frame).toContain('▲PID');
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
		session.dispose();
	});

	it('drops PPID and PRI when the pane is 80 wide, and scrolls to keep the selection in view', async () => {
		const session = await spinnerSession(6);
		const rows = processRows(session.kernel.processes(), {key: 'pid', descending: false}, false);
		const {lastFrame} = render(<ProcessTable rows={rows} selected={6} order={{key: 'pid', descending: false}} tree={false} width={80} height={6} focused={false} />);
		const frame = lastFrame()!;
		expect(frame).not.toContain('PPID');
		expect(frame).toContain('%CPU');
		expect(frame).toMatch(/│\s+6 spinner/);
		expect(frame).not.toMatch(/│\s+1 spinner/);
		expect(frame).toContain('4-6/6');
		session.dispose();
	});

	it('says what a stopped process is stopped by', async () => {
		const session = await spinnerSession(1);
		session.kernel.stop(1);
		const rows = processRows(session.kernel.processes(), {key: 'pid', descending: false}, false);
		const {lastFrame} = render(<ProcessTable rows={rows} selected={1} order={{key: 'pid', descending: false}} tree={false} width={100} height={5} focused />);
		expect(lastFrame()).toContain('STOPPED signal STOP');
		session.dispose();
	});

	it('sorts made-up views by a column, descending with its mark, and says which filter the rows passed', () => {
		const views = [fakeProcess({pid: 1, name: 'sh', instructions: 5}), fakeProcess({pid: 2, name: 'spin', instructions: 900}), fakeProcess({pid: 3, name: 'spin', instructions: 70})];
		const order = {key: 'instructions', descending: true} as const;
		const rows = processRows(views, order, false);
		expect(rows.map(r => r.view.pid)).toEqual([2, 3, 1]);
		const {lastFrame} = render(<ProcessTable rows={rows.filter(r => r.view.name === 'spin')} selected={3} order={order} tree={false} filter="spin" width={80} height={8} focused />);
		const frame = lastFrame()!;
		expect(frame).toContain('/spin by instructions');
		expect(frame).toContain('▼INSTR');
		const names = frame.split('\n').filter(line => /│\s+\d+ /.test(line));
		expect(names.map(line => line.match(/│\s+(\d+)/)![1])).toEqual(['2', '3']);
	});

	it('says when the filter leaves no row', () => {
		const {lastFrame} = render(<ProcessTable rows={[]} selected={null} order={{key: 'pid', descending: false}} tree={false} filter="zzz" width={80} height={6} focused />);
		expect(lastFrame()).toContain('no process matches /zzz');
	});
});
