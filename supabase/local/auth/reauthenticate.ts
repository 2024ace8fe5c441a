/**
 * GET /reauthenticate (`internal/api/reauthenticate.go`, `sendReauthenticationOtp`): mails the
 * signed-in user a one-time code, the `nonce` that `PUT /user` asks for before a password
 * change when secure password change is on; and `verifyReauthentication`, which checks it.
 */
import type { Sql } from '../db.ts';
import { sendJson } from '../http.ts';
import { requireAuthentication } from './auth.ts';
import type { AuthContext } from './context.ts';
import { AuthError, ERROR_CODES, badRequest, internalError, unprocessable } from './errors.ts';
import { createOneTimeToken, generateOtp, isOtpValid, tokenHash } from './otp.ts';
import { tooSoon } from './recover.ts';

export const INVALID_NONCE_MESSAGE = 'Nonce has expired or is invalid';

/** templatemailer's default reauthentication mail and subject. */
export function reauthenticationMail(code: string) {
	return {
		subject: `${code} is your verification code`,
		html: `<h2>Your verification code</h2>

<p>Use the code below to verify your identity. It expires shortly.</p>
<p>${code}</p>`
	};
}

export async function reauthenticateRoute(ctx: AuthContext): Promise<void> {
	const { user } = await requireAuthentication(ctx.config, ctx.db, ctx.req);
	const email = user.email ?? '';
	if (email === '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Reauthentication requires the user to have an email or a phone number'
		);
	if (!user.email_confirmed_at)
		throw unprocessable(ERROR_CODES.emailNotConfirmed, 'Please verify your email first.');
	const code = generateOtp(ctx.settings.otpLength);
	const hashed = tokenHash(email, code);
	await ctx.db.transaction(async (tx) => {
		const { rows } = await tx.query<{ sent: Date | null }>(
			'select reauthentication_sent_at as sent from auth.users where id = $1 for update',
			[user.id]
		);
		const sent = rows[0]?.sent;
		const refused = sent ? tooSoon(new Date(sent), ctx.settings.mailMaxFrequencySeconds) : null;
		if (refused) throw refused;
		await tx.query(
			`update auth.users set reauthentication_token = $2, reauthentication_sent_at = now()
			  where id = $1`,
			[user.id, hashed]
		);
		await createOneTimeToken(tx, user.id, email, hashed, 'reauthentication_token');
		try {
			await ctx.mail.send({ to: email, ...reauthenticationMail(code) });
		} catch (err) {
			console.error('auth: sending a reauthentication mail failed:', (err as Error).message);
			throw internalError('Error sending reauthentication email');
		}
	});
	sendJson(ctx.res, 200, {});
}

/** verifyReauthentication: the nonce matches the mailed code, which is then used up. */
export async function verifyReauthentication(
	tx: Sql,
	userId: string,
	email: string,
	nonce: string,
	expirySeconds: number
): Promise<void> {
	const { rows } = await tx.query<{ token: string | null; sent: Date | null }>(
		`select reauthentication_token as token, reauthentication_sent_at as sent
		   from auth.users where id = $1 for update`,
		[userId]
	);
	const stored = rows[0];
	const invalid = () =>
		new AuthError(422, ERROR_CODES.reauthenticationNotValid, INVALID_NONCE_MESSAGE);
	if (!stored?.token || !stored.sent) throw invalid();
	if (!isOtpValid(tokenHash(email, nonce), stored.token, new Date(stored.sent), expirySeconds))
		throw invalid();
	// ConfirmReauthentication.
	await tx.query(
		`update auth.users set reauthentication_token = '', reauthentication_sent_at = null
		  where id = $1`,
		[userId]
	);
	await tx.query(
		`delete from auth.one_time_tokens where user_id = $1 and token_type = 'reauthentication_token'`,
		[userId]
	);
}
