/* The limit and capability flags (source/commands/machine-options.ts): checked, and turned into the machine's limits. */

import {describe, expect, it} from 'vitest';
import {bootOptions, checkMachineFlags} from '../../source/commands/machine-options.js';

describe('limit flags', () => {
	it('become the machine limits every process starts with', () => {
		const flags = {maxSyscalls: 100, maxFds: 10, maxCallDepth: 500, maxProcs: 4, allow: ['wasi_snapshot_preview1', 'wasmos.getpid']};
		checkMachineFlags(flags);
		expect(bootOptions(flags).limits).toEqual({syscalls: 100, fds: 10, callDepth: 500, procs: 4, allow: ['wasi_snapshot_preview1', 'wasmos.getpid']});
		expect(bootOptions({}).limits).toEqual({});
	});

	it('refuses values that cannot work, naming the flag', () => {
		expect(() => checkMachineFlags({maxFds: 2})).toThrow('--max-fds must be at least 3 (stdin, stdout and stderr)');
		expect(() => checkMachineFlags({maxCallDepth: 0})).toThrow('--max-call-depth must be at least 1');
		expect(() => checkMachineFlags({maxProcs: 0})).toThrow('--max-procs must be at least 1');
		expect(() => checkMachineFlags({allow: ['.x']})).toThrow('--allow: ".x" is not an import pattern: MODULE or MODULE.FUNCTION');
	});
});
