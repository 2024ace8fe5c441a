/**
 * MFA with TOTP factors (`internal/api/mfa.go`, `models/factor.go`, `models/challenge.go`):
 * enroll, challenge, verify and unenroll for the signed-in user, and the admin's view of a
 * user's factors (`admin.go`). Verifying a challenge raises the caller's session to aal2.
 */
import type { IncomingMessage } from 'node:http';
import type { Sql } from '../db.ts';
import { sendJson } from '../http.ts';
import { clientInfo, requireAdmin, requireAuthentication, type Authenticated } from './auth.ts';
import type { AuthContext } from './context.ts';
import {
	ERROR_CODES,
	badRequest,
	forbidden,
	internalError,
	notFound,
	unprocessable
} from './errors.ts';
import { readParams } from './request.ts';
import {
	activeRefreshToken,
	addAmrClaim,
	aalOf,
	findRefreshToken,
	sessionAal,
	sessionAmr,
	swapRefreshToken
} from './sessions.ts';
import type { AuthSettings } from './settings.ts';
import { generateAccessToken, sessionReply } from './tokens.ts';
import { generateTotpSecret, otpauthQrSvg, otpauthUri, validateTotp } from './totp.ts';
import { FACTOR_COLUMNS, factorJson, findUserById, type FactorRecord, type User } from './users.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** requireAuthentication + requireNotAnonymous, as the /factors routes are mounted. */
async function requireMfaCaller(ctx: AuthContext): Promise<Authenticated> {
	const auth = await requireAuthentication(ctx.config, ctx.db, ctx.req);
	if (auth.claims.is_anonymous === true)
		throw forbidden(
			ERROR_CODES.noAuthorization,
			'Anonymous user not allowed to perform these actions'
		);
	return auth;
}

/** loadFactor: the `{factor_id}` segment must be a UUID of a factor the user owns. */
async function loadFactor(sql: Sql, user: User, factorId: string): Promise<FactorRecord> {
	if (!UUID.test(factorId))
		throw notFound(ERROR_CODES.validationFailed, 'factor_id must be an UUID');
	const res = await sql.query<FactorRecord>(
		`select ${FACTOR_COLUMNS} from auth.mfa_factors where user_id = $1 and id = $2`,
		[user.id, factorId]
	);
	if (!res.rows[0]) throw notFound(ERROR_CODES.mfaFactorNotFound, 'Factor not found');
	return res.rows[0];
}

/** utilities.GetIPAddress, as stored in mfa_challenges.ip_address (which may not be null). */
function challengeIp(req: IncomingMessage): string {
	return clientInfo(req).ip ?? '0.0.0.0';
}

/** validateFactors: expired unverified factors go first, then GoTrue's limits apply. */
async function validateFactors(
	sql: Sql,
	userId: string,
	friendlyName: string,
	settings: AuthSettings,
	aal: string | null
): Promise<void> {
	// models.DeleteExpiredFactors: unverified factors never challenged within their lifetime.
	await sql.query(
		`delete from auth.mfa_factors f
		  where f.status <> 'verified'
		    and not exists (select 1 from auth.mfa_challenges c where c.factor_id = f.id)
		    and f.created_at + make_interval(secs => $1) < current_timestamp`,
		[settings.mfa.factorExpirySeconds]
	);
	const res = await sql.query<{ friendly_name: string | null; status: string }>(
		`select friendly_name, status::text as status from auth.mfa_factors where user_id = $1`,
		[userId]
	);
	let verified = 0;
	for (const f of res.rows) {
		if ((f.friendly_name ?? '') === friendlyName)
			throw unprocessable(
				ERROR_CODES.mfaFactorNameConflict,
				`A factor with the friendly name ${JSON.stringify(friendlyName)} for this user already exists`
			);
		if (f.status === 'verified') verified++;
	}
	if (
		res.rows.length >= settings.mfa.maxEnrolledFactors ||
		verified >= settings.mfa.maxVerifiedFactors
	)
		throw unprocessable(
			ERROR_CODES.tooManyEnrolledMfaFactors,
			'Maximum number of verified factors reached, unenroll to continue'
		);
	if (verified > 0 && aal !== 'aal2')
		throw forbidden(ERROR_CODES.insufficientAal, 'AAL2 required to enroll a new factor');
}

