import type { Component, Snippet } from 'svelte';
import type { LayoutLoad } from './$types';

/**
 * The app shell (theme, toasts, tooltips, the signed-in session and supabase-js with auth) is
 * loaded for every route but the widget: the widget's iframe gets its session from the host
 * page and must stay within its JavaScript budget, so it must not import any of that.
 */
export const load: LayoutLoad = async ({ untrack, url }) => {
	const isWidget = untrack(() => url.pathname === '/widget' || url.pathname.startsWith('/widget/'));
	if (isWidget) return { Shell: null };
	const Shell: Component<{ children: Snippet }> = (
		await import('$lib/components/shell/AppShell.svelte')
	).default;
	return { Shell };
};
