/** A description of the machine a benchmark ran on, for the header line and the JSON output. */

import {arch, cpus, platform} from 'node:os';

export interface MachineInfo {
	readonly node: string;
	readonly v8: string;
	readonly cpu: string;
	readonly cpus: number;
	readonly platform: string;
}

export function machineInfo(): MachineInfo {
	const processors = cpus();
	return {
		node: process.version,
		v8: process.versions.v8,
		cpu: processors[0]?.model.trim() ?? 'unknown cpu',
		cpus: processors.length,
		platform: `${platform()} ${arch()}`,
	};
}
