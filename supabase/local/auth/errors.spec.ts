import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import {
	AuthError,
	ERROR_CODES,
	errorBody,
	requestedApiVersion,
	reviveAuthError,
	weakPassword
} from './errors.ts';

const req = (version?: string) =>
	({
		headers: version === undefined ? {} : { 'x-supabase-api-version': version }
	}) as unknown as IncomingMessage;

describe('GoTrue error shapes', () => {
	it('uses {code, error_code, msg} without an API version header', () => {
		const err = new AuthError(400, ERROR_CODES.invalidCredentials, 'Invalid login credentials');
		expect(errorBody(err, requestedApiVersion(req()))).toEqual({
			code: 400,
			error_code: 'invalid_credentials',
			msg: 'Invalid login credentials'
		});
	});

	it('uses {code, message} from 2024-01-01 on, and carries weak_password reasons', () => {
		expect(errorBody(weakPassword('too short', ['length']), '2024-01-01')).toEqual({
			code: 'weak_password',
			message: 'too short',
			weak_password: { reasons: ['length'] }
		});
	});

	it.each([
		[undefined, 'initial'],
		['2024-01-01', '2024-01-01'],
		['2025-06-30', '2024-01-01'],
		['2023-12-31', 'initial'],
		['yesterday', 'initial'],
		['2024-13-45', 'initial']
	])('reads API version header %s as %s', (header, expected) => {
		expect(requestedApiVersion(req(header))).toBe(expected);
	});
});

describe('reviveAuthError', () => {
	it('makes an AuthError again of one that crossed threads as a plain Error with its fields', () => {
		const crossed = Object.assign(new Error('Database error granting user'), {
			name: 'AuthError',
			status: 500,
			code: 'unexpected_failure'
		});
		const revived = reviveAuthError(crossed);
		expect(revived).toBeInstanceOf(AuthError);
		expect(revived).toMatchObject({
			status: 500,
			code: 'unexpected_failure',
			message: 'Database error granting user'
		});
	});

	it('leaves anything else as it is', () => {
		const plain = new Error('boom');
		const own = new AuthError(422, ERROR_CODES.validationFailed, 'bad');
		const halfway = Object.assign(new Error('x'), { name: 'AuthError', status: 'nope' });
		for (const err of [plain, own, halfway, 'text', null]) expect(reviveAuthError(err)).toBe(err);
	});
});
