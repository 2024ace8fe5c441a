import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	loadSession,
	REFRESH_MARGIN_MS,
	refreshDelayMs,
	sessionKey,
	storeSession,
	toSession
} from './session';

const NOW = Date.UTC(2026, 11, 1, 12);
const session = {
	access_token: 'a',
	refresh_token: 'r',
	expires_at: NOW / 1000 + 3600,
	user_id: 'u1'
};

describe('toSession', () => {
	it('keeps what the snippet and the widget need from a GoTrue answer', () => {
		const answer = {
			access_token: 'a',
			refresh_token: 'r',
			expires_in: 3600,
			expires_at: NOW / 1000 + 3600,
			token_type: 'bearer',
			user: { id: 'u1', is_anonymous: true }
		};
		expect(toSession(answer, NOW)).toEqual(session);
	});

	it('derives expires_at from expires_in when the server omits it', () => {
		const answer = { access_token: 'a', refresh_token: 'r', expires_in: 60, user: { id: 'u1' } };
		expect(toSession(answer, NOW).expires_at).toBe(NOW / 1000 + 60);
	});
});

describe('refreshDelayMs', () => {
	it('refreshes a minute before expiry', () => {
		expect(refreshDelayMs(session, NOW)).toBe(3600_000 - REFRESH_MARGIN_MS);
	});

	it('says now for a token inside the margin or already expired', () => {
		expect(refreshDelayMs(session, NOW + 3600_000 - REFRESH_MARGIN_MS + 1)).toBe(0);
		expect(refreshDelayMs(session, NOW + 7200_000)).toBe(0);
	});
});

describe('storage', () => {
	afterEach(() => vi.unstubAllGlobals());

	it('keeps one session per site key', () => {
		vi.stubGlobal('localStorage', {});
		storeSession(sessionKey('pk_a'), session);
		expect(loadSession(sessionKey('pk_a'))).toEqual(session);
		expect(loadSession(sessionKey('pk_b'))).toBe(null);
	});

	it('treats a malformed entry as no session', () => {
		vi.stubGlobal('localStorage', { [sessionKey('pk_a')]: '{"access_token":1}', x: 'nope' });
		expect(loadSession(sessionKey('pk_a'))).toBe(null);
		expect(loadSession('x')).toBe(null);
	});

	it('survives storage that throws (blocked cookies, private mode)', () => {
		const blocked = new Proxy(
			{},
			{
				get: () => {
					throw new DOMException('denied', 'SecurityError');
				},
				set: () => {
					throw new DOMException('full', 'QuotaExceededError');
				}
			}
		);
		vi.stubGlobal('localStorage', blocked);
		expect(() => storeSession('k', session)).not.toThrow();
		expect(loadSession('k')).toBe(null);
	});
});
