/* What `/` keeps: processes by name or pid, log lines by pid, process name or syscall name. */

import {describe, expect, it} from 'vitest';
import type {LogLine} from '../../source/tui/event-feed.js';
import {logLineMatches, processMatches} from '../../source/tui/filters.js';
import {fakeProcess} from './helpers.js';

const line = (pid: number, name: string): LogLine => ({seq: 1, tick: 1, pid, name, args: '', result: '0', kind: 'ok'});

describe('filters', () => {
	it('match processes by name (any case, any part) or exactly by pid', () => {
		const spinner = fakeProcess({pid: 12, name: 'spinner'});
		expect(processMatches(spinner, '')).toBe(true);
		expect(processMatches(spinner, 'SPIN')).toBe(true);
		expect(processMatches(spinner, 'sh')).toBe(false);
		expect(processMatches(spinner, '12')).toBe(true);
		expect(processMatches(spinner, '1')).toBe(false);
	});

	it('match log lines by pid, by the syscall, or by the name of the process that made it', () => {
		const names = new Map([[3, 'spinner'], [4, 'cat']]);
		expect(logLineMatches(line(3, 'clock_time_get'), '3', names)).toBe(true);
		expect(logLineMatches(line(4, 'fd_read'), '3', names)).toBe(false);
		expect(logLineMatches(line(4, 'fd_read'), 'fd_', names)).toBe(true);
		expect(logLineMatches(line(4, 'fd_read'), 'cat', names)).toBe(true);
		expect(logLineMatches(line(3, 'clock_time_get'), 'cat', names)).toBe(false);
	});
});
