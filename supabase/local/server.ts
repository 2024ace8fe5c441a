/**
 * The local stack's HTTP server: routes `/auth/v1`, `/rest/v1`, `/storage/v1` and
 * `/realtime/v1` to their services, answers CORS, and shuts down without corrupting data.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { StackConfig } from './config.ts';
import { openPglite, openPostgres, type Database } from './db.ts';
import { openPgliteThread } from './pglite-thread.ts';
import { migrate } from './migrate.ts';
import { answerPreflight, applyCors, keepConnectionsOpen, sendJson } from './http.ts';
import type { Service, StackDeps } from './service.ts';
import { SERVICE_FACTORIES } from './services.ts';
import { startVacuum } from './vacuum.ts';
import { createMailer, loadMailSettings, type Mailer } from './mail/mailer.ts';
import { join } from 'node:path';

export interface Stack {
	readonly config: StackConfig;
	readonly db: Database;
	readonly url: string;
	/** Where Auth's mail goes; `mail.box` is the catcher `/mailpit` serves. */
	readonly mail: Mailer;
	/** Handles a request; resolves false when no service owns the path (for mounting in another server). */
	handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
	/** Handles a WebSocket upgrade; returns false when no service owns the path. */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Stops listening, ends sockets, waits for requests in flight, then closes the database. */
	close(): Promise<void>;
}

export interface StartOptions {
	/** An already-open database (tests pass one loaded from a fixture). */
	db?: Database;
	/** Whether to listen on config.host:config.port (default true). */
	listen?: boolean;
	/** Run bootstrap + migrations + seed (default true). */
	migrate?: boolean;
	seed?: boolean;
	log?: (line: string) => void;
	/**
	 * Called once if the embedded database's thread ends without being closed (see
	 * `openPgliteThread`); `npm start` and `npm run stack` exit then, so that whatever runs
	 * them can start them again, instead of serving pages whose every request fails.
	 */
	onDatabaseLost?: (reason: Error) => void;
}

/** Opens the database the configuration names: real Postgres with DATABASE_URL, else PGlite. */
export async function openDatabase(
	config: StackConfig,
	opts: Pick<StartOptions, 'onDatabaseLost'> = {}
): Promise<Database> {
	if (config.databaseUrl) return openPostgres(config.databaseUrl);
	const pglite = {
		dataDir: join(config.dataDir, 'pglite'),
		...(config.pgliteSharedBuffers ? { sharedBuffers: config.pgliteSharedBuffers } : {})
	};
	if (!config.pgliteThread) return openPglite(pglite);
	return openPgliteThread({
		...pglite,
		...(opts.onDatabaseLost ? { onLost: opts.onDatabaseLost } : {})
	});
}

/** Starts the local stack. */
export async function startStack(config: StackConfig, opts: StartOptions = {}): Promise<Stack> {
	const log = opts.log ?? (() => undefined);
	const db = opts.db ?? (await openDatabase(config, opts));
	if (opts.migrate !== false)
		await migrate(db, { supabaseDir: config.supabaseDir, seed: opts.seed, log });
	const mail = await createMailer(loadMailSettings());
	const deps: StackDeps = { config, db, bus: new EventTarget(), mail };
	const services: Service[] = [];
	for (const factory of SERVICE_FACTORIES) services.push(await factory(deps));
	// PGlite has no autovacuum of its own (single-user mode); PostgreSQL runs its own.
	const stopVacuum = db.kind === 'pglite' ? startVacuum(db) : null;

	const ownerOf = (pathname: string) =>
		services.find((s) => pathname === s.prefix || pathname.startsWith(s.prefix + '/'));

	let inFlight = 0;
	let drained: (() => void) | undefined;
	let closing = false;

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://stack.local');
		} catch {
			sendJson(res, 400, { message: 'Bad request' });
			return true;
		}
		const service = ownerOf(url.pathname);
		if (!service) return false;
		applyCors(req, res);
		if (req.method === 'OPTIONS') {
			answerPreflight(req, res);
			return true;
		}
		if (closing) {
			sendJson(res, 503, { message: 'The server is shutting down' }, { connection: 'close' });
			return true;
		}
		inFlight++;
		try {
			await service.handle(req, res, url);
		} catch (err) {
			// Services turn their errors into replies; this is the last guard so one bad
			// request can never take the server down or leak a stack trace.
			console.error(`unhandled error in ${service.prefix}:`, err);
			if (!res.headersSent) sendJson(res, 500, { message: 'Internal server error' });
			else res.destroy();
		} finally {
			if (--inFlight === 0) drained?.();
		}
		return true;
	}

	function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://stack.local');
		} catch {
			return false;
		}
		const service = ownerOf(url.pathname);
		if (!service?.upgrade || closing) return false;
		return service.upgrade(req, socket, head, url);
	}

	let server: Server | undefined;
	let url = config.publicUrl;
	if (opts.listen !== false) {
		server = keepConnectionsOpen(
			createServer((req, res) => {
				void handle(req, res).then((owned) => {
					if (!owned) sendJson(res, 404, { message: 'no Route matched with those values' });
				});
			})
		);
		server.on('upgrade', (req, socket, head) => {
			if (!upgrade(req, socket, head)) {
				socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
			}
		});
		server.on('clientError', (_err, socket) => {
			if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
		});
		await new Promise<void>((resolve, reject) => {
			server!.once('error', reject);
			server!.listen(config.port, config.host, () => resolve());
		});
		const address = server.address() as AddressInfo;
		if (config.port === 0) {
			const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
			url = `http://${host}:${address.port}`;
			config.publicUrl = url;
			config.port = address.port;
		}
	}

	return {
		config,
		db,
		url,
		mail,
		handle,
		upgrade,
		async close() {
			if (closing) return;
			closing = true;
			const vacuumStopped = stopVacuum?.();
			const stopped = server
				? new Promise<void>((resolve) => server!.close(() => resolve()))
				: Promise.resolve();
			for (const s of services) await s.close?.();
			server?.closeIdleConnections();
			if (inFlight > 0) await new Promise<void>((resolve) => (drained = resolve));
			server?.closeAllConnections();
			await stopped;
			mail.close();
			await vacuumStopped;
			await db.close();
		}
	};
}
