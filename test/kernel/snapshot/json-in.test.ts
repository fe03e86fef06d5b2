/*
 * The streaming JSON reader of snapshots gives what JSON.parse gives, however the file is cut into
 * chunks (a chunk boundary inside a string, an escape, a number, a literal or a UTF-8 character),
 * and names the path where a document goes wrong.
 */

import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {parseJsonFile, parseJsonText} from '../../../source/kernel/snapshot/json-in.js';
import {prng} from '../../helpers/prng.js';

const dir = mkdtempSync(join(tmpdir(), 'wasmos-json-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

/** A random JSON value: nested objects and lists, numbers of every shape, strings with escapes and non-ASCII text. */
function randomValue(random: () => number, depth = 0): unknown {
	const pick = Math.floor(random() * (depth > 3 ? 4 : 6));
	switch (pick) {
		case 0:
			return [null, true, false][Math.floor(random() * 3)];
		case 1:
			return [0, -1, 3.25, 1e21, -2.5e-7, 123456789012, Math.floor(random() * 1e9)][Math.floor(random() * 7)];
		case 2:
		case 3: {
			const parts = ['abc', 'é', '€', '𝄞', '"', '\\', '\n', '\u0001', 'x'.repeat(Math.floor(random() * 40))];
			return Array.from({length: Math.floor(random() * 6)}, () => parts[Math.floor(random() * parts.length)]).join('');
		}
		case 4:
			return Array.from({length: Math.floor(random() * 5)}, () => randomValue(random, depth + 1));
		default:
			return Object.fromEntries(Array.from({length: Math.floor(random() * 5)}, (_, k) => [`k${k}${k % 2 === 0 ? 'é' : ''}`, randomValue(random, depth + 1)]));
	}
}

describe('the streaming JSON reader', () => {
	it('reads what JSON.parse reads, with chunks of every small size', () => {
		const random = prng(42);
		for (let n = 0; n < 40; n++) {
			const value = {doc: randomValue(random), n};
			const text = n % 2 === 0 ? JSON.stringify(value) : JSON.stringify(value, null, '\t');
			const file = join(dir, `${n}.json`);
			writeFileSync(file, text);
			for (const chunk of [1, 2, 3, 5, 7, 64]) expect(parseJsonFile(file, {chunk})).toEqual(JSON.parse(text));
		}
	});

	it('hands strings to the reviver with their path', () => {
		const seen: string[] = [];
		const out = parseJsonText('{"a":[{"b":"x"}],"c":"y"}', {revive: (path, text) => (seen.push(`${path.join('/')}=${text}`), text.toUpperCase())});
		expect(out).toEqual({a: [{b: 'X'}], c: 'Y'});
		expect(seen).toEqual(['a/0/b=x', 'c=y']);
	});

	it('names the path where a document is cut short or malformed', () => {
		expect(() => parseJsonText('{"a":{"b":[1,2')).toThrow(/^a\.b: the file ends early/);
		expect(() => parseJsonText('{"a":{"b":tru')).toThrow(/^a\.b: the file ends early/);
		expect(() => parseJsonText('{"a" 1}')).toThrow(/expected ":"/);
		expect(() => parseJsonText('{"a":"\\q"}')).toThrow(/^a: malformed string escape/);
		expect(() => parseJsonText('{"__proto__":{"x":1}}')).not.toThrow();
		expect(Object.getPrototypeOf(parseJsonText('{"__proto__":{"x":1}}'))).toBe(Object.prototype);
	});
});
