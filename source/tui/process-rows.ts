/*
 * The process table's rows: sorted by a column, or as a tree (children under their parent, each
 * level sorted). Pure functions of the views, so the table's order is testable without a screen.
 */

import type {ProcessView} from '../kernel/kernel.js';

export type SortKey = 'pid' | 'name' | 'state' | 'cpu' | 'instructions' | 'memory' | 'syscalls';

/** Sortable columns in the order `>` and `<` walk them, with the header they mark. */
export const SORT_KEYS: readonly SortKey[] = ['pid', 'name', 'state', 'cpu', 'instructions', 'memory', 'syscalls'];

export interface SortOrder {
	readonly key: SortKey;
	readonly descending: boolean;
}

export interface ProcessRow {
	readonly view: ProcessView;
	/**
	 * In the tree, for each level below the roots: whether the row's ancestor at that level (the row
	 * itself at the last) is its parent's last child, which decides the branch drawn (treePrefix).
	 * Its length is the row's depth (0 for a root, and in the flat list).
	 */
	readonly lasts: readonly boolean[];
}

/** The tree's lines before a row's name: a line past each ancestor with later siblings, then its own branch. */
export function treePrefix(lasts: readonly boolean[], glyphs: {readonly treeBranch: string; readonly treeTee: string; readonly treeLine: string}): string {
	return lasts.map((last, k) => (k === lasts.length - 1 ? (last ? glyphs.treeBranch : glyphs.treeTee) : last ? '  ' : glyphs.treeLine)).join('');
}

const compareBy: Readonly<Record<SortKey, (a: ProcessView, b: ProcessView) => number>> = {
	pid: (a, b) => a.pid - b.pid,
	name: (a, b) => a.name.localeCompare(b.name),
	state: (a, b) => a.state.localeCompare(b.state),
	cpu: (a, b) => a.cpuShare - b.cpuShare,
	instructions: (a, b) => a.instructions - b.instructions,
	memory: (a, b) => a.memory.pages - b.memory.pages,
	syscalls: (a, b) => a.syscalls.total - b.syscalls.total,
};

/** Sorts by the order's column; ties keep pid order, so rows do not jump between equal values. */
export function sortProcesses(views: readonly ProcessView[], order: SortOrder): ProcessView[] {
	const sign = order.descending ? -1 : 1;
	return [...views].sort((a, b) => sign * compareBy[order.key](a, b) || a.pid - b.pid);
}

export function processRows(views: readonly ProcessView[], order: SortOrder, tree: boolean): ProcessRow[] {
	const sorted = sortProcesses(views, order);
	if (!tree) return sorted.map(view => ({view, lasts: []}));
	const pids = new Set(sorted.map(v => v.pid));
	const children = new Map<number, ProcessView[]>();
	for (const view of sorted) {
		const parent = pids.has(view.ppid) ? view.ppid : 0;
		children.set(parent, [...(children.get(parent) ?? []), view]);
	}
	const rows: ProcessRow[] = [];
	// Depth-first from the roots (processes whose parent is the user or gone), siblings in sort order.
	const visit = (parent: number, lasts: readonly boolean[]) => {
		const kids = children.get(parent) ?? [];
		kids.forEach((view, k) => {
			// Roots (depth 0) draw no branch.
			const own = parent === 0 ? [] : [...lasts, k === kids.length - 1];
			rows.push({view, lasts: own});
			if (view.pid !== parent) visit(view.pid, own);
		});
	};
	visit(0, []);
	return rows;
}

/** Where the selection lands when rows change: on the same pid, else the nearest row. */
export function selectionIndex(rows: readonly ProcessRow[], pid: number | null, previousIndex: number): number {
	if (rows.length === 0) return -1;
	const at = pid === null ? -1 : rows.findIndex(r => r.view.pid === pid);
	if (at >= 0) return at;
	return Math.min(Math.max(0, previousIndex), rows.length - 1);
}
