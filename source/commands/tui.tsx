/*
 * `wasmos-tui [machine options] [--init SCRIPT] [--paused] [--fps N] [--no-color] [--ascii]`: the
 * full-screen TUI (tui-app.tsx does the work). This entry only makes sure React loads in its
 * production build: React picks its build from NODE_ENV when it is first imported, and the
 * development one is several times slower per frame (npm run bench:tui). NODE_ENV set by the user
 * is kept.
 */

import process from 'node:process';
import type {CommandIo} from '../cli/commands.js';
import type {TuiOptions} from './tui-app.js';

export type {TuiOptions} from './tui-app.js';

export async function tui(options: TuiOptions, io: CommandIo): Promise<number> {
	process.env.NODE_ENV ??= 'production';
	const app = await import('./tui-app.js');
	return app.tui(options, io);
}
