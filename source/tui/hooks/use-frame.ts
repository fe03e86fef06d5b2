import {performance} from 'node:perf_hooks';
import {useEffect, useRef, useState} from 'react';
import type {MachineView, ProcessView} from '../../kernel/kernel.js';
import type {Session} from '../session.js';

/** What one drawn frame shows of the machine. */
export interface Frame {
	readonly machine: MachineView;
	readonly processes: readonly ProcessView[];
	/** Instructions per wall second over about the last second. */
	readonly rate: number;
	/** The session's version when the frame was taken. */
	readonly version: number;
}

/**
 * The machine as of the latest frame: a new frame at most `fps` times a second, and only when the
 * session changed since the last one, so an idle machine costs no redraws.
 */
export function useFrame(session: Session, fps: number): Frame {
	const samples = useRef<Array<{at: number; instructions: number}>>([]);
	const take = (): Frame => {
		const machine = session.kernel.machine();
		const now = performance.now();
		const list = samples.current;
		list.push({at: now, instructions: machine.instructions});
		while (list.length > 2 && now - list[1].at > 1000) list.shift();
		const first = list[0];
		const rate = now - first.at > 0 && !session.driver.paused ? ((machine.instructions - first.instructions) * 1000) / (now - first.at) : 0;
		return {machine, processes: session.kernel.processes(), rate, version: session.version};
	};
	const [frame, setFrame] = useState(take);
	useEffect(() => {
		const interval = 1000 / Math.max(1, fps);
		let last = 0;
		let timer: NodeJS.Timeout | null = null;
		const flush = () => {
			timer = null;
			last = performance.now();
			setFrame(take());
		};
		const off = session.onChange(() => {
			if (timer === null) timer = setTimeout(flush, Math.max(0, last + interval - performance.now()));
		});
		return () => {
			off();
			if (timer !== null) clearTimeout(timer);
		};
	}, [session, fps]);
	return frame;
}
