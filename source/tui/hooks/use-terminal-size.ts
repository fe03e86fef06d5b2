import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
	readonly columns: number;
	readonly rows: number;
}

/** The terminal's size, updated on resize; `fixed` (tests) overrides it. */
export function useTerminalSize(fixed?: TerminalSize): TerminalSize {
	const {stdout} = useStdout();
	const read = () => fixed ?? {columns: stdout.columns ?? 80, rows: stdout.rows ?? 24};
	const [size, setSize] = useState(read);
	useEffect(() => {
		if (fixed !== undefined) return;
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout, fixed]);
	return fixed ?? size;
}
