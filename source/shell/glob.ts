/*
 * Pathname patterns: * (any run of characters) and ? (any one character), matched one path
 * component at a time against a directory listing. A component's leading dot must be matched
 * literally (`*` does not list hidden files); a quoted or escaped * or ? is literal (written \* in a
 * pattern). A pattern that matches nothing stays as it is (POSIX), as it does when there is no
 * file system to list.
 */

/** Names in a directory (relative to the shell's working directory), or null when it cannot be listed. */
export type ListDir = (dir: string) => readonly string[] | null;

/** Whether the pattern has an active * or ?. */
export function hasGlob(pattern: string): boolean {
	for (let k = 0; k < pattern.length; k++) {
		if (pattern[k] === '\\') k++;
		else if (pattern[k] === '*' || pattern[k] === '?') return true;
	}
	return false;
}

/** The pattern with its escapes removed: the word when nothing matches. */
export function unescapeGlob(pattern: string): string {
	return pattern.replace(/\\(.)/gs, '$1');
}

/** Whether `name` matches one component pattern. */
export function matchComponent(pattern: string, name: string): boolean {
	if (name.startsWith('.') && !pattern.startsWith('.') && !pattern.startsWith('\\.')) return false;
	// Iterative wildcard matching with backtracking to the last *: linear in practice, no regex.
	let p = 0;
	let n = 0;
	let starP = -1;
	let starN = 0;
	while (n < name.length) {
		if (p < pattern.length && pattern[p] === '*') {
			starP = ++p;
			starN = n;
		} else if (p < pattern.length && (pattern[p] === '?' || literalAt(pattern, p) === name[n])) {
			p += pattern[p] === '\\' ? 2 : 1;
			n++;
		} else if (starP >= 0) {
			p = starP;
			n = ++starN;
		} else return false;
	}
	while (p < pattern.length && pattern[p] === '*') p++;
	return p === pattern.length;
}

function literalAt(pattern: string, p: number): string | undefined {
	return pattern[p] === '\\' ? pattern[p + 1] : pattern[p];
}

/** The paths a pattern matches, sorted; empty when none (or nothing can be listed). */
export function expandGlob(pattern: string, listDir: ListDir): string[] {
	const absolute = pattern.startsWith('/');
	const components = pattern.split('/').filter(c => c !== '');
	let paths: string[] = [absolute ? '/' : ''];
	for (const component of components) {
		const next: string[] = [];
		for (const base of paths) {
			if (!hasGlob(component)) {
				next.push(join(base, unescapeGlob(component)));
				continue;
			}
			const names = listDir(base === '' ? '.' : base);
			if (names === null) continue;
			for (const name of names) if (matchComponent(component, name)) next.push(join(base, name));
		}
		paths = next;
		if (paths.length === 0) return [];
	}
	// The literal components of a match were not checked against a listing: keep only existing paths.
	return paths.filter(path => exists(path, listDir)).sort();
}

function join(base: string, name: string): string {
	return base === '' ? name : base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
}

function exists(path: string, listDir: ListDir): boolean {
	const slash = path.lastIndexOf('/');
	const dir = slash < 0 ? '.' : slash === 0 ? '/' : path.slice(0, slash);
	return listDir(dir)?.includes(path.slice(slash + 1)) ?? false;
}
