/** What every endpoint handler receives. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Database } from '../db.ts';
import type { AuthSettings } from './settings.ts';

export interface AuthContext {
	config: StackConfig;
	db: Database;
	settings: AuthSettings;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
}
