import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	vitePlugin: {
		// Runes in our own components; libraries keep whatever mode they were written in.
		dynamicCompileOptions: ({ filename }) =>
			filename.includes('node_modules') ? undefined : { runes: true }
	},
	kit: {
		adapter: adapter(),
		// Registered by $lib/pwa/update.svelte.ts through workbox-window, which reports when an
		// update is waiting so the console can offer it instead of swapping code silently.
		serviceWorker: { register: false },
		paths: {
			// The service worker serves the `/app` page as the offline shell for every console
			// URL, so asset URLs in it must not be relative to the page's own path.
			relative: false
		},
		typescript: {
			// The generated tsconfig covers src/ and tests/; the local stack and the test
			// configs are type-checked by the same `npm run check`.
			config(tsconfig) {
				tsconfig.include.push(
					'../supabase/**/*.ts',
					'../scripts/**/*.ts',
					'../vitest.config.ts',
					'../playwright.config.ts'
				);
				return tsconfig;
			}
		}
	}
};

export default config;
