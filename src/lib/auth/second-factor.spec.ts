import { describe, expect, it, vi } from 'vitest';
import {
	owesSecondFactor,
	passSecondFactor,
	startEnrolment,
	verifiedFactor
} from './second-factor.ts';

function fakeMfa(factors: { id: string; status: string; factor_type?: string }[]) {
	const all = factors.map((f) => ({ factor_type: 'totp', ...f }));
	const mfa = {
		listFactors: vi.fn(async () => ({
			data: { all, totp: all.filter((f) => f.status === 'verified') },
			error: null
		})),
		challengeAndVerify: vi.fn(async ({ code }: { factorId: string; code: string }) =>
			code === '123456'
				? { data: {}, error: null }
				: {
						data: null,
						error: { code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' }
					}
		),
		unenroll: vi.fn(async () => ({ data: {}, error: null })),
		enroll: vi.fn(async () => ({
			data: { id: 'new', totp: { qr_code: 'data:image/svg+xml;utf-8,<svg/>', secret: 'ABC' } },
			error: null
		})),
		getAuthenticatorAssuranceLevel: vi.fn(async () => ({
			data: { currentLevel: 'aal1', nextLevel: 'aal2' },
			error: null
		}))
	};
	return { client: { auth: { mfa } } as never, mfa };
}

describe('two-factor sign-in', () => {
	it('finds the verified factor, or none', async () => {
		expect(await verifiedFactor(fakeMfa([{ id: 'a', status: 'unverified' }]).client)).toEqual({
			ok: true,
			value: null
		});
		expect(await verifiedFactor(fakeMfa([{ id: 'b', status: 'verified' }]).client)).toEqual({
			ok: true,
			value: 'b'
		});
	});

	it('says a session owes the code only at aal1 with aal2 next', async () => {
		const { client, mfa } = fakeMfa([]);
		expect(await owesSecondFactor(client)).toBe(true);
		mfa.getAuthenticatorAssuranceLevel.mockResolvedValueOnce({
			data: { currentLevel: 'aal2', nextLevel: 'aal2' },
			error: null
		});
		expect(await owesSecondFactor(client)).toBe(false);
	});

	it('passes the factor with the code, spaces taken out, and reports a wrong one', async () => {
		const { client, mfa } = fakeMfa([{ id: 'f', status: 'verified' }]);
		expect(await passSecondFactor(client, '123 456')).toEqual({ ok: true, value: null });
		expect(mfa.challengeAndVerify).toHaveBeenCalledWith({ factorId: 'f', code: '123456' });
		expect(await passSecondFactor(client, '000000')).toEqual({
			ok: false,
			error: { code: 'mfa_verification_failed', message: 'Invalid TOTP code entered' }
		});
	});

	it('clears an abandoned enrolment before starting a new one', async () => {
		const { client, mfa } = fakeMfa([
			{ id: 'old', status: 'unverified' },
			{ id: 'kept', status: 'verified' }
		]);
		expect(await startEnrolment(client)).toEqual({
			ok: true,
			value: { factorId: 'new', qrCode: 'data:image/svg+xml;utf-8,<svg/>', secret: 'ABC' }
		});
		expect(mfa.unenroll).toHaveBeenCalledTimes(1);
		expect(mfa.unenroll).toHaveBeenCalledWith({ factorId: 'old' });
	});
});
