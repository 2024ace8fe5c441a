import type { Component, Snippet } from 'svelte';
import { browser } from '$app/environment';
import type { LayoutLoad } from './$types';

/**
 * The app shell (theme, toasts, tooltips, the signed-in session and supabase-js with auth) is
 * loaded for every route but the widget: the widget's iframe gets its session from the host
 * page and must stay within its JavaScript budget, so it must not import any of that (nor
 * i18next: it picks its language itself). Elsewhere the interface language's strings load
 * before the first render, so the page is drawn in it.
 */
export const load: LayoutLoad = async ({ untrack, url }) => {
	const isWidget = untrack(() => url.pathname === '/widget' || url.pathname.startsWith('/widget/'));
	if (isWidget) return { Shell: null };
	const [shell] = await Promise.all([
		import('$lib/components/shell/AppShell.svelte'),
		browser && import('$lib/i18n/index.svelte.ts').then((i18n) => i18n.startLanguage())
	]);
	const Shell: Component<{ children: Snippet }> = shell.default;
	return { Shell };
};
