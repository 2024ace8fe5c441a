/** What every endpoint handler receives. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StackConfig } from '../config.ts';
import type { Database } from '../db.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { AuthSettings } from './settings.ts';

export interface AuthContext {
	config: StackConfig;
	db: Database;
	settings: AuthSettings;
	/** Where mail goes (an SMTP server or the mail catcher). */
	mail: Mailer;
	req: IncomingMessage;
	res: ServerResponse;
	url: URL;
}
