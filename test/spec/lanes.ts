/**
 * v128 lane access: a v128 is 16 bytes in memory order (lane 0 first, little-endian), viewed as lanes of
 * one of six shapes. Lane values are unsigned bit patterns as bigints, the same for integer and float
 * lanes. Used to build v128 arguments from JSON lanes and to compare and print v128 results.
 */

export type LaneType = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

/** Width of one lane in bytes. */
export const LANE_BYTES: Readonly<Record<LaneType, number>> = {i8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8};

export function isLaneType(name: string): name is LaneType {
	return Object.hasOwn(LANE_BYTES, name);
}

export function laneCount(laneType: LaneType): number {
	return 16 / LANE_BYTES[laneType];
}

/** The unsigned bits of lane `index`. */
export function readLane(bytes: Uint8Array, laneType: LaneType, index: number): bigint {
	const width = LANE_BYTES[laneType];
	let bits = 0n;
	// Little-endian: the lane's last byte is the most significant.
	for (let i = width - 1; i >= 0; i--) bits = (bits << 8n) | BigInt(bytes[index * width + i]!);
	return bits;
}

/** The 16 bytes of a v128 whose lanes hold `lanes` (unsigned bits, lane 0 first). */
export function bytesFromLanes(laneType: LaneType, lanes: readonly bigint[]): Uint8Array {
	const width = LANE_BYTES[laneType];
	const bytes = new Uint8Array(16);
	lanes.forEach((lane, index) => {
		// Low byte first, shifting the lane down one byte per step.
		for (let i = 0, rest = lane; i < width; i++, rest >>= 8n) bytes[index * width + i] = Number(rest & 0xffn);
	});
	return bytes;
}
