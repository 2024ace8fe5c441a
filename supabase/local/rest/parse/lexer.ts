/** A cursor over one query-string value, with the tokens PostgREST's grammar shares. */
import { parseError, type RestError } from '../errors.ts';
import type { FieldRef, JsonStep } from './types.ts';

export class Cursor {
	readonly text: string;
	readonly what: string;
	pos = 0;
	constructor(text: string, what: string) {
		this.text = text;
		this.what = what;
	}
	get done(): boolean {
		return this.pos >= this.text.length;
	}
	peek(n = 0): string {
		return this.text[this.pos + n] ?? '';
	}
	startsWith(s: string): boolean {
		return this.text.startsWith(s, this.pos);
	}
	eat(s: string): boolean {
		if (!this.startsWith(s)) return false;
		this.pos += s.length;
		return true;
	}
	expect(s: string, expecting = `"${s}"`): void {
		if (!this.eat(s)) throw this.fail(expecting);
	}
	/** A Parsec-style error at the current position. */
	fail(expecting: string): RestError {
		const found = this.done ? 'end of input' : `"${this.peek()}"`;
		return parseError(
			this.what,
			this.text,
			this.pos + 1,
			`unexpected ${found} expecting ${expecting}`
		);
	}
}

/** Characters allowed in an unquoted identifier; `-` only when not starting `->`. */
function isIdentChar(c: Cursor): boolean {
	const ch = c.peek();
	if (ch === '') return false;
	if (ch === '-') return c.peek(1) !== '>';
	return /[\p{L}\p{N}_$ ]/u.test(ch);
}

/** A double-quoted string: backslash escapes the next character. */
export function quoted(c: Cursor): string {
	c.expect('"');
	let out = '';
	while (!c.done && c.peek() !== '"') {
		if (c.peek() === '\\' && c.pos + 1 < c.text.length) c.pos++;
		out += c.peek();
		c.pos++;
	}
	c.expect('"', 'closing quote');
	return out;
}

/** An identifier: quoted, or a run of identifier characters. */
export function identifier(c: Cursor, expecting = 'field name'): string {
	if (c.peek() === '"') return quoted(c);
	const start = c.pos;
	while (isIdentChar(c)) c.pos++;
	const name = c.text.slice(start, c.pos).trim();
	if (!name) {
		c.pos = start;
		throw c.fail(expecting);
	}
	return name;
}

/** A column with an optional JSON path (`data->a->>0`). */
export function fieldRef(c: Cursor): FieldRef {
	const name = identifier(c);
	const path: JsonStep[] = [];
	for (;;) {
		let arrow: JsonStep['arrow'];
		if (c.eat('->>')) arrow = '->>';
		else if (c.eat('->')) arrow = '->';
		else break;
		const m = /^-?\d+(?![\p{L}_$])/u.exec(c.text.slice(c.pos));
		if (m && c.peek() !== '"') {
			c.pos += m[0].length;
			path.push({ arrow, key: Number(m[0]) });
		} else {
			path.push({ arrow, key: identifier(c, 'json key') });
		}
	}
	return { name, path };
}

/** The key a field appears under in the JSON output: the last JSON key, else the column. */
export function defaultAlias(f: FieldRef): string {
	const last = f.path.at(-1);
	return last ? String(last.key) : f.name;
}
