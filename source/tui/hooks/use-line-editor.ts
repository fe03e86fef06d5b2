import {useReducer, useRef} from 'react';

export interface LineEditor {
	readonly text: string;
	readonly cursor: number;
	insert(text: string): void;
	deleteBack(): void;
	left(): void;
	right(): void;
	clear(): void;
	/** Older / newer history entries (↑ / ↓); past the newest, the line being written comes back. */
	back(): void;
	forward(): void;
	/** The line as submitted: added to the history, the editor emptied. */
	take(): string;
}

interface EditorState {
	text: string;
	cursor: number;
	history: string[];
	/** Position in the history (history.length: the line being written). */
	at: number;
	/** The line being written, kept while ↑ shows older lines. */
	draft: string;
}

/**
 * A one-line editor with a history of submitted lines. Its state lives in a ref, changed at once
 * by each key: keys that arrive in one chunk (a paste followed by Enter) are handled before React
 * renders again, and each must see what the previous one did.
 */
export function useLineEditor(): LineEditor {
	const state = useRef<EditorState>({text: '', cursor: 0, history: [], at: 0, draft: ''});
	const [, redraw] = useReducer((n: number) => n + 1, 0);
	const update = (change: (s: EditorState) => Partial<EditorState>) => {
		state.current = {...state.current, ...change(state.current)};
		redraw();
	};
	const s = state.current;
	return {
		text: s.text,
		cursor: s.cursor,
		insert: text => update(s => ({text: s.text.slice(0, s.cursor) + text + s.text.slice(s.cursor), cursor: s.cursor + text.length})),
		deleteBack: () => update(s => (s.cursor === 0 ? {} : {text: s.text.slice(0, s.cursor - 1) + s.text.slice(s.cursor), cursor: s.cursor - 1})),
		left: () => update(s => ({cursor: Math.max(0, s.cursor - 1)})),
		right: () => update(s => ({cursor: Math.min(s.text.length, s.cursor + 1)})),
		clear: () => update(() => ({text: '', cursor: 0})),
		back: () =>
			update(s => {
				if (s.at === 0) return {};
				const text = s.history[s.at - 1];
				return {at: s.at - 1, draft: s.at === s.history.length ? s.text : s.draft, text, cursor: text.length};
			}),
		forward: () =>
			update(s => {
				if (s.at >= s.history.length) return {};
				const text = s.at + 1 === s.history.length ? s.draft : s.history[s.at + 1];
				return {at: s.at + 1, text, cursor: text.length};
			}),
		take: () => {
			const line = state.current.text;
			update(s => {
				const history = line.trim() === '' || s.history.at(-1) === line ? s.history : [...s.history, line];
				return {text: '', cursor: 0, history, at: history.length, draft: ''};
			});
			return line;
		},
	};
}
