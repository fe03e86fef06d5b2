import {Text} from 'ink';
import {footerHints, type Pane} from '../keymap.js';
import {paint, useTheme} from '../theme.js';

export interface FooterProps {
	readonly pane: Pane;
	/** A question or a message that replaces the hints (the kill confirmation). */
	readonly message?: string | null;
	readonly width: number;
}

/** One line: the keys that matter in the focused pane, or a question waiting for an answer. */
export function Footer({pane, message, width}: FooterProps) {
	const theme = useTheme();
	if (message !== null && message !== undefined) {
		return (
			<Text wrap="truncate" bold color={paint(theme, 'yellow')}>
				{message.slice(0, width)}
			</Text>
		);
	}
	return (
		<Text wrap="truncate">
			{footerHints(pane, theme.ascii).map(({key, label}) => (
				<Text key={`${key}${label}`}>
					<Text inverse>{key}</Text>
					{` ${label} `}
				</Text>
			))}
		</Text>
	);
}
