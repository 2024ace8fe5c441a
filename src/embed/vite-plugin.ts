/**
 * `virtual:parley-embed`: the snippet bundle and the panel module it loads on demand, as
 * strings, for the routes that serve them. Built with rolldown when first imported (dev and
 * build alike); in dev, editing a snippet file rebuilds them on the next request.
 */
import type { Plugin } from 'vite';
import { buildPanel, buildSnippet } from './build.ts';

const ID = 'virtual:parley-embed';
const RESOLVED = '\0' + ID;

export function parleyEmbed(): Plugin {
	return {
		name: 'parley-embed',
		resolveId: (id) => (id == ID ? RESOLVED : undefined),
		async load(id) {
			if (id != RESOLVED) return;
			const [snippet, panel] = await Promise.all([buildSnippet(), buildPanel()]);
			for (const file of [...snippet.files, ...panel.files]) this.addWatchFile(file);
			return `export default ${JSON.stringify(snippet.code)};\nexport const panel = ${JSON.stringify(panel.code)};`;
		}
	};
}
