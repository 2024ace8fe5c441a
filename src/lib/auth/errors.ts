/**
 * Turns GoTrue's error codes (supabase-js `AuthError.code`) into interface messages, so a
 * person reads "that email already has an account" rather than a server string.
 */
import type { MessageKey, MessageValues } from '$lib/i18n/i18n.ts';

/** What the UI needs of a supabase-js auth error. */
export interface AuthFailure {
	code?: string | undefined;
	message: string;
}

/** GoTrue `error_code` → message key; codes not listed fall back to the server's own words. */
const AUTH_ERROR_MESSAGES: Readonly<Record<string, MessageKey>> = {
	invalid_credentials: 'authErrors.invalidCredentials',
	user_already_exists: 'authErrors.userAlreadyExists',
	email_exists: 'authErrors.userAlreadyExists',
	weak_password: 'authErrors.weakPassword',
	email_address_invalid: 'authErrors.emailInvalid',
	validation_failed: 'authErrors.validationFailed',
	signup_disabled: 'authErrors.signupDisabled',
	email_not_confirmed: 'authErrors.emailNotConfirmed',
	over_request_rate_limit: 'authErrors.rateLimited',
	user_banned: 'authErrors.userBanned',
	same_password: 'authErrors.samePassword',
	over_email_send_rate_limit: 'authErrors.emailRateLimited',
	otp_expired: 'authErrors.linkExpired',
	mfa_verification_failed: 'authErrors.mfaFailed',
	insufficient_aal: 'authErrors.mfaNeeded',
	mfa_challenge_expired: 'authErrors.mfaExpired'
};

/** The message key for an auth error, or null when only the server's text can explain it. */
export function authErrorKey(error: AuthFailure): MessageKey | null {
	return (error.code && AUTH_ERROR_MESSAGES[error.code]) || null;
}

/** The sentence to show for an auth error, in the interface language of `translate`. */
export function describeAuthError(
	error: AuthFailure,
	translate: (key: MessageKey, values?: MessageValues) => string
): string {
	const key = authErrorKey(error);
	return key ? translate(key, { message: error.message }) : error.message;
}

/** The failure for an exception thrown on the way (network down, unexpected answer). */
export function thrownFailure(err: unknown): AuthFailure {
	return { message: err instanceof Error ? err.message : String(err) };
}
