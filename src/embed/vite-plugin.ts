/**
 * `virtual:parley-embed`: the snippet bundle as a string, for the route that serves it. Built
 * with rolldown when first imported (dev and build alike); in dev, editing a snippet file
 * rebuilds it on the next request.
 */
import type { Plugin } from 'vite';
import { buildSnippet } from './build.ts';

const ID = 'virtual:parley-embed';
const RESOLVED = '\0' + ID;

export function parleyEmbed(): Plugin {
	return {
		name: 'parley-embed',
		resolveId: (id) => (id == ID ? RESOLVED : undefined),
		async load(id) {
			if (id != RESOLVED) return;
			const { code, files } = await buildSnippet();
			for (const file of files) this.addWatchFile(file);
			return `export default ${JSON.stringify(code)};`;
		}
	};
}
