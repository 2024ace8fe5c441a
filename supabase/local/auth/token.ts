/**
 * POST /token (`internal/api/token.go`): the grant router and the password grant.
 */
import { sendJson } from '../http.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, unprocessable } from './errors.ts';
import { comparePassword, passwordWeakness } from './password.ts';
import { readParams } from './request.ts';
import { refreshTokenGrant } from './token_refresh.ts';
import { idTokenGrant, web3Grant } from './providers.ts';
import { issueSession } from './tokens.ts';
import { pkceGrant } from './pkce.ts';
import { findUserByEmail, isBanned } from './users.ts';

const INVALID_LOGIN_MESSAGE = 'Invalid login credentials';

/** Token: dispatches on `grant_type` from the query string (or a form body, as r.FormValue does). */
export async function tokenRoute(ctx: AuthContext): Promise<void> {
	const grantType = ctx.url.searchParams.get('grant_type') ?? '';
	switch (grantType) {
		case 'password':
			return passwordGrant(ctx);
		case 'refresh_token':
			return refreshTokenGrant(ctx);
		case 'id_token':
			return idTokenGrant(ctx);
		case 'web3':
			return web3Grant();
		case 'pkce':
			return pkceGrant(ctx);
		default:
			// Upstream answers every unknown grant this way.
			throw badRequest(ERROR_CODES.invalidCredentials, 'unsupported_grant_type');
	}
}

/** ResourceOwnerPasswordGrant. */
async function passwordGrant(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'PasswordGrantParams');
	const email = params.string('email');
	const phone = params.string('phone');
	const password = params.string('password');
	if (email !== '' && phone !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided on login.'
		);
	if (email === '' && phone !== '')
		throw unprocessable(ERROR_CODES.phoneProviderDisabled, 'Phone logins are disabled');
	if (email === '') throw badRequest(ERROR_CODES.validationFailed, 'missing email or phone');

	const aud = requestAud(ctx.req, ctx.settings);
	const user = await findUserByEmail(ctx.db, email, aud);
	if (!user || !user.encrypted_password)
		throw badRequest(ERROR_CODES.invalidCredentials, INVALID_LOGIN_MESSAGE);
	if (isBanned(user)) throw badRequest(ERROR_CODES.userBanned, 'User is banned');
	// bcrypt outside any transaction.
	const valid = await comparePassword(password, user.encrypted_password);
	if (!valid) throw badRequest(ERROR_CODES.invalidCredentials, INVALID_LOGIN_MESSAGE);
	if (!user.email_confirmed_at)
		throw badRequest(ERROR_CODES.emailNotConfirmed, 'Email not confirmed');

	const weak = passwordWeakness(password, ctx.settings.passwordMinLength);
	const reply = await ctx.db.transaction((tx) =>
		issueSession(tx, ctx.settings, user.id, 'password', clientInfo(ctx.req))
	);
	sendJson(ctx.res, 200, weak ? { ...reply, weak_password: weak } : reply);
}
