/** GET and PUT /user (`internal/api/user.go`): the signed-in user reads and changes itself. */
import { sendJson } from '../http.ts';
import { audiences, requestAud, requireAuthentication, type Authenticated } from './auth.ts';
import type { AuthContext } from './context.ts';
import { ERROR_CODES, badRequest, forbidden, internalError, unprocessable } from './errors.ts';
import { checkPasswordStrength, comparePassword, hashPassword, validateEmail } from './password.ts';
import { readParams } from './request.ts';
import { sendEmailChange } from './emails.ts';
import { createFlowState, flowOf } from './pkce.ts';
import { verifyReauthentication } from './reauthenticate.ts';
import { logoutOthers, logoutUser } from './sessions.ts';
import {
	findUserById,
	insertIdentity,
	isDuplicatedEmail,
	mergeMetadata,
	userJson
} from './users.ts';

function checkAudience(ctx: AuthContext, auth: Authenticated): void {
	const aud = requestAud(ctx.req, ctx.settings);
	const fromClaims = audiences(auth.claims);
	if (fromClaims.length === 0 || fromClaims[0] !== aud)
		throw badRequest(ERROR_CODES.validationFailed, "Token audience doesn't match request audience");
}

/** UserGet. */
export async function getUser(ctx: AuthContext): Promise<void> {
	const auth = await requireAuthentication(ctx.config, ctx.db, ctx.req);
	checkAudience(ctx, auth);
	sendJson(ctx.res, 200, userJson(auth.user));
}

/** UserUpdate: email, password, user data (and app_metadata for admins only). */
export async function updateUser(ctx: AuthContext): Promise<void> {
	const auth = await requireAuthentication(ctx.config, ctx.db, ctx.req);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'UserUpdateParams');
	const user = auth.user;
	let email = params.string('email');
	const password = params.optionalString('password');
	const phone = params.string('phone');
	const data = params.object('data');
	const appData = params.object('app_metadata');
	const nonce = params.string('nonce');
	const challenge = params.string('code_challenge');
	const challengeMethod = params.string('code_challenge_method');

	// validateUserUpdateParams
	if (email !== '') email = validateEmail(email);
	if (phone !== '')
		throw unprocessable(ERROR_CODES.phoneProviderDisabled, 'Phone logins are disabled');
	if (password !== null) checkPasswordStrength(password, ctx.settings.passwordMinLength);

	if (appData !== null && !ctx.settings.adminRoles.includes(user.role ?? ''))
		throw forbidden(ERROR_CODES.notAdmin, 'Updating app_metadata requires admin privileges');
	if (user.is_anonymous && password !== null && password !== '' && email === '' && phone === '')
		throw unprocessable(
			ERROR_CODES.validationFailed,
			'Updating password of an anonymous user without an email or phone is not allowed'
		);
	const aud = requestAud(ctx.req, ctx.settings);
	const emailChanges = email !== '' && email !== (user.email ?? '');
	if (emailChanges && (await isDuplicatedEmail(ctx.db, email, aud, user.id)))
		throw unprocessable(
			ERROR_CODES.emailExists,
			'A user with this email address has already been registered'
		);

	// Secure password change: a session older than a day proves itself with the mailed nonce.
	if (password !== null && ctx.settings.securePasswordChange) {
		const { rows } = auth.sessionId
			? await ctx.db.query<{ created: Date }>(
					'select created_at as created from auth.sessions where id = $1',
					[auth.sessionId]
				)
			: { rows: [] };
		const created = rows[0]?.created;
		if (!created || Date.now() > new Date(created).getTime() + 24 * 3600 * 1000) {
			if (nonce === '')
				throw badRequest(
					ERROR_CODES.reauthenticationNeeded,
					'Password update requires reauthentication'
				);
			await ctx.db.transaction((tx) =>
				verifyReauthentication(tx, user.id, user.email ?? '', nonce, ctx.settings.otpExpirySeconds)
			);
		}
	}

	// bcrypt work happens before the transaction.
	let newHash: string | null = null;
	if (password !== null) {
		if (
			password !== '' &&
			user.encrypted_password &&
			(await comparePassword(password, user.encrypted_password))
		)
			throw unprocessable(
				ERROR_CODES.samePassword,
				'New password should be different from the old password.'
			);
		newHash = password === '' ? null : await hashPassword(password);
	}

	const updated = await ctx.db.transaction(async (tx) => {
		const current = await findUserById(tx, user.id, true);
		if (!current) throw internalError('Error updating user');
		if (password !== null) {
			await tx.query(
				`update auth.users set encrypted_password = $2, email_change = '', email_change_token_new = '',
				        updated_at = now() where id = $1`,
				[user.id, newHash ?? '']
			);
			// A password change ends every other session of the user.
			if (auth.sessionId) await logoutOthers(tx, user.id, auth.sessionId);
			else await logoutUser(tx, user.id);
		}
		if (data !== null)
			await tx.query(
				`update auth.users set raw_user_meta_data = $2, updated_at = now() where id = $1`,
				[user.id, JSON.stringify(mergeMetadata(current.raw_user_meta_data, data))]
			);
		if (appData !== null)
			await tx.query(
				`update auth.users set raw_app_meta_data = $2, updated_at = now() where id = $1`,
				[user.id, JSON.stringify(mergeMetadata(current.raw_app_meta_data, appData))]
			);
		if (emailChanges) {
			if (current.is_anonymous && ctx.settings.mailerAutoconfirm) {
				// An anonymous user adding an email is confirmed at once, like a sign-up.
				const appMeta = mergeMetadata(current.raw_app_meta_data, {
					provider: 'email',
					providers: ['email']
				});
				await tx.query(
					`update auth.users set email = $2, email_confirmed_at = now(), email_change = '', is_anonymous = false,
					        raw_app_meta_data = $3, updated_at = now() where id = $1`,
					[user.id, email, JSON.stringify(appMeta)]
				);
				await insertIdentity(tx, user.id, 'email', {
					sub: user.id,
					email,
					email_verified: true,
					phone_verified: false
				});
			} else {
				// The address changes once the mailed link (with secure email change, both links) is
				// followed; a code challenge makes that link a PKCE flow.
				const flow = flowOf(challenge);
				if (flow === 'pkce')
					await createFlowState(
						tx,
						user.id,
						'email_change',
						'email_change',
						challengeMethod,
						challenge
					);
				await sendEmailChange(tx, ctx, { id: user.id, email: current.email ?? '' }, email, flow);
			}
		}
		return findUserById(tx, user.id);
	});
	if (!updated) throw internalError('Error updating user');
	sendJson(ctx.res, 200, userJson(updated));
}
