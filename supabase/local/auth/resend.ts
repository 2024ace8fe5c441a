/**
 * POST /resend (`internal/api/resend.go`): mails a sign-up confirmation or a pending email
 * change again. Unknown addresses, confirmed users and users with no change pending get the
 * same empty answer, so the endpoint does not tell who has an account.
 */
import { sendJson } from '../http.ts';
import { requestAud } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest } from './errors.ts';
import { sendConfirmation, sendEmailChange } from './emails.ts';
import { validateEmail } from './password.ts';
import { createFlowState, flowOf, validatePkceParams } from './pkce.ts';
import { readParams } from './request.ts';
import { findUserByEmail } from './users.ts';

export async function resendRoute(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'ResendConfirmationParams');
	const type = params.string('type');
	let email = params.string('email');
	const phone = params.string('phone');
	const challenge = params.string('code_challenge');
	const challengeMethod = params.string('code_challenge_method');

	// ResendConfirmationParams.Validate.
	if (type === 'signup' || type === 'email_change') validatePkceParams(challengeMethod, challenge);
	else if (type !== 'sms' && type !== 'phone_change')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Missing one of these types: signup, email_change, sms, phone_change'
		);
	if (email === '' && type === 'signup')
		throw badRequest(ERROR_CODES.validationFailed, 'Type provided requires an email address');
	if (phone === '' && type === 'sms')
		throw badRequest(ERROR_CODES.validationFailed, 'Type provided requires a phone number');
	if (email !== '' && phone !== '')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'Only an email address or phone number should be provided.'
		);
	if (email !== '') email = validateEmail(email);
	else if (phone !== '') {
		// The phone provider is off (`config.External.Phone.Enabled`).
		throw badRequest(ERROR_CODES.phoneProviderDisabled, 'Phone logins are disabled');
	} else throw badRequest(ERROR_CODES.validationFailed, 'Missing email address or phone number');

	const user = await findUserByEmail(ctx.db, email, requestAud(ctx.req, ctx.settings));
	if (
		!user ||
		!user.email ||
		(type === 'signup' && user.email_confirmed_at) ||
		(type === 'email_change' && !user.email_change) ||
		// An email address has no phone to confirm or change.
		type === 'sms' ||
		type === 'phone_change'
	) {
		sendJson(ctx.res, 200, {});
		return;
	}
	const flow = flowOf(challenge);
	const target = { id: user.id, email: user.email };
	await ctx.db.transaction(async (tx) => {
		if (type === 'signup') {
			if (flow === 'pkce')
				await createFlowState(
					tx,
					user.id,
					'email/signup',
					'email/signup',
					challengeMethod,
					challenge
				);
			await sendConfirmation(tx, ctx, target, flow);
		} else {
			if (flow === 'pkce')
				await createFlowState(
					tx,
					user.id,
					'email_change',
					'email_change',
					challengeMethod,
					challenge
				);
			await sendEmailChange(tx, ctx, target, user.email_change!, flow);
		}
	});
	sendJson(ctx.res, 200, {});
}
