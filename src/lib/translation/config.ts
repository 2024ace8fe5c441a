/**
 * Which translation provider the environment asks for: LibreTranslate when LIBRETRANSLATE_URL
 * is set, else Apertium APy when APERTIUM_URL is, else none (translation off).
 */
import { ApertiumProvider } from './apertium.ts';
import type { Fetch } from './http.ts';
import { LibreTranslateProvider } from './libretranslate.ts';
import type { TranslationProvider } from './types.ts';

/** Thrown for a translation variable that is set but unusable. */
export class TranslationConfigError extends Error {
	override name = 'TranslationConfigError';
}

function httpUrl(name: string, value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new TranslationConfigError(`${name} is not a URL: "${value}"`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:')
		throw new TranslationConfigError(`${name} must be an http: or https: URL, got "${value}"`);
	if (url.search || url.hash || url.username || url.password)
		throw new TranslationConfigError(`${name} must be a base URL without query or credentials`);
	return url.href;
}

/** The provider the environment names, or null for none. Throws TranslationConfigError. */
export function providerFromEnv(
	env: Record<string, string | undefined>,
	opts: { fetch?: Fetch } = {}
): TranslationProvider | null {
	const libre = env.LIBRETRANSLATE_URL?.trim();
	if (libre)
		return new LibreTranslateProvider({
			url: httpUrl('LIBRETRANSLATE_URL', libre),
			apiKey: env.LIBRETRANSLATE_API_KEY?.trim() || undefined,
			fetch: opts.fetch
		});
	const apertium = env.APERTIUM_URL?.trim();
	if (apertium)
		return new ApertiumProvider({ url: httpUrl('APERTIUM_URL', apertium), fetch: opts.fetch });
	return null;
}
