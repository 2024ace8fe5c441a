/**
 * Whether this server translates, and between which languages, as GET /api/translate/languages
 * says: asked once per page (the console's Settings and each conversation read it).
 */
import type { LanguagePair } from './types.ts';

export interface Availability {
	available: boolean;
	provider: 'libretranslate' | 'apertium' | null;
	pairs: LanguagePair[];
	languages: string[];
	/** Why not: `off` when no engine is set up, else the engine's trouble. */
	reason?: string;
	/** Nothing could be asked (offline): translations kept earlier still show. */
	unknown?: boolean;
}

/** What the route answered, checked: anything else counts as "not known". */
export function asAvailability(body: unknown): Availability | null {
	const b = body as Partial<Record<keyof Availability, unknown>> | null;
	if (!b || typeof b !== 'object' || typeof b.available !== 'boolean') return null;
	const pairs = Array.isArray(b.pairs)
		? b.pairs.filter(
				(p): p is LanguagePair =>
					!!p && typeof p.source === 'string' && typeof p.target === 'string'
			)
		: [];
	return {
		available: b.available,
		provider: b.provider === 'libretranslate' || b.provider === 'apertium' ? b.provider : null,
		pairs,
		languages: Array.isArray(b.languages)
			? b.languages.filter((l): l is string => typeof l === 'string')
			: [],
		...(typeof b.reason === 'string' ? { reason: b.reason } : {})
	};
}

const UNKNOWN: Availability = {
	available: false,
	provider: null,
	pairs: [],
	languages: [],
	unknown: true
};

let asked: Promise<Availability> | null = null;

/** The server's answer (asked once; asked again after a failure). */
export function translationAvailability(fetcher: typeof fetch = fetch): Promise<Availability> {
	asked ??= fetcher('/api/translate/languages')
		.then(async (response) => asAvailability(await response.json()) ?? UNKNOWN)
		.catch(() => UNKNOWN)
		.then((answer) => {
			if (answer.unknown) asked = null;
			return answer;
		});
	return asked;
}

/**
 * Whether a conversation is translated: it is on, and the server has an engine set up. An
 * engine that is down now, or a page offline, still shows kept translations, and each new
 * message says why it is not translated.
 */
export function translating(availability: Availability | null, enabled: boolean): boolean {
	if (!availability || !enabled) return false;
	return availability.available || availability.unknown === true || availability.reason !== 'off';
}
