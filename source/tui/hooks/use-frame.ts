import {performance} from 'node:perf_hooks';
import {useEffect, useRef, useState} from 'react';
import type {MachineView, ProcessView} from '../../kernel/kernel.js';
import type {Session} from '../session.js';

/** Frames of throughput history kept for the chart (wider than any chart drawn). */
const HISTORY = 512;
/**
 * How long the process rows may be held while only their counters change (a `top`-like refresh):
 * the table's rows are most of what a frame writes to the terminal, and numbers that change every
 * tenth of a second cannot be read anyway. A new or ended process, a change of state (other than
 * taking turns on the CPU) or of priority shows at once. The syscall log moves with the rows.
 */
export const TABLE_HOLD_MS = 500;

/** What one drawn frame shows of the machine. */
export interface Frame {
	readonly machine: MachineView;
	readonly processes: readonly ProcessView[];
	/** Instructions per wall second over about the last second. */
	readonly rate: number;
	/** `rate` at each of the last frames, oldest first (the throughput chart). */
	readonly rates: readonly number[];
	/** The newest syscall log line to show (its seq): the log moves on with the process rows. */
	readonly logSeq: number;
	/** The session's version when the frame was taken. */
	readonly version: number;
}

/**
 * The machine as of the latest frame: a new frame at most `fps` times a second, and only when the
 * session changed since the last one, so an idle machine costs no redraws.
 */
export function useFrame(session: Session, fps: number): Frame {
	const samples = useRef<Array<{at: number; instructions: number}>>([]);
	const rates = useRef<number[]>([]);
	const table = useRef<{at: number; signature: string; processes: readonly ProcessView[]; logSeq: number; held: boolean} | null>(null);
	/** The process views (and log horizon) to show: fresh, or the last ones while only counters changed. */
	const rows = (now: number) => {
		const views = session.kernel.processes();
		const signature = views.map(p => `${p.pid}:${p.state === 'RUNNING' ? 'READY' : p.state}:${p.priority}`).join(',');
		const last = table.current;
		if (last === null || last.signature !== signature || now - last.at >= TABLE_HOLD_MS) {
			table.current = {at: now, signature, processes: views, logSeq: session.feed.log.last(1)[0]?.seq ?? 0, held: false};
		} else table.current = {...last, held: true};
		return table.current;
	};
	const take = (): Frame => {
		const machine = session.kernel.machine();
		const now = performance.now();
		const list = samples.current;
		list.push({at: now, instructions: machine.instructions});
		while (list.length > 2 && now - list[1].at > 1000) list.shift();
		const first = list[0];
		const rate = now - first.at > 0 && !session.driver.paused ? ((machine.instructions - first.instructions) * 1000) / (now - first.at) : 0;
		rates.current = [...rates.current.slice(1 - HISTORY), rate];
		const {processes, logSeq} = rows(now);
		return {machine, processes, rate, rates: rates.current, logSeq, version: session.version};
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
			// Rows held back are drawn when the hold ends, even if nothing else changes by then.
			const held = table.current;
			if (held?.held === true) timer = setTimeout(flush, Math.max(interval, held.at + TABLE_HOLD_MS - last));
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
