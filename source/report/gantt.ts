/*
 * A text Gantt chart of the real schedule, built from the kernel's events as they happen: `sched`
 * events say who ran from which tick to which (and why it stopped), `state` events when a process
 * blocked or was stopped, `spawn` and `exit` events its life, `idle` events when the CPU had
 * nothing to run. One row per process, time on the x-axis from tick 0 to the end, scaled to fit the
 * width; each cell says how much of that column's time the process ran:
 *
 *     █ three quarters or more   ▓ half or more   ▒ a quarter or more   ░ less
 *     · it did not run but was READY (waiting for the CPU)   blank: blocked, stopped or not alive
 *
 *   const gantt = new Gantt();
 *   kernel.subscribe(event => gantt.add(event));
 *   ... run ...
 *   process.stderr.write(gantt.render({end: kernel.machine().clock, width: 80}));
 *
 * Memory stays bounded however long the run: time is kept in at most BINS bins per process, and
 * when the run outgrows them the bins double in length (pairs merge). A column of the chart spans
 * many bins (the chart is far narrower than BINS), so the merging does not show.
 */

import {formatTicks} from '../kernel/clock.js';
import type {KernelEvent} from '../kernel/kernel.js';

const BINS = 4096;
/** Row labels ("    3 io 5000 200000") are cut to this width. */
const LABEL_WIDTH = 24;

/** What is known of one process: its name and life, and ticks it ran / was off (blocked, stopped) per bin. */
interface Row {
	readonly pid: number;
	name: string;
	born: number;
	died: number | null;
	readonly ran: Float64Array;
	readonly off: Float64Array;
	/** Tick it blocked or was stopped, while it is. */
	offSince: number | null;
}

/** One cell's content: fractions of the column's time. */
export interface Cell {
	readonly ran: number;
	readonly ready: number;
}

export interface GanttOptions {
	/** Tick the chart ends at (the clock at the end of the run). */
	readonly end: number;
	/** Width of each line, labels included (at least 30). */
	readonly width: number;
}

const OFF_STATES = new Set(['BLOCKED', 'STOPPED']);

export class Gantt {
	/** Ticks per bin: 1 at first, doubling as the run outgrows BINS bins. */
	private binTicks = 1;
	private readonly rows = new Map<number, Row>();
	private readonly idle = new Float64Array(BINS);
	private idleTicks = 0;
	private readonly switches: Array<{readonly tick: number; readonly policy: string}> = [];

	add(event: KernelEvent): void {
		switch (event.type) {
			case 'spawn':
				this.row(event.pid, event.tick).name = event.name;
				break;
			case 'sched':
				this.fill(this.row(event.pid, event.from).ran, event.from, event.to);
				break;
			case 'step':
				this.fill(this.row(event.pid, event.tick).ran, event.tick - event.instructions, event.tick);
				break;
			case 'state': {
				const row = this.row(event.pid, event.tick);
				if (!OFF_STATES.has(event.from) && OFF_STATES.has(event.to)) row.offSince = event.tick;
				else if (OFF_STATES.has(event.from) && !OFF_STATES.has(event.to)) this.backOn(row, event.tick);
				break;
			}
			case 'exit': {
				const row = this.row(event.pid, event.tick);
				this.backOn(row, event.tick);
				row.died = event.tick;
				break;
			}
			case 'idle':
				this.fill(this.idle, event.from, event.to);
				this.idleTicks += event.to - event.from;
				break;
			case 'policy':
				this.switches.push({tick: event.tick, policy: event.policy});
				break;
			default:
				break;
		}
	}

	private row(pid: number, tick: number): Row {
		let row = this.rows.get(pid);
		if (row === undefined) {
			row = {pid, name: '?', born: tick, died: null, ran: new Float64Array(BINS), off: new Float64Array(BINS), offSince: null};
			this.rows.set(pid, row);
		}
		return row;
	}

	private backOn(row: Row, tick: number): void {
		if (row.offSince === null) return;
		this.fill(row.off, row.offSince, tick);
		row.offSince = null;
	}

	/** Adds the interval [from, to) to `bins`, coarsening every row first if it reaches past the last bin. */
	private fill(bins: Float64Array, from: number, to: number): void {
		if (to <= from) return;
		while (to > BINS * this.binTicks) this.coarsen();
		const size = this.binTicks;
		for (let b = Math.floor(from / size); b * size < to; b++) bins[b] += Math.min(to, (b + 1) * size) - Math.max(from, b * size);
	}

