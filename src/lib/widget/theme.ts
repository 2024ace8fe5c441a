/**
 * Light or dark as the visitor's system says. The widget cannot use mode-watcher's stored
 * choice (the iframe's storage may be partitioned or blocked, and the console's choice is not
 * the visitor's), so it follows `prefers-color-scheme` and nothing else.
 */
export function followSystemTheme(root: HTMLElement = document.documentElement): () => void {
	const query = matchMedia('(prefers-color-scheme: dark)');
	const apply = () => root.classList.toggle('dark', query.matches);
	apply();
	query.addEventListener('change', apply);
	return () => query.removeEventListener('change', apply);
}
