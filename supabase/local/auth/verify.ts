/**
 * /verify (`internal/api/verify.go`): trades an email link's token hash, or an address and its
 * OTP, for a session. POST answers with the session; GET (the link itself) redirects to the
 * app with the session, or the error, in the URL fragment.
 */
import { randomBytes } from 'node:crypto';
import type { Sql } from '../db.ts';
import { sendJson } from '../http.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { AuthError, ERROR_CODES, badRequest, forbidden, internalError } from './errors.ts';
import {
	acceptFirstEmailChangeLink,
	confirmEmailChange,
	confirmUser,
	loadTokenUser,
	recoverUser,
	type TokenUser
} from './verify_user.ts';
import { hashPassword, validateEmail } from './password.ts';
import { OAUTH_ERROR, encodeValues, referrer, seeOther } from './redirect.ts';
import { readParams } from './request.ts';
import { issueSession, type SessionReply } from './tokens.ts';
import { issueAuthCode, linkAuthMethod } from './pkce.ts';
import type { AuthMethod } from './sessions.ts';
import {
	findOneTimeTokenUser,
	isOtpExpired,
	isOtpValid,
	tokenHash,
	type OneTimeTokenType
} from './otp.ts';
import { findUserByEmail, isBanned } from './users.ts';

export interface VerifyParams {
	type: string;
	token: string;
	tokenHash: string;
	email: string;
	phone: string;
}

const LINK_INVALID = 'Email link is invalid or has expired';
const OTP_INVALID = 'Token has expired or is invalid';
// formatPhoneNumber + validateE164Format.
const E164 = /^[1-9]\d{1,14}$/;

/** The one-time token kinds a token hash is looked up under, per verification type. */
const HASH_TYPES: Record<string, OneTimeTokenType[]> = {
	email: ['confirmation_token', 'recovery_token'],
	signup: ['confirmation_token'],
	invite: ['confirmation_token'],
	recovery: ['recovery_token'],
	magiclink: ['recovery_token'],
	email_change: ['email_change_token_current', 'email_change_token_new']
};

/** VerifyParams.Validate for POST: exactly one of token and token_hash; a token needs its address. */
function validatePost(p: VerifyParams, redirectTo: string): VerifyParams {
	if (p.type === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Verify requires a verification type');
	if ((p.token === '') === (p.tokenHash === ''))
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Verify requires either a token or a token hash'
		);
	if (p.token !== '') {
		if (p.phone !== '' && p.email === '') {
			const phone = p.phone.replace(/[\s+\-()]/g, '');
			if (!E164.test(phone))
				throw badRequest(
					ERROR_CODES.validationFailed,
					'Invalid phone number format (E.164 required)'
				);
			return { ...p, phone, tokenHash: tokenHash(phone, p.token) };
		}
		if (p.phone === '' && p.email !== '') {
			let email: string;
			try {
				email = validateEmail(p.email);
			} catch {
				throw new AuthError(422, ERROR_CODES.validationFailed, 'Invalid email format');
			}
			return { ...p, email, tokenHash: tokenHash(email, p.token) };
		}
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided on verify'
		);
	}
	if (p.email !== '' || p.phone !== '' || redirectTo !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only the token_hash and type should be provided'
		);
	return p;
}

/** verifyTokenHash: the user owning a live link token; `email` resolves to signup or magiclink. */
async function verifyTokenHash(
	tx: Sql,
	ctx: AuthContext,
	p: VerifyParams
): Promise<{ user: TokenUser; type: string }> {
	const kinds = HASH_TYPES[p.type];
	if (!kinds) throw badRequest(ERROR_CODES.validationFailed, 'Invalid email verification type');
	const userId = await findOneTimeTokenUser(tx, p.tokenHash, kinds);
	const user = userId ? await loadTokenUser(tx, userId) : null;
	if (!user) throw forbidden(ERROR_CODES.otpExpired, LINK_INVALID);
	if (isBanned(user)) throw forbidden(ERROR_CODES.userBanned, 'User is banned');
	let type = p.type;
	let sentAt: Date | null;
	if (type === 'email') {
		const recovery = user.recovery_token === p.tokenHash;
		type = recovery ? 'magiclink' : 'signup';
		sentAt = recovery ? user.recovery_sent_at : user.confirmation_sent_at;
	} else if (type === 'signup' || type === 'invite') sentAt = user.confirmation_sent_at;
	else if (type === 'email_change') sentAt = user.email_change_sent_at;
	else sentAt = user.recovery_sent_at;
	if (isOtpExpired(sentAt, ctx.settings.otpExpirySeconds))
		throw forbidden(ERROR_CODES.otpExpired, LINK_INVALID);
	return { user, type };
}

