import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { wat } from './src/wasm/vite-plugin.ts';

export default defineConfig({
	test: {
		projects: [
			{
				// Unit specs import app code the way SvelteKit resolves it.
				plugins: [wat()],
				resolve: { alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) } },
				test: {
					name: 'unit',
					include: [
						'src/**/*.spec.ts',
						'supabase/local/**/*.spec.ts',
						'scripts/**/*.spec.ts',
						'bench/**/*.spec.ts'
					],
					environment: 'node'
				}
			},
			{
				test: {
					name: 'contract',
					include: ['tests/contract/**/*.test.ts'],
					environment: 'node',
					globalSetup: ['tests/contract/helpers/global-setup.ts'],
					testTimeout: 30_000,
					hookTimeout: 60_000,
					// Each file gets its own database; two at a time fits two cores.
					maxWorkers: 2
				}
			}
		]
	}
});
