/** The contract every endpoint family (auth, rest, storage, realtime) implements. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { StackConfig } from './config.ts';
import type { Database } from './db.ts';
import type { Mailer } from './mail/mailer.ts';

/** What the core hands each service. */
export interface StackDeps {
	config: StackConfig;
	db: Database;
	/** Events other services publish for realtime (e.g. `realtime.send()` after commit). */
	bus: EventTarget;
	/** Where Auth's mail goes: an SMTP server, or the mail catcher. */
	mail: Mailer;
}

export interface Service {
	/** Path prefix the service owns, e.g. `/rest/v1`. */
	readonly prefix: string;
	/** Answers one request under the prefix. Must never throw: errors become replies. */
	handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
	/** Takes a WebSocket upgrade under the prefix; returns false when it is not its path. */
	upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean;
	/** Ends open connections and timers on shutdown. */
	close?(): Promise<void>;
}

export type ServiceFactory = (deps: StackDeps) => Service | Promise<Service>;
