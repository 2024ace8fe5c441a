/**
 * The auth service's own settings (GoTrue's GOTRUE_* configuration, as the Supabase CLI sets
 * it locally) and the public `/settings`, `/health` and JWKS answers.
 */
import type { StackConfig } from '../config.ts';
import { ConfigError } from '../config.ts';

export interface AuthSettings {
	/** `iss` of every access token: `<publicUrl>/auth/v1`. */
	issuer(): string;
	jwtSecret: string;
	jwtExpirySeconds: number;
	/** GOTRUE_SECURITY_REFRESH_TOKEN_REUSE_INTERVAL: how long a rotated token may be replayed. */
	refreshTokenReuseIntervalSeconds: number;
	/** GOTRUE_SECURITY_REFRESH_TOKEN_ROTATION_ENABLED. */
	refreshTokenRotationEnabled: boolean;
	passwordMinLength: number;
	/**
	 * GOTRUE_MAILER_AUTOCONFIRM, the inverse of the CLI's `[auth.email] enable_confirmations`
	 * (off): emails are confirmed at once, so sign-up returns a session. With confirmations on,
	 * sign-up mails a confirmation link and returns the user alone.
	 */
	mailerAutoconfirm: boolean;
	disableSignup: boolean;
	anonymousUsersEnabled: boolean;
	/** GOTRUE_MAILER_OTP_EXP: how long an email link or code stays valid. */
	otpExpirySeconds: number;
	/** GOTRUE_MAILER_OTP_LENGTH: digits of an email code. */
	otpLength: number;
	/**
	 * GOTRUE_SMTP_MAX_FREQUENCY: how soon one user may be sent another mail of a kind (the CLI's
	 * `[auth.email] max_frequency`, 1 s).
	 */
	mailMaxFrequencySeconds: number;
	/**
	 * GOTRUE_SECURITY_UPDATE_PASSWORD_REQUIRE_REAUTHENTICATION (the CLI's `[auth.email]
	 * secure_password_change`, off): a session older than 24 h changes the password only with
	 * the nonce `GET /reauthenticate` mailed.
	 */
	securePasswordChange: boolean;
	/**
	 * GOTRUE_MAILER_SECURE_EMAIL_CHANGE_ENABLED (the CLI's `double_confirm_changes`, on): an
	 * email change mails the current address as well as the new one.
	 */
	secureEmailChangeEnabled: boolean;
	/** GOTRUE_EXTERNAL_FLOW_STATE_EXPIRY_DURATION: how long a PKCE flow's auth code lives. */
	flowStateExpirySeconds: number;
	/**
	 * GOTRUE_SITE_URL: where email links land without a valid `redirect_to`. The stack has no
	 * site URL or allow list of its own, so this is its public URL; redirects are allowed to
	 * that origin and to loopback addresses only (see redirect.ts).
	 */
	siteUrl(): string;
	/** GOTRUE_JWT_AUD / GOTRUE_JWT_DEFAULT_GROUP_NAME. */
	audience: string;
	defaultRole: string;
	adminRoles: string[];
	/** GOTRUE_MFA_* (MFAConfiguration): factor limits and lifetimes. */
	mfa: {
		/** MFA_MAX_ENROLLED_FACTORS: factors of any status a user may hold. */
		maxEnrolledFactors: number;
		/** MFA_MAX_VERIFIED_FACTORS. */
		maxVerifiedFactors: number;
		/** MFA_CHALLENGE_EXPIRY_DURATION, in seconds (never below 300). */
		challengeExpirySeconds: number;
		/** MFA_FACTOR_EXPIRY_DURATION: an unverified, never challenged factor is dropped after it. */
		factorExpirySeconds: number;
		/** MFA_TOTP_ENROLL_ENABLED / MFA_TOTP_VERIFY_ENABLED. */
		totpEnrollEnabled: boolean;
		totpVerifyEnabled: boolean;
	};
}

function intEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw) || Number(raw) > max)
		throw new ConfigError(`${name} must be a whole number between 0 and ${max}, got "${raw}"`);
	return Number(raw);
}

