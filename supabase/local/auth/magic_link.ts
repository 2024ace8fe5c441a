/**
 * POST /otp (`internal/api/otp.go` Otp, `magic_link.go` MagicLink): signs a user in by mail.
 * A confirmed user is mailed a magic link with its code; an unknown or unconfirmed address is
 * signed up first (with a password nobody is told): under autoconfirm it then gets the magic
 * link, otherwise the confirmation mail, which signs in just the same. Phone OTPs answer as
 * GoTrue does with no SMS provider.
 */
import { randomBytes } from 'node:crypto';
import { sendJson } from '../http.ts';
import { requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, unprocessable } from './errors.ts';
import { sendMagicLink } from './emails.ts';
import { validateEmail } from './password.ts';
import { createFlowState, flowOf, validatePkceParams } from './pkce.ts';
import { readParams, type JsonObject } from './request.ts';
import { emailSignup } from './signup.ts';
import { findUserByEmail } from './users.ts';

// validatePhone: formatPhoneNumber (drops a leading "+" and spaces), then E.164.
const E164 = /^[1-9]\d{1,14}$/;
function validatePhone(raw: string): string {
	const phone = raw.replace(/^\+/, '').replaceAll(' ', '');
	if (!E164.test(phone))
		throw badRequest(ERROR_CODES.validationFailed, 'Invalid phone number format (E.164 required)');
	return phone;
}

export async function otpRoute(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'OtpParams');
	const rawEmail = params.string('email');
	const phone = params.string('phone');
	// `create_user` defaults to true; a JSON null leaves the default.
	const createUser = params.has('create_user') ? params.boolean('create_user') : true;
	const data: JsonObject = params.object('data') ?? {};
	const channel = params.string('channel');
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');

	// OtpParams.Validate.
	if (rawEmail !== '' && phone !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided'
		);
	if (rawEmail !== '' && channel !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Channel should only be specified with Phone OTP'
		);
	validatePkceParams(challengeMethod, challenge);

	const aud = requestAud(ctx.req, ctx.settings);
	// shouldCreateUser: without create_user, only a known address or number may sign in.
	if (!createUser) {
		let known = true;
		if (rawEmail !== '')
			known = (await findUserByEmail(ctx.db, validateEmail(rawEmail), aud)) !== null;
		else if (phone !== '') {
			validatePhone(phone);
			known = false; // Phone sign-ups are disabled, so no user has a number.
		}
		if (!known) throw unprocessable(ERROR_CODES.otpDisabled, 'Signups not allowed for otp');
	}
	if (rawEmail === '' && phone !== '')
		// SmsOtp with the phone provider off.
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Unsupported phone provider');
	if (rawEmail === '')
		throw badRequest(ERROR_CODES.validationFailed, 'One of email or phone must be set');

	await magicLink(ctx, validateEmail(rawEmail), data, { method: challengeMethod, challenge });
	sendJson(ctx.res, 200, {});
}

/** MagicLink, after its own validation (already done by the caller). */
async function magicLink(
	ctx: AuthContext,
	email: string,
	data: JsonObject,
	pkce: { method: string; challenge: string }
): Promise<void> {
	const aud = requestAud(ctx.req, ctx.settings);
	const flow = flowOf(pkce.challenge);
	let user = await findUserByEmail(ctx.db, email, aud);
	if (!user || !user.email_confirmed_at) {
		// Signup with a generated password; its errors (signups disabled, …) are the answer.
		if (ctx.settings.disableSignup)
			throw unprocessable(ERROR_CODES.signupDisabled, 'Signups not allowed for this instance');
		const outcome = await emailSignup(
			ctx,
			email,
			randomBytes(33).toString('base64url'),
			data,
			pkce
		);
		// Without autoconfirm the confirmation mail is the magic link.
		if (outcome.kind === 'unconfirmed') return;
		user = await findUserByEmail(ctx.db, email, aud);
		if (!user) return;
	}
	const userId = user.id;
	await ctx.db.transaction(async (tx) => {
		if (flow === 'pkce')
			await createFlowState(tx, userId, 'magiclink', 'magiclink', pkce.method, pkce.challenge);
		await sendMagicLink(tx, ctx, { id: userId, email: user.email ?? email }, flow);
	});
}

/** POST /magiclink: the older route to MagicLink alone, with its own parameter checks. */
export async function magicLinkRoute(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'MagicLinkParams');
	const email = params.string('email');
	const data: JsonObject = params.object('data') ?? {};
	const challengeMethod = params.string('code_challenge_method');
	const challenge = params.string('code_challenge');
	// MagicLinkParams.Validate.
	if (email === '')
		throw unprocessable(ERROR_CODES.validationFailed, 'Password recovery requires an email');
	const normalized = validateEmail(email);
	validatePkceParams(challengeMethod, challenge);
	await magicLink(ctx, normalized, data, { method: challengeMethod, challenge });
	sendJson(ctx.res, 200, {});
}
