/** The `Prefer` header (RFC 7240) as PostgREST reads it. */
import { pgrst } from '../errors.ts';

export interface Preferences {
	return?: 'minimal' | 'headers-only' | 'representation';
	count?: 'exact' | 'planned' | 'estimated';
	resolution?: 'merge-duplicates' | 'ignore-duplicates';
	missing?: 'default' | 'null';
	tx?: 'commit' | 'rollback';
	handling?: 'strict' | 'lenient';
	maxAffected?: number;
}

const ALLOWED: Record<string, readonly string[]> = {
	return: ['minimal', 'headers-only', 'representation'],
	count: ['exact', 'planned', 'estimated'],
	resolution: ['merge-duplicates', 'ignore-duplicates'],
	missing: ['default', 'null'],
	tx: ['commit', 'rollback'],
	handling: ['strict', 'lenient']
};

/** Parses every Prefer header value; unknown ones are ignored unless `handling=strict`. */
export function parsePrefer(values: string[]): Preferences {
	const prefs: Preferences = {};
	const invalid: string[] = [];
	const record = prefs as Record<string, unknown>;
	for (const raw of values.flatMap((v) => v.split(','))) {
		const token = raw.trim();
		if (!token) continue;
		const [key, value = ''] = token.split('=', 2).map((s) => s.trim());
		if (key === 'max-affected' && /^\d{1,15}$/.test(value)) prefs.maxAffected = Number(value);
		else if (ALLOWED[key]?.includes(value)) {
			if (record[key] === undefined) record[key] = value;
		} else if (key !== 'timezone' && key !== 'params') invalid.push(token);
	}
	if (prefs.handling === 'strict' && invalid.length)
		throw pgrst(
			'preferences',
			'Invalid preferences given with handling=strict',
			`Invalid preferences: ${invalid.join(', ')}`
		);
	return prefs;
}

/** The `Preference-Applied` value, in the order PostgREST lists them. */
export function appliedPreferences(
	p: Preferences,
	opts: { mutation: boolean; representation: boolean }
): string {
	const out: string[] = [];
	if (p.resolution && opts.mutation) out.push(`resolution=${p.resolution}`);
	if (p.missing && opts.mutation) out.push(`missing=${p.missing}`);
	if (p.return && opts.mutation) out.push(`return=${p.return}`);
	if (p.count) out.push(`count=${p.count}`);
	if (p.tx) out.push(`tx=${p.tx}`);
	if (p.handling) out.push(`handling=${p.handling}`);
	if (p.maxAffected !== undefined && p.handling === 'strict')
		out.push(`max-affected=${p.maxAffected}`);
	void opts.representation;
	return out.join(', ');
}
