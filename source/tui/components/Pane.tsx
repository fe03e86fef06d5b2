import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {fit} from '../format.js';
import {glyphs, paint, useTheme} from '../theme.js';

export interface PaneProps {
	/** Shown in the top border. */
	readonly title: string;
	/** Shown at the right of the top border (a mode, a count). */
	readonly note?: string;
	/** Outer size in cells, borders included. */
	readonly width: number;
	readonly height: number;
	/** A focused pane has a highlighted border and a marked title. */
	readonly focused?: boolean;
	readonly children?: ReactNode;
}

/** A bordered pane with its title in the top border; the content gets width-2 × height-2 cells. */
export function Pane({title, note, width, height, focused = false, children}: PaneProps) {
	const theme = useTheme();
	const g = glyphs(theme);
	const color = focused ? paint(theme, 'cyan') : paint(theme, 'gray');
	const head = `${g.topLeft}${g.horizontal} ${focused ? '▶ ' : ''}${title} `;
	// The note keeps a line before the corner when there is room, and is left out when it does not fit.
	const room = width - [...head].length - (note === undefined ? 0 : [...note].length);
	const tail = note === undefined || room < 3 ? g.topRight : room < 4 ? ` ${note} ${g.topRight}` : ` ${note} ${g.horizontal}${g.topRight}`;
	const fill = Math.max(0, width - [...head].length - [...tail].length);
	const top = fit(`${head}${g.horizontal.repeat(fill)}${tail}`, width);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text color={color} bold={focused} wrap="truncate">
				{theme.ascii && focused ? top.replace('▶', '>') : top}
			</Text>
			<Box
				borderStyle={theme.ascii ? 'classic' : 'round'}
				borderTop={false}
				borderColor={color}
				width={width}
				height={height - 1}
				flexDirection="column"
				overflow="hidden"
			>
				{children}
			</Box>
		</Box>
	);
}
