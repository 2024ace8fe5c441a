/**
 * The refresh_token grant (`internal/tokens/service.go` RefreshTokenGrant): each refresh
 * token is used once and swapped for its child. Replaying a revoked token is allowed only
 * when it is the parent of the session's active token (the client lost the reply) or within
 * the reuse interval; otherwise the whole session family is revoked and the call refused.
 */
import { sendJson } from '../http.ts';
import { clientInfo } from './auth.ts';
import type { AuthContext } from './context.ts';
import { AuthError, ERROR_CODES, OAuthError, badRequest, internalError } from './errors.ts';
import { readParams } from './request.ts';
import {
	activeRefreshToken,
	deleteRefreshToken,
	findRefreshToken,
	revokeTokenFamily,
	swapRefreshToken,
	touchSession
} from './sessions.ts';
import { generateAccessToken, sessionReply, type SessionReply } from './tokens.ts';
import { findUserById, isBanned } from './users.ts';

/** The transaction's outcome: a reply, or an error to raise after the transaction commits. */
type Outcome = { reply: SessionReply } | { commitThenFail: AuthError };

/** Whether a revoked token's reuse window (counted from its revocation) is still open. */
export function withinReuseInterval(
	revokedAt: Date,
	intervalSeconds: number,
	now = new Date()
): boolean {
	return now.getTime() <= new Date(revokedAt).getTime() + intervalSeconds * 1000;
}

export async function refreshTokenGrant(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'RefreshTokenGrantParams');
	const refreshToken = params.string('refresh_token');
	if (refreshToken === '') throw new OAuthError('invalid_request', 'refresh_token required');
	const client = clientInfo(ctx.req);

	const outcome = await ctx.db.transaction(async (tx): Promise<Outcome> => {
		const token = await findRefreshToken(tx, refreshToken);
		if (!token)
			throw badRequest(
				ERROR_CODES.refreshTokenNotFound,
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		const user = await findUserById(tx, token.user_id);
		if (!user)
			throw badRequest(
				ERROR_CODES.refreshTokenNotFound,
				'Invalid Refresh Token: Refresh Token Not Found'
			);
		if (isBanned(user))
			throw badRequest(ERROR_CODES.userBanned, 'Invalid Refresh Token: User Banned');
		if (!token.session_id || !token.session_exists) {
			await deleteRefreshToken(tx, token.id);
			return {
				commitThenFail: badRequest(
					ERROR_CODES.sessionNotFound,
					'Invalid Refresh Token: No Valid Session Found'
				)
			};
		}
		if (token.not_after && new Date(token.not_after) < new Date())
			throw badRequest(ERROR_CODES.sessionExpired, 'Invalid Refresh Token: Session Expired');

		let issued: string | null = null;
		if (token.revoked) {
			const active = await activeRefreshToken(tx, token.session_id);
			if (active && active.parent === token.token) {
				// The client never stored the last reply: hand back the active child.
				issued = active.token;
			} else if (
				!withinReuseInterval(token.updated_at, ctx.settings.refreshTokenReuseIntervalSeconds)
			) {
				if (ctx.settings.refreshTokenRotationEnabled) await revokeTokenFamily(tx, token.session_id);
				return {
					commitThenFail: badRequest(
						ERROR_CODES.refreshTokenAlreadyUsed,
						'Invalid Refresh Token: Already Used'
					)
				};
			}
		}
		if (issued === null) issued = await swapRefreshToken(tx, token);
		const { token: accessToken, expiresAt } = await generateAccessToken(
			tx,
			ctx.settings,
			user,
			token.session_id
		);
		await touchSession(tx, token.session_id, client);
		return { reply: sessionReply(user, accessToken, expiresAt, issued) };
	});
	if ('commitThenFail' in outcome) throw outcome.commitThenFail;
	if (!outcome.reply) throw internalError('error generating jwt token');
	sendJson(ctx.res, 200, outcome.reply);
}
