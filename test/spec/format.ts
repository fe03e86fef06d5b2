/**
 * Readable text for values and expected patterns in failure messages: integers in hex and decimal
 * (`i32 0xffffffff (4294967295, -1)`), floats as their value and bits (`f32 1.5 (0x3fc00000)`,
 * `f32 nan:0x200000 (0x7fa00000)`), v128 as lanes of the given shape, references as `null` or a number.
 */
import type {Value} from './engine.js';
import {type LaneType, laneCount, readLane} from './lanes.js';
import type {Expected, ScalarPattern} from './values.js';

function hex(bits: bigint): string {
	return `0x${bits.toString(16)}`;
}

/** Hex, the unsigned decimal, and the signed decimal when it differs. */
function integerText(bits: bigint, width: number): string {
	const signed = BigInt.asIntN(width, bits);
	return signed < 0n ? `${hex(bits)} (${bits}, ${signed})` : `${hex(bits)} (${bits})`;
}

/** The float that `bits` encode: `1.5`, `-inf`, `nan:0x200000` (with its payload), then the bits. */
function floatText(bits: bigint, width: 32 | 64): string {
	const view = new DataView(new ArrayBuffer(8));
	let value: number;
	if (width === 32) {
		view.setUint32(0, Number(bits));
		value = view.getFloat32(0);
	} else {
		view.setBigUint64(0, bits);
		value = view.getFloat64(0);
	}
	const sign = bits >> BigInt(width - 1) === 1n ? '-' : '';
	let text: string;
	if (Number.isNaN(value)) text = `${sign}nan:${hex(bits & ((1n << (width === 32 ? 23n : 52n)) - 1n))}`;
	else if (!Number.isFinite(value)) text = `${sign}inf`;
	else text = Object.is(value, -0) ? '-0' : String(value);
	return `${text} (${hex(bits)})`;
}

function scalarText(type: 'i32' | 'i64' | 'f32' | 'f64' | LaneType, pattern: ScalarPattern): string {
	if (typeof pattern !== 'bigint') return pattern;
	if (type === 'f32') return floatText(pattern, 32);
	if (type === 'f64') return floatText(pattern, 64);
	return integerText(pattern, type === 'i8' ? 8 : type === 'i16' ? 16 : type === 'i32' ? 32 : 64);
}

function shape(laneType: LaneType): string {
	return `${laneType}x${laneCount(laneType)}`;
}

function lanesText(laneType: LaneType, lanes: readonly ScalarPattern[]): string {
	// Integer lanes in hex only: the decimal forms would make a 16-lane vector unreadable.
	const texts = lanes.map((lane) => (typeof lane === 'bigint' && laneType[0] === 'i' ? hex(lane) : scalarText(laneType, lane)));
	return `v128 ${shape(laneType)} [${texts.join(' ')}]`;
}

/** A value; v128 is shown in `laneType` lanes (i32x4 when not given). */
export function formatValue(value: Value, laneType: LaneType = 'i32'): string {
	switch (value.type) {
		case 'i32':
		case 'i64':
		case 'f32':
		case 'f64':
			return `${value.type} ${scalarText(value.type, BigInt(value.bits))}`;
		case 'v128': {
			const lanes = Array.from({length: laneCount(laneType)}, (_, index) => readLane(value.bytes, laneType, index));
			return lanesText(laneType, lanes);
		}
		case 'funcref':
		case 'externref':
			return `${value.type} ${value.ref ?? 'null'}`;
	}
}

export function formatExpected(expected: Expected): string {
	switch (expected.type) {
		case 'i32':
		case 'i64':
		case 'f32':
		case 'f64':
			return `${expected.type} ${scalarText(expected.type, expected.pattern)}`;
		case 'v128':
			return lanesText(expected.laneType, expected.lanes);
		case 'funcref':
		case 'externref':
			return `${expected.type} ${expected.ref ?? 'null'}`;
	}
}

/** A result list for messages, v128 results shown in the lane shape the test expected. */
export function formatResults(values: readonly Value[], expected: readonly Expected[] = []): string {
	if (values.length === 0) return 'no results';
	return values
		.map((value, index) => {
			const want = expected[index];
			return formatValue(value, want?.type === 'v128' ? want.laneType : undefined);
		})
		.join(', ');
}
