/**
 * Decoding the values of wast2json commands (see ../shared/conformance/README.md, "Value encoding"):
 * `parseArg` turns an argument into an exact-bits `Value`; `parseExpected` turns an expected result into
 * an `Expected` pattern, which may hold NaN classes (`nan:canonical`, `nan:arithmetic`) for floats and
 * float lanes. Malformed test data throws `TestDataError`.
 */
import type {NumType, RefType, Value} from './engine.js';
import {LANE_BYTES, type LaneType, bytesFromLanes, isLaneType, laneCount} from './lanes.js';

/** A value as it appears in the JSON: decimal strings, a list of lane strings for v128. */
export interface JsonValue {
	readonly type: string;
	readonly value?: string | readonly string[];
	readonly lane_type?: string;
}

export type NanPattern = 'nan:canonical' | 'nan:arithmetic';
/** Exact unsigned bits, or (floats only) a class of NaNs. */
export type ScalarPattern = bigint | NanPattern;

export type Expected =
	| {readonly type: NumType; readonly pattern: ScalarPattern}
	| {readonly type: 'v128'; readonly laneType: LaneType; readonly lanes: readonly ScalarPattern[]}
	| {readonly type: RefType; readonly ref: number | null};

export class TestDataError extends Error {
	override readonly name = 'TestDataError';
}

const NUM_BITS: Readonly<Record<NumType, bigint>> = {i32: 32n, i64: 64n, f32: 32n, f64: 64n};

/** An unsigned decimal string that must fit in `width` bits. */
function parseBits(text: string, width: bigint): bigint {
	if (!/^[0-9]+$/.test(text)) throw new TestDataError(`not an unsigned decimal: "${text}"`);
	const bits = BigInt(text);
	if (bits >> width !== 0n) throw new TestDataError(`${text} does not fit in ${width} bits`);
	return bits;
}

function isNanPattern(text: string): text is NanPattern {
	return text === 'nan:canonical' || text === 'nan:arithmetic';
}

/** A scalar or lane pattern; NaN classes are allowed only when `isFloat`. */
function parsePattern(text: string, width: bigint, isFloat: boolean): ScalarPattern {
	if (isFloat && isNanPattern(text)) return text;
	return parseBits(text, width);
}

function scalarText(json: JsonValue): string {
	if (typeof json.value !== 'string') throw new TestDataError(`${json.type} value missing`);
	return json.value;
}

function laneTexts(json: JsonValue): {laneType: LaneType; texts: readonly string[]} {
	const laneType = json.lane_type;
	if (laneType === undefined || !isLaneType(laneType)) throw new TestDataError(`bad v128 lane type ${laneType}`);
	if (!Array.isArray(json.value) || json.value.length !== laneCount(laneType)) {
		throw new TestDataError(`v128 ${laneType} needs ${laneCount(laneType)} lanes`);
	}
	return {laneType, texts: json.value};
}

function parseRef(json: JsonValue & {type: RefType}): number | null {
	const text = scalarText(json);
	if (text === 'null') return null;
	return Number(parseBits(text, 32n));
}

function isNumType(type: string): type is NumType {
	return Object.hasOwn(NUM_BITS, type);
}

function isRefType(type: string): type is RefType {
	return type === 'funcref' || type === 'externref';
}

/** An argument of an invoke action, as exact bits. */
export function parseArg(json: JsonValue): Value {
	const {type} = json;
	if (type === 'i32' || type === 'f32') return {type, bits: Number(parseBits(scalarText(json), 32n))};
	if (type === 'i64' || type === 'f64') return {type, bits: parseBits(scalarText(json), 64n)};
	if (type === 'v128') {
		const {laneType, texts} = laneTexts(json);
		const width = BigInt(LANE_BYTES[laneType] * 8);
		return {type, bytes: bytesFromLanes(laneType, texts.map((text) => parseBits(text, width)))};
	}
	if (isRefType(type)) return {type, ref: parseRef({...json, type})};
	throw new TestDataError(`unknown value type ${type}`);
}

/** An expected result of assert_return. */
export function parseExpected(json: JsonValue): Expected {
	const {type} = json;
	if (isNumType(type)) {
		return {type, pattern: parsePattern(scalarText(json), NUM_BITS[type], type[0] === 'f')};
	}
	if (type === 'v128') {
		const {laneType, texts} = laneTexts(json);
		const width = BigInt(LANE_BYTES[laneType] * 8);
		return {type, laneType, lanes: texts.map((text) => parsePattern(text, width, laneType[0] === 'f'))};
	}
	if (isRefType(type)) return {type, ref: parseRef({...json, type})};
	throw new TestDataError(`unknown value type ${type}`);
}
