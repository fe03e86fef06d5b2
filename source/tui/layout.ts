/*
 * Where each pane goes for a terminal size. The root is rows - 1 high (a full-height root makes Ink
 * clear the screen on every frame). Wide terminals put the memory map beside the process table;
 * compact ones (80×24) put it beside the scheduler timeline. Below MIN_COLS × MIN_ROWS there is no
 * layout: the TUI asks for a larger terminal.
 */

export const MIN_COLS = 80;
export const MIN_ROWS = 24;

export interface Rect {
	readonly width: number;
	readonly height: number;
}

export interface Layout {
	readonly width: number;
	/** Height of the root box. */
	readonly height: number;
	/** Memory map beside the process table (wide) or beside the timeline (compact). */
	readonly memoryBeside: 'processes' | 'timeline';
	readonly processes: Rect;
	readonly memory: Rect;
	readonly timeline: Rect;
	readonly log: Rect;
	readonly command: Rect;
}

export function layoutFor(columns: number, rows: number): Layout | null {
	if (columns < MIN_COLS || rows < MIN_ROWS) return null;
	const width = columns;
	const height = rows - 1;
	// Header (2 lines) and footer (1) around the panes.
	const body = height - 3;
	const wide = columns >= 110 && rows >= 32;
	const timelineHeight = wide ? 7 : 5;
	const top = Math.floor((body - timelineHeight) * 0.5);
	const bottom = body - timelineHeight - top;
	const memoryWidth = wide ? Math.min(40, Math.floor(columns * 0.25)) : 26;
	const commandWidth = Math.floor(columns * 0.45);
	return {
		width,
		height,
		memoryBeside: wide ? 'processes' : 'timeline',
		processes: {width: wide ? width - memoryWidth : width, height: top},
		memory: {width: memoryWidth, height: wide ? top : timelineHeight},
		timeline: {width: wide ? width : width - memoryWidth, height: timelineHeight},
		log: {width: width - commandWidth, height: bottom},
		command: {width: commandWidth, height: bottom},
	};
}
