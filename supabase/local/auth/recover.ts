/**
 * POST /recover (`internal/api/recover.go`, `sendPasswordRecovery` in `mail.go`): mails a
 * password-recovery link to a user. Unknown addresses get the same empty answer, so the
 * endpoint does not tell who has an account; a second request inside the mail frequency
 * window is refused with GoTrue's 429.
 */
import { sendJson } from '../http.ts';
import { requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { AuthError, ERROR_CODES, badRequest, internalError } from './errors.ts';
import { createOneTimeToken, generateOtp, tokenHash } from './otp.ts';
import { validateEmail } from './password.ts';
import { actionLink, referrer } from './redirect.ts';
import { readParams } from './request.ts';
import { createFlowState, flowOf, validatePkceParams, withFlowPrefix } from './pkce.ts';
import { findUserByEmail } from './users.ts';

/** templatemailer's default recovery mail (`defaultRecoveryMail`) and its subject. */
export const RECOVERY_SUBJECT = 'Reset your password';
export function recoveryHtml(confirmationUrl: string): string {
	const href = confirmationUrl.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
	return `<h2>Reset your password</h2>

<p>We received a request to reset your password. Follow the link below to choose a new one.</p>
<p><a href="${href}">Reset password</a></p>
<p>If you didn't request this, you can safely ignore this email.</p>`;
}

/** validateSentWithinFrequencyLimit and generateFrequencyLimitErrorMessage. */
export function tooSoon(sentAt: Date, frequencySeconds: number): AuthError | null {
	const leftMs = sentAt.getTime() + frequencySeconds * 1000 - Date.now();
	if (leftMs <= 0) return null;
	return new AuthError(
		429,
		ERROR_CODES.overEmailSendRateLimit,
		`For security purposes, you can only request this after ${Math.trunc(leftMs / 1000)} seconds.`
	);
}

export async function recoverRoute(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'RecoverParams');
	const raw = params.string('email');
	const challenge = params.string('code_challenge');
	const challengeMethod = params.string('code_challenge_method');
	// RecoverParams.Validate.
	if (raw === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Password recovery requires an email');
	const email = validateEmail(raw);
	validatePkceParams(challengeMethod, challenge);
	const flow = flowOf(challenge);
	const user = await findUserByEmail(ctx.db, email, requestAud(ctx.req, ctx.settings));
	if (!user || !user.email) {
		sendJson(ctx.res, 200, {});
		return;
	}
	const redirectTo = referrer(ctx.req, ctx.url, ctx.settings.siteUrl());
	const otp = generateOtp(ctx.settings.otpLength);
	const hashed = withFlowPrefix(tokenHash(user.email, otp), flow);
	await ctx.db.transaction(async (tx) => {
		if (flow === 'pkce')
			await createFlowState(tx, user.id, 'recovery', 'recovery', challengeMethod, challenge);
		// The row is locked, so two requests at once cannot both pass the frequency check.
		const { rows } = await tx.query<{ sent: Date | null }>(
			'select recovery_sent_at as sent from auth.users where id = $1 for update',
			[user.id]
		);
		const sent = rows[0]?.sent;
		const refused = sent ? tooSoon(new Date(sent), ctx.settings.mailMaxFrequencySeconds) : null;
		if (refused) throw refused;
		await tx.query(
			'update auth.users set recovery_token = $2, recovery_sent_at = now() where id = $1',
			[user.id, hashed]
		);
		await createOneTimeToken(tx, user.id, user.email!, hashed, 'recovery_token');
		try {
			await ctx.mail.send({
				to: user.email!,
				subject: RECOVERY_SUBJECT,
				html: recoveryHtml(actionLink(ctx.settings.issuer(), hashed, 'recovery', redirectTo))
			});
		} catch (err) {
			console.error('auth: sending a recovery mail failed:', (err as Error).message);
			throw internalError('Error sending recovery email');
		}
	});
	sendJson(ctx.res, 200, {});
}
