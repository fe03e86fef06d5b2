/*
 * Typed reads of a parsed snapshot document: each takes the value and its JSON path and returns it
 * as the type asked for, or throws a SnapshotError naming the path and what was expected.
 */

import {SnapshotError} from './errors.js';

export type Obj = Readonly<Record<string, unknown>>;

function got(value: unknown): string {
	const text = JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

export function field(parent: Obj, key: string, path: string): unknown {
	if (!Object.hasOwn(parent, key)) throw new SnapshotError(join(path, key), 'is missing');
	return parent[key];
}

export function join(path: string, key: string | number): string {
	return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

export function obj(value: unknown, path: string): Obj {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SnapshotError(path, `must be an object, got ${got(value)}`);
	return value as Obj;
}

export function arr(value: unknown, path: string): readonly unknown[] {
	if (!Array.isArray(value)) throw new SnapshotError(path, `must be a list, got ${got(value)}`);
	return value;
}

export function num(value: unknown, path: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new SnapshotError(path, `must be a number, got ${got(value)}`);
	return value;
}

/** A whole number >= min. */
export function int(value: unknown, path: string, min = 0): number {
	if (!Number.isSafeInteger(value) || (value as number) < min) throw new SnapshotError(path, `must be a whole number >= ${min}, got ${got(value)}`);
	return value as number;
}

export function str(value: unknown, path: string): string {
	if (typeof value !== 'string') throw new SnapshotError(path, `must be a string, got ${got(value)}`);
	return value;
}

export function bool(value: unknown, path: string): boolean {
	if (typeof value !== 'boolean') throw new SnapshotError(path, `must be true or false, got ${got(value)}`);
	return value;
}

export function bigint(value: unknown, path: string): bigint {
	if (typeof value !== 'string' || !/^-?\d+$/.test(value)) throw new SnapshotError(path, `must be a whole number as a decimal string, got ${got(value)}`);
	return BigInt(value);
}

/** Base64 text (or bytes already decoded by the reader) as bytes. */
export function bytes(value: unknown, path: string): Uint8Array {
	if (value instanceof Uint8Array) return value;
	const text = str(value, path);
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new SnapshotError(path, 'must be base64 data');
	return new Uint8Array(Buffer.from(text, 'base64'));
}

export function oneOf<T extends string>(value: unknown, path: string, choices: readonly T[]): T {
	if (typeof value !== 'string' || !choices.includes(value as T)) throw new SnapshotError(path, `must be one of ${choices.join(', ')}, got ${got(value)}`);
	return value as T;
}