/** POST /factors (EnrollFactor): a new unverified TOTP factor and its secret. */
export async function enrollFactor(ctx: AuthContext): Promise<void> {
	const auth = await requireMfaCaller(ctx);
	if (!auth.sessionId)
		throw internalError('A valid session and a registered user are required to enroll a factor');
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'EnrollFactorParams');
	const friendlyName = params.string('friendly_name');
	const factorType = params.string('factor_type');
	const issuerParam = params.string('issuer');
	params.string('phone');
	switch (factorType) {
		case 'totp':
			if (!ctx.settings.mfa.totpEnrollEnabled)
				throw unprocessable(ERROR_CODES.mfaTotpEnrollDisabled, 'MFA enroll is disabled for TOTP');
			break;
		case 'phone':
			throw unprocessable(ERROR_CODES.mfaPhoneEnrollDisabled, 'MFA enroll is disabled for Phone');
		case 'webauthn':
			throw unprocessable(
				ERROR_CODES.mfaWebAuthnEnrollDisabled,
				'MFA enroll is disabled for WebAuthn'
			);
		default:
			throw badRequest(
				ERROR_CODES.validationFailed,
				'factor_type needs to be totp, phone, or webauthn'
			);
	}
	// Without an issuer GoTrue names the site URL's host.
	const issuer = issuerParam || new URL(ctx.settings.siteUrl()).host;
	const aal = await sessionAal(ctx.db, auth.sessionId);
	const secret = generateTotpSecret();
	const uri = otpauthUri(issuer, auth.user.email ?? '', secret);
	const id = await ctx.db.transaction(async (tx) => {
		await validateFactors(tx, auth.user.id, friendlyName, ctx.settings, aal);
		const res = await tx.query<{ id: string }>(
			`insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, created_at, updated_at, secret)
			 values (gen_random_uuid(), $1, $2, 'totp', 'unverified', now(), now(), $3) returning id::text as id`,
			[auth.user.id, friendlyName, secret]
		);
		return res.rows[0].id;
	});
	sendJson(ctx.res, 200, {
		id,
		type: 'totp',
		friendly_name: friendlyName,
		totp: { qr_code: await otpauthQrSvg(uri), secret, uri }
	});
}

/** POST /factors/{id}/challenge (challengeTOTPFactor). */
export async function challengeFactor(ctx: AuthContext, factorId: string): Promise<void> {
	const auth = await requireMfaCaller(ctx);
	const factor = await loadFactor(ctx.db, auth.user, factorId);
	if (factor.factor_type !== 'totp')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'factor_type needs to be totp, phone, or webauthn'
		);
	if (!ctx.settings.mfa.totpVerifyEnabled)
		throw unprocessable(ERROR_CODES.mfaTotpVerifyDisabled, 'MFA verification is disabled for TOTP');
	const challenge = await ctx.db.transaction(async (tx) => {
		const res = await tx.query<{ id: string; expires_at: string }>(
			`insert into auth.mfa_challenges (id, factor_id, created_at, ip_address)
			 values (gen_random_uuid(), $1, now(), $2::inet)
			 returning id::text as id, floor(extract(epoch from created_at))::int8::text as expires_at`,
			[factor.id, challengeIp(ctx.req)]
		);
		await tx.query(`update auth.mfa_factors set last_challenged_at = now() where id = $1`, [
			factor.id
		]);
		return res.rows[0];
	});
	sendJson(ctx.res, 200, {
		id: challenge.id,
		type: factor.factor_type,
		expires_at: Number(challenge.expires_at) + ctx.settings.mfa.challengeExpirySeconds
	});
}

