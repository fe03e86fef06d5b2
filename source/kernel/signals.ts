/*
 * Signals (DESIGN.md), Linux's set with Linux's numbers. WASI programs cannot install handlers, so
 * every signal has its default action:
 *   terminate   INT, TERM, KILL, PIPE, HUP, QUIT, ABRT, SEGV, USR1, ... end the process; its status
 *               is 128 + the signal's number
 *   stop        STOP, TSTP, TTIN, TTOU stop it (STOPPED) until CONT
 *   continue    CONT: a stopped process continues (a call it was blocked in is retried)
 *   ignore      CHLD, URG, WINCH do nothing
 * Who may signal whom: a process may signal itself and its descendants; the user (shell, TUI, the
 * host) may signal anything.
 */

export type SignalName =
	| 'HUP' | 'INT' | 'QUIT' | 'ILL' | 'TRAP' | 'ABRT' | 'BUS' | 'FPE' | 'KILL' | 'USR1' | 'SEGV' | 'USR2' | 'PIPE' | 'ALRM' | 'TERM'
	| 'CHLD' | 'CONT' | 'STOP' | 'TSTP' | 'TTIN' | 'TTOU' | 'URG' | 'XCPU' | 'XFSZ' | 'VTALRM' | 'PROF' | 'WINCH' | 'POLL' | 'PWR' | 'SYS';

export type SignalAction = 'terminate' | 'stop' | 'continue' | 'ignore';

/** One row per signal, in number order: its number (Linux's) and its default action. */
export const SIGNALS: Readonly<Record<SignalName, {readonly number: number; readonly action: SignalAction}>> = {
	HUP: {number: 1, action: 'terminate'},
	INT: {number: 2, action: 'terminate'},
	QUIT: {number: 3, action: 'terminate'},
	ILL: {number: 4, action: 'terminate'},
	TRAP: {number: 5, action: 'terminate'},
	ABRT: {number: 6, action: 'terminate'},
	BUS: {number: 7, action: 'terminate'},
	FPE: {number: 8, action: 'terminate'},
	KILL: {number: 9, action: 'terminate'},
	USR1: {number: 10, action: 'terminate'},
	SEGV: {number: 11, action: 'terminate'},
	USR2: {number: 12, action: 'terminate'},
	PIPE: {number: 13, action: 'terminate'},
	ALRM: {number: 14, action: 'terminate'},
	TERM: {number: 15, action: 'terminate'},
	CHLD: {number: 17, action: 'ignore'},
	CONT: {number: 18, action: 'continue'},
	STOP: {number: 19, action: 'stop'},
	TSTP: {number: 20, action: 'stop'},
	TTIN: {number: 21, action: 'stop'},
	TTOU: {number: 22, action: 'stop'},
	URG: {number: 23, action: 'ignore'},
	XCPU: {number: 24, action: 'terminate'},
	XFSZ: {number: 25, action: 'terminate'},
	VTALRM: {number: 26, action: 'terminate'},
	PROF: {number: 27, action: 'terminate'},
	WINCH: {number: 28, action: 'ignore'},
	POLL: {number: 29, action: 'terminate'},
	PWR: {number: 30, action: 'terminate'},
	SYS: {number: 31, action: 'terminate'},
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