	/** Doubles the bin length: bin i becomes the sum of bins 2i and 2i + 1. */
	private coarsen(): void {
		const merge = (bins: Float64Array) => {
			for (let i = 0; i < BINS / 2; i++) bins[i] = bins[2 * i] + bins[2 * i + 1];
			bins.fill(0, BINS / 2);
		};
		for (const row of this.rows.values()) {
			merge(row.ran);
			merge(row.off);
		}
		merge(this.idle);
		this.binTicks *= 2;
	}

	/** Ticks recorded in `bins` within [from, to), counting a bin's ticks as spread evenly over it. */
	private sum(bins: Float64Array, from: number, to: number): number {
		const size = this.binTicks;
		let total = 0;
		for (let b = Math.floor(from / size); b * size < to && b < BINS; b++) {
			const overlap = Math.min(to, (b + 1) * size) - Math.max(from, b * size);
			if (overlap > 0) total += (bins[b] * overlap) / size;
		}
		return total;
	}

	/** The processes seen, by pid. */
	pids(): number[] {
		return [...this.rows.keys()].sort((a, b) => a - b);
	}

	/** `columns` cells of process `pid` over [0, end): how much of each column it ran, and was READY. */
	cells(pid: number, end: number, columns: number): Cell[] {
		const row = this.rows.get(pid);
		if (row === undefined) return [];
		const width = end / columns;
		return Array.from({length: columns}, (_, c) => {
			const from = c * width;
			const to = c === columns - 1 ? end : (c + 1) * width;
			const alive = Math.max(0, Math.min(to, row.died ?? end) - Math.max(from, row.born));
			const ran = this.sum(row.ran, from, to);
			const off = this.sum(row.off, from, to) + (row.offSince === null ? 0 : Math.max(0, to - Math.max(from, row.offSince)));
			return {ran: ran / (to - from), ready: Math.max(0, alive - ran - off) / (to - from)};
		});
	}

	render(options: GanttOptions): string {
		const end = options.end;
		if (end <= 0 || this.rows.size === 0) return 'Gantt chart: nothing ran\n';
		const labels = new Map(this.pids().map(pid => [pid, shorten(`${String(pid).padStart(5)} ${this.rows.get(pid)!.name}`, LABEL_WIDTH)]));
		const labelWidth = Math.max(6, ...[...labels.values()].map(l => l.length));
		const columns = Math.max(1, Math.min(Math.max(10, options.width - labelWidth - 3), end));
		const lines: string[] = [];
		for (const [pid, label] of labels) {
			lines.push(`${label.padEnd(labelWidth)} │${this.cells(pid, end, columns).map(cellChar).join('')}│`);
		}
		if (this.idleTicks > 0) {
			const width = end / columns;
			const idle = Array.from({length: columns}, (_, c) => {
				const from = c * width;
				const to = c === columns - 1 ? end : (c + 1) * width;
				return cellChar({ran: this.sum(this.idle, from, to) / (to - from), ready: 0});
			});
			lines.push(`${'(idle)'.padStart(labelWidth)} │${idle.join('')}│`);
		}
		const last = formatTicks(end);
		lines.push(`${' '.repeat(labelWidth + 1)} 0${last.padStart(columns - 1)}`);
		const later = this.switches.filter(s => s.tick > 0);
		if (later.length > 0) {
			const marks = Array.from({length: columns}, () => ' ');
			for (const s of later) marks[Math.min(columns - 1, Math.floor((s.tick / end) * columns))] = '^';
			lines.push(`${'policy'.padStart(labelWidth)}  ${marks.join('').trimEnd()}`);
			lines.push(`${' '.repeat(labelWidth + 2)}switched to ${later.map(s => `${s.policy} at ${formatTicks(s.tick)}`).join(', ')}`);
		}
		lines.push(`${' '.repeat(labelWidth + 2)}one column = ${formatTicks(Math.round(end / columns))}; █ ran ≥ 3/4 of it, ▓ ≥ 1/2, ▒ ≥ 1/4, ░ less; · READY, waiting; blank: blocked or not alive`);
		return lines.join('\n') + '\n';
	}
}

function shorten(text: string, width: number): string {
	return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

function cellChar({ran, ready}: Cell): string {
	if (ran >= 0.75) return '█';
	if (ran >= 0.5) return '▓';
	if (ran >= 0.25) return '▒';
	if (ran > 0) return '░';
	return ready > 1e-9 ? '·' : ' ';
}
