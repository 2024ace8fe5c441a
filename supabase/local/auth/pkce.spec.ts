import { describe, expect, it } from 'vitest';
import { AuthError } from './errors.ts';
import {
	flowOf,
	linkAuthMethod,
	validatePkceParams,
	verifyChallenge,
	withFlowPrefix
} from './pkce.ts';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE', () => {
	it('checks an S256 challenge against its verifier (RFC 7636 Appendix B), any method case', () => {
		expect(verifyChallenge(CHALLENGE, 's256', VERIFIER)).toBeNull();
		expect(verifyChallenge(CHALLENGE, 'S256', VERIFIER)).toBeNull();
		expect(verifyChallenge(CHALLENGE, 's256', `${VERIFIER}x`)).toBe(
			'code challenge does not match previously saved code verifier'
		);
		expect(verifyChallenge(VERIFIER, 'plain', VERIFIER)).toBeNull();
		expect(verifyChallenge(VERIFIER, 'plain', CHALLENGE)).not.toBeNull();
		expect(verifyChallenge(CHALLENGE, 'md5', VERIFIER)).toBe('code challenge method not supported');
	});

	it('validates challenge parameters as validatePKCEParams', () => {
		expect(() => validatePkceParams('', '')).not.toThrow();
		expect(() => validatePkceParams('s256', CHALLENGE)).not.toThrow();
		const fails = (method: string, challenge: string) => {
			try {
				validatePkceParams(method, challenge);
			} catch (err) {
				return err instanceof AuthError ? [err.status, err.code, err.message] : null;
			}
			return null;
		};
		expect(fails('s256', '')).toEqual([
			400,
			'validation_failed',
			'PKCE flow requires code_challenge_method and code_challenge'
		]);
		expect(fails('', CHALLENGE)?.[2]).toBe(
			'PKCE flow requires code_challenge_method and code_challenge'
		);
		expect(fails('s256', 'a'.repeat(42))?.[2]).toBe(
			'code challenge has to be between 43 and 128 characters'
		);
		expect(fails('s256', 'a'.repeat(129))?.[2]).toBe(
			'code challenge has to be between 43 and 128 characters'
		);
		expect(fails('s256', `${'a'.repeat(42)}+`)?.[2]).toBe(
			'code challenge can only contain alphanumeric characters, hyphens, periods, underscores and tildes'
		);
	});

	it('prefixes PKCE tokens and maps link types to authentication methods', () => {
		expect(flowOf('')).toBe('implicit');
		expect(flowOf(CHALLENGE)).toBe('pkce');
		expect(withFlowPrefix('abc', 'pkce')).toBe('pkce_abc');
		expect(withFlowPrefix('abc', 'implicit')).toBe('abc');
		expect(linkAuthMethod('signup')).toBe('email/signup');
		expect(linkAuthMethod('magiclink')).toBe('magiclink');
		expect(linkAuthMethod('email_change')).toBe('email_change');
		expect(() => linkAuthMethod('email')).toThrow('unsupported authentication method "email"');
	});
});
