/**
 * The confirmation, magic-link and email-change mails (`internal/api/mail.go` sendConfirmation,
 * sendMagicLink, sendEmailChange) in the default templates of the GoTrue the Supabase CLI runs
 * (v2.189, `internal/mailer/templatemailer`): each carries the `/verify` link and the code. Every
 * sender runs inside the caller's transaction, refuses a second mail of its kind inside the
 * frequency window, and stores only the token hash (with the `pkce_` prefix in a PKCE flow).
 */
import type { Sql } from '../db.ts';
import type { AuthContext } from './context.ts';
import { internalError } from './errors.ts';
import { createOneTimeToken, generateOtp, tokenHash } from './otp.ts';
import { withFlowPrefix, type FlowType } from './pkce.ts';
import { tooSoon } from './recover.ts';
import { actionLink, referrer } from './redirect.ts';

/** html/template's escaping (htmlReplacementTable) of a value in text or in a quoted attribute. */
const esc = (v: string) =>
	v
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&#34;')
		.replaceAll("'", '&#39;')
		.replaceAll('+', '&#43;');

/** defaultConfirmationMail and its subject. */
export function confirmationMail(url: string, code: string) {
	return {
		subject: 'Confirm Your Email',
		html: `<h2>Confirm Your Email</h2>

<p>Follow this link to confirm your email:</p>
<p><a href="${esc(url)}">Confirm your email address</a></p>
<p>Alternatively, enter the code: ${esc(code)}</p>
`
	};
}

/** defaultMagicLinkMail and its subject. */
export function magicLinkMail(url: string, code: string) {
	return {
		subject: 'Your Magic Link',
		html: `<h2>Magic Link</h2>

<p>Follow this link to login:</p>
<p><a href="${esc(url)}">Log In</a></p>
<p>Alternatively, enter the code: ${esc(code)}</p>`
	};
}

/** defaultEmailChangeMail and its subject. */
export function emailChangeMail(url: string, code: string, email: string, newEmail: string) {
	return {
		subject: 'Confirm Email Change',
		html: `<h2>Confirm email address change</h2>

<p>Follow this link to confirm the update of your email address from ${esc(email)} to ${esc(newEmail)}:</p>
<p><a href="${esc(url)}">Change email address</a></p>
<p>Alternatively, enter the code: ${esc(code)}</p>`
	};
}

async function send(
	ctx: AuthContext,
	to: string,
	mail: { subject: string; html: string },
	what: string
) {
	try {
		await ctx.mail.send({ to, ...mail });
	} catch (err) {
		console.error(`auth: sending a ${what} mail failed:`, (err as Error).message);
		throw internalError(`Error sending ${what} email`);
	}
}

/** Reads a sent-at column under a row lock and refuses a mail inside the frequency window. */
async function checkFrequency(tx: Sql, ctx: AuthContext, userId: string, column: string) {
	const { rows } = await tx.query<{ sent: Date | null }>(
		`select ${column} as sent from auth.users where id = $1 for update`,
		[userId]
	);
	const sent = rows[0]?.sent;
	const refused = sent ? tooSoon(new Date(sent), ctx.settings.mailMaxFrequencySeconds) : null;
	if (refused) throw refused;
}

/** sendConfirmation: the sign-up confirmation link and code. */
export async function sendConfirmation(
	tx: Sql,
	ctx: AuthContext,
	user: { id: string; email: string },
	flow: FlowType
): Promise<void> {
	await checkFrequency(tx, ctx, user.id, 'confirmation_sent_at');
	const otp = generateOtp(ctx.settings.otpLength);
	const token = withFlowPrefix(tokenHash(user.email, otp), flow);
	await tx.query(
		'update auth.users set confirmation_token = $2, confirmation_sent_at = now() where id = $1',
		[user.id, token]
	);
	await createOneTimeToken(tx, user.id, user.email, token, 'confirmation_token');
	const redirectTo = referrer(ctx.req, ctx.url, ctx.settings.siteUrl());
	const url = actionLink(ctx.settings.issuer(), token, 'signup', redirectTo);
	await send(ctx, user.email, confirmationMail(url, otp), 'confirmation');
}

/** sendMagicLink: a recovery token under the magic-link template (and the recovery timer). */
export async function sendMagicLink(
	tx: Sql,
	ctx: AuthContext,
	user: { id: string; email: string },
	flow: FlowType
): Promise<void> {
	await checkFrequency(tx, ctx, user.id, 'recovery_sent_at');
	const otp = generateOtp(ctx.settings.otpLength);
	const token = withFlowPrefix(tokenHash(user.email, otp), flow);
	await tx.query(
		'update auth.users set recovery_token = $2, recovery_sent_at = now() where id = $1',
		[user.id, token]
	);
	await createOneTimeToken(tx, user.id, user.email, token, 'recovery_token');
	const redirectTo = referrer(ctx.req, ctx.url, ctx.settings.siteUrl());
	const url = actionLink(ctx.settings.issuer(), token, 'magiclink', redirectTo);
	await send(ctx, user.email, magicLinkMail(url, otp), 'magic link');
}

/**
 * sendEmailChange: a link and code to the new address and, with secure email change on, a
 * second pair to the current one.
 */
export async function sendEmailChange(
	tx: Sql,
	ctx: AuthContext,
	user: { id: string; email: string },
	newEmail: string,
	flow: FlowType
): Promise<void> {
	await checkFrequency(tx, ctx, user.id, 'email_change_sent_at');
	const otpNew = generateOtp(ctx.settings.otpLength);
	const tokenNew = withFlowPrefix(tokenHash(newEmail, otpNew), flow);
	const secure = ctx.settings.secureEmailChangeEnabled && user.email !== '';
	const otpCurrent = secure ? generateOtp(ctx.settings.otpLength) : '';
	const tokenCurrent = secure ? withFlowPrefix(tokenHash(user.email, otpCurrent), flow) : null;
	await tx.query(
		`update auth.users
		    set email_change = $2, email_change_token_new = $3,
		        email_change_token_current = coalesce($4, email_change_token_current),
		        email_change_confirm_status = 0, email_change_sent_at = now()
		  where id = $1`,
		[user.id, newEmail, tokenNew, tokenCurrent]
	);
	if (tokenCurrent)
		await createOneTimeToken(tx, user.id, user.email, tokenCurrent, 'email_change_token_current');
	await createOneTimeToken(tx, user.id, newEmail, tokenNew, 'email_change_token_new');
	const redirectTo = referrer(ctx.req, ctx.url, ctx.settings.siteUrl());
	const link = (token: string) =>
		actionLink(ctx.settings.issuer(), token, 'email_change', redirectTo);
	await send(
		ctx,
		newEmail,
		emailChangeMail(link(tokenNew), otpNew, user.email, newEmail),
		'email change'
	);
	if (tokenCurrent)
		await send(
			ctx,
			user.email,
			emailChangeMail(link(tokenCurrent), otpCurrent, user.email, newEmail),
			'email change'
		);
}
