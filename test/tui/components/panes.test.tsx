/* The smaller panes: header, syscall log, memory map, timeline, command pane, help. */

import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CommandPane, wrappedRows} from '../../../source/tui/components/CommandPane.js';
import {Header} from '../../../source/tui/components/Header.js';
import {HelpOverlay, helpPages} from '../../../source/tui/components/HelpOverlay.js';
import {SyscallLog} from '../../../source/tui/components/SyscallLog.js';
import {Timeline} from '../../../source/tui/components/Timeline.js';
import type {LogLine} from '../../../source/tui/event-feed.js';
import {ThemeContext} from '../../../source/tui/theme.js';
import {spinnerSession} from '../helpers.js';

describe('the panes', () => {
	it('header: time, throughput, policy, states, memory, run state and speed', async () => {
		const session = await spinnerSession(2);
		const {lastFrame} = render(<Header machine={session.kernel.machine()} rate={1_500_000} paused speed={0.01} width={120} />);
		const frame = lastFrame()!;
		expect(frame).toContain('up 1.0M ticks (1 ms)');
		expect(frame).toContain('1.5M instr/s');
		expect(frame).toContain('rr q=10K');
		expect(frame).toContain('PAUSED');
		expect(frame).toContain('speed ×0.01');
		expect(frame).toMatch(/procs 2 .*ready/);
		session.dispose();
	});

	it('syscall log: newest lines with their results, arguments cut to fit', async () => {
		const session = await spinnerSession(2, 3_000_000);
		const lines = session.feed.log.last(5);
		expect(lines.length).toBe(5);
		const {lastFrame} = render(<SyscallLog lines={lines} back={0} width={60} height={7} focused />);
		const frame = lastFrame()!;
		expect(frame).toContain('following');
		expect(frame).toMatch(/clock_time_get\(.*\) = 0/);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(60);
	});

	it('syscall log: an error result is still shown when scrolled back', () => {
		const line: LogLine = {seq: 1, tick: 42, pid: 3, name: 'fd_read', args: 'fd=9', result: 'EBADF', kind: 'error'};
		const {lastFrame} = render(<SyscallLog lines={[line]} back={12} width={60} height={4} focused={false} />);
		expect(lastFrame()).toContain('fd_read(fd=9) = EBADF');
		expect(lastFrame()).toContain('12 back');
	});

	it('timeline: one letter per slice, alternating under round robin', async () => {
		const session = await spinnerSession(2, 100_000);
		const names = new Map([[1, 'spinner'], [2, 'spinner']]);
		const {lastFrame} = render(<Timeline slices={session.feed.slices.last(40)} names={names} width={40} height={4} />);
		expect(lastFrame()).toContain('ABABABAB');
		expect(lastFrame()).toContain('A=1 spinner  B=2 spinner');
		session.dispose();
	});

	it('timeline: a braille throughput chart with its scale when there is room, a sparkline in one row, ASCII under --ascii', () => {
		const slices = [{pid: 1, instructions: 10}, {pid: 2, instructions: 10}];
		const names = new Map([[1, 'a'], [2, 'b']]);
		const rates = [1e6, 2e6, 4e6, 8e6];
		const tall = render(<Timeline slices={slices} names={names} rates={rates} width={60} height={7} />).lastFrame()!;
		expect(tall).toContain('max 8.0M');
		expect(tall).toContain('now 8.0M');
		expect(tall).toMatch(/[\u2801-\u28ff]/);
		expect(tall).toContain('A=1 a  B=2 b');
		const compact = render(<Timeline slices={slices} names={names} rates={rates} width={60} height={5} />).lastFrame()!;
		expect(compact).toContain('▁▂▄█');
		expect(compact).not.toMatch(/[\u2801-\u28ff]/);
		const ascii = render(
			<ThemeContext.Provider value={{color: false, ascii: true}}>
				<Timeline slices={slices} names={names} rates={rates} width={60} height={7} />
			</ThemeContext.Provider>,
		).lastFrame()!;
		expect(ascii).not.toMatch(/[\u2500-\u28ff]/);
		expect(ascii).toContain('|');
	});

	it('command pane: the terminal\'s lines, the cursor on the last, who holds the terminal', () => {
		const {lastFrame} = render(<CommandPane lines={['$ echo hi', 'hi', '$ kill 3']} cursor={8} foreground={null} ended={false} width={40} height={6} focused />);
		expect(lastFrame()).toContain('$ kill 3');
		expect(lastFrame()).toContain('hi');
		const running = render(<CommandPane lines={['hello', '']} cursor={0} foreground={4} ended={false} width={40} height={6} focused />);
		expect(running.lastFrame()).toContain('pgid 4 has the terminal');
		const ended = render(<CommandPane lines={['the shell exited (status 0)', '']} cursor={0} foreground={null} ended width={40} height={6} focused />);
		expect(ended.lastFrame()).toContain('no shell: Enter restarts');
	});

	it('command pane: a long last line scrolls to keep the cursor in view', () => {
		const line = `$ ${'x'.repeat(60)}END`;
		const {lastFrame} = render(<CommandPane lines={[line]} cursor={[...line].length} foreground={null} ended={false} width={30} height={4} focused />);
		expect(lastFrame()).toContain('xEND');
	});

	it('command pane: a finished line wider than the pane goes on in the next row, as a terminal wraps it', () => {
		const error = 'snapshot: a machine cannot replace itself from inside: run `wasmos-tui restore x.json`';
		const {lastFrame} = render(<CommandPane lines={['$ old', '$ snapshot load x.json', error, '$ ']} cursor={2} foreground={null} ended={false} width={32} height={7} focused />);
		const frame = lastFrame()!;
		// 30 columns inside the border: the message in three rows, its end included, and what came before
		// scrolled off to make room for them.
		expect(frame).toContain('snapshot: a machine cannot rep');
		expect(frame).toContain('lace itself from inside: run `');
		expect(frame).toContain('wasmos-tui restore x.json`');
		expect(frame).not.toContain('…');
		expect(frame).toContain('$ snapshot load x.json');
		expect(frame).not.toContain('$ old');
	});

	it('command pane: a line of wide characters wraps whole, nothing cut', () => {
		const line = '一二三四五六七八九十一二三四五六七八九十end';
		const {lastFrame} = render(<CommandPane lines={[line, '$ ']} cursor={2} foreground={null} ended={false} width={22} height={6} focused />);
		const frame = lastFrame()!;
		// 20 columns inside the border: ten characters a row, twice, then the rest.
		expect(frame.split('│一二三四五六七八九十│')).toHaveLength(3);
		expect(frame).toContain('end');
		expect(frame).not.toContain('…');
	});

	it('command pane rows: wrapped at the width, the newest kept, empty lines kept', () => {
		expect(wrappedRows(['abcdefg', '', 'xy'], 3, 10)).toEqual(['abc', 'def', 'g', '', 'xy']);
		expect(wrappedRows(['abcdefg', '', 'xy'], 3, 2)).toEqual(['', 'xy']);
		expect(wrappedRows(['abcdefg'], 3, 2)).toEqual(['def', 'g']);
		expect(wrappedRows(['ab'], 3, 0)).toEqual([]);
		// By columns: a CJK character or an emoji takes two, and one that does not fit goes on in the next row.
		expect(wrappedRows(['一二三end'], 5, 10)).toEqual(['一二', '三end']);
		expect(wrappedRows(['a😀b👍🏽c'], 3, 10)).toEqual(['a😀', 'b👍🏽', 'c']);
	});

	it('help overlay: lists keys and what the command pane is', () => {
		const {lastFrame} = render(<HelpOverlay width={120} height={30} />);
		expect(lastFrame()).toContain('pause / resume the machine');
		expect(lastFrame()).toContain('the shell, PID 1');
		expect(lastFrame()).toContain('^C interrupts');
	});

	it('help overlay: in pages at 80×24, the last one explaining the panes', () => {
		const pages = helpPages(80, 20);
		expect(pages).toBeGreaterThan(1);
		const first = render(<HelpOverlay width={80} height={20} page={0} />).lastFrame()!;
		expect(first).toContain(`Help 1/${pages} — PgDn/Space more`);
		expect(first).toContain('pause / resume the machine');
		const last = render(<HelpOverlay width={80} height={20} page={pages - 1} />).lastFrame()!;
		expect(last).toContain('Scheduler: who held the CPU, a letter a slice; instr/s.');
		expect(last).not.toContain('pause / resume the machine');
	});
});
