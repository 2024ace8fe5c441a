import { describe, expect, it } from 'vitest';
import { authErrorKey } from './errors.ts';

describe('authErrorKey', () => {
	it.each([
		['invalid_credentials', 'authErrors.invalidCredentials'],
		['user_already_exists', 'authErrors.userAlreadyExists'],
		['email_exists', 'authErrors.userAlreadyExists'],
		['weak_password', 'authErrors.weakPassword'],
		['signup_disabled', 'authErrors.signupDisabled']
	])('maps GoTrue code %s to %s', (code, key) => {
		expect(authErrorKey({ code, message: 'server words' })).toBe(key);
	});

	it('leaves unknown or missing codes to the server message', () => {
		expect(authErrorKey({ code: 'something_new', message: 'x' })).toBeNull();
		expect(authErrorKey({ message: 'x' })).toBeNull();
	});
});
