/** The app server's translator and rate limiter, made once from the environment. */
import { env } from '$env/dynamic/private';
import { TranslationConfigError, providerFromEnv } from '$lib/translation/config.ts';
import { TokenBucketLimiter } from '$lib/translation/rate-limit.ts';
import { Translator } from '$lib/translation/translator.ts';
import { adminClient } from '$lib/server/admin.ts';
import type { TranslationSetup } from './answer.ts';
import { supabaseTranslationStore, type TranslationStore } from './store.ts';

let setup: TranslationSetup | undefined;
let limiter: TokenBucketLimiter | undefined;
let store: TranslationStore | null | undefined;

/** The translator the environment configures (null: translation off), or why it cannot be. */
export function serverTranslation(): TranslationSetup {
	if (setup) return setup;
	try {
		const provider = providerFromEnv(env);
		setup = { ok: true, translator: provider ? new Translator(provider) : null };
	} catch (err) {
		if (!(err instanceof TranslationConfigError)) throw err;
		setup = { ok: false, message: err.message };
	}
	return setup;
}

/** Per-user limit on translations, shared by every request this server handles. */
export function translateLimiter(): TokenBucketLimiter {
	limiter ??= new TokenBucketLimiter();
	return limiter;
}

/** Where translations of messages are kept: null without SUPABASE_SERVICE_ROLE_KEY. */
export function translationStore(): TranslationStore | null {
	if (store !== undefined) return store;
	try {
		store = supabaseTranslationStore(adminClient());
	} catch (err) {
		console.error('[translate]', (err as Error).message);
		store = null;
	}
	return store;
}