/** FindUserForEmailChange: by the current or the new address's token, within the audience. */
async function findEmailChangeUser(
	tx: Sql,
	email: string,
	hash: string,
	aud: string,
	secure: boolean
): Promise<TokenUser | null> {
	const kinds: OneTimeTokenType[] = secure
		? ['email_change_token_current', 'email_change_token_new']
		: ['email_change_token_new'];
	for (const kind of kinds) {
		const userId =
			(await findOneTimeTokenUser(tx, hash, [kind])) ??
			(await findOneTimeTokenUser(tx, `pkce_${hash}`, [kind]));
		if (!userId) continue;
		const user = await loadTokenUser(tx, userId);
		if (!user) return null;
		const address = kind === 'email_change_token_current' ? user.email : user.email_change;
		if (user.aud !== aud && (address ?? '').toLowerCase() === email.toLowerCase()) return null;
		return user;
	}
	return null;
}

/** verifyUserAndToken: the address's user, whose stored token must match and be live. */
async function verifyUserAndToken(
	tx: Sql,
	ctx: AuthContext,
	p: VerifyParams
): Promise<{ user: TokenUser; type: string }> {
	const aud = requestAud(ctx.req, ctx.settings);
	const exp = ctx.settings.otpExpirySeconds;
	let user: TokenUser | null = null;
	// Phone sign-ups are disabled, so no user can hold an SMS code.
	if (p.type === 'email_change')
		user = await findEmailChangeUser(
			tx,
			p.email,
			p.tokenHash,
			aud,
			ctx.settings.secureEmailChangeEnabled
		);
	else if (p.type !== 'sms' && p.type !== 'phone_change') {
		const found = await findUserByEmail(tx, p.email, aud);
		user = found ? await loadTokenUser(tx, found.id) : null;
	}
	if (!user) throw forbidden(ERROR_CODES.otpExpired, OTP_INVALID);
	if (isBanned(user)) throw forbidden(ERROR_CODES.userBanned, 'User is banned');
	const h = p.tokenHash;
	let type = p.type;
	let valid = false;
	if (type === 'email') {
		if (isOtpValid(h, user.confirmation_token, user.confirmation_sent_at, exp)) {
			valid = true;
			type = 'signup';
		} else if (isOtpValid(h, user.recovery_token, user.recovery_sent_at, exp)) {
			valid = true;
			type = 'magiclink';
		}
	} else if (type === 'signup' || type === 'invite')
		valid = isOtpValid(h, user.confirmation_token, user.confirmation_sent_at, exp);
	else if (type === 'recovery' || type === 'magiclink')
		valid = isOtpValid(h, user.recovery_token, user.recovery_sent_at, exp);
	else if (type === 'email_change')
		valid =
			isOtpValid(h, user.email_change_token_current, user.email_change_sent_at, exp) ||
			isOtpValid(h, user.email_change_token_new, user.email_change_sent_at, exp);
	if (!valid) throw forbidden(ERROR_CODES.otpExpired, OTP_INVALID);
	return { user, type };
}

/** What a verification ends in: a session, a PKCE auth code, or one side of an email change. */
type Outcome =
	| { kind: 'session'; reply: SessionReply; type: string }
	| { kind: 'code'; code: string; type: string }
	| { kind: 'single'; type: string };

/**
 * The shared transaction of GET and POST: find and check the token, apply what the link
 * stands for (confirm, recover, change the address), then open an `otp` session, or in a PKCE
 * flow (a GET of a `pkce_` token) hand out the flow's auth code instead.
 */
async function verifyAndSignIn(
	ctx: AuthContext,
	p: VerifyParams,
	byHash: boolean,
	pkceMethod: AuthMethod | null = null
): Promise<Outcome> {
	// An invited user without a password gets one nobody is told; bcrypt stays out of the transaction.
	const sparePasswordHash =
		p.type === 'invite' || p.type === 'signup' || p.type === 'email'
			? await hashPassword(randomBytes(48).toString('base64url'))
			: null;
	return ctx.db.transaction(async (tx): Promise<Outcome> => {
		const { user, type } = byHash
			? await verifyTokenHash(tx, ctx, p)
			: await verifyUserAndToken(tx, ctx, p);
		switch (type) {
			case 'signup':
			case 'invite':
				await confirmUser(tx, user, sparePasswordHash);
				break;
			case 'recovery':
			case 'magiclink':
				await recoverUser(tx, user);
				break;
			case 'email_change':
				// emailChangeVerify: with secure email change (and without autoconfirm, as GoTrue
				// has it) the first of the two links only records itself.
				if (
					!ctx.settings.mailerAutoconfirm &&
					ctx.settings.secureEmailChangeEnabled &&
					user.email_change_confirm_status === 0 &&
					(user.email ?? '') !== ''
				) {
					await acceptFirstEmailChangeLink(tx, user, p.tokenHash);
					return { kind: 'single', type };
				}
				await confirmEmailChange(tx, user);
				break;
			default:
				throw badRequest(ERROR_CODES.validationFailed, 'Unsupported verification type');
		}
		if (pkceMethod)
			return { kind: 'code', code: await issueAuthCode(tx, user.id, pkceMethod), type };
		const reply = await issueSession(tx, ctx.settings, user.id, 'otp', clientInfo(ctx.req));
		return { kind: 'session', reply, type };
	});
}