/** validateChallenge: the factor's own, unused challenge from the same address, not expired. */
async function validateChallenge(
	ctx: AuthContext,
	factor: FactorRecord,
	challengeId: string
): Promise<void> {
	const res = await ctx.db.query<{
		id: string;
		verified: boolean;
		same_ip: boolean;
		expired: boolean;
	}>(
		`select id::text as id, verified_at is not null as verified, ip_address = $3::inet as same_ip,
		        now() > created_at + make_interval(secs => $4) as expired
		   from auth.mfa_challenges where id = $1 and factor_id = $2`,
		[challengeId, factor.id, challengeIp(ctx.req), ctx.settings.mfa.challengeExpirySeconds]
	);
	const challenge = res.rows[0];
	if (!challenge)
		throw unprocessable(
			ERROR_CODES.mfaFactorNotFound,
			'MFA factor with the provided challenge ID not found'
		);
	if (challenge.verified || !challenge.same_ip)
		throw unprocessable(
			ERROR_CODES.mfaIpAddressMismatch,
			'Challenge and verify IP addresses mismatch.'
		);
	if (challenge.expired) {
		await ctx.db.query(`delete from auth.mfa_challenges where id = $1`, [challenge.id]);
		throw unprocessable(
			ERROR_CODES.mfaChallengeExpired,
			`MFA challenge ${challenge.id} has expired, verify against another challenge or create a new challenge.`
		);
	}
}

/**
 * POST /factors/{id}/verify (verifyTOTPFactor + updateMFASessionAndClaims): a valid code
 * marks the challenge used and the factor verified, adds `totp` to the session's AMR, rotates
 * its refresh token and answers with an aal2 session. The user's other aal1 sessions end.
 */
export async function verifyFactor(ctx: AuthContext, factorId: string): Promise<void> {
	const auth = await requireMfaCaller(ctx);
	const factor = await loadFactor(ctx.db, auth.user, factorId);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'VerifyFactorParams');
	const challengeId = params.uuid('challenge_id');
	const code = params.string('code');
	params.object('webauthn');
	if (code === '') throw badRequest(ERROR_CODES.validationFailed, 'Code needs to be non-empty');
	if (factor.factor_type !== 'totp')
		throw badRequest(
			ERROR_CODES.validationFailed,
			'factor_type needs to be totp, phone, or webauthn'
		);
	if (!ctx.settings.mfa.totpVerifyEnabled)
		throw unprocessable(ERROR_CODES.mfaTotpVerifyDisabled, 'MFA verification is disabled for TOTP');
	await validateChallenge(ctx, factor, challengeId);

	const secretRow = await ctx.db.query<{ secret: string | null }>(
		`select secret from auth.mfa_factors where id = $1`,
		[factor.id]
	);
	if (!validateTotp(code, secretRow.rows[0]?.secret ?? ''))
		throw unprocessable(ERROR_CODES.mfaVerificationFailed, 'Invalid TOTP code entered');

	const sessionId = auth.sessionId;
	if (!sessionId) throw internalError('Cannot read SessionId claim as UUID');
	const reply = await ctx.db.transaction(async (tx) => {
		await tx.query(`update auth.mfa_challenges set verified_at = now() where id = $1`, [
			challengeId
		]);
		if (factor.status !== 'verified')
			await tx.query(
				`update auth.mfa_factors set status = 'verified', updated_at = now() where id = $1`,
				[factor.id]
			);
		const user = await findUserById(tx, auth.user.id);
		if (!user) throw internalError('Database error finding user');

		await addAmrClaim(tx, sessionId, 'totp');
		// Legacy refresh tokens: the session's active token is swapped, so the aal1 token the
		// client held before can no longer be the session's newest.
		const active = await activeRefreshToken(tx, sessionId);
		const activeRow = active ? await findRefreshToken(tx, active.token) : null;
		if (!activeRow) throw internalError('Database error finding refresh token');
		const refreshToken = await swapRefreshToken(tx, activeRow);
		const aal = aalOf(await sessionAmr(tx, sessionId));
		await tx.query(`update auth.sessions set aal = $2, factor_id = $3 where id = $1`, [
			sessionId,
			aal,
			factor.id
		]);
		const { token, expiresAt } = await generateAccessToken(tx, ctx.settings, user, sessionId);

		// InvalidateSessionsWithAALLessThan(aal2), then DeleteUnverifiedFactors(totp).
		await tx.query(`delete from auth.sessions where user_id = $1 and aal < 'aal2'`, [user.id]);
		await tx.query(
			`delete from auth.mfa_factors where user_id = $1 and status = 'unverified' and factor_type = 'totp'`,
			[user.id]
		);
		return sessionReply(user, token, expiresAt, refreshToken);
	});
	sendJson(ctx.res, 200, reply);
}

