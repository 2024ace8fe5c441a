import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vite';
import { parleyEmbed } from './src/embed/vite-plugin.ts';
import { wat } from './src/wasm/vite-plugin.ts';

export default defineConfig({
	plugins: [tailwindcss(), parleyEmbed(), wat(), sveltekit()],
	// The segmentation worker is an ES module: it imports the runtime's loader as one, and its
	// WebAssembly merge (a .wat file) is assembled like the page's.
	worker: { format: 'es', plugins: () => [wat()] },
	// simple-peer (calls, loaded lazily) and its stream dependencies read Node's `global`.
	define: { global: 'globalThis' },
	server: { host: '127.0.0.1', port: 5173 },
	preview: { host: '127.0.0.1' },
	build: {
		// The timing report is noise on a 2-core machine where SvelteKit's own steps dominate.
		rolldownOptions: {
			checks: { bundlerTimings: false },
			output: {
				// Svelte's runtime, SvelteKit's client and the small modules every page loads with
				// them, in one chunk: each file is a request, and the widget's iframe fetched six
				// of them before it could start (a cross-origin frame shares no cache with the app).
				codeSplitting: {
					groups: [
						{
							name: 'framework',
							test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]|vite[\\/]preload-helper|__sveltekit|\$env/
						}
					]
				}
			}
		}
	}
});
