/*
 * Signals (DESIGN.md). WASI programs cannot install handlers, so every signal has its default action:
 *   INT, TERM, KILL, PIPE    end the process; its status is 128 + the signal's number
 *   STOP, TSTP, TTIN         stop it (STOPPED) until CONT
 *   CONT                     a stopped process continues (a call it was blocked in is retried)
 * Who may signal whom: a process may signal itself and its descendants; the user (shell, TUI, the
 * host) may signal anything.
 */

export type SignalName = 'INT' | 'KILL' | 'PIPE' | 'TERM' | 'CONT' | 'STOP' | 'TSTP' | 'TTIN';

export type SignalAction = 'terminate' | 'stop' | 'continue';

/** One row per signal: its number (Linux's) and its default action. */
export const SIGNALS: Readonly<Record<SignalName, {readonly number: number; readonly action: SignalAction}>> = {
	INT: {number: 2, action: 'terminate'},
	KILL: {number: 9, action: 'terminate'},
	PIPE: {number: 13, action: 'terminate'},
	TERM: {number: 15, action: 'terminate'},
	CONT: {number: 18, action: 'continue'},
	STOP: {number: 19, action: 'stop'},
	TSTP: {number: 20, action: 'stop'},
	TTIN: {number: 21, action: 'stop'},
};

/** "INT", "SIGINT", "int" or "2" → "INT"; null when it names no signal we have. */
export function parseSignal(text: string): SignalName | null {
	const upper = text.trim().toUpperCase().replace(/^SIG/, '');
	if (upper in SIGNALS) return upper as SignalName;
	const n = Number(upper);
	for (const [name, row] of Object.entries(SIGNALS)) if (row.number === n) return name as SignalName;
	return null;
}

/** The exit status of a process ended by `signal`: 128 + its number. */
export function signalStatus(signal: SignalName): number {
	return 128 + SIGNALS[signal].number;
}
