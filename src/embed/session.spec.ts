import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSession, REFRESH_MARGIN_MS, refreshDelayMs, storeSession, toSession } from './session';

const NOW = Date.UTC(2026, 11, 1, 12);
const session = {
	access_token: 'a',
	refresh_token: 'r',
	expires_at: NOW / 1000 + 3600,
	user_id: 'u1'
};

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

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
		expect(toSession(answer)).toEqual(session);
	});
});

describe('refreshDelayMs', () => {
	it('refreshes a minute before expiry', () => {
		vi.useFakeTimers({ now: NOW });
		expect(refreshDelayMs(session)).toBe(3600_000 - REFRESH_MARGIN_MS);
	});

	it('says now for a token inside the margin or already expired', () => {
		vi.useFakeTimers({ now: NOW + 3600_000 - REFRESH_MARGIN_MS + 1 });
		expect(refreshDelayMs(session)).toBe(0);
		vi.setSystemTime(NOW + 7200_000);
		expect(refreshDelayMs(session)).toBe(0);
	});

	it('says now for a malformed stored session, whose refresh then fails and signs in anew', () => {
		expect(refreshDelayMs({} as typeof session) || 'refresh').toBe('refresh');
	});
});

describe('storage', () => {
	it('keeps one session per site key', () => {
		vi.stubGlobal('localStorage', {});
		storeSession('pk_a', session);
		expect(localStorage['parley:pk_a']).toBe(JSON.stringify(session));
		expect(loadSession('pk_a')).toEqual(session);
		expect(loadSession('pk_b')).toBeNull();
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
		expect(loadSession('k')).toBeUndefined();
	});
});
