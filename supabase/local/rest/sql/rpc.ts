/**
 * Calls a function (`POST|GET /rpc/fn`): overload resolution by argument names as
 * PostgREST does it, arguments unpacked from one JSON parameter with the declared types.
 */
import type { DbFunction, SchemaCache } from '../catalog.ts';
import { closest, pgrst } from '../errors.ts';
import { ident, Params, qualified } from './fragments.ts';

const inputArgs = (fn: DbFunction) =>
	fn.args.filter((a) => a.mode === 'i' || a.mode === 'b' || a.mode === 'v');

/** True for a function taking one unnamed json/jsonb argument: it receives the whole body. */
export function takesWholeBody(fn: DbFunction): boolean {
	const ins = inputArgs(fn);
	return (
		ins.length === 1 && ins[0].name === '' && (ins[0].type === 'json' || ins[0].type === 'jsonb')
	);
}

function accepts(fn: DbFunction, keys: string[]): boolean {
	const ins = inputArgs(fn);
	if (ins.some((a) => a.name === '')) return false;
	const required = ins.slice(0, ins.length - fn.defaults).map((a) => a.name);
	const names = new Set(ins.map((a) => a.name));
	return keys.every((k) => names.has(k)) && required.every((r) => keys.includes(r));
}

/**
 * Picks the function for a call. `keys` are the body's keys (POST) or the query parameters
 * (GET, where the ones that are not arguments become filters on the result).
 */
export function resolveFunction(
	cache: SchemaCache,
	name: string,
	keys: string[],
	post: boolean
): { fn: DbFunction; args: string[]; wholeBody: boolean } {
	const overloads = cache.functions.get(name) ?? [];
	for (const fn of overloads) {
		const names = new Set(inputArgs(fn).map((a) => a.name));
		const args = post ? keys : keys.filter((k) => names.has(k));
		if (accepts(fn, args)) return { fn, args, wholeBody: false };
	}
	if (post) {
		const whole = overloads.find(takesWholeBody);
		if (whole) return { fn: whole, args: [], wholeBody: true };
	}
	const sorted = [...keys].sort();
	const func = `${cache.schema}.${name}`;
	const prms = sorted.join(', ');
	const withParams =
		sorted.length === 0
			? ' without parameters'
			: ` with parameter${sorted.length > 1 ? 's' : ''} ${prms}`;
	let hint: string | null = null;
	if (overloads.length) {
		const lists = overloads.map(
			(fn) =>
				`(${inputArgs(fn)
					.map((a) => a.name)
					.sort()
					.join(', ')})`
		);
		const guess = closest(`(${prms})`, lists, 0.33);
		if (guess) hint = `Perhaps you meant to call the function ${func}${guess}`;
	} else {
		const guess = closest(name, cache.functions.keys());
		if (guess) hint = `Perhaps you meant to call the function ${cache.schema}.${guess}`;
	}
	throw pgrst(
		'noFunction',
		`Could not find the function ${func}${sorted.length ? `(${prms})` : ' without parameters'} in the schema cache`,
		`Searched for the function ${func}${withParams}${post ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
		hint
	);
}

/** The FROM clause that calls the function: `json_to_record(args), lateral fn(a := …) as pgrst_call`. */
export function callFromSql(
	fn: DbFunction,
	args: string[],
	body: string,
	wholeBody: boolean,
	params: Params
): string {
	const name = qualified(fn.schema, fn.name);
	const alias = fn.returns === 'row' ? 'pgrst_call' : 'pgrst_call(pgrst_scalar)';
	if (wholeBody) {
		const type = inputArgs(fn)[0].type;
		return `lateral ${name}(${params.add(body)}::${type}) as ${alias}`;
	}
	if (args.length === 0) return `lateral ${name}() as ${alias}`;
	const types = new Map(inputArgs(fn).map((a) => [a.name, a]));
	const record = args.map((a) => `${ident(a)} ${types.get(a)!.type}`).join(', ');
	const call = args
		.map(
			(a) => `${types.get(a)!.mode === 'v' ? 'variadic ' : ''}${ident(a)} := pgrst_args.${ident(a)}`
		)
		.join(', ');
	return `json_to_record(${params.add(body)}::json) as pgrst_args(${record}), lateral ${name}(${call}) as ${alias}`;
}