/** singleConfirmationAccepted (`verify.go`). */
export const SINGLE_CONFIRMATION_ACCEPTED =
	'Confirmation link accepted. Please proceed to confirm link sent to the other email';

/** POST /verify. */
export async function verifyPost(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'VerifyParams');
	const p = validatePost(
		{
			type: params.string('type'),
			token: params.string('token'),
			tokenHash: params.string('token_hash'),
			email: params.string('email'),
			phone: params.string('phone')
		},
		params.string('redirect_to')
	);
	const byHash = p.token === '' && p.email === '' && p.phone === '';
	const outcome = await verifyAndSignIn(ctx, p, byHash);
	if (outcome.kind === 'single')
		sendJson(ctx.res, 200, { msg: SINGLE_CONFIRMATION_ACCEPTED, code: '200' });
	else if (outcome.kind === 'session') sendJson(ctx.res, 200, outcome.reply);
}

/** Go's url.Parse + Query().Encode() + String(): the query re-encoded in key order. */
function withQueryAndFragment(
	target: string,
	query: Record<string, string>,
	fragment: string | null
): string {
	const hashAt = target.indexOf('#');
	const base = hashAt >= 0 ? target.slice(0, hashAt) : target;
	const keepFragment = hashAt >= 0 ? target.slice(hashAt + 1) : '';
	const qAt = base.indexOf('?');
	const path = qAt >= 0 ? base.slice(0, qAt) : base;
	const values: Record<string, string> = {};
	for (const [k, v] of new URLSearchParams(qAt >= 0 ? base.slice(qAt + 1) : ''))
		if (!(k in values)) values[k] = v;
	Object.assign(values, query);
	const q = encodeValues(values);
	const frag = fragment ?? keepFragment;
	return `${path}${q ? `?${q}` : ''}${frag ? `#${frag}` : ''}`;
}

/** GET /verify: the email link. Failures inside the verification land in the fragment. */
export async function verifyGet(ctx: AuthContext): Promise<void> {
	const q = ctx.url.searchParams;
	const token = q.get('token') ?? '';
	const type = q.get('type') ?? '';
	const redirectTo = referrer(ctx.req, ctx.url, ctx.settings.siteUrl());
	if (type === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Verify requires a verification type');
	if (token === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Verify requires a token or a token hash');
	// A `pkce_` token is a PKCE flow: the link ends in an auth code, not a session.
	const pkce = token.startsWith('pkce_');
	const method = pkce ? linkAuthMethod(type) : null;
	const p: VerifyParams = { type, token, tokenHash: token, email: '', phone: '' };
	let outcome: Outcome;
	try {
		outcome = await verifyAndSignIn(ctx, p, true, method);
	} catch (err) {
		const e = err instanceof AuthError ? err : internalError('Unexpected failure');
		if (!(err instanceof AuthError)) console.error('auth: verify failed:', err);
		// prepErrorRedirectURL: the error in the fragment, and for PKCE in the query too.
		const values: Record<string, string> = {
			error_code: e.code,
			error_description: e.message
		};
		if (OAUTH_ERROR[e.status]) values.error = OAUTH_ERROR[e.status];
		const fragment = encodeValues({ ...values, sb: '' });
		seeOther(
			ctx.req,
			ctx.res,
			pkce
				? withQueryAndFragment(redirectTo, values, fragment)
				: `${redirectTo.split('#')[0]}#${fragment}`
		);
		return;
	}
	if (outcome.kind === 'single') {
		// prepRedirectURL.
		const message = { message: SINGLE_CONFIRMATION_ACCEPTED };
		seeOther(
			ctx.req,
			ctx.res,
			withQueryAndFragment(redirectTo, pkce ? message : {}, encodeValues({ ...message, sb: '' }))
		);
		return;
	}
	if (outcome.kind === 'code') {
		// prepPKCERedirectURL.
		seeOther(ctx.req, ctx.res, withQueryAndFragment(redirectTo, { code: outcome.code }, null));
		return;
	}
	const { reply } = outcome;
	// AccessTokenResponse.AsRedirectURL.
	const fragment = encodeValues({
		access_token: reply.access_token,
		token_type: reply.token_type,
		expires_in: String(reply.expires_in),
		expires_at: String(reply.expires_at),
		refresh_token: reply.refresh_token,
		type: outcome.type,
		sb: ''
	});
	seeOther(ctx.req, ctx.res, `${redirectTo}#${fragment}`);
}
