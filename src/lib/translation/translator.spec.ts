import { describe, expect, it } from 'vitest';
import { providerFromEnv, TranslationConfigError } from './config.ts';
import { Translator } from './translator.ts';
import type { ProviderResult, TranslateInput, TranslationProvider } from './types.ts';

/** A provider that answers `[target] text`, or what `next` says, and records its calls. */
function fakeProvider(next?: () => Promise<ProviderResult>) {
	const calls: TranslateInput[] = [];
	const provider: TranslationProvider = {
		name: 'apertium',
		async translate(input) {
			calls.push(input);
			return next ? next() : { ok: true, text: `[${input.target}] ${input.text}` };
		},
		async languages() {
			return { ok: true, pairs: [{ source: 'es', target: 'en' }] };
		}
	};
	return { provider, calls };
}

describe('Translator', () => {
	it('canonicalises tags, so ES→EN and es→en are one cached translation', async () => {
		const { provider, calls } = fakeProvider();
		const t = new Translator(provider);
		expect(await t.translate({ text: 'Hola', source: 'ES', target: 'EN' })).toEqual({
			ok: true,
			translation: '[en] Hola',
			provider: 'apertium',
			cached: false
		});
		expect(await t.translate({ text: 'Hola', source: 'es', target: 'en' })).toMatchObject({
			cached: true
		});
		expect(calls).toEqual([{ text: 'Hola', source: 'es', target: 'en' }]);
	});

	it('passes a failure on as a reason with the provider’s name, and tries again next time', async () => {
		let fail = true;
		const { provider, calls } = fakeProvider(async () =>
			fail ? { ok: false, reason: 'down', detail: 'ECONNREFUSED' } : { ok: true, text: 'Hello' }
		);
		const t = new Translator(provider);
		expect(await t.translate({ text: 'Hola', source: 'es', target: 'en' })).toEqual({
			ok: false,
			reason: 'down',
			provider: 'apertium',
			detail: 'ECONNREFUSED'
		});
		fail = false;
		expect(await t.translate({ text: 'Hola', source: 'es', target: 'en' })).toMatchObject({
			ok: true,
			translation: 'Hello'
		});
		expect(calls).toHaveLength(2);
	});

	it('answers a malformed tag as unsupported without calling the provider', async () => {
		const { provider, calls } = fakeProvider();
		expect(
			await new Translator(provider).translate({ text: 'x', source: 'es_ES', target: 'en' })
		).toMatchObject({ ok: false, reason: 'unsupported_pair' });
		expect(calls).toHaveLength(0);
	});
});

describe('providerFromEnv', () => {
	it('prefers LibreTranslate, then Apertium, else none (translation off)', () => {
		expect(
			providerFromEnv({
				LIBRETRANSLATE_URL: 'https://lt.example',
				APERTIUM_URL: 'http://127.0.0.1:2737'
			})?.name
		).toBe('libretranslate');
		expect(providerFromEnv({ APERTIUM_URL: 'http://127.0.0.1:2737' })?.name).toBe('apertium');
		expect(providerFromEnv({ LIBRETRANSLATE_URL: ' ', APERTIUM_URL: '' })).toBeNull();
		expect(providerFromEnv({})).toBeNull();
	});

	it.each([
		[{ LIBRETRANSLATE_URL: 'lt.example' }, /LIBRETRANSLATE_URL is not a URL/],
		[{ APERTIUM_URL: 'ftp://127.0.0.1' }, /APERTIUM_URL must be an http/],
		[{ APERTIUM_URL: 'http://u:p@127.0.0.1:2737' }, /without query or credentials/]
	])('refuses %j with a clear message', (env, message) => {
		expect(() => providerFromEnv(env)).toThrow(TranslationConfigError);
		expect(() => providerFromEnv(env)).toThrow(message);
	});
});
