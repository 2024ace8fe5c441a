/**
 * Parses the `select` parameter: columns, aliases, JSON paths, casts, aggregates and embedded
 * resources. Whether aggregates may be used is the plan's decision (`db-aggregates-enabled`).
 */
import { Cursor, fieldRef, identifier } from './lexer.ts';
import type { AggregateName, SelectEmbed, SelectItem } from './types.ts';

const AGGREGATE = /^\.(count|sum|avg|max|min)\(\)/;
/** `count()` with no column: PostgREST tries it before a field, up to the item's end. */
const COUNT_ALL = /^count\(\)(?=::|,|\)|$)/;
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
	const countAll = countStar(c, undefined);
	if (countAll) return countAll;
	const start = c.pos;
	let name = identifier(c);
	let alias: string | undefined;
	if (c.peek() === ':' && c.peek(1) !== ':') {
		c.pos++;
		alias = name;
		if (c.eat('...')) throw c.fail('field name');
		const aliased = countStar(c, alias);
		if (aliased) return aliased;
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
	const cast = castSuffix(c);
	let agg: AggregateName | undefined;
	let aggCast: string | undefined;
	const m = AGGREGATE.exec(c.text.slice(c.pos));
	if (m) {
		agg = m[1] as AggregateName;
		c.pos += m[0].length;
		aggCast = castSuffix(c);
	}
	if (c.peek() === '.') throw c.fail('"," or end of input');
	return {
		kind: 'field',
		field,
		...(alias !== undefined ? { alias } : {}),
		...(cast ? { cast } : {}),
		...(agg ? { agg } : {}),
		...(aggCast ? { aggCast } : {})
	};
}

/** An optional `::type`. */
function castSuffix(c: Cursor): string | undefined {
	if (!c.eat('::')) return undefined;
	const m = CAST.exec(c.text.slice(c.pos));
	if (!m) throw c.fail('type name');
	c.pos += m[0].length;
	return m[0];
}

/** `count()` counting rows, with an optional result cast. */
function countStar(c: Cursor, alias: string | undefined): SelectItem | undefined {
	const m = COUNT_ALL.exec(c.text.slice(c.pos));
	if (!m) return undefined;
	c.pos += m[0].length;
	const aggCast = castSuffix(c);
	return {
		kind: 'field',
		field: { name: '*', path: [] },
		...(alias !== undefined ? { alias } : {}),
		agg: 'count',
		...(aggCast ? { aggCast } : {})
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
