/** Anonymous sign-in (`internal/api/anonymous.go`): a user with no email, phone or identity. */
import { sendJson } from '../http.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, unprocessable } from './errors.ts';
import type { JsonObject } from './request.ts';
import { issueSession } from './tokens.ts';
import { insertUser } from './users.ts';

/** SignupAnonymously: creates the user and its first session in one short transaction. */
export async function signupAnonymously(ctx: AuthContext, data: JsonObject): Promise<void> {
	if (ctx.settings.disableSignup)
		throw unprocessable(ERROR_CODES.signupDisabled, 'Signups not allowed for this instance');
	const aud = requestAud(ctx.req, ctx.settings);
	const reply = await ctx.db.transaction(async (tx) => {
		const userId = await insertUser(tx, {
			aud,
			role: ctx.settings.defaultRole,
			email: null,
			phone: null,
			encryptedPassword: null,
			emailConfirmed: false,
			// ToUserModel sets no provider for anonymous users.
			appMetadata: {},
			userMetadata: data,
			isAnonymous: true
		});
		return issueSession(tx, ctx.settings, userId, 'anonymous', clientInfo(ctx.req));
	});
	sendJson(ctx.res, 200, reply);
}
