import { describe, expect, it, vi } from 'vitest';
import { linkError, requestPasswordReset, setNewPassword } from './recovery.ts';

describe('password recovery', () => {
	it('reads GoTrue’s error from the link’s fragment or query', () => {
		expect(
			linkError({
				hash: '#error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired',
				search: ''
			})
		).toEqual({ code: 'otp_expired', message: 'Email link is invalid or has expired' });
		expect(linkError({ hash: '', search: '?error=server_error' })).toEqual({
			code: 'server_error',
			message: 'server_error'
		});
		expect(linkError({ hash: '#access_token=x&type=recovery', search: '' })).toBeNull();
	});

	it('asks for the mail with the address trimmed and the page to come back to', async () => {
		const resetPasswordForEmail = vi.fn(async () => ({ data: {}, error: null }));
		const client = { auth: { resetPasswordForEmail } } as never;
		expect(
			await requestPasswordReset(client, '  ana@x.test ', 'http://a.test/reset-password')
		).toEqual({
			kind: 'done'
		});
		expect(resetPasswordForEmail).toHaveBeenCalledWith('ana@x.test', {
			redirectTo: 'http://a.test/reset-password'
		});
	});

	it('turns refusals and throws into errors', async () => {
		const refused = {
			auth: {
				updateUser: async () => ({
					data: { user: null },
					error: { code: 'same_password', message: 'same' }
				})
			}
		} as never;
		expect(await setNewPassword(refused, 'x')).toEqual({
			kind: 'error',
			error: { code: 'same_password', message: 'same' }
		});
		const down = {
			auth: {
				resetPasswordForEmail: async () => {
					throw new Error('Failed to fetch');
				}
			}
		} as never;
		expect(await requestPasswordReset(down, 'a@x.test', 'http://a.test')).toEqual({
			kind: 'error',
			error: { message: 'Failed to fetch' }
		});
	});
});
