/** The one line an operator pastes into their pages. */

/** The snippet for a site, loading the script from the app's own origin. */
export function snippetFor(appOrigin: string, siteKey: string): string {
	return `<script async src="${appOrigin}/embed.js" data-site="${siteKey}"></script>`;
}
