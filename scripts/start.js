#!/usr/bin/env node
// `npm start`: the built app (adapter-node's handler) and the local stack in one process, with
// Apertium APy beside them when it is installed (translation). Prints the URLs and keys, keeps
// data in PARLEY_DATA_DIR, stops everything cleanly on Ctrl-C.
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { printBanner } from '../supabase/local/banner.ts';
import { keepConnectionsOpen } from '../supabase/local/http.ts';
import { startTranslation } from './lib/apertium.js';
import { BackendConfigError, startBackend } from './lib/backend.js';
import { loadEnvFile } from './lib/env.js';
import { stopOnSignals } from '../supabase/local/banner.ts';

const PROTOCOL_HEADER = 'x-parley-forwarded-proto';

loadEnvFile();
const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 3000);
const handlerPath = resolve('build/handler.js');
if (!existsSync(handlerPath)) {
	console.error('parley: build/ is missing; run `npm run build` (npm start does it for you).');
	process.exit(1);
}

// Apertium (when installed and no provider is named) starts while the stack does; the app
// reads APERTIUM_URL when its handler is imported below.
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

// Without ORIGIN, adapter-node assumes https. This server speaks plain HTTP, so it tells the
// handler so through a header only it sets (any client-sent copy is overwritten below).
const ownProtocolHeader = !process.env.ORIGIN && !process.env.PROTOCOL_HEADER;
if (ownProtocolHeader) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
// The handler reads its environment (including PUBLIC_* set above) when it is first imported.
const { handler } = await import(pathToFileURL(handlerPath).href);

const server = keepConnectionsOpen(
	createServer((req, res) => {
		if (ownProtocolHeader) req.headers[PROTOCOL_HEADER] = 'http';
		handler(req, res, () => {
			res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
		});
	})
);
try {
	await new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(port, host, () => done());
	});
} catch (err) {
	console.error(
		err.code === 'EADDRINUSE'
			? `parley: port ${port} on ${host} is in use; stop what runs there or set PORT.`
			: `parley: could not listen on ${host}:${port}: ${err.message}`
	);
	await backend.close();
	await stopTranslation();
	process.exit(1);
}

const appUrl = `http://${host.includes(':') ? `[${host}]` : host}:${server.address().port}`;
if (backend.stack) {
	printBanner(backend.stack, { 'App URL': appUrl });
} else {
	console.log(`\n  App URL: ${appUrl}\n  Supabase: ${backend.supabaseUrl}\n`);
}
console.log('Parley is running. Press Ctrl-C to stop.');

stopOnSignals(async () => {
	const closed = new Promise((done) => server.close(() => done()));
	server.closeIdleConnections();
	// Long-lived requests (streams) would hold close() forever; a few seconds is enough for the rest.
	const forceAfter = setTimeout(() => server.closeAllConnections(), 5000);
	await closed;
	clearTimeout(forceAfter);
	// As adapter-node's own server does: the app stops its timers (push, cleanup) before the
	// backend they call goes away.
	process.emit('sveltekit:shutdown', 'stop');
	await backend.close();
	await stopTranslation();
});
