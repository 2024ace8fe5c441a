// Gzipped JavaScript and CSS a page loads before it is interactive, read from the build:
// SvelteKit's server manifest names each route's layouts and leaf, and each node lists the
// client JS chunks (static imports included) and stylesheets it preloads. Adding the client
// entry (start + app) gives exactly what the browser fetches before hydration. Fonts and
// lazy chunks (a dynamic import()) are not counted.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Where `npm run build` leaves the server manifest and the client files. */
const SERVER = '.svelte-kit/output/server';
const CLIENT = 'build/client';

/** `{ js, css, files }` gzipped bytes for a route id such as `/(admin)/sites/[id]`, or null. */
export async function routeGzipBytes(root, routeId) {
	const manifestPath = join(root, SERVER, 'manifest.js');
	if (!existsSync(manifestPath) || !existsSync(join(root, CLIENT))) return null;
	const { manifest } = await import(pathToFileURL(manifestPath).href);
	const route = manifest._.routes.find((r) => r.id === routeId);
	if (!route?.page) throw new Error(`no page route ${routeId} in the build`);
	const js = new Set(manifest._.client.imports);
	const css = new Set(manifest._.client.stylesheets);
	for (const index of [...route.page.layouts, route.page.leaf]) {
		if (index === undefined) continue;
		const node = await import(pathToFileURL(join(root, SERVER, 'nodes', `${index}.js`)).href);
		for (const file of node.imports ?? []) js.add(file);
		for (const file of node.stylesheets ?? []) css.add(file);
	}
	const gzipped = async (files) => {
		let total = 0;
		for (const file of files) total += gzipSync(await readFile(join(root, CLIENT, file))).length;
		return total;
	};
	return { js: await gzipped(js), css: await gzipped(css), files: js.size + css.size };
}
