/** Parses the `select` parameter: columns, aliases, JSON paths, casts and embedded resources. */
import { pgrst } from '../errors.ts';
import { Cursor, fieldRef, identifier } from './lexer.ts';
import type { SelectEmbed, SelectItem } from './types.ts';

const AGGREGATES = /^(count|sum|avg|max|min)\(\)/;
const CAST = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?/;

/** Parses a whole `select=` value; an empty value selects nothing, as in PostgREST. */
export function parseSelect(text: string): SelectItem[] {
	const c = new Cursor(text, 'select parameter');
	if (text === '') return [];
	const items = itemList(c);
	if (!c.done) throw c.fail('"," or end of input');
	return items;
}

function itemList(c: Cursor): SelectItem[] {
	const items: SelectItem[] = [item(c)];
	while (c.eat(',')) items.push(item(c));
	return items;
}

function item(c: Cursor): SelectItem {
	if (c.eat('*')) return { kind: 'star' };
	if (c.eat('...')) {
		const name = identifier(c);
		const embed = embedRest(c, name, undefined);
		if (!embed) throw c.fail('"(" or "!"');
		return { ...embed, spread: true };
	}
	if (AGGREGATES.test(c.text.slice(c.pos)))
		throw pgrst('aggregates', 'Use of aggregate functions is not allowed');
	const start = c.pos;
	let name = identifier(c);
	let alias: string | undefined;
	if (c.peek() === ':' && c.peek(1) !== ':') {
		c.pos++;
		alias = name;
		if (c.eat('...')) throw c.fail('field name');
		if (AGGREGATES.test(c.text.slice(c.pos)))
			throw pgrst('aggregates', 'Use of aggregate functions is not allowed');
		name = identifier(c);
	}
	const embed = embedRest(c, name, alias);
	if (embed) return embed;
	// Not an embed: re-read the name as a field, which may carry a JSON path.
	if (alias === undefined) c.pos = start;
	else {
		c.pos = start;
		identifier(c);
		c.pos++;
	}
	const field = fieldRef(c);
	let cast: string | undefined;
	if (c.eat('::')) {
		const m = CAST.exec(c.text.slice(c.pos));
		if (!m) throw c.fail('type name');
		cast = m[0];
		c.pos += m[0].length;
	}
	if (c.peek() === '.') {
		if (AGGREGATES.test(c.text.slice(c.pos + 1)))
			throw pgrst('aggregates', 'Use of aggregate functions is not allowed');
		throw c.fail('"," or end of input');
	}
	return {
		kind: 'field',
		field,
		...(alias !== undefined ? { alias } : {}),
		...(cast ? { cast } : {})
	};
}

/** After a name: `!hint`/`!inner`/`!left` modifiers and a parenthesised sub-select. */
function embedRest(c: Cursor, name: string, alias: string | undefined): SelectEmbed | undefined {
	if (c.peek() !== '!' && c.peek() !== '(') return undefined;
	let hint: string | undefined;
	let inner = false;
	while (c.eat('!')) {
		const word = identifier(c, 'hint or join type');
		if (word === 'inner') inner = true;
		else if (word === 'left') inner = false;
		else if (hint === undefined) hint = word;
		else throw c.fail('"("');
	}
	c.expect('(');
	const items = c.peek() === ')' ? [] : itemList(c);
	c.expect(')', '"," or ")"');
	return {
		kind: 'embed',
		name,
		inner,
		spread: false,
		items,
		...(alias !== undefined ? { alias } : {}),
		...(hint !== undefined ? { hint } : {})
	};
}
