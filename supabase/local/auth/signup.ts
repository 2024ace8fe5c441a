/**
 * POST /signup (`internal/api/signup.go`): email + password sign-up. With the CLI's
 * autoconfirm the user is confirmed at once and a session is returned; with confirmations on,
 * the confirmation is mailed and the user returned alone. A body with neither email nor phone
 * is an anonymous sign-in (routed in `api.go`).
 */
import { randomUUID } from 'node:crypto';
import { sendJson } from '../http.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, internalError, unprocessable } from './errors.ts';
import { sendConfirmation } from './emails.ts';
import { createFlowState, flowOf, validatePkceParams } from './pkce.ts';
import { checkPasswordStrength, hashPassword, validateEmail } from './password.ts';
import { readParams, type JsonObject } from './request.ts';
import { signupAnonymously } from './anonymous.ts';
import { issueSession } from './tokens.ts';
import {
	confirmEmail,
	findUserByEmail,
	findUserById,
	insertIdentity,
	insertUser,
	userJson,
	type User
} from './users.ts';

/** The /signup route: anonymous when the body names no email or phone. */
export async function signupRoute(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'SignupParams');
	const email = params.string('email');
	const phone = params.string('phone');
	if (email === '' && phone === '') {
		if (!ctx.settings.anonymousUsersEnabled)
			throw unprocessable(ERROR_CODES.anonymousProviderDisabled, 'Anonymous sign-ins are disabled');
		return signupAnonymously(ctx, params.object('data') ?? {});
	}
	if (ctx.settings.disableSignup)
		throw unprocessable(ERROR_CODES.signupDisabled, 'Signups not allowed for this instance');

	const password = params.string('password');
	const data: JsonObject = params.object('data') ?? {};
	const challenge = params.string('code_challenge');
	const challengeMethod = params.string('code_challenge_method');
	// validateSignupParams, in GoTrue's order.
	if (password === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Signup requires a valid password');
	checkPasswordStrength(password, ctx.settings.passwordMinLength);
	if (email !== '' && phone !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided on signup.'
		);
	if (phone !== '' && challenge !== '')
		throw badRequest(ERROR_CODES.validationFailed, 'PKCE not supported for phone signups');
	validatePkceParams(challengeMethod, challenge);
	if (email === '')
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Phone signups are disabled');

	const outcome = await emailSignup(ctx, validateEmail(email), password, data, {
		method: challengeMethod,
		challenge
	});
	if (outcome.kind === 'exists') {
		// Without autoconfirm GoTrue does not tell who has an account: a look-alike user.
		if (ctx.settings.mailerAutoconfirm)
			throw unprocessable(ERROR_CODES.userAlreadyExists, 'User already registered');
		sendJson(ctx.res, 200, sanitizedUser(outcome.user, data));
		return;
	}
	if (outcome.kind === 'confirmed') {
		const reply = await ctx.db.transaction((tx) =>
			issueSession(tx, ctx.settings, outcome.userId, 'password', clientInfo(ctx.req))
		);
		sendJson(ctx.res, 200, reply);
		return;
	}
	sendJson(ctx.res, 200, userJson(outcome.user));
}

export type SignupOutcome =
	| { kind: 'exists'; user: User }
	| { kind: 'confirmed'; userId: string }
	| { kind: 'unconfirmed'; user: User };

/**
 * Signup's email branch, shared with the magic link: creates the user (or keeps an unconfirmed
 * one as it is), then confirms it at once under autoconfirm, or mails the confirmation.
 */
export async function emailSignup(
	ctx: AuthContext,
	email: string,
	password: string,
	data: JsonObject,
	pkce: { method: string; challenge: string }
): Promise<SignupOutcome> {
	const aud = requestAud(ctx.req, ctx.settings);
	const existing = await findUserByEmail(ctx.db, email, aud);
	if (existing && existing.email_confirmed_at) return { kind: 'exists', user: existing };
	const flow = flowOf(pkce.challenge);

	// Hashing is slow: never inside a transaction (PGlite has a single connection).
	const hash = existing ? null : await hashPassword(password);
	return ctx.db.transaction(async (tx): Promise<SignupOutcome> => {
		let userId: string;
		if (existing) userId = existing.id;
		else {
			const again = await findUserByEmail(tx, email, aud);
			if (again) throw unprocessable(ERROR_CODES.userAlreadyExists, 'User already registered');
			userId = await insertUser(tx, {
				aud,
				role: ctx.settings.defaultRole,
				email,
				phone: null,
				encryptedPassword: hash,
				emailConfirmed: false,
				appMetadata: { provider: 'email', providers: ['email'] },
				userMetadata: data,
				isAnonymous: false
			});
			const identityData: JsonObject = {
				sub: userId,
				email,
				email_verified: false,
				phone_verified: false
			};
			for (const [k, v] of Object.entries(data)) if (!(k in identityData)) identityData[k] = v;
			await insertIdentity(tx, userId, 'email', identityData);
		}
		if (ctx.settings.mailerAutoconfirm) {
			await confirmEmail(tx, userId);
			return { kind: 'confirmed', userId };
		}
		if (flow === 'pkce')
			await createFlowState(tx, userId, 'email', 'email/signup', pkce.method, pkce.challenge);
		await sendConfirmation(tx, ctx, { id: userId, email }, flow);
		const user = await findUserById(tx, userId);
		if (!user) throw internalError('Database error saving new user');
		return { kind: 'unconfirmed', user };
	});
}

/** sanitizeUser: a user that could be anyone's, so a repeated sign-up tells nothing. */
function sanitizedUser(user: User, data: JsonObject) {
	const now = new Date();
	return userJson({
		...user,
		id: randomUUID(),
		role: '',
		email_change: '',
		created_at: now,
		updated_at: now,
		confirmation_sent_at: now,
		last_sign_in_at: null,
		confirmed_at: null,
		email_change_sent_at: null,
		email_confirmed_at: null,
		phone_confirmed_at: null,
		identities: [],
		raw_user_meta_data: data,
		raw_app_meta_data: { provider: 'email', providers: ['email'] },
		phone: ''
	});
}
