import { describe, expect, it } from 'vitest';
import { matchRoute } from './index.ts';
import { paginationHeaders } from './admin.ts';
import { parseLogoutScope } from './logout.ts';
import { withinReuseInterval } from './token_refresh.ts';
import { aalOf, newRefreshTokenString } from './sessions.ts';
import { mergeMetadata } from './users.ts';

describe('routing', () => {
	it('matches exact paths and one id segment', () => {
		const m = matchRoute('GET', '/admin/users/6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11');
		expect(m && m !== 'method_not_allowed' && m.param).toBe('6f1f6a4e-7f43-4a38-9a3c-3d2d7a1d0f11');
		expect(matchRoute('GET', '/user/')).not.toBeNull();
		expect(matchRoute('GET', '/admin/users/a/b')).toBeNull();
		expect(matchRoute('PATCH', '/user')).toBe('method_not_allowed');
		expect(matchRoute('GET', '/nope')).toBeNull();
	});

	it('matches the factor routes, whose ids sit between fixed segments', () => {
		const verify = matchRoute('POST', '/factors/f1/verify');
		expect(verify && verify !== 'method_not_allowed' && verify.params).toEqual(['f1']);
		const adminFactor = matchRoute('DELETE', '/admin/users/u1/factors/f1/');
		expect(adminFactor && adminFactor !== 'method_not_allowed' && adminFactor.params).toEqual([
			'u1',
			'f1'
		]);
		expect(matchRoute('GET', '/factors/f1/verify')).toBe('method_not_allowed');
		expect(matchRoute('POST', '/factors/f1')).toBe('method_not_allowed');
		expect(matchRoute('POST', '/factors//verify')).toBeNull();
		expect(matchRoute('GET', '/admin/users/u1/factors/f1/x')).toBeNull();
	});
});

describe('authenticator assurance level', () => {
	it('is aal2 once a second factor is among the methods', () => {
		expect(aalOf([{ method: 'password', timestamp: 1 }])).toBe('aal1');
		expect(aalOf([])).toBe('aal1');
		expect(
			aalOf([
				{ method: 'totp', timestamp: 2 },
				{ method: 'password', timestamp: 1 }
			])
		).toBe('aal2');
	});
});

describe('admin pagination headers', () => {
	const url = new URL('http://x/auth/v1/admin/users?per_page=2&page=1');
	it('links the next and last pages with sorted query keys', () => {
		expect(paginationHeaders(url, 1, 2, 5)).toEqual({
			link: '</admin/users?page=2&per_page=2>; rel="next", </admin/users?page=3&per_page=2>; rel="last"',
			'x-total-count': '5'
		});
	});
	it('has only a last link on the last page', () => {
		expect(paginationHeaders(url, 3, 2, 5).link).toBe(
			'</admin/users?page=3&per_page=2>; rel="last"'
		);
	});
});

describe('logout scope', () => {
	it.each([
		[null, 'global'],
		['', 'global'],
		['global', 'global'],
		['local', 'local'],
		['others', 'others']
	] as const)('reads %j as %s', (raw, scope) => expect(parseLogoutScope(raw)).toBe(scope));
	it('refuses anything else', () => {
		expect(() => parseLogoutScope('all')).toThrow('Unsupported logout scope "all"');
	});
});

describe('refresh tokens', () => {
	it('are 12 lower-case alphanumerics', () => {
		for (let i = 0; i < 20; i++) expect(newRefreshTokenString()).toMatch(/^[a-z0-9]{12}$/);
	});
	it('may be reused until the interval after revocation has passed', () => {
		const revoked = new Date('2024-01-01T00:00:00Z');
		expect(withinReuseInterval(revoked, 10, new Date('2024-01-01T00:00:10Z'))).toBe(true);
		expect(withinReuseInterval(revoked, 10, new Date('2024-01-01T00:00:10.001Z'))).toBe(false);
		expect(withinReuseInterval(revoked, 0, new Date('2024-01-01T00:00:00.001Z'))).toBe(false);
	});
});

describe('metadata updates', () => {
	it('merge keys and drop those set to null', () => {
		expect(mergeMetadata({ a: 1, b: 2 }, { b: null, c: 3 })).toEqual({ a: 1, c: 3 });
		expect(mergeMetadata(null, { a: 1 })).toEqual({ a: 1 });
	});
});
