/**
 * Which registered engines a run measures: the ones asked for (by default every engine that is not
 * optional), with the baseline always first.
 */

import {UsageError} from './args.js';
import type {Engine} from './engine.js';

export function selectEngines(registered: readonly Engine[], requested: readonly string[], baseline: string): Engine[] {
	const known = registered.map(({name}) => name);
	const unknown = requested.filter((name) => !known.includes(name));
	if (unknown.length > 0) throw new UsageError(`unknown engine ${unknown.join(', ')} (known: ${known.join(', ')})`);
	const wanted = requested.length === 0 ? registered.filter(({optional}) => optional !== true).map(({name}) => name) : [baseline, ...requested];
	return registered.filter(({name}) => wanted.includes(name)).sort((a, b) => Number(b.name === baseline) - Number(a.name === baseline));
}
