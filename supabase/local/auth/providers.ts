/**
 * Sign-in methods the local stack has no configuration for, answered as GoTrue answers them
 * when they are not enabled (the Supabase CLI's default): OAuth redirects (`GET /authorize`,
 * `external.go`), ID-token and Web3 grants (`token_oidc.go`, `web3.go`) and SAML SSO
 * (`requireSAMLEnabled`). Each validates what GoTrue validates first, so a malformed request
 * gets the same error it would upstream.
 */
import type { AuthContext } from './context.ts';
import { AuthError, ERROR_CODES, OAuthError, badRequest, notFound } from './errors.ts';
import { readParams } from './request.ts';

/** `Provider()`'s switch in external.go: the OAuth providers GoTrue knows. */
export const OAUTH_PROVIDERS = new Set([
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
	'kakao',
	'keycloak',
	'linkedin',
	'linkedin_oidc',
	'notion',
	'snapchat',
	'spotify',
	'slack',
	'slack_oidc',
	'twitch',
	'twitter',
	'x',
	'vercel_marketplace',
	'workos',
	'zoom'
]);

/** Why `Provider(name)` fails here: every known provider is disabled. */
export function providerError(raw: string): string {
	const name = raw.toLowerCase();
	if (name.startsWith('custom:')) return 'custom OAuth providers are disabled';
	if (OAUTH_PROVIDERS.has(name)) return 'provider is not enabled';
	return `Provider ${name} could not be found`;
}

/** GET /authorize (ExternalProviderRedirect). */
export async function authorizeRoute(ctx: AuthContext): Promise<void> {
	const provider = ctx.url.searchParams.get('provider') ?? '';
	throw badRequest(
		ERROR_CODES.validationFailed,
		`Unsupported provider: ${providerError(provider)}`
	);
}

/** The `iss` of a JWT, read without checking it (jwt.ParseUnverified), or null. */
function unverifiedIssuer(token: string): string | null {
	const payload = token.split('.')[1];
	if (!payload || token.split('.').length !== 3) return null;
	try {
		const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown;
		const iss = (claims as { iss?: unknown })?.iss;
		return typeof iss === 'string' ? iss : null;
	} catch {
		return null;
	}
}

const APPLE_ISSUERS = ['https://appleid.apple.com', 'https://account.apple.com'];
const isAzureIssuer = (iss: string) =>
	/^https:\/\/login\.microsoftonline\.com\/[^/]+\/v2\.0$/.test(iss);

/** The issuer GoTrue pins for each ID-token provider it recognises without a token look-up. */
const FIXED_ISSUERS: Record<string, string> = {
	google: 'https://accounts.google.com',
	facebook: 'https://www.facebook.com',
	kakao: 'https://kauth.kakao.com',
	vercel_marketplace: 'https://marketplace.vercel.com',
	snapchat: 'https://accounts.snapchat.com/accounts/oauth2/token'
};

const disabled = (issuer: string) =>
	badRequest(ERROR_CODES.providerDisabled, `Provider (issuer "${issuer}") is not enabled`);

/** POST /token?grant_type=id_token (IdTokenGrant, getProvider). */
export async function idTokenGrant(ctx: AuthContext): Promise<void> {
	const params = await readParams(ctx.req, ctx.config.maxBodyBytes, 'IdTokenGrantParams');
	const idToken = params.string('id_token');
	const provider = params.string('provider');
	const clientId = params.string('client_id');
	const issuer = params.string('issuer');
	params.string('access_token');
	params.string('nonce');
	if (idToken === '') throw new OAuthError('invalid request', 'id_token required');
	if (provider === '' && (clientId === '' || issuer === ''))
		throw new OAuthError('invalid request', 'provider or client_id and issuer required');

	const detect = (label: string, accepts: (iss: string) => boolean) => {
		const found = unverifiedIssuer(idToken);
		if (found === null)
			throw badRequest(
				ERROR_CODES.validationFailed,
				`Unable to detect issuer in ID token for ${label} provider`
			);
		if (!accepts(found))
			throw badRequest(
				ERROR_CODES.validationFailed,
				`Detected ID token issuer is not an ${label} ID token issuer`
			);
		if (issuer !== '' && issuer !== found)
			throw badRequest(
				ERROR_CODES.validationFailed,
				'Provided issuer does not match ID token issuer'
			);
		return found;
	};
	if (provider === 'apple' || APPLE_ISSUERS.includes(issuer))
		throw disabled(detect('Apple', (iss) => APPLE_ISSUERS.includes(iss)));
	const fixed = Object.entries(FIXED_ISSUERS).find(([p, iss]) => provider === p || issuer === iss);
	if (fixed && fixed[0] === 'google') throw disabled(fixed[1]);
	if (provider === 'azure' || isAzureIssuer(issuer))
		throw disabled(
			detect('Azure', (iss) =>
				/^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//.test(iss)
			)
		);
	if (fixed) throw disabled(fixed[1]);
	// Keycloak's issuer is its configured URL, which a disabled provider does not have.
	if (provider === 'keycloak') throw disabled('');
	if (provider.startsWith('custom:'))
		throw badRequest(ERROR_CODES.validationFailed, 'Custom OAuth providers are disabled');
	throw badRequest(ERROR_CODES.validationFailed, `Custom OIDC provider "${provider}" not allowed`);
}

/** POST /token?grant_type=web3 (Web3Grant): neither chain is enabled. */
export async function web3Grant(): Promise<void> {
	throw new AuthError(422, ERROR_CODES.web3ProviderDisabled, 'Web3 provider is disabled');
}

/** /sso, /sso/saml/metadata and /sso/saml/acs (requireSAMLEnabled). */
export async function samlDisabled(): Promise<void> {
	throw notFound(ERROR_CODES.samlProviderDisabled, 'SAML 2.0 is disabled');
}
