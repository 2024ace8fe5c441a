/**
 * POST /admin/generate_link (`internal/api/mail.go` adminGenerateLink): creates or updates the
 * user as the email would, stores the token, and hands the admin the link, the OTP and its
 * hash instead of sending mail.
 */
import { randomBytes } from 'node:crypto';
import { sendJson } from '../http.ts';
import { requestAud, requireAdmin } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, internalError, notFound, unprocessable } from './errors.ts';
import { createOneTimeToken, generateOtp, tokenHash, type OneTimeTokenType } from './otp.ts';
import { checkPasswordStrength, hashPassword, validateEmail } from './password.ts';
import { actionLink, isRedirectUrlValid, referrer } from './redirect.ts';
import { readParams, type JsonObject } from './request.ts';
import type { Sql } from '../db.ts';
import {
	findUserByEmail,
	findUserById,
	insertIdentity,
	insertUser,
	isDuplicatedEmail,
	mergeMetadata,
	userJson,
	type User
} from './users.ts';

const DUPLICATE_EMAIL_MSG = 'A user with this email address has already been registered';
/** password.Generate(64, 10, 1, …): a password nobody is told, for magic-link sign-ups. */
const GENERATED_PASSWORD_BYTES = 48;

/** The user's columns that hold the token an action link carries, per link type. */
const LINK_TOKEN: Record<string, { column: string; verifyType: string }> = {
	magiclink: { column: 'recovery_token', verifyType: 'magiclink' },
	recovery: { column: 'recovery_token', verifyType: 'recovery' },
	invite: { column: 'confirmation_token', verifyType: 'invite' },
	signup: { column: 'confirmation_token', verifyType: 'signup' },
	email_change_current: { column: 'email_change_token_current', verifyType: 'email_change' },
	email_change_new: { column: 'email_change_token_new', verifyType: 'email_change' }
};

/** A new email user (signupParams.ToUserModel + signupNewUser + createNewIdentity). */
async function insertEmailUser(
	tx: Sql,
	ctx: AuthContext,
	email: string,
	aud: string,
	passwordHash: string | null,
	data: JsonObject
): Promise<string> {
	const userId = await insertUser(tx, {
		aud,
		role: ctx.settings.defaultRole,
		email,
		phone: null,
		encryptedPassword: passwordHash,
		emailConfirmed: false,
		appMetadata: { provider: 'email', providers: ['email'] },
		userMetadata: data,
		isAnonymous: false
	});
	await insertIdentity(tx, userId, 'email', {
		sub: userId,
		email,
		email_verified: false,
		phone_verified: false
	});
	return userId;
}

/** Stores a token hash in the user's column for it, with the matching sent-at time. */
async function setUserToken(
	tx: Sql,
	userId: string,
	column: 'recovery_token' | 'confirmation_token',
	hash: string,
	invited: boolean
): Promise<void> {
	const sentAt = column === 'recovery_token' ? 'recovery_sent_at' : 'confirmation_sent_at';
	await tx.query(
		`update auth.users set ${column} = $2, ${sentAt} = now(),
		        invited_at = case when $3 then now() else invited_at end
		  where id = $1`,
		[userId, hash, invited]
	);
}

