/* The smaller panes: header, syscall log, memory map, timeline, command pane, help. */

import {render} from 'ink-testing-library';
import {describe, expect, it} from 'vitest';
import {CommandPane} from '../../../source/tui/components/CommandPane.js';
import {Header} from '../../../source/tui/components/Header.js';
import {HelpOverlay} from '../../../source/tui/components/HelpOverlay.js';
import {MemoryMap} from '../../../source/tui/components/MemoryMap.js';
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

	it('memory map: one cell per page in use, ASCII when asked', async () => {
		const session = await spinnerSession(1, 500_000);
		const view = session.kernel.process(1)!;
		const {lastFrame} = render(
			<ThemeContext.Provider value={{color: false, ascii: true}}>
				<MemoryMap process={view} width={24} height={6} />
			</ThemeContext.Provider>,
		);
		const pages = view.memory.pages;
		expect(pages).toBeGreaterThan(1);
		expect(lastFrame()).toContain(`Memory pid 1`);
		expect(lastFrame()).toContain(`${'#'.repeat(pages)}${'.'.repeat(22 - pages)}`);
		session.dispose();
	});

	it('timeline: one letter per slice, alternating under round robin', async () => {
		const session = await spinnerSession(2, 100_000);
		const names = new Map([[1, 'spinner'], [2, 'spinner']]);
		const {lastFrame} = render(<Timeline slices={session.feed.slices.last(40)} names={names} width={40} height={4} />);
		expect(lastFrame()).toContain('ABABABAB');
		expect(lastFrame()).toContain('A=1 spinner  B=2 spinner');
		session.dispose();
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

	it('help overlay: lists keys and what the command pane is', () => {
		const {lastFrame} = render(<HelpOverlay width={120} height={30} />);
		expect(lastFrame()).toContain('pause / resume the machine');
		expect(lastFrame()).toContain('the shell, PID 1');
		expect(lastFrame()).toContain('^C interrupts');
	});
});
