import { page } from '$app/state';
import { Attention } from '$lib/attention/attention.svelte.ts';
import { browserChimeEnv } from '$lib/attention/chime.ts';

/** The conversation a console path shows (`/app/conversations/<id>`), if any. */
export function conversationOnScreen(pathname: string): string | null {
	return /^\/app\/conversations\/([^/]+)/.exec(pathname)?.[1] ?? null;
}

/** The console's attention in this browser: its audio, vibration, badge and storage. */
export function browserAttention(me: string): Attention {
	return new Attention({
		me,
		env: browserChimeEnv(window),
		badge: navigator,
		storage: localStorage,
		view: () => ({
			openConversationId: conversationOnScreen(page.url.pathname),
			pageVisible: document.visibilityState === 'visible'
		})
	});
}
