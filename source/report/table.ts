/*
 * A plain-text table: a header row, a rule, and rows; the first column left-aligned, the others
 * right-aligned (they hold numbers and times), columns two spaces apart.
 */

export function textTable(header: readonly string[], rows: readonly (readonly string[])[], indent = ''): string {
	const widths = header.map((h, c) => Math.max(h.length, ...rows.map(r => r[c].length)));
	const line = (cells: readonly string[]) =>
		indent +
		cells
			.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
			.join('  ')
			.trimEnd();
	const rule = indent + widths.map(w => '─'.repeat(w)).join('  ');
	return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}