/** adminGenerateLink. */
export async function generateLink(ctx: AuthContext): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'GenerateLinkParams');
	let type = params.string('type');
	const email = validateEmail(params.string('email'));
	let password = params.string('password');
	const data: JsonObject = params.object('data') ?? {};
	const newEmailRaw = params.string('new_email');
	const siteUrl = ctx.settings.siteUrl();
	let redirectTo = referrer(ctx.req, ctx.url, siteUrl);
	const bodyRedirect = params.string('redirect_to');
	if (isRedirectUrlValid(siteUrl, bodyRedirect)) redirectTo = bodyRedirect;

	const aud = requestAud(ctx.req, ctx.settings);
	const existing = await findUserByEmail(ctx.db, email, aud);
	if (!existing) {
		if (type === 'magiclink') {
			// An unknown address gets a sign-up link instead, with a password nobody is told.
			type = 'signup';
			password = randomBytes(GENERATED_PASSWORD_BYTES).toString('base64url').slice(0, 64);
		} else if (['recovery', 'email_change_current', 'email_change_new'].includes(type))
			throw notFound(ERROR_CODES.userNotFound, 'User with this email not found');
	}
	const otp = generateOtp(ctx.settings.otpLength);
	const hashed = tokenHash(email, otp);

	let signupHash: string | null = null;
	if (type === 'signup' && !existing) {
		// validateSignupParams, then the slow bcrypt outside any transaction.
		if (password === '')
			throw badRequest(ERROR_CODES.validationFailed, 'Signup requires a valid password');
		checkPasswordStrength(password, ctx.settings.passwordMinLength);
		signupHash = await hashPassword(password);
	}
	let newEmail = '';
	if (type === 'email_change_current' || type === 'email_change_new') {
		if (!ctx.settings.secureEmailChangeEnabled && type === 'email_change_current')
			throw badRequest(
				ERROR_CODES.validationFailed,
				'Enable secure email change to generate link for current email'
			);
		newEmail = validateEmail(newEmailRaw);
	}

	const user = await ctx.db.transaction(async (tx): Promise<User | null> => {
		let userId = existing?.id ?? '';
		switch (type) {
			case 'magiclink':
			case 'recovery':
				await setUserToken(tx, userId, 'recovery_token', hashed, false);
				await createOneTimeToken(tx, userId, email, hashed, 'recovery_token');
				break;
			case 'invite':
			case 'signup':
				if (existing) {
					if (existing.confirmed_at)
						throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);
					if (type === 'signup')
						await tx.query(`update auth.users set raw_user_meta_data = $2 where id = $1`, [
							userId,
							JSON.stringify(mergeMetadata(existing.raw_user_meta_data, data))
						]);
				} else {
					if (await findUserByEmail(tx, email, aud))
						throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);
					userId = await insertEmailUser(tx, ctx, email, aud, signupHash, data);
				}
				await setUserToken(tx, userId, 'confirmation_token', hashed, type === 'invite');
				await createOneTimeToken(tx, userId, email, hashed, 'confirmation_token');
				break;
			case 'email_change_current':
			case 'email_change_new':
				await changeEmailTokens(tx, existing!, type, newEmail, hashed, tokenHash(newEmail, otp));
				break;
			default:
				throw badRequest(
					ERROR_CODES.validationFailed,
					`Invalid email action link type requested: ${type}`
				);
		}
		return findUserById(tx, userId);
	});
	if (!user) throw internalError('Database error updating user');

	const link = LINK_TOKEN[type];
	const stored = await ctx.db.query<{ token: string | null }>(
		`select ${link.column} as token from auth.users where id = $1`,
		[user.id]
	);
	sendJson(ctx.res, 200, {
		...userJson(user),
		action_link: actionLink(
			ctx.settings.issuer(),
			stored.rows[0]?.token ?? '',
			link.verifyType,
			redirectTo
		),
		email_otp: otp,
		hashed_token: hashed,
		verification_type: type,
		redirect_to: redirectTo
	});
}

/**
 * The email-change case: the pending address and the token for one side of the change.
 * As upstream, both token columns are written back and each one that is set gets its
 * one-time token row (the new address's token is hashed with the new address).
 */
async function changeEmailTokens(
	tx: Sql,
	user: User,
	type: 'email_change_current' | 'email_change_new',
	newEmail: string,
	currentHash: string,
	newHash: string
): Promise<void> {
	if (await isDuplicatedEmail(tx, newEmail, user.aud ?? '', user.id))
		throw unprocessable(ERROR_CODES.emailExists, DUPLICATE_EMAIL_MSG);
	const res = await tx.query<{ current: string | null; next: string | null }>(
		`update auth.users
		    set email_change_sent_at = now(), email_change = $2, email_change_confirm_status = 0,
		        email_change_token_current = case when $3 then $4 else email_change_token_current end,
		        email_change_token_new = case when $3 then email_change_token_new else $5 end
		  where id = $1
		 returning email_change_token_current as current, email_change_token_new as next`,
		[user.id, newEmail, type === 'email_change_current', currentHash, newHash]
	);
	const row = res.rows[0];
	const tokens: [string | null, OneTimeTokenType, string][] = [
		[row?.current ?? null, 'email_change_token_current', user.email ?? ''],
		[row?.next ?? null, 'email_change_token_new', newEmail]
	];
	for (const [hash, kind, relatesTo] of tokens)
		if (hash) await createOneTimeToken(tx, user.id, relatesTo, hash, kind);
}
