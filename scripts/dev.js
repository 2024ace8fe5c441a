#!/usr/bin/env node
// `npm run dev`: the Vite dev server with the local stack next to it, in one process.
import { printBanner } from '../supabase/local/banner.ts';
import { startTranslation } from './lib/apertium.js';
import { BackendConfigError, startBackend } from './lib/backend.js';
import { loadEnvFile } from './lib/env.js';
import { stopOnSignals } from '../supabase/local/banner.ts';

loadEnvFile();
// Apertium (translation) starts beside the stack when it is installed; see scripts/start.js.
const translationStarting = startTranslation();
let backend;
try {
	backend = await startBackend();
} catch (err) {
	await translationStarting.then((stop) => stop());
	if (!(err instanceof BackendConfigError)) throw err;
	console.error(`parley: ${err.message}`);
	process.exit(2);
}
const stopTranslation = await translationStarting;

// Imported after the backend so `$env/dynamic/public` sees PUBLIC_SUPABASE_* from the stack.
const { createServer } = await import('vite');
const vite = await createServer({
	server: {
		host: process.env.HOST || '127.0.0.1',
		...(process.env.PORT ? { port: Number(process.env.PORT) } : {})
	}
});
await vite.listen();
const appUrl = vite.resolvedUrls?.local[0] ?? '';
if (backend.stack) printBanner(backend.stack, { 'App URL (dev)': appUrl });
else console.log(`\n  App URL (dev): ${appUrl}\n  Supabase: ${backend.supabaseUrl}\n`);

stopOnSignals(async () => {
	await vite.close();
	await backend.close();
	await stopTranslation();
});
