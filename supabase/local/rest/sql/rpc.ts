/**
 * Calls a function (`POST|GET /rpc/fn`): overload resolution by argument names as
 * PostgREST does it, arguments unpacked from one JSON parameter with the declared types.
 */
import type { DbFunction, SchemaCache } from '../catalog.ts';
import { closest, pgrst, type RestError } from '../errors.ts';
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

/** PostgREST's order of overloads: fewer parameters first (Routine.hs `instance Ord Routine`). */
function byParams(a: DbFunction, b: DbFunction): number {
	const pa = inputArgs(a);
	const pb = inputArgs(b);
	if (pa.length !== pb.length) return pa.length - pb.length;
	const ka = pa.map((x) => `${x.name}\u0000${x.type}`).join('\u0001');
	const kb = pb.map((x) => `${x.name}\u0000${x.type}`).join('\u0001');
	return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** PGRST203: more than one overload takes these arguments (Plan.hs findProc, Error.hs AmbiguousRpc). */
function ambiguous(cache: SchemaCache, fns: DbFunction[]): RestError {
	const list = [...fns].sort(byParams).map(
		(fn) =>
			`${cache.schema}.${fn.name}(${inputArgs(fn)
				.map((a) => `${a.name} => ${a.type}`)
				.join(', ')})`
	);
	return pgrst(
		'ambiguousFunction',
		`Could not choose the best candidate function between: ${list.join(', ')}`,
		null,
		'Try renaming the parameters or the function itself in the database so function overloading can be resolved'
	);
}

/**
 * Picks the function for a call (Plan.hs findProc). `keys` are the body's keys (POST) or the
 * query parameters that are not filters (GET). An overload matches when its required
 * parameters are among the keys and every key is one of its parameters; a POST falls back to a
 * function of one unnamed json/jsonb parameter; more than one match is PGRST203.
 */
export function resolveFunction(
	cache: SchemaCache,
	name: string,
	keys: string[],
	post: boolean
): { fn: DbFunction; args: string[]; wholeBody: boolean } {
	const overloads = cache.functions.get(name) ?? [];
	const matching = overloads.filter((fn) => accepts(fn, keys));
	if (matching.length === 1) return { fn: matching[0], args: keys, wholeBody: false };
	if (matching.length > 1) throw ambiguous(cache, matching);
	if (post) {
		const whole = overloads.filter(takesWholeBody);
		if (whole.length === 1) return { fn: whole[0], args: [], wholeBody: true };
		if (whole.length > 1) throw ambiguous(cache, whole);
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
