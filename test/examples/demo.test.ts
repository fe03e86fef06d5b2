/*
 * The original WasmOS demo (../shared/reference/000-wasmos-shell-notes.txt), typed at an
 * interactive shell with the prompt "WasmOS $ " on a machine booted as `wasmos-tui sh` boots one
 * (WASI, the process ABI, /bin installed): the whole screen — prompts, echoed commands, output —
 * compared byte for byte with fixtures/examples/wasmos-demo.txt. Virtual time makes it exact.
 *
 * After a deliberate change of what the demo shows, regenerate the transcript with
 *   UPDATE_GOLDEN=1 npx vitest run test/examples/demo.test.ts
 * and read the diff before committing it.
 */

import {readFileSync, writeFileSync} from 'node:fs';
import {describe, expect, it, vi} from 'vitest';
import {installBin} from '../../source/commands/bin-install.js';
import {boot, type Kernel} from '../../source/kernel/kernel.js';
import {processAbis} from '../../source/abi/index.js';
import {SHELL_KIND, shellTask} from '../../source/shell/shell.js';
import {initialState} from '../../source/shell/state.js';
import {wasiPreview1} from '../../source/wasi/index.js';
import {shellSession} from '../tui/helpers.js';
import {ROOT, shLine} from './helpers.js';

const GOLDEN = `${ROOT}fixtures/examples/wasmos-demo.txt`;

/** The demo as the notes give it, then a live process killed by name and the table once more. */
const DEMO = ['echo hello', 'math add 5 7', 'str upper wasmos', 'proc list', 'proc info math', 'system memory', 'proc kill math', 'sleep 60 &', 'system memory', 'proc kill sleep', 'proc list'];

/** Runs until the shell waits at its prompt (or has ended) and nothing else can run; appends what the terminal shows. */
function settle(kernel: Kernel, pid: number, screen: string[]): void {
	const decoder = new TextDecoder();
	for (let slices = 0; slices < 10_000; slices++) {
		const {status} = kernel.tick(100_000);
		for (const chunk of kernel.tty.takeOutput()) screen.push(decoder.decode(chunk.bytes));
		const shell = kernel.process(pid);
		if (shell === null || shell.state === 'ZOMBIE') return;
		if (status !== 'running' && shell.state === 'BLOCKED' && shell.blockedOn === 'read /dev/tty' && kernel.tty.view().pending === 0) return;
	}
	throw new Error('the shell never came back to its prompt');
}

function transcript(lines: readonly string[]): string {
	// Idle time waits for the driver, as in the TUI: a background sleep stays asleep while the shell waits for a line.
	const kernel = boot({idle: 'wait', terminal: {sanitize: {out: false, err: false}}});
	kernel.registerAbi(wasiPreview1());
	for (const abi of processAbis()) kernel.registerAbi(abi);
	installBin(kernel);
	kernel.registerTask(shellTask({}));
	const env = {PS1: 'WasmOS $ '};
	const pid = kernel.spawn({task: {kind: SHELL_KIND, state: initialState({interactive: true, env})}, name: 'sh', argv: ['sh'], env, foreground: true});
	const screen: string[] = [];
	settle(kernel, pid, screen);
	for (const line of lines) {
		kernel.tty.input(`${line}\n`);
		settle(kernel, pid, screen);
	}
	kernel.tty.hangup();
	settle(kernel, pid, screen);
	return screen.join('');
}

describe('the WasmOS demo', () => {
	it('gives the transcript of fixtures/examples/wasmos-demo.txt, byte for byte', () => {
		const got = transcript(DEMO);
		if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, got);
		expect(got).toBe(readFileSync(GOLDEN, 'utf8'));
	});

	it('shows math among the recently ended processes, with its memory, and says it cannot be killed any more', async () => {
		const r = await shLine('math add 5 7; proc list; proc info math; system memory; proc kill math');
		expect(r.stdout).toMatch(/^12\nPID +NAME +STATE +MEM +CPU +STATUS +COMMAND\n/);
		expect(r.stdout).toMatch(/\n +2 +math +ENDED +\d+ KiB +\d+ +exit 0 +math add 5 7\n/);
		expect(r.stdout).toMatch(/\npid 2: math \(ended\)\n {2}command {3}math add 5 7\n/);
		expect(r.stdout).toMatch(/Recently ended \(their memory is freed\):\n +2 +math +\d+ KiB +exit 0\n/);
		expect(r.stderr).toBe('proc kill: math (pid 2) already ended: exit 0\n');
		expect(r.status).toBe(1);
	});

	it('kills a live process by name; names nothing that never ran', async () => {
		const r = await shLine('spin busy 0 > /dev/null & proc kill busy; proc kill spin; wait; proc list > /tmp/ps; grep ENDED /tmp/ps; proc kill nosuch');
		expect(r.stdout).toMatch(/^sent TERM to spin \(pid 2\)\n +2 +spin +ENDED .* signal TERM \(143\) +spin busy 0\n$/);
		expect(r.stderr).toBe('proc kill: no process named busy\nproc kill: no process named nosuch\n');
	});

	it('explains its usage', async () => {
		expect(await shLine('proc')).toMatchObject({status: 2, stderr: expect.stringMatching(/^proc: a subcommand is needed\nusage: proc list/)});
		expect(await shLine('system disk')).toMatchObject({status: 2, stderr: expect.stringMatching(/^system: unknown subcommand disk\nusage: system memory/)});
		expect((await shLine('help proc system')).stdout).toMatch(/^proc list \| proc info NAME\|PID \| proc kill \[-SIG\] NAME\|PID\n {2}the WasmOS demo's process table/);
	});
});

describe('the demo in the TUI', () => {
	it('runs in the command pane: /bin is installed there too', async () => {
		const session = await shellSession();
		try {
			session.typeToTerminal('math add 5 7; str upper wasmos; proc info math\r');
			await vi.waitFor(() => expect(session.console.tail(12).join('\n')).toMatch(/12\nWASMOS\npid \d+: math \(ended\)\n {2}command {3}math add 5 7\n/), {timeout: 10_000, interval: 20});
		} finally {
			session.dispose();
		}
	});
});

describe('the demo from the command line', () => {
	it('runs in `wasmos-tui sh -c` under --no-expose-wasm: our engine runs /bin', async () => {
		const {spawnSync} = await import('node:child_process');
		const r = spawnSync(process.execPath, ['--no-expose-wasm', '--import', 'tsx', 'source/cli.tsx', 'sh', '-c', 'echo hello; math add 5 7; str upper wasmos; proc list > /tmp/ps; grep -c ENDED /tmp/ps'], {cwd: ROOT, encoding: 'utf8', input: ''});
		expect({status: r.status, stdout: r.stdout, stderr: r.stderr}).toEqual({status: 0, stdout: 'hello\n12\nWASMOS\n2\n', stderr: ''});
	});
});
