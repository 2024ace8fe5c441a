import { describe, expect, it } from 'vitest';
import { generateOtp, isOtpExpired, isOtpValid, tokenHash } from './otp.ts';
import { actionLink, isRedirectUrlValid, queryEscape } from './redirect.ts';

describe('email OTPs', () => {
	it('are six zero-padded digits', () => {
		for (let i = 0; i < 50; i++) expect(generateOtp(6)).toMatch(/^\d{6}$/);
	});
	it('are stored as the sha224 hex of address and code', () => {
		// sha224('a@example.test123456'), computed independently.
		expect(tokenHash('a@example.test', '123456')).toBe(
			'04df99a4a984279a51c039fb52bc5a4b1ff3358f38dcdcdc697ae8cb'
		);
		expect(tokenHash('a@example.test', '123456')).toMatch(/^[0-9a-f]{56}$/);
		expect(tokenHash('a@example.test', '123456')).not.toBe(tokenHash('a@example.test', '123457'));
	});
	it('expire once the expiry has passed since sending', () => {
		const sent = new Date('2024-01-01T00:00:00Z');
		expect(isOtpExpired(sent, 3600, new Date('2024-01-01T01:00:00Z'))).toBe(false);
		expect(isOtpExpired(sent, 3600, new Date('2024-01-01T01:00:00.001Z'))).toBe(true);
		expect(isOtpExpired(null, 3600)).toBe(true);
	});
	it('match only a stored, live token', () => {
		const now = new Date();
		expect(isOtpValid('h', 'h', now, 60)).toBe(true);
		expect(isOtpValid('h', 'pkce_h', now, 60)).toBe(true);
		expect(isOtpValid('h', '', now, 60)).toBe(false);
		expect(isOtpValid('h', 'g', now, 60)).toBe(false);
		expect(isOtpValid('h', 'h', null, 60)).toBe(false);
	});
});

describe('redirects', () => {
	const site = 'http://127.0.0.1:54321';
	it.each([
		['http://127.0.0.1:54321/x', true],
		['http://127.0.0.1:3000/welcome', true],
		['http://localhost:5173/auth', true],
		['http://[::1]:8080/', true],
		['https://evil.example/', false],
		['http://2130706433/', false],
		['http://127.1:3000/', false],
		['http://0x7f.0.0.1/', false],
		['javascript:alert(1)', false],
		[' http://127.0.0.1:3000/', false],
		['', false],
		['not a url', false]
	])('%j allowed: %s', (url, allowed) => expect(isRedirectUrlValid(site, url)).toBe(allowed));

	it('escape like Go and leave an already-encoded redirect alone', () => {
		expect(queryEscape("a b!'()*~")).toBe('a+b%21%27%28%29%2A~');
		expect(actionLink(`${site}/auth/v1`, 'abc', 'magiclink', 'http://127.0.0.1:3000/a')).toBe(
			`${site}/auth/v1/verify?token=abc&type=magiclink&redirect_to=http://127.0.0.1:3000/a`
		);
		expect(actionLink(`${site}/auth/v1`, 'abc', 'signup', 'http://127.0.0.1:3000/a?b=c')).toBe(
			`${site}/auth/v1/verify?token=abc&type=signup&redirect_to=http%3A%2F%2F127.0.0.1%3A3000%2Fa%3Fb%3Dc`
		);
	});
});
