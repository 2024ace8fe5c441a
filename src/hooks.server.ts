import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle, ServerInit } from '@sveltejs/kit';
import { building } from '$app/environment';
import { env } from '$env/dynamic/private';
import { loadEveryLanguage } from '$lib/i18n/index.svelte.ts';
import { acceptedLanguages, directionOf, isLanguage, pickLanguage } from '$lib/i18n/languages.ts';
import type { Language } from '$lib/i18n/languages.ts';
import { setRequestLanguageSource } from '$lib/i18n/locale.ts';
import { LANGUAGE_COOKIE } from '$lib/i18n/preference.ts';
import { adminClient } from '$lib/server/admin.ts';
import { cleanupIntervalMs, startMaintenance } from '$lib/server/maintenance.ts';
import { startPush } from '$lib/server/push/index.ts';

/** The language of the request being handled, for `t()` while its page renders. */
const requestLanguage = new AsyncLocalStorage<Language>();
setRequestLanguageSource(() => requestLanguage.getStore());

/**
 * Starts the server's timers once, when the server starts: housekeeping (visitor retention)
 * and the push sender (which also makes or checks the VAPID keys, failing start on bad ones).
 * They stop on `sveltekit:shutdown`, which adapter-node's server and `npm start` emit once
 * they stop taking requests, so no run reaches for a backend that is closing.
 * Loads every interface language, since each request is rendered in its own.
 */
export const init: ServerInit = async () => {
	await loadEveryLanguage();
	if (building) return;
	const stops = [
		startMaintenance(adminClient, cleanupIntervalMs(env.PARLEY_CLEANUP_INTERVAL_MINUTES)),
		startPush()
	];
	process.once('sveltekit:shutdown', () => {
		for (const stop of stops) stop();
	});
};

/**
 * Renders each page in the device's chosen language (its cookie), else the browser's, with
 * `<html lang dir>` to match; the client starts in the same language, so hydration agrees.
 * The widget follows its visitor's browser, never a console's choice on the same browser.
 */
export const handle: Handle = ({ event, resolve }) => {
	const chosen = event.cookies.get(LANGUAGE_COOKIE);
	const widget = event.url.pathname.startsWith('/widget');
	const language =
		!widget && isLanguage(chosen)
			? chosen
			: pickLanguage(acceptedLanguages(event.request.headers.get('accept-language')));
	return requestLanguage.run(language, () =>
		resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace(
					'<html lang="en" dir="ltr">',
					`<html lang="${language}" dir="${directionOf(language)}">`
				)
		})
	);
};
