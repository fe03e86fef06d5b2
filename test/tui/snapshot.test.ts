/*
 * The TUI's snapshot key and --restore (tui/session.ts): `S` saves the running machine, a session on
 * the restored machine adopts the saved shell instead of starting a new one, and that shell goes on
 * with its variables and its background job as they were.
 */

import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {restoreMachine} from '../../source/commands/restore.js';
import {Session} from '../../source/tui/session.js';
import {shellSession, TUI_FIXTURES} from './helpers.js';

const sessions: Session[] = [];
let dir: string | null = null;

afterEach(() => {
	for (const s of sessions.splice(0)) s.dispose();
	if (dir !== null) rmSync(dir, {recursive: true, force: true});
	dir = null;
});

const eventually = (check: () => void) => vi.waitFor(check, {timeout: 10_000, interval: 10});

describe('snapshots from the TUI', () => {
	it('saves with S and continues the same shell after --restore', async () => {
		dir = mkdtempSync(join(tmpdir(), 'wasmos-tui-snap-'));
		const first = await shellSession();
		sessions.push(first);
		await eventually(() => expect(first.console.tail(1)).toEqual(['$ ']));
		first.typeToTerminal('GREETING=kept; sleep 1000 &\r');
		await eventually(() => expect(first.kernel.processes().map(p => `${p.name}:${p.state}`)).toContain('sleep:BLOCKED'));
		const file = join(dir, 'saved.json');
		const said = first.saveSnapshot(file);
		expect(said).toContain(`snapshot saved: ${file}`);
		expect(first.console.tail(3).join('\n')).toContain('snapshot saved');
		const saved = first.kernel.processes().map(p => [p.pid, p.name, p.state === 'ZOMBIE']);
		first.dispose();

		let second: Session | null = null;
		// The session's fixtures mount, granted again as --dir does.
		const grants = [join(TUI_FIXTURES, '..')];
		const restored = await restoreMachine(file, {idle: 'wait', sanitize: {out: true, err: true}, host: {clear: () => second?.clearConsole()}, grants});
		expect(restored.warnings).toEqual([]);
		second = new Session(restored.kernel, {programs: {}, restored: true});
		sessions.push(second);
		expect(second.kernel.processes().map(p => [p.pid, p.name, p.state === 'ZOMBIE'])).toEqual(saved);
		second.start();
		expect(second.shellPid).toBe(1);
		// The adopted shell still has its variable and its job, and answers at its prompt.
		second.typeToTerminal('echo $GREETING; jobs\r');
		await eventually(() => expect(second!.console.tail(4)).toEqual(['echo $GREETING; jobs', 'kept', '[1]+  Running                 sleep 1000 &', '$ ']));
	});
});
