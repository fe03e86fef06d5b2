import {useState} from 'react';
import type {LogLine} from '../event-feed.js';
import type {Action} from '../keymap.js';

/** What the log pane reads from the feed: its newest lines, kept in a ring. */
export interface LogSource {
	last(count: number): LogLine[];
}

export interface LogScroll {
	/** The lines to show, oldest first. */
	readonly lines: LogLine[];
	/** Lines newer than the last one shown (0: following). */
	readonly back: number;
	move(action: Action): void;
}

/**
 * The syscall log's scroll position. Following (the default) shows the newest lines; scrolling back
 * pins the view to an event (by seq), so new events arriving do not move what is on screen; End,
 * or scrolling forward past the newest, follows again.
 */
export function useLogScroll(source: LogSource, height: number): LogScroll {
	const [anchor, setAnchor] = useState<number | null>(null);
	const all = source.last(Infinity);
	const found = anchor === null ? -1 : all.findIndex(line => line.seq >= anchor);
	const end = anchor === null || found < 0 ? all.length : found + 1;
	const lines = all.slice(Math.max(0, end - height), end);
	const to = (wanted: number) => {
		const newEnd = Math.max(Math.min(height, all.length), wanted);
		setAnchor(newEnd >= all.length ? null : all[newEnd - 1].seq);
	};
	return {
		lines,
		back: all.length - end,
		move(action) {
			const steps: Partial<Record<Action, number>> = {up: -1, down: 1, pageUp: -height, pageDown: height};
			if (action === 'bottom') setAnchor(null);
			else if (action === 'top') to(Math.min(height, all.length));
			else if (steps[action] !== undefined) to(end + steps[action]);
		},
	};
}
