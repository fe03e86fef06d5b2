/*
 * How the TUI draws: with or without colour (--no-color, NO_COLOR) and with box-drawing and block
 * characters or plain ASCII (--ascii). Components take a Theme and never test the flags themselves.
 */

import {createContext, useContext} from 'react';

export interface Theme {
	readonly color: boolean;
	readonly ascii: boolean;
}

export const ThemeContext = createContext<Theme>({color: true, ascii: false});

/** The theme of the nearest provider. */
export function useTheme(): Theme {
	return useContext(ThemeContext);
}

/** A colour, or undefined when colour is off. */
export function paint(theme: Theme, color: string): string | undefined {
	return theme.color ? color : undefined;
}

export interface Glyphs {
	readonly topLeft: string;
	readonly topRight: string;
	readonly horizontal: string;
	/** Memory map cells: written, read (not written), holding a data segment (untouched since), untouched. */
	readonly written: string;
	readonly read: string;
	readonly data: string;
	readonly untouched: string;
	readonly up: string;
	readonly down: string;
	/** The tree's last child, a child with siblings after it, and the line past a parent's later siblings. */
	readonly treeBranch: string;
	readonly treeTee: string;
	readonly treeLine: string;
}

export function glyphs(theme: Theme): Glyphs {
	return theme.ascii
		? {topLeft: '+', topRight: '+', horizontal: '-', written: 'w', read: 'r', data: 'd', untouched: '.', up: '^', down: 'v', treeBranch: '`-', treeTee: '|-', treeLine: '| '}
		: {topLeft: '╭', topRight: '╮', horizontal: '─', written: '█', read: '▓', data: '▒', untouched: '·', up: '▲', down: '▼', treeBranch: '└─', treeTee: '├─', treeLine: '│ '};
}

/** Colours for processes in the timeline, chosen by pid. */
export const PID_COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'cyanBright', 'magentaBright', 'yellowBright', 'greenBright'];

/** State colours in the process table. */
export const STATE_COLORS: Readonly<Record<string, string>> = {
	NEW: 'white',
	READY: 'yellow',
	RUNNING: 'green',
	BLOCKED: 'blue',
	STOPPED: 'magenta',
	ZOMBIE: 'red',
};
