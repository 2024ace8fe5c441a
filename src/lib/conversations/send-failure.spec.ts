import { describe, expect, it } from 'vitest';
import { retryable, sendFailure } from './api.ts';

describe('sendFailure', () => {
	const cases: [string, { code?: string; message: string }, number | undefined, string][] = [
		['a closed conversation', { code: 'P0001', message: 'conversation is closed' }, 400, 'closed'],
		[
			'a conversation handed to a colleague meanwhile',
			{ code: 'P0001', message: 'conversation is held by another agent' },
			400,
			'held'
		],
		['too many messages', { code: 'PT429', message: 'too many messages' }, 429, 'rate-limited'],
		['a body over the limit', { code: '23514', message: 'check' }, 400, 'too-long'],
		['a refusal by row level security', { code: '42501', message: 'denied' }, 403, 'refused'],
		['no answer at all', { message: 'fetch failed' }, undefined, 'network']
	];
	it.each(cases)('%s', (_, error, status, expected) =>
		expect(sendFailure(error, status)).toBe(expected)
	);
	it('does not retry a reply that a colleague’s hand-over refused', () => {
		expect(retryable('held')).toBe(false);
		expect(retryable('network')).toBe(true);
	});
});
