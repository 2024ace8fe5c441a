import { describe, expect, it, vi } from 'vitest';
import {
	checkPasswordStrength,
	comparePassword,
	hashPassword,
	passwordWeakness,
	validateEmail
} from './password.ts';

// bcrypt must not run on the calling (the stack's main) thread: here it cannot. The bcrypt
// thread loads the real library, which no mock of this file reaches.
vi.mock('bcryptjs', () => {
	const refuse = () => {
		throw new Error('bcrypt ran on the calling thread');
	};
	return { default: { hash: refuse, hashSync: refuse, compare: refuse, compareSync: refuse } };
});

describe('email validation', () => {
	it('lower-cases valid addresses', () => {
		expect(validateEmail('Ada@Example.TEST')).toBe('ada@example.test');
	});
	it.each([
		['', 'An email address is required'],
		['no-at-sign', 'Unable to validate email address: invalid format'],
		['a@b..c', 'invalid format'],
		[`${'a'.repeat(250)}@b.test`, 'too long']
	])('refuses %j with validation_failed', (email, message) => {
		expect(() => validateEmail(email)).toThrow(
			expect.objectContaining({
				status: 400,
				code: 'validation_failed',
				message: expect.stringContaining(message)
			})
		);
	});
});

describe('password strength', () => {
	it('reports a short password as weak by length', () => {
		expect(passwordWeakness('abc', 6)).toEqual({
			message: 'Password should be at least 6 characters.',
			reasons: ['length']
		});
		expect(passwordWeakness('abcdef', 6)).toBeNull();
	});
	it('refuses passwords bcrypt would truncate', () => {
		expect(() => checkPasswordStrength('x'.repeat(73), 6)).toThrow(
			expect.objectContaining({ status: 400, code: 'validation_failed' })
		);
		expect(() => checkPasswordStrength('x'.repeat(72), 6)).not.toThrow();
	});
	it('throws weak_password with reasons', () => {
		expect(() => checkPasswordStrength('ab', 6)).toThrow(
			expect.objectContaining({ status: 422, code: 'weak_password', reasons: ['length'] })
		);
	});
});

describe('bcrypt', () => {
	it('hashes in GoTrue’s format and compares, on a thread of its own', async () => {
		const hash = await hashPassword('secret-pw');
		expect(hash).toMatch(/^\$2[aby]\$10\$/);
		expect(await comparePassword('secret-pw', hash)).toBe(true);
		expect(await comparePassword('other', hash)).toBe(false);
		expect(await comparePassword('secret-pw', null)).toBe(false);
		expect(await comparePassword('secret-pw', 'garbage')).toBe(false);
	});
});

describe('bcrypt, several at once', () => {
	it('answers each call with its own result', async () => {
		const [a, b] = await Promise.all([hashPassword('first-pw'), hashPassword('second-pw')]);
		const checks = await Promise.all([
			comparePassword('first-pw', a),
			comparePassword('second-pw', b),
			comparePassword('first-pw', b),
			comparePassword('second-pw', a)
		]);
		expect(checks).toEqual([true, true, false, false]);
	});
});
