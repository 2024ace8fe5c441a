import { describe, expect, it } from 'vitest';
import type { StackConfig } from './config.ts';
import { claimsFromToken, IdentityError } from './identity.ts';
import { signJwt } from './jwt.ts';

const secret = 'a-test-secret-that-is-at-least-32-characters';
const config = { jwtSecret: secret } as StackConfig;
const exp = Math.floor(Date.now() / 1000) + 600;

async function outcome(claims: Record<string, unknown>, anonRole?: string) {
	const token = await signJwt(secret, { exp, ...claims } as never);
	try {
		const got = await claimsFromToken(config, token, anonRole ? { anonRole } : {});
		return { role: got.role, sub: got.sub };
	} catch (err) {
		return err instanceof IdentityError ? err.reason : String(err);
	}
}

describe('claimsFromToken and the role claim', () => {
	const cases: [string, Record<string, unknown>, string | undefined, unknown][] = [
		[
			'a role is kept',
			{ role: 'authenticated', sub: 'u' },
			undefined,
			{ role: 'authenticated', sub: 'u' }
		],
		[
			'a role is kept with anonRole',
			{ role: 'authenticated', sub: 'u' },
			'anon',
			{ role: 'authenticated', sub: 'u' }
		],
		['no role is refused by default', { sub: 'u' }, undefined, 'jwt_invalid'],
		['no role becomes anonRole', { sub: 'u' }, 'anon', { role: 'anon', sub: 'u' }],
		['an empty role is refused', { role: '', sub: 'u' }, 'anon', 'jwt_invalid'],
		['a non-string role is refused', { role: 5, sub: 'u' }, 'anon', 'jwt_invalid']
	];
	it.each(cases)('%s', async (_name, claims, anonRole, expected) => {
		expect(await outcome(claims, anonRole)).toEqual(expected);
	});
});