/** Factor.DowngradeSessionsToAAL1: sessions raised by the factor lose its AMR claim and aal2. */
async function downgradeSessions(sql: Sql, factor: FactorRecord): Promise<void> {
	await sql.query(
		`delete from auth.mfa_amr_claims
		  where session_id in (select id from auth.sessions where factor_id = $1) and authentication_method = 'totp'`,
		[factor.id]
	);
	await sql.query(
		`update auth.sessions set aal = 'aal1', factor_id = null where user_id = $1 and factor_id = $2`,
		[factor.user_id, factor.id]
	);
}

/** DELETE /factors/{id} (UnenrollFactor): a verified factor needs an aal2 session. */
export async function unenrollFactor(ctx: AuthContext, factorId: string): Promise<void> {
	const auth = await requireMfaCaller(ctx);
	const factor = await loadFactor(ctx.db, auth.user, factorId);
	if (!auth.sessionId)
		throw internalError('A valid session and factor are required to unenroll a factor');
	const aal = await sessionAal(ctx.db, auth.sessionId);
	if (factor.status === 'verified' && aal !== 'aal2')
		throw unprocessable(ERROR_CODES.insufficientAal, 'AAL2 required to unenroll verified factor');
	await ctx.db.transaction(async (tx) => {
		await tx.query(`delete from auth.mfa_factors where id = $1`, [factor.id]);
		await downgradeSessions(tx, factor);
	});
	sendJson(ctx.res, 200, { id: factor.id });
}

/** The admin routes' loadUser. */
async function loadUserForAdmin(ctx: AuthContext, userId: string): Promise<User> {
	if (!UUID.test(userId)) throw notFound(ERROR_CODES.validationFailed, 'user_id must be an UUID');
	const user = await findUserById(ctx.db, userId);
	if (!user) throw notFound(ERROR_CODES.userNotFound, 'User not found');
	return user;
}

/** GET /admin/users/{id}/factors (adminUserGetFactors). */
export async function adminListFactors(ctx: AuthContext, userId: string): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const user = await loadUserForAdmin(ctx, userId);
	sendJson(ctx.res, 200, user.factors.map(factorJson));
}

/** DELETE /admin/users/{id}/factors/{factor_id} (adminUserDeleteFactor): answers the deleted factor. */
export async function adminDeleteFactor(
	ctx: AuthContext,
	userId: string,
	factorId: string
): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const user = await loadUserForAdmin(ctx, userId);
	const factor = await loadFactor(ctx.db, user, factorId);
	await ctx.db.transaction(async (tx) => {
		await tx.query(`delete from auth.mfa_factors where id = $1`, [factor.id]);
		await downgradeSessions(tx, factor);
	});
	sendJson(ctx.res, 200, factorJson(factor));
}

/** PUT /admin/users/{id}/factors/{factor_id} (adminUserUpdateFactor): renames a factor. */
export async function adminUpdateFactor(
	ctx: AuthContext,
	userId: string,
	factorId: string
): Promise<void> {
	await requireAdmin(ctx.config, ctx.settings, ctx.req);
	const user = await loadUserForAdmin(ctx, userId);
	const factor = await loadFactor(ctx.db, user, factorId);
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'adminUserUpdateFactorParams');
	const friendlyName = params.string('friendly_name');
	params.string('phone');
	if (friendlyName !== '')
		await ctx.db.query(
			`update auth.mfa_factors set friendly_name = $2, updated_at = now() where id = $1`,
			[factor.id, friendlyName]
		);
	sendJson(ctx.res, 200, factorJson(await loadFactor(ctx.db, user, factor.id)));
}
