/** Anonymous sign-in (`internal/api/anonymous.go`): a user with no email, phone or identity. */
import type { Database } from '../db.ts';
import { sendJson } from '../http.ts';
import { nearDatabase } from '../procedures.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, reviveAuthError, unprocessable } from './errors.ts';
import type { JsonObject } from './request.ts';
import type { ClientInfo } from './sessions.ts';
import { authSettingsFrom, plainAuthSettings, type PlainAuthSettings } from './settings.ts';
import { issueSession, type SessionReply } from './tokens.ts';
import { insertUser } from './users.ts';

/** SignupAnonymously: creates the user and its first session in one short transaction. */
export async function signupAnonymously(ctx: AuthContext, data: JsonObject): Promise<void> {
	if (ctx.settings.disableSignup)
		throw unprocessable(ERROR_CODES.signupDisabled, 'Signups not allowed for this instance');
	const aud = requestAud(ctx.req, ctx.settings);
	// Every visitor's first request: its transaction runs beside the database (procedures.ts).
	const reply = await nearDatabase(
		ctx.db,
		'auth.signupAnonymously',
		createAnonymousUser,
		plainAuthSettings(ctx.settings),
		aud,
		data,
		clientInfo(ctx.req)
	).catch((err: unknown) => {
		throw reviveAuthError(err);
	});
	sendJson(ctx.res, 200, reply);
}

/** The anonymous user and its first session, on this thread's connection. */
export function createAnonymousUser(
	db: Database,
	plain: PlainAuthSettings,
	aud: string,
	data: JsonObject,
	client: ClientInfo
): Promise<SessionReply> {
	const settings = authSettingsFrom(plain);
	return db.transaction(async (tx) => {
		const userId = await insertUser(tx, {
			aud,
			role: settings.defaultRole,
			email: null,
			phone: null,
			encryptedPassword: null,
			emailConfirmed: false,
			// ToUserModel sets no provider for anonymous users.
			appMetadata: {},
			userMetadata: data,
			isAnonymous: true
		});
		return issueSession(tx, settings, userId, 'anonymous', client);
	});
}
