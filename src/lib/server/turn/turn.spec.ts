import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TurnConfigError, iceServersFor, readTurnConfig, turnCredentials } from './index.ts';

const SECRET = 'a-long-enough-secret';

describe('readTurnConfig', () => {
	it('is null when neither TURN_URL nor TURN_SECRET is set (host candidates only)', () => {
		expect(readTurnConfig({})).toBeNull();
		expect(readTurnConfig({ TURN_URL: ' ', TURN_SECRET: '' })).toBeNull();
	});

	it('reads several URLs and the default lifetime', () => {
		expect(
			readTurnConfig({
				TURN_URL: 'turn:127.0.0.1:3478?transport=udp, turns:turn.example.com:5349',
				TURN_SECRET: SECRET
			})
		).toEqual({
			urls: ['turn:127.0.0.1:3478?transport=udp', 'turns:turn.example.com:5349'],
			secret: SECRET,
			ttlSeconds: 3600
		});
	});

	it.each([
		[{ TURN_URL: 'turn:x.example' }, /set together/],
		[{ TURN_SECRET: SECRET }, /set together/],
		[{ TURN_URL: 'https://turn.example', TURN_SECRET: SECRET }, /not a turn: or turns: URL/],
		[{ TURN_URL: 'turn:x.example', TURN_SECRET: 'short' }, /at least 16/],
		[{ TURN_URL: 'turn:x.example', TURN_SECRET: SECRET, TURN_TTL_SECONDS: '5' }, /TTL/],
		[{ TURN_URL: 'turn:x.example', TURN_SECRET: SECRET, TURN_TTL_SECONDS: 'soon' }, /TTL/]
	])('refuses %j with a clear message', (env, message) => {
		expect(() => readTurnConfig(env)).toThrow(TurnConfigError);
		expect(() => readTurnConfig(env)).toThrow(message);
	});
});

describe('turnCredentials', () => {
	it('follows coturn’s REST scheme: <expiry>:<user> signed with HMAC-SHA1 in base64', () => {
		const config = { urls: ['turn:127.0.0.1:3478'], secret: SECRET, ttlSeconds: 600 };
		const { username, credential, expiresAt } = turnCredentials(config, 'user-1', 1_000_000_000);
		expect(expiresAt).toBe(1_000_000 + 600);
		expect(username).toBe('1000600:user-1');
		expect(credential).toBe(createHmac('sha1', SECRET).update(username).digest('base64'));
	});

	it('gives no ICE servers without TURN, and the TURN server with credentials with it', () => {
		expect(iceServersFor(null, 'u')).toEqual({ iceServers: [], expiresAt: null });
		const config = { urls: ['turn:127.0.0.1:3478'], secret: SECRET, ttlSeconds: 600 };
		const { iceServers } = iceServersFor(config, 'u', 0);
		expect(iceServers).toEqual([
			{ urls: ['turn:127.0.0.1:3478'], username: '600:u', credential: expect.any(String) }
		]);
	});
});
