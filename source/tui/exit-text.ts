/* How the TUI words the end of a process: "exit 0", "trap: unreachable", "killed by KILL". */

import {LIMIT_TEXT} from '../kernel/limits.js';
import type {ExitReason} from '../kernel/kernel.js';

export function exitMessageFor(status: number, reason: ExitReason): string {
	switch (reason.kind) {
		case 'exit':
			return `exit ${reason.code}`;
		case 'trap':
			return `trap: ${reason.trap} in ${reason.func} (status ${status})`;
		case 'signal':
			return `killed by ${reason.signal} (status ${status})`;
		case 'limit':
			return `${LIMIT_TEXT[reason.limit]} exceeded (status ${status})`;
	}
}
