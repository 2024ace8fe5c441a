/** Parses filter values (`not.in.(1,2)`), logic trees (`or=(a.eq.1,and(b.gt.2,c.is.null))`) and `order`. */
import { Cursor, fieldRef, quoted } from './lexer.ts';
import {
	FTS_OPERATORS,
	OPERATORS,
	QUANTIFIABLE,
	type Condition,
	type FieldRef,
	type IsValue,
	type LogicTree,
	type OpExpr,
	type Operator,
	type OrderTerm
} from './types.ts';

const OPERATOR_LIST = `operator (${OPERATORS.join(', ')})`;
const IS_VALUES: Record<string, IsValue> = {
	null: 'null',
	not_null: 'not_null',
	true: 'true',
	false: 'false',
	unknown: 'unknown'
};

/** Parses the value of a `col=<value>` parameter. */
export function parseFilterValue(text: string): OpExpr {
	const c = new Cursor(text, 'filter');
	const expr = opExpr(c, (cur) => {
		const v = cur.text.slice(cur.pos);
		cur.pos = cur.text.length;
		return v;
	});
	if (!c.done) throw c.fail('end of input');
	return expr;
}

/**
 * `[not.]op[(any|all|config)].value`. `rest` reads a plain value: the rest of the
 * parameter at top level, up to `,` / `)` inside a logic tree.
 */
function opExpr(c: Cursor, rest: (c: Cursor) => string): OpExpr {
	const negated = c.eat('not.');
	const m = /^[a-z]+/.exec(c.text.slice(c.pos));
	const op = m?.[0] as Operator | undefined;
	if (!op || !(OPERATORS as readonly string[]).includes(op))
		throw c.fail(`"not" or ${OPERATOR_LIST}`);
	c.pos += op.length;
	if (op === 'in') {
		c.expect('.');
		return { op, negated, values: list(c, '(', ')') };
	}
	if (op === 'is') {
		c.expect('.');
		const w = /^[A-Za-z_]+/.exec(c.text.slice(c.pos))?.[0] ?? '';
		const value = IS_VALUES[w.toLowerCase()];
		if (!value) throw c.fail('null or trilean value');
		c.pos += w.length;
		return { op, negated, value };
	}
	if (FTS_OPERATORS.has(op)) {
		let config: string | undefined;
		if (c.eat('(')) {
			const cm = /^[A-Za-z0-9_]+/.exec(c.text.slice(c.pos));
			if (!cm) throw c.fail('text search configuration');
			config = cm[0];
			c.pos += config.length;
			c.expect(')');
		}
		c.expect('.');
		return { op: op as 'fts', negated, value: rest(c), ...(config ? { config } : {}) };
	}
	const plain = op as Exclude<Operator, 'in' | 'is' | 'fts' | 'plfts' | 'phfts' | 'wfts'>;
	if (QUANTIFIABLE.has(op) && c.peek() === '(') {
		let quant: 'any' | 'all';
		if (c.eat('(any)')) quant = 'any';
		else if (c.eat('(all)')) quant = 'all';
		else throw c.fail('"(any)" or "(all)"');
		c.expect('.');
		return { op: plain, negated, quant, value: '', values: list(c, '{', '}') };
	}
	c.expect('.');
	return { op: plain, negated, value: rest(c) };
}

/** A delimited list of values: `(a,"b,c",d)` or `{a,b}`. */
function list(c: Cursor, open: string, close: string): string[] {
	c.expect(open);
	const values: string[] = [];
	if (c.eat(close)) return values;
	for (;;) {
		if (c.peek() === '"') values.push(quoted(c));
		else {
			const start = c.pos;
			while (!c.done && c.peek() !== ',' && c.peek() !== close) c.pos++;
			values.push(c.text.slice(start, c.pos));
		}
		if (c.eat(close)) return values;
		c.expect(',', `"," or "${close}"`);
	}
}

/** Parses the value of an `or=` / `and=` parameter into a logic tree. */
export function parseLogic(op: 'and' | 'or', negated: boolean, text: string): LogicTree {
	const c = new Cursor(text, 'logic tree');
	const tree: LogicTree = { kind: 'logic', op, negated, children: children(c) };
	if (!c.done) throw c.fail('end of input');
	return tree;
}

function children(c: Cursor): Condition[] {
	c.expect('(');
	const out: Condition[] = [condition(c)];
	while (c.eat(',')) out.push(condition(c));
	c.expect(')', '"," or ")"');
	return out;
}

function condition(c: Cursor): Condition {
	const m = /^(not\.)?(and|or)\(/.exec(c.text.slice(c.pos));
	if (m) {
		c.pos += m[0].length - 1;
		return { kind: 'logic', op: m[2] as 'and' | 'or', negated: !!m[1], children: children(c) };
	}
	const field: FieldRef = fieldRef(c);
	c.expect('.');
	return { kind: 'filter', field, expr: opExpr(c, treeValue) };
}

/** A value inside a logic tree: quoted, a `{…}`/`(…)` literal, or up to `,` / `)`. */
function treeValue(c: Cursor): string {
	if (c.peek() === '"') return quoted(c);
	const start = c.pos;
	let depth = 0;
	while (!c.done) {
		const ch = c.peek();
		if (ch === '{' || ch === '(' || ch === '[') depth++;
		else if ((ch === '}' || ch === ']' || ch === ')') && depth > 0) depth--;
		else if ((ch === ',' || ch === ')') && depth === 0) break;
		c.pos++;
	}
	return c.text.slice(start, c.pos);
}

/** Parses an `order=` value: `col.desc.nullslast,rel(col).asc,data->>k`. */
export function parseOrder(text: string): OrderTerm[] {
	const c = new Cursor(text, 'order');
	const terms: OrderTerm[] = [];
	do {
		let relation: string | undefined;
		let field = fieldRef(c);
		if (c.eat('(')) {
			if (field.path.length) throw c.fail('"." or ","');
			relation = field.name;
			field = fieldRef(c);
			c.expect(')');
		}
		const term: OrderTerm = { field, ...(relation ? { relation } : {}) };
		if (c.eat('.')) {
			if (c.eat('asc')) term.dir = 'asc';
			else if (c.eat('desc')) term.dir = 'desc';
			if (!term.dir || c.eat('.')) {
				if (c.eat('nullsfirst')) term.nulls = 'first';
				else if (c.eat('nullslast')) term.nulls = 'last';
				else
					throw c.fail(
						term.dir ? '"nullsfirst" or "nullslast"' : '"asc", "desc", "nullsfirst" or "nullslast"'
					);
			}
		}
		terms.push(term);
	} while (c.eat(','));
	if (!c.done) throw c.fail('"," or end of input');
	return terms;
}