function boolEnv(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
	const raw = env[name];
	if (raw === undefined || raw === '') return fallback;
	if (raw === 'true' || raw === '1') return true;
	if (raw === 'false' || raw === '0') return false;
	throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

/** The settings as data, to send to another thread: the URLs as they are now. */
export type PlainAuthSettings = Omit<AuthSettings, 'issuer' | 'siteUrl'> & {
	issuerUrl: string;
	siteUrlNow: string;
};

export function plainAuthSettings(settings: AuthSettings): PlainAuthSettings {
	const { issuer, siteUrl, ...rest } = settings;
	return { ...rest, issuerUrl: issuer(), siteUrlNow: siteUrl() };
}

/** The settings back from `plainAuthSettings`. */
export function authSettingsFrom(plain: PlainAuthSettings): AuthSettings {
	const { issuerUrl, siteUrlNow, ...rest } = plain;
	return { ...rest, issuer: () => issuerUrl, siteUrl: () => siteUrlNow };
}

/** Reads the auth settings; `config.publicUrl` is read late because a test stack learns its port after start. */
export function loadAuthSettings(
	config: StackConfig,
	env: NodeJS.ProcessEnv = process.env
): AuthSettings {
	return {
		issuer: () => `${config.publicUrl}/auth/v1`,
		jwtSecret: config.jwtSecret,
		jwtExpirySeconds: config.jwtExpirySeconds,
		refreshTokenReuseIntervalSeconds: intEnv(
			env,
			'PARLEY_REFRESH_TOKEN_REUSE_INTERVAL_SECONDS',
			10,
			86400
		),
		refreshTokenRotationEnabled: true,
		passwordMinLength: intEnv(env, 'PARLEY_AUTH_PASSWORD_MIN_LENGTH', 6, 72),
		mailerAutoconfirm: !boolEnv(env, 'PARLEY_AUTH_ENABLE_CONFIRMATIONS', false),
		// The Supabase CLI's `[auth.email] otp_expiry` default.
		otpExpirySeconds: intEnv(env, 'PARLEY_AUTH_OTP_EXPIRY_SECONDS', 3600, 86400),
		otpLength: 6,
		mailMaxFrequencySeconds: intEnv(env, 'PARLEY_AUTH_EMAIL_MAX_FREQUENCY_SECONDS', 1, 86400),
		securePasswordChange: boolEnv(env, 'PARLEY_AUTH_SECURE_PASSWORD_CHANGE', false),
		secureEmailChangeEnabled: boolEnv(env, 'PARLEY_AUTH_SECURE_EMAIL_CHANGE', true),
		// GoTrue's default (and floor): 300 s.
		flowStateExpirySeconds: 300,
		siteUrl: () => config.publicUrl,
		disableSignup: boolEnv(env, 'PARLEY_AUTH_DISABLE_SIGNUP', false),
		anonymousUsersEnabled: boolEnv(env, 'PARLEY_AUTH_ANONYMOUS_USERS', true),
		audience: 'authenticated',
		defaultRole: 'authenticated',
		adminRoles: ['service_role', 'supabase_admin'],
		mfa: {
			maxEnrolledFactors: intEnv(env, 'PARLEY_AUTH_MFA_MAX_ENROLLED_FACTORS', 10, 1000),
			maxVerifiedFactors: intEnv(env, 'PARLEY_AUTH_MFA_MAX_VERIFIED_FACTORS', 10, 1000),
			// GoTrue raises anything shorter than its 300 s default to 300 s.
			challengeExpirySeconds: Math.max(
				300,
				intEnv(env, 'PARLEY_AUTH_MFA_CHALLENGE_EXPIRY_SECONDS', 300, 86400)
			),
			factorExpirySeconds: Math.max(
				300,
				intEnv(env, 'PARLEY_AUTH_MFA_FACTOR_EXPIRY_SECONDS', 300, 86400)
			),
			totpEnrollEnabled: boolEnv(env, 'PARLEY_AUTH_MFA_TOTP_ENROLL_ENABLED', true),
			totpVerifyEnabled: boolEnv(env, 'PARLEY_AUTH_MFA_TOTP_VERIFY_ENABLED', true)
		}
	};
}

/** GET /settings as GoTrue answers it (external providers, sign-up switches). */
export function settingsBody(s: AuthSettings) {
	const external: Record<string, boolean> = {};
	for (const name of [
		'anonymous_users',
		'apple',
		'azure',
		'bitbucket',
		'discord',
		'facebook',
		'figma',
		'fly',
		'github',
		'gitlab',
		'google',
		'keycloak',
		'kakao',
		'linkedin',
		'linkedin_oidc',
		'notion',
		'spotify',
		'slack',
		'slack_oidc',
		'workos',
		'twitch',
		'twitter',
		'x',
		'email',
		'phone',
		'zoom'
	])
		external[name] = false;
	external.anonymous_users = s.anonymousUsersEnabled;
	external.email = true;
	return {
		external,
		disable_signup: s.disableSignup,
		mailer_autoconfirm: s.mailerAutoconfirm,
		phone_autoconfirm: false,
		sms_provider: 'twilio',
		saml_enabled: false
	};
}

/** GET /health. */
export const HEALTH_BODY = {
	version: 'v2.180.0',
	name: 'GoTrue',
	description: 'GoTrue is a user registration and authentication API'
} as const;

/** GET /.well-known/jwks.json: a symmetric HS256 secret is never published. */
export const JWKS_BODY = { keys: [] as unknown[] };
