/**
 * The error codes and reply shapes of Supabase Auth (`internal/api/apierrors/errorcode.go`,
 * `internal/api/errors.go`). Every handler throws AuthError; `sendAuthError` renders it the
 * way GoTrue does for the API version the client asked for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { headerOf, sendJson } from '../http.ts';

/** The codes this service can answer with, named as in errorcode.go. */
export const ERROR_CODES = {
	unexpectedFailure: 'unexpected_failure',
	unknown: 'unknown',
	validationFailed: 'validation_failed',
	badJson: 'bad_json',
	emailExists: 'email_exists',
	phoneExists: 'phone_exists',
	badJwt: 'bad_jwt',
	notAdmin: 'not_admin',
	noAuthorization: 'no_authorization',
	userNotFound: 'user_not_found',
	sessionNotFound: 'session_not_found',
	sessionExpired: 'session_expired',
	refreshTokenNotFound: 'refresh_token_not_found',
	refreshTokenAlreadyUsed: 'refresh_token_already_used',
	signupDisabled: 'signup_disabled',
	userBanned: 'user_banned',
	emailNotConfirmed: 'email_not_confirmed',
	phoneNotConfirmed: 'phone_not_confirmed',
	userAlreadyExists: 'user_already_exists',
	samePassword: 'same_password',
	weakPassword: 'weak_password',
	anonymousProviderDisabled: 'anonymous_provider_disabled',
	emailProviderDisabled: 'email_provider_disabled',
	phoneProviderDisabled: 'phone_provider_disabled',
	invalidCredentials: 'invalid_credentials',
	emailAddressInvalid: 'email_address_invalid',
	conflict: 'conflict',
	requestEntityTooLarge: 'request_entity_too_large',
	notFound: 'not_found',
	otpExpired: 'otp_expired',
	otpDisabled: 'otp_disabled',
	flowStateNotFound: 'flow_state_not_found',
	flowStateExpired: 'flow_state_expired',
	badCodeVerifier: 'bad_code_verifier',
	overEmailSendRateLimit: 'over_email_send_rate_limit',
	providerDisabled: 'provider_disabled',
	reauthenticationNeeded: 'reauthentication_needed',
	reauthenticationNotValid: 'reauthentication_not_valid',
	web3ProviderDisabled: 'web3_provider_disabled',
	samlProviderDisabled: 'saml_provider_disabled',
	tooManyEnrolledMfaFactors: 'too_many_enrolled_mfa_factors',
	mfaFactorNameConflict: 'mfa_factor_name_conflict',
	mfaFactorNotFound: 'mfa_factor_not_found',
	mfaIpAddressMismatch: 'mfa_ip_address_mismatch',
	mfaChallengeExpired: 'mfa_challenge_expired',
	mfaVerificationFailed: 'mfa_verification_failed',
	insufficientAal: 'insufficient_aal',
	mfaPhoneEnrollDisabled: 'mfa_phone_enroll_not_enabled',
	mfaTotpEnrollDisabled: 'mfa_totp_enroll_not_enabled',
	mfaTotpVerifyDisabled: 'mfa_totp_verify_not_enabled',
	mfaWebAuthnEnrollDisabled: 'mfa_webauthn_enroll_not_enabled',
	overRequestRateLimit: 'over_request_rate_limit'
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** An HTTP error with GoTrue's status, code and message. */
export class AuthError extends Error {
	override name = 'AuthError';
	readonly status: number;
	readonly code: ErrorCode;
	/** Set only for weak_password: the failed checks (`length`, `characters`, `pwned`). */
	readonly reasons: string[] | undefined;
	constructor(status: number, code: ErrorCode, message: string, reasons?: string[]) {
		super(message);
		this.status = status;
		this.code = code;
		this.reasons = reasons;
	}
}

/**
 * An AuthError again after it crossed from the database's thread (procedures.ts), where it
 * arrives as a plain Error with its fields; anything else as it is.
 */
export function reviveAuthError(err: unknown): unknown {
	if (err instanceof AuthError || !(err instanceof Error) || err.name !== 'AuthError') return err;
	const { status, code } = err as Error & { status?: unknown; code?: unknown };
	if (typeof status !== 'number' || typeof code !== 'string') return err;
	return new AuthError(status, code as ErrorCode, err.message);
}

/** An OAuth2-style error (`apierrors.OAuthError`): always 400 `{error, error_description}`. */
export class OAuthError extends Error {
	override name = 'OAuthError';
	readonly error: string;
	constructor(error: string, description: string) {
		super(description);
		this.error = error;
	}
}

export const badRequest = (code: ErrorCode, msg: string) => new AuthError(400, code, msg);
export const unauthorized = (code: ErrorCode, msg: string) => new AuthError(401, code, msg);
export const forbidden = (code: ErrorCode, msg: string) => new AuthError(403, code, msg);
export const notFound = (code: ErrorCode, msg: string) => new AuthError(404, code, msg);
export const unprocessable = (code: ErrorCode, msg: string) => new AuthError(422, code, msg);
export const internalError = (msg: string) =>
	new AuthError(500, ERROR_CODES.unexpectedFailure, msg);
export const weakPassword = (msg: string, reasons: string[]) =>
	new AuthError(422, ERROR_CODES.weakPassword, msg, reasons);

export const API_VERSION_HEADER = 'x-supabase-api-version';
/** The only dated API version GoTrue knows; requests on or after it get the newer error shape. */
export const API_VERSION_2024_01_01 = '2024-01-01';

/**
 * The API version a request asked for: GoTrue picks the closest known version at or before
 * the given date, and falls back to the initial version for a missing or malformed header.
 */
export function requestedApiVersion(
	req: IncomingMessage
): 'initial' | typeof API_VERSION_2024_01_01 {
	const raw = headerOf(req, API_VERSION_HEADER);
	if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return 'initial';
	const date = Date.parse(`${raw}T00:00:00Z`);
	if (Number.isNaN(date)) return 'initial';
	return date >= Date.parse('2024-01-01T00:00:00Z') ? API_VERSION_2024_01_01 : 'initial';
}

/** The JSON body GoTrue writes for an error, per API version. */
export function errorBody(err: AuthError, version: 'initial' | typeof API_VERSION_2024_01_01) {
	const extra = err.reasons ? { weak_password: { reasons: err.reasons } } : {};
	if (version === API_VERSION_2024_01_01) return { code: err.code, message: err.message, ...extra };
	return { code: err.status, error_code: err.code, msg: err.message, ...extra };
}

/** Writes an error reply; anything that is not an AuthError becomes GoTrue's 500. */
export function sendAuthError(req: IncomingMessage, res: ServerResponse, err: unknown): void {
	const version = requestedApiVersion(req);
	const headers: Record<string, string> = {};
	if (version !== 'initial') headers['x-supabase-api-version'] = version;
	if (err instanceof OAuthError) {
		sendJson(res, 400, { error: err.error, error_description: err.message }, headers);
		return;
	}
	let authErr: AuthError;
	if (err instanceof AuthError) authErr = err;
	else {
		console.error('auth: unexpected failure:', err);
		authErr = internalError('Unexpected failure, please check server logs for more information');
	}
	headers['x-sb-error-code'] = authErr.code;
	sendJson(res, authErr.status, errorBody(authErr, version), headers);
}
