/*
 * The statistics of sched-stats.ts as text: one table of the processes of a run, and the table that
 * compares runs of the same workload under different policies.
 */

import {formatTicks} from '../kernel/clock.js';
import type {ProcessView} from '../kernel/kernel.js';
import type {Gantt} from './gantt.js';
import {processStats, summarize, type ProcessStats, type RunSummary} from './sched-stats.js';
import {textTable} from './table.js';

/** A time in ticks for a person ("1.5 ms"); "-" when there is none. */
export function ticksText(ticks: number | null): string {
	return ticks === null ? '-' : formatTicks(Math.round(ticks));
}

function ratio(value: number | null, digits = 3): string {
	return value === null ? '-' : value.toFixed(digits);
}

export function processStatsTable(stats: readonly ProcessStats[], indent = ''): string {
	return textTable(
		['pid name', 'status', 'response', 'wake resp.', 'turnaround', 'waiting', 'CPU', 'bursts', 'mean burst', 'switches', 'share'],
		stats.map(s => [
			`${s.pid} ${s.name}`,
			s.status === null ? 'alive' : String(s.status),
			ticksText(s.response),
			ticksText(s.wakeResponse),
			ticksText(s.turnaround),
			ticksText(s.waiting),
			ticksText(s.cpu),
			String(s.bursts),
			ticksText(s.meanBurst),
			String(s.switches),
			ratio(s.share),
		]),
		indent,
	);
}

export interface CompareRow {
	readonly policy: string;
	readonly summary: RunSummary;
	/** Why the run did not finish ("stopped at --max-ticks"), or null. */
	readonly note: string | null;
}

export function compareTable(rows: readonly CompareRow[]): string {
	return textTable(
		['policy', 'response', 'wake resp.', 'turnaround', 'waiting', 'throughput/ms', 'fairness', 'switches', 'done'],
		rows.map(({policy, summary: s, note}) => [
			policy,
			ticksText(s.avgResponse),
			ticksText(s.avgWakeResponse),
			ticksText(s.avgTurnaround),
			ticksText(s.avgWaiting),
			s.throughput.toFixed(2),
			ratio(s.fairness),
			String(s.contextSwitches),
			`${s.completed}/${s.processes}${note === null ? '' : ` (${note})`}`,
		]),
	);
}

/** A run's schedule for a person: the Gantt chart, each process's statistics and the averages. */
export function scheduleReport(gantt: Gantt, views: readonly ProcessView[], end: number, width: number): string {
	const s = summarize(views, end);
	const averages = [
		`average response ${ticksText(s.avgResponse)}`,
		`wake response ${ticksText(s.avgWakeResponse)}`,
		`turnaround ${ticksText(s.avgTurnaround)}`,
		`waiting ${ticksText(s.avgWaiting)}`,
		`throughput ${s.throughput.toFixed(2)}/ms`,
		`fairness ${ratio(s.fairness)}`,
		`${s.contextSwitches} context switches`,
	];
	return `${gantt.render({end, width})}\n${processStatsTable(views.map(processStats))}${averages.join(', ')}\n`;
}
