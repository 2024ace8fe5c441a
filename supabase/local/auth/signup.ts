/**
 * POST /signup (`internal/api/signup.go`): email + password sign-up. With the CLI's
 * autoconfirm the user is confirmed at once and a session is returned. A body with
 * neither email nor phone is an anonymous sign-in (routed in `api.go`).
 */
import { sendJson } from '../http.ts';
import { clientInfo, requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, unprocessable } from './errors.ts';
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
	userJson
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
	params.string('code_challenge');
	params.string('code_challenge_method');
	// validateSignupParams, in GoTrue's order.
	if (password === '')
		throw badRequest(ERROR_CODES.validationFailed, 'Signup requires a valid password');
	checkPasswordStrength(password, ctx.settings.passwordMinLength);
	if (email !== '' && phone !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided on signup.'
		);
	if (email === '')
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Phone signups are disabled');

	const normalized = validateEmail(email);
	const aud = requestAud(ctx.req, ctx.settings);
	const existing = await findUserByEmail(ctx.db, normalized, aud);
	if (existing && existing.email_confirmed_at)
		throw unprocessable(ERROR_CODES.userAlreadyExists, 'User already registered');

	// Hashing is slow: never inside a transaction (PGlite has a single connection).
	const hash = existing ? null : await hashPassword(password);
	const reply = await ctx.db.transaction(async (tx) => {
		let userId: string;
		if (existing) userId = existing.id;
		else {
			const again = await findUserByEmail(tx, normalized, aud);
			if (again) throw unprocessable(ERROR_CODES.userAlreadyExists, 'User already registered');
			userId = await insertUser(tx, {
				aud,
				role: ctx.settings.defaultRole,
				email: normalized,
				phone: null,
				encryptedPassword: hash,
				emailConfirmed: false,
				appMetadata: { provider: 'email', providers: ['email'] },
				userMetadata: data,
				isAnonymous: false
			});
			const identityData: JsonObject = {
				sub: userId,
				email: normalized,
				email_verified: false,
				phone_verified: false
			};
			for (const [k, v] of Object.entries(data)) if (!(k in identityData)) identityData[k] = v;
			await insertIdentity(tx, userId, 'email', identityData);
		}
		if (!ctx.settings.mailerAutoconfirm) {
			const user = await findUserById(tx, userId);
			return user ? userJson(user) : null;
		}
		await confirmEmail(tx, userId);
		return issueSession(tx, ctx.settings, userId, 'password', clientInfo(ctx.req));
	});
	sendJson(ctx.res, 200, reply);
}
